# Kefu Academy — one image for the web nodes, the task worker and the scheduler.
#
# Debian 12 (bookworm): its python3 is 3.11, its fonts-noto-cjk is the font the
# certificates embed. Where Docker Hub is reachable, the default base works as is.
# Where only Debian's mirror is (docs/deploy.md, "No Docker Hub"):
#   debootstrap --variant=minbase bookworm /tmp/rootfs http://deb.debian.org/debian
#   tar -C /tmp/rootfs -c . | docker import - kefu/debian:bookworm
#   docker build --build-arg BASE=kefu/debian:bookworm -t kefu-academy .
ARG BASE=debian:bookworm-slim
FROM ${BASE}

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    LANG=C.UTF-8

# python3 + venv; the CJK font and Pango for WeasyPrint (certificate PDFs);
# tini reaps children and passes signals on, so `docker stop` is a clean stop.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      python3 python3-venv ca-certificates tini \
      fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --create-home --home-dir /home/kefu kefu \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app

# An internal PyPI mirror, if PyPI itself is out of reach (unset: PyPI).
ARG PIP_INDEX_URL
# Dependencies first (a layer that changes only with pyproject.toml).
COPY pyproject.toml ./
RUN python3 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

# The code, installed in place: themes/, content/ and quizzes/ are read from /app.
COPY . .
RUN pip install --no-deps -e . \
 && mkdir -p /srv/kefu/media \
 && chown -R kefu:kefu /srv/kefu

# Runtime files under /srv/kefu: static/ is built into the image now, media/ is
# a volume shared by every web node and the worker (or S3, see docs/deploy.md).
ENV DJANGO_SETTINGS_MODULE=lms.settings.production \
    LMS_VAR_DIR=/srv/kefu
# collectstatic needs settings that load; none of these values is used again.
RUN SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))')" \
    ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    WAGTAILADMIN_BASE_URL=https://build \
    lms collectstatic --no-input -v0 \
 && rm -f /tmp/build.sqlite3

USER kefu
EXPOSE 8000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["gunicorn", "-c", "/app/gunicorn.conf.py", "lms.wsgi"]

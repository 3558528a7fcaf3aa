"""Our lesson page against wagtail-lms's, served the same way, measured interleaved.

    .venv/bin/python bench/bench_lesson_peer.py                 # set up and measure
    .venv/bin/python bench/bench_lesson_peer.py --reuse         # databases kept

The peer is the latest `wagtail-lms` from PyPI in a virtualenv of its own under
var/bench-peer/ (created on first run, never committed), with a minimal project
generated there: a CoursePage and an H5PLessonPage whose body is the same lesson
text as ours (our rendered HTML in one rich-text paragraph), a learner enrolled
in the course. Ours is the full academy (`lms quickstart --no-serve`, production
settings, no Redis) on a database of its own.

Both run under gunicorn with the repository's gunicorn.conf.py and the same
environment, on PostgreSQL at 127.0.0.1:5432 (user postgres). Each WSGI app is
wrapped to count its SQL queries per request (X-Bench-Queries header). Rounds of
--seconds alternate between the two servers, --concurrency client threads each
keeping a connection open; each side's requests/s is its requests over its own
rounds. Prints one Markdown table row for bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT / "var" / "bench-peer"
PG = "postgres://postgres@127.0.0.1:5432"
OURS_DB, PEER_DB = "kefu_bench_ours", "kefu_bench_peer"
OURS_PORT, PEER_PORT, REDIS_PORT = 8761, 8762, 8763
LESSON = "01-role/01-duties.md"  # a text lesson of a course with no prerequisite

COUNTING_WSGI = '''"""The project WSGI app, counting its SQL queries (bench)."""
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", {settings!r})
from django.core.wsgi import get_wsgi_application
from django.db import connections

inner = get_wsgi_application()


def application(environ, start_response):
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    def respond(status, headers, exc_info=None):
        headers = [*headers, ("X-Bench-Queries", str(count[0]))]
        return start_response(status, headers, exc_info)

    with connections["default"].execute_wrapper(counter):
        return inner(environ, respond)
'''

PEER_SETTINGS = '''"""A minimal Wagtail project with wagtail-lms (benchmark peer)."""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ["PEER_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "wagtail_lms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "peer_urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_ROOT = BASE_DIR / "media"
WAGTAIL_SITE_NAME = "peer"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LANGUAGE_CODE = "zh-hans"
USE_TZ = True
'''

PEER_URLS = """from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("lms/", include("wagtail_lms.urls")),
    path("", include(wagtail_urls)),
]
"""

PEER_BASE = """{% load static %}<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %} · peer</title>
<link rel="stylesheet" href="{% static 'wagtail_lms/css/course.css' %}">
</head><body>
<header><a href="/">Academy</a>
{% if user.is_authenticated %} · {{ user.get_username }}{% endif %}</header>
<main>{% block content %}{% endblock %}</main>
</body></html>
"""

# Run in our virtualenv after quickstart: a learner and one lesson's text.
OURS_SETUP = """
import json
from django.test import Client
from lms.accounts.models import User
from lms.accounts.roles import LEARNER
from django.contrib.auth.models import Group
from lms.courses.body_cache import lesson_body_parts
from lms.courses.models import LessonPage
from lms.courses.models import ImportedSource
source = ImportedSource.objects.get(path__endswith={path!r})
lesson = LessonPage.objects.get(id=source.page_id)
user, _ = User.objects.get_or_create(
    username="bench-learner", defaults={{"display_name": "压测学员"}}
)
user.set_password("bench-only-password-1")
user.save()
user.groups.add(Group.objects.get(name=LEARNER))
client = Client()
client.force_login(user)
html = "".join(str(part) for part in lesson_body_parts(lesson, preview=True))
print(json.dumps({{"url": lesson.url, "cookie": client.cookies["sessionid"].value,
    "title": lesson.title, "body": html}}))
"""

# Run in the peer's virtualenv: the same text as an H5P lesson, a learner enrolled.
PEER_SETUP = """
import json, sys
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_lms.models import CourseEnrollment, CoursePage, H5PLessonPage
data = json.load(sys.stdin)
root = Page.objects.get(depth=2)
course = CoursePage.objects.first()
if course is None:
    course = root.add_child(instance=CoursePage(title="客服岗位认知", slug="role"))
    course.save_revision().publish()
lesson = H5PLessonPage.objects.first()
if lesson is None:
    lesson = course.add_child(instance=H5PLessonPage(
        title=data["title"], slug="duties",
        body=[("paragraph", RichText(data["body"]))]))
    lesson.save_revision().publish()
user, _ = User.objects.get_or_create(username="bench-learner")
CourseEnrollment.objects.get_or_create(user=user, course=course)
client = Client()
client.force_login(user)
print(json.dumps({"url": lesson.url, "cookie": client.cookies["sessionid"].value}))
"""


def run(cmd, *, env=None, stdin=None, cwd=None) -> str:
    result = subprocess.run(
        cmd, env=env, input=stdin, cwd=cwd, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def reset_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_peer_venv() -> Path:
    python = PEER / "venv" / "bin" / "python"
    if not python.exists():
        print("creating the peer's virtualenv (wagtail-lms from PyPI)…", flush=True)
        run([sys.executable, "-m", "venv", str(PEER / "venv")])
        run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    run(
        [str(python), "-m", "pip", "install", "-q", "--upgrade", "wagtail-lms"]
        + ["gunicorn", "psycopg[binary]", "dj-database-url"]
    )
    (PEER / "templates").mkdir(parents=True, exist_ok=True)
    (PEER / "peer_settings.py").write_text(PEER_SETTINGS)
    (PEER / "peer_urls.py").write_text(PEER_URLS)
    (PEER / "templates" / "base.html").write_text(PEER_BASE)
    (PEER / "peer_wsgi.py").write_text(COUNTING_WSGI.format(settings="peer_settings"))
    (PEER / "ours_wsgi.py").write_text(
        COUNTING_WSGI.format(settings="lms.settings.production")
    )
    return python


def version_of(python: Path, package: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    return run([str(python), "-c", code]).strip()


def environments(secret: str) -> tuple[dict, dict]:
    common = {
        **os.environ,
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "GUNICORN_LOG_LEVEL": "warning",
        "CONN_MAX_AGE": "60",
    }
    common.pop("DJANGO_SETTINGS_MODULE", None)
    ours = {
        **common,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DATABASE_URL": f"{PG}/{OURS_DB}",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LMS_VAR_DIR": str(PEER / "ours-var"),
        "PYTHONPATH": f"{PEER}:{ROOT}",
    }
    ours.pop("REDIS_URL", None)
    peer = {
        **common,
        "DJANGO_SETTINGS_MODULE": "peer_settings",
        "DATABASE_URL": f"{PG}/{PEER_DB}",
        "PEER_SECRET_KEY": secret,
        "PYTHONPATH": str(PEER),
    }
    return ours, peer


def set_up(peer_python: Path, ours_env: dict, peer_env: dict, reuse: bool) -> tuple:
    lms = str(ROOT / ".venv" / "bin" / "lms")
    ours_python = str(ROOT / ".venv" / "bin" / "python")
    if not reuse:
        reset_database(OURS_DB)
        reset_database(PEER_DB)
        print("ours: lms quickstart --no-serve (PostgreSQL)…", flush=True)
        run([lms, "quickstart", "--no-serve", "-v", "0"], env=ours_env, cwd=ROOT)
        run([lms, "collectstatic", "--noinput", "-v", "0"], env=ours_env, cwd=ROOT)
        print("peer: migrate…", flush=True)
        run([str(peer_python), "-m", "django", "migrate", "-v", "0"], env=peer_env)
        run(
            [str(peer_python), "-m", "django", "collectstatic", "--noinput", "-v", "0"],
            env=peer_env,
        )
    setup = OURS_SETUP.format(path=LESSON)
    ours = json.loads(
        run(
            [ours_python, "-c", f"import django; django.setup()\n{setup}"],
            env=ours_env,
            cwd=ROOT,
        )
        .strip()
        .splitlines()[-1]
    )
    peer = json.loads(
        run(
            [str(peer_python), "-c", f"import django; django.setup()\n{PEER_SETUP}"],
            env=peer_env,
            stdin=json.dumps(ours),
        )
        .strip()
        .splitlines()[-1]
    )
    return ours, peer


def start(python: Path, env: dict, module: str, port: int) -> subprocess.Popen:
    gunicorn = python.parent / "gunicorn"
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    process = subprocess.Popen(
        [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), f"{module}:application"],
        env=env,
        cwd=PEER,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request(
                "HEAD", "/"
            )
            return process
        except OSError:
            if process.poll() is not None:
                sys.exit(f"gunicorn ({module}) ended: {process.stderr.read()[-2000:]}")
            time.sleep(0.3)
    sys.exit(f"gunicorn ({module}) did not answer on port {port}")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def start_redis() -> subprocess.Popen:
    process = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(0.5)
    return process


def hit(port: int, url: str, cookie: str, seconds: float, concurrency: int) -> list:
    """(latency s, status, queries) for every request of one round."""
    results: list = []
    stop_at = time.perf_counter() + seconds
    headers = {
        "Cookie": f"sessionid={cookie}",
        "X-Forwarded-Proto": "https",
        "Host": "127.0.0.1",
    }

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                mine.append((time.perf_counter() - started, 0, 0))
                continue
            queries = int(response.getheader("X-Bench-Queries") or 0)
            mine.append((time.perf_counter() - started, response.status, queries))
        conn.close()
        results.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def check_page(port: int, url: str, cookie: str, expect: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "GET",
        url,
        headers={
            "Cookie": f"sessionid={cookie}",
            "X-Forwarded-Proto": "https",
            "Host": "127.0.0.1",
        },
    )
    response = conn.getresponse()
    body = response.read().decode()
    if response.status != 200 or expect not in body:
        sys.exit(f"port {port} {url}: status {response.status}, lesson text missing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep both databases")
    parser.add_argument("--rounds", type=int, default=6, help="rounds per side")
    parser.add_argument("--seconds", type=float, default=5.0, help="per round")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--redis",
        action="store_true",
        help="ours with a private Redis (cache and sessions), as production runs",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="WEB_CONCURRENCY for both (default: gunicorn.conf.py's)",
    )
    args = parser.parse_args()

    PEER.mkdir(parents=True, exist_ok=True)
    peer_python = ensure_peer_venv()
    secret_file = PEER / "secret-key"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(60))
    ours_env, peer_env = environments(secret_file.read_text().strip())
    if args.workers:
        ours_env["WEB_CONCURRENCY"] = peer_env["WEB_CONCURRENCY"] = str(args.workers)
    servers = []
    if args.redis:
        servers.append(start_redis())
        ours_env["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
    try:
        ours, peer = set_up(peer_python, ours_env, peer_env, args.reuse)
        servers += [
            start(ROOT / ".venv" / "bin" / "python", ours_env, "ours_wsgi", OURS_PORT),
            start(peer_python, peer_env, "peer_wsgi", PEER_PORT),
        ]
    except BaseException:
        stop(servers)
        raise
    sides = {
        "ours": (OURS_PORT, ours["url"], ours["cookie"]),
        "peer": (PEER_PORT, peer["url"], peer["cookie"]),
    }
    results: dict[str, list] = {"ours": [], "peer": []}
    elapsed = {"ours": 0.0, "peer": 0.0}
    try:
        expect = ours["title"]
        for port, url, cookie in sides.values():
            check_page(port, url, cookie, expect)
            hit(port, url, cookie, 3.0, args.concurrency)  # warm every worker
        for number in range(args.rounds * 2):
            # ours, peer, peer, ours, ours, peer…: neither side always goes first.
            name = ("ours", "peer")[(number + number // 2) % 2]
            port, url, cookie = sides[name]
            started = time.perf_counter()
            results[name] += hit(port, url, cookie, args.seconds, args.concurrency)
            elapsed[name] += time.perf_counter() - started
    finally:
        stop(servers)

    figures = {}
    for name, rows in results.items():
        ok = [row for row in rows if row[1] == 200]
        latencies = [row[0] * 1000 for row in ok]
        figures[name] = {
            "requests": len(rows),
            "errors": len(rows) - len(ok),
            "rps": len(ok) / elapsed[name],
            "p50": statistics.median(latencies),
            "p95": percentile(latencies, 0.95),
            "queries": statistics.median(row[2] for row in ok),
        }
        f = figures[name]
        print(
            f"{name}: {f['requests']} requests ({f['errors']} errors), "
            f"{f['rps']:.1f} req/s, p50 {f['p50']:.1f} ms, p95 {f['p95']:.1f} ms, "
            f"{f['queries']:.0f} queries/request"
        )
    ours_f, peer_f = figures["ours"], figures["peer"]
    ratio = ours_f["rps"] / peer_f["rps"]
    workers = args.workers or f"{os.cpu_count() * 2 + 1} (default)"
    print(
        f"\nours/peer requests/s: {ratio:.2f}x; p95 {ours_f['p95']:.1f} vs "
        f"{peer_f['p95']:.1f} ms"
    )
    load = os.getloadavg()[0]
    print(
        f"\n| {datetime.now(UTC):%Y-%m-%d %H:%M} | {os.cpu_count()} cores, load "
        f"{load:.1f}, CPython {platform.python_version()}, wagtail-lms "
        f"{version_of(peer_python, 'wagtail-lms')} (Wagtail "
        f"{version_of(peer_python, 'wagtail')}), {workers} workers, "
        f"{args.concurrency} clients, {args.rounds}×{args.seconds:g} s each, "
        f"ours {'with Redis' if args.redis else 'without Redis'} | "
        f"{ours_f['rps']:.1f} / {peer_f['rps']:.1f} ({ratio:.2f}×) | "
        f"{ours_f['p50']:.0f} / {peer_f['p50']:.0f} | "
        f"{ours_f['p95']:.0f} / {peer_f['p95']:.0f} | "
        f"{ours_f['queries']:.0f} / {peer_f['queries']:.0f} |"
    )


if __name__ == "__main__":
    main()

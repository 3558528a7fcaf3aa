"""Production: every required value comes from the environment, checked at start-up.

A missing or invalid value stops start-up with one line naming the variable.
"""

import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def _fail(message: str) -> None:
    sys.stderr.write(f"Configuration error: {message}\n")
    raise SystemExit(2)


try:
    SECRET_KEY = env.str("SECRET_KEY")
except ImproperlyConfigured:
    _fail("SECRET_KEY is required in production (a long random string).")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    _fail("SECRET_KEY is too weak: use at least 50 random characters.")

_debug = env.str("DEBUG", default="false").strip().lower()
if _debug not in {"0", "false", "no", "off", "", "1", "true", "yes", "on"}:
    _fail(f"DEBUG must be true or false, not {_debug!r}.")
if _debug in {"1", "true", "yes", "on"}:
    _fail("DEBUG must be false in production.")
DEBUG = False

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    _fail("ALLOWED_HOSTS is required in production (comma-separated host names).")

_KNOWN_ENGINES = {"django.db.backends.postgresql", "django.db.backends.sqlite3"}
try:
    DATABASES = {"default": env.db("DATABASE_URL")}
except ImproperlyConfigured:
    _fail("DATABASE_URL is required in production (e.g. postgres://user@host/db).")
except Exception as exc:  # noqa: BLE001 - any parse error is the variable's fault
    _fail(f"DATABASE_URL is invalid: {exc}")
if DATABASES["default"].get("ENGINE") not in _KNOWN_ENGINES:
    _fail("DATABASE_URL is invalid: use a postgres:// or sqlite:/// URL.")

WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="")
if not WAGTAILADMIN_BASE_URL.startswith(("http://", "https://")):
    _fail("WAGTAILADMIN_BASE_URL is required in production (https://your.host).")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS]
)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)  # port 465 servers

# Several web nodes and a task worker share one database: keep each process's
# connection for a minute instead of opening one per request, and check it before
# use so a restarted PostgreSQL costs one reconnect, not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

# Behind a proxy (nginx, a load balancer) that ends TLS: the proxy must set
# X-Forwarded-Proto (and overwrite any the client sent), or every request looks
# like plain HTTP and SECURE_SSL_REDIRECT loops. See docs/deploy.md.
# The health probe is answered over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# Logs on stdout, one line per record, for docker/journald to collect.
LOGGING["handlers"]["stderr"]["stream"] = "ext://sys.stdout"  # noqa: F405

# Uploaded media on S3-compatible storage (AWS S3, MinIO, Ceph, OSS, COS) when a
# bucket is named, else on local disk under MEDIA_ROOT (a volume every web node and
# the worker mount). Objects stay private: pages link to signed URLs that expire.
# Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance role),
# read by boto3 from the environment, never from settings.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _endpoint = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    _region = env.str("AWS_S3_REGION_NAME", default="") or None
    _custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": _endpoint,
            "region_name": _region,
            "custom_domain": _custom_domain,
            "location": env.str("AWS_LOCATION", default="media"),
            # MinIO and most self-hosted stores want /bucket/key, not bucket.host.
            "addressing_style": "path" if _endpoint else None,
            "default_acl": None,
            "querystring_auth": _custom_domain is None,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
            # Signature v4: the only one newer AWS regions and most S3 clones take.
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
    if _custom_domain:
        _media_origin = f"https://{_custom_domain}"
    elif _endpoint:
        _media_origin = "/".join(_endpoint.split("/")[:3])
    else:
        _media_origin = "https://*.amazonaws.com"
    # Images now come from the bucket's origin: the CSP must let pages show them.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [  # noqa: F405
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],  # noqa: F405
        _media_origin,
    ]
    LMS_ADMIN_CONTENT_SECURITY_POLICY["img-src"] = [  # noqa: F405
        *LMS_ADMIN_CONTENT_SECURITY_POLICY["img-src"],  # noqa: F405
        _media_origin,
    ]

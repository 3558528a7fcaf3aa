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

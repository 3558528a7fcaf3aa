"""Settings shared by every environment. Values come from the environment."""

from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(environ.Env().str("LMS_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    LMS_THEME=(str, "default"),
)

DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

THEMES_DIR = BASE_DIR / "themes"
LMS_THEME = env("LMS_THEME")


def theme_dirs(subdir: str) -> list[Path]:
    """The chosen theme first, then the default theme it falls back to."""
    names = [LMS_THEME] if LMS_THEME == "default" else [LMS_THEME, "default"]
    return [THEMES_DIR / name / subdir for name in names]


INSTALLED_APPS = [
    "lms.core",
    "lms.accounts",
    "lms.courses",
    "lms.quizzes",
    "lms.drills",
    "lms.certification",
    "lms.reports",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.accounts.apps.AcademyUsersAppConfig",  # wagtail.users with our fields
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.core.csp.ContentSecurityPolicyMiddleware",
    # A NUL anywhere in the request is a 400 before it can reach PostgreSQL.
    "lms.core.nul_guard.NulGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.core.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lms.core.middleware.AdminAccessGuard",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": theme_dirs("templates"),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.core.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False


def sqlite_tuned(config: dict) -> dict:
    """SQLite for a server with several threads and a task worker.

    BEGIN IMMEDIATE takes the write lock at the start of a transaction, so two
    writers queue (up to `timeout` seconds) instead of one failing with
    "database is locked" when it upgrades a read lock; WAL lets readers go on
    while someone writes.
    """
    if config["ENGINE"].endswith("sqlite3"):
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


sqlite_tuned(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation." + name}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"  # learners; staff land where they work: accounts/views
# One login page: the admin sends people to the site's (translated) login too.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: 5 failures for one username from one address lock it for 15 min.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
LANGUAGE_COOKIE_NAME = "lms_language"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = theme_dirs("static")
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The app serves MEDIA_ROOT itself with DEBUG on, or when this is true (else the web
# server in front does, with the headers lms/core/media.py sends).
LMS_SERVE_MEDIA = env.bool("LMS_SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WAGTAIL_SITE_NAME = "客服学院 Kefu Academy"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lms.core.search_backend"}}
# No page may talk to the outside world: no Gravatar, no embeds fetched from CDNs.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
# Uploads are allow-lists. No SVG image: an SVG is a document that can carry a
# <script>, and one opened from /media/ would run on this origin (the curriculum's
# own SVG drawings come in through `lms content import`, reviewed in git).
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Documents are served by Wagtail's view at /documents/, always as downloads, with
# its `Content-Security-Policy: default-src 'none'`.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_MODERATION_ENABLED = True

# One cache for every worker process, so counters (the verify throttle) hold across
# processes: Redis when REDIS_URL is set, else a table in the database (created by
# every `lms migrate`, see lms/core/apps.py).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lms_cache",
        }
    }

TASKS = {
    # Queued in the database, run by `lms db_worker` (quickstart starts one).
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="academy@example.com")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Who is mailed the traceback of every server error: "Name <a@example.com>, b@...".
ADMINS = [
    (name or address, address)
    for name, address in getaddresses([env.str("ADMINS", default="")])
    if address
]

# Everything to stderr, where the service manager (systemd, docker) keeps it, with
# the traceback of every logged exception; server errors are mailed to ADMINS too.
# Django's own handlers print only with DEBUG on, so without this a 500 in
# production left no trace. LOG_FORMAT=json writes one JSON object per line.
# WARNING by default: INFO (logins, tasks) would bury every command's own output.
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "lms.core.logging.JsonFormatter"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": env.str("LOG_FORMAT", default="text"),
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Django's console handler replaced: each record reaches stderr once, by root.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.request": {"handlers": ["mail_admins"], "propagate": True},
        "django.security": {"handlers": ["mail_admins"], "propagate": True},
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (lms/core/csp.py). The site loads nothing from another
# origin; an inline <script> or <style> needs nonce="{{ request.csp_nonce }}".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin renders inline scripts and style attributes without nonces, so it
# needs 'unsafe-inline'; it is served only to staff, and every other limit holds.
# img-src blob: is the image uploader's previews; frame-ancestors 'self' the page
# preview, which the admin shows in an iframe.
LMS_ADMIN_PATH_PREFIX = "/admin/"
LMS_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

LMS_BRAND = {
    "name": _("Kefu Academy"),
    "company": env("LMS_COMPANY", default="轻风运动旗舰店"),
}
# Printed on certificates.
LMS_CERTIFICATE_ISSUER = env(
    "LMS_CERTIFICATE_ISSUER", default="轻风运动旗舰店 客服培训中心"
)
LMS_TRAINING_LEAD = env("LMS_TRAINING_LEAD", default="陈思远")
LMS_CERTIFICATE_SIGNATURE = env("LMS_CERTIFICATE_SIGNATURE", default="")
# Where the certificates' CJK font is looked for: empty = fontconfig's own folders
# (what WeasyPrint uses); tests point it at an empty folder.
LMS_CJK_FONT_DIRS = env.list("LMS_CJK_FONT_DIRS", default=[])
# The public address certificates' QR codes and verify links point at.
LMS_PUBLIC_URL = env("LMS_PUBLIC_URL", default="http://127.0.0.1:8000")
# Go-live gate: drill average a learner needs (plus a valid certificate + sign-off).
LMS_GOLIVE_DRILL_AVERAGE = env.int("LMS_GOLIVE_DRILL_AVERAGE", default=75)
# Multiplies the simulated customer's typing delays in drills (0 = answer at once).
DRILLS_TYPING_DELAY_SCALE = env.float("DRILLS_TYPING_DELAY_SCALE", default=1.0)
# Optional LLM second opinion on drill replies (lms/drills/judging/llm.py), off
# unless a URL is set: any OpenAI-compatible base URL (vLLM, Ollama, Qwen, DeepSeek).
LMS_LLM_JUDGE_URL = env.str("LMS_LLM_JUDGE_URL", default="")
LMS_LLM_JUDGE_MODEL = env.str("LMS_LLM_JUDGE_MODEL", default="")
LMS_LLM_JUDGE_API_KEY = env.str("LMS_LLM_JUDGE_API_KEY", default="")
LMS_LLM_JUDGE_TIMEOUT = env.float("LMS_LLM_JUDGE_TIMEOUT", default=10.0)
# At most this many points up or down from the rule score.
LMS_LLM_JUDGE_BAND = env.int("LMS_LLM_JUDGE_BAND", default=15)

"""Settings shared by every environment. Values come from the environment."""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from lms.accounts.sso import config as sso_config

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
    "lms.assignments",
    "lms.notifications",
    "lms.api",
    "lms.xapi",
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
    "rest_framework",  # the HR read API (lms/api/)
    "drf_spectacular",  # its OpenAPI schema at /api/schema/
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Company sign-in (lms/accounts/sso/): only its provider URLs are mounted.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.dingtalk",
    "allauth.socialaccount.providers.feishu",
    "health_check",  # /health/ (lms/core/health.py)
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
    "allauth.account.middleware.AccountMiddleware",
    # An imported account's printed initial password is changed before anything else.
    "lms.accounts.middleware.MustSetPasswordMiddleware",
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

# Company sign-in (SSO), off unless configured: LMS_OIDC_SERVER_URL/_CLIENT_ID/
# _CLIENT_SECRET (+ _NAME, _EMPLOYEE_NO_CLAIM), LMS_DINGTALK_CLIENT_ID/_SECRET,
# LMS_FEISHU_CLIENT_ID/_SECRET. Accounts are matched by 工号 or verified e-mail;
# LMS_SSO_CREATE_USERS=true lets an unmatched sign-in create a learner.
SOCIALACCOUNT_PROVIDERS = sso_config.socialaccount_providers(os.environ)
LMS_SSO_CREATE_USERS = sso_config.create_users(os.environ)
ACCOUNT_ADAPTER = "lms.accounts.sso.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "lms.accounts.sso.adapter.SocialAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False

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

# One cache for every worker process and every web node, so counters (the verify
# throttle) and sessions hold across them: Redis when REDIS_URL is set (django-redis;
# sessions live there too), else a table in the database (created by every
# `lms migrate`, see lms/core/apps.py) and sessions in the database.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # A Redis that stops answering fails a request in seconds, not minutes.
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
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
# Notifications (lms/notifications/kinds.py), each kind on unless listed in
# LMS_NOTIFY_OFF, e.g. "review_digest,certificate_issued". Off: no notice, no e-mail.
_NOTIFY_OFF = set(env.list("LMS_NOTIFY_OFF", default=[]))
LMS_NOTIFY = {
    kind: kind not in _NOTIFY_OFF
    for kind in (
        "assignment_created",
        "due_soon",
        "overdue",
        "certificate_issued",
        "certificate_revoked",
        "certificate_expiring",
        "review_digest",
    )
}
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
# The login page's company sign-in buttons are redirected to the providers.
CONTENT_SECURITY_POLICY = sso_config.with_form_action(
    CONTENT_SECURITY_POLICY, sso_config.authorize_origins(SOCIALACCOUNT_PROVIDERS)
)
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
# Signs certificates downloaded as Open Badges 3.0 (lms/certification/badges/): an
# Ed25519 private key in PEM or its 32-byte seed in base64. dev.py keeps one in
# var/; production has none until it is set (`lms check` warns).
LMS_BADGE_SIGNING_KEY = env.str("LMS_BADGE_SIGNING_KEY", default="")
# The HR read API (lms/api/): JSON only, its schema by drf-spectacular. Each view
# sets its own authentication and permissions (lms/api/views.py).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kefu Academy HR API",
    "DESCRIPTION": "Read-only: people, progress, quiz and drill results, "
    "certificates. Authorization: Bearer <token> (lms api token USER).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["lms.api.schema.only_this_api"],
}
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
# xAPI 1.0.3 statements of learning events (lms/xapi): always recorded (for
# `lms xapi export`), sent by the task worker to this LRS (its xAPI base, e.g.
# https://lrs.example.com/xAPI/) when set, with HTTP Basic key/secret.
LMS_XAPI_ENDPOINT = env.str("LMS_XAPI_ENDPOINT", default="")
LMS_XAPI_KEY = env.str("LMS_XAPI_KEY", default="")
LMS_XAPI_SECRET = env.str("LMS_XAPI_SECRET", default="")
# The actor: "employee_no" (工号, an account on LMS_PUBLIC_URL) or "email".
LMS_XAPI_ACTOR = env.str("LMS_XAPI_ACTOR", default="employee_no")
LMS_XAPI_TIMEOUT = env.float("LMS_XAPI_TIMEOUT", default=10.0)

"""The test suite: DATABASE_URL picks SQLite (default) or PostgreSQL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STATIC_ROOT, env, sqlite_tuned

SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["*"]
_TMP = Path(tempfile.gettempdir())
DATABASES = {
    # Never :memory: — the live server of browser tests would share one SQLite
    # connection between its request threads.
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{_TMP / 'kefu-main.sqlite3'}"
    ),
}
sqlite_tuned(DATABASES["default"])
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not :memory:: the live server answers browser requests from several
    # threads at once, and each needs its own connection to the same database.
    # One file per test process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(_TMP / f"kefu-test-{os.getpid()}.sqlite3")
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# WhiteNoise warns about a missing STATIC_ROOT before collectstatic has run.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# /media/ is served by the app in tests, with its protective headers.
LMS_SERVE_MEDIA = True

# Memory, so a test without the database can still touch the cache. Base's shared
# cache (database table or Redis) is tested in
# tests/certification/test_throttle_shared.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions in the database whatever REDIS_URL says (base keeps them in Redis).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# A fixed Open Badges signing key (an Ed25519 seed), for tests only.
LMS_BADGE_SIGNING_KEY = "dGVzdC1vbmx5LWJhZGdlLWtleS0wMTIzNDU2Nzg5YWI="

# The LLM judge is off in tests whatever the shell says; tests that want it point
# it at their own fake server.
LMS_LLM_JUDGE_URL = ""
# No LRS in tests whatever the shell says; tests/xapi start a real one.
LMS_XAPI_ENDPOINT = ""

# Company sign-in is off in tests whatever the shell says; tests/sso turn it on.
SOCIALACCOUNT_PROVIDERS = {}
LMS_SSO_CREATE_USERS = False

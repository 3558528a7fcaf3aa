"""Local development and the demo: SQLite under var/, a generated secret key."""

import secrets

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, env

DEBUG = env("DEBUG", default=True)


def _dev_secret_key() -> str:
    """One random key per checkout, kept in var/ so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY", default=None) or _dev_secret_key()


def _dev_badge_key() -> str:
    """One Open Badges signing seed per checkout, kept in var/ like the secret key,
    so badges downloaded yesterday still verify today."""
    import base64

    path = VAR_DIR / "badge_signing_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


LMS_BADGE_SIGNING_KEY = env.str("LMS_BADGE_SIGNING_KEY", default="") or (
    _dev_badge_key()
)

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# WhiteNoise warns about a missing STATIC_ROOT before collectstatic has run.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

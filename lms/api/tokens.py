"""API tokens: who may hold one, making, revoking and checking them.

Called the same way from `lms api token` and from the authentication class.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.roles import is_staff_reader

from .models import ApiToken

KEY_PREFIX = "ka_"
# last_used_at is written at most this often, not on every request.
TOUCH_EVERY = timedelta(minutes=5)


class TokenError(Exception):
    pass


def may_hold_token(user) -> bool:
    """HR and superusers, while their account is active: the people the pages let
    read everyone's results (lms/reports/permissions.py)."""
    return bool(user and user.is_active and is_staff_reader(user))


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(*, user, actor=None, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the key, which is never stored."""
    if not may_hold_token(user):
        raise TokenError(
            _("%(user)s is not HR: only HR and administrators may hold API tokens.")
            % {"user": user.get_username()}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=(name or "").strip()[:100] or _("HR system"),
        prefix=key[:10],
        digest=digest_of(key),
        created_by=actor,
    )
    return token, key


def token_revoke(*, token: ApiToken) -> ApiToken:
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
    return locked


def token_user(key: str):
    """The user a key speaks for, or None: unknown, revoked, or no longer HR."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(digest=digest_of(key))
        .first()
    )
    if token is None or not may_hold_token(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

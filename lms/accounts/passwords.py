"""Set-password links: a new account's first password and HR's "send reset link".

A link is Django's password-reset token (lms/accounts/urls.py), so it works once:
the token is made from the password hash, which setting a password changes.
It expires after PASSWORD_RESET_TIMEOUT (Django's default: three days).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.certification.audit import audit_log

from .audit import PeopleAction

# No 0/O, 1/l/I: an initial password is read off paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# PBKDF2 rounds for a printed initial password. Django's default (1,000,000)
# costs about a second per account on a small server: 1,000 new hires would hold
# a web request for a quarter of an hour. An initial password is a random
# 10-character secret (about 58 bits), used once: at its first successful login
# Django re-hashes it with the full count (PBKDF2's must_update), and the person
# must replace it straight away. Guessing 58 bits at 10,000 rounds per guess is
# out of reach; a chosen password keeps the full count.
INITIAL_PASSWORD_ITERATIONS = 10_000


def initial_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))


def initial_password_hash(password: str) -> str:
    hasher = get_hasher("default")
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(
            password, hasher.salt(), iterations=INITIAL_PASSWORD_ITERATIONS
        )
    return hasher.encode(password, hasher.salt())


def set_password_path(user) -> str:
    return reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def set_password_url(user, *, base_url: str) -> str:
    return base_url.rstrip("/") + set_password_path(user)


def mail_password_link(user, *, url: str) -> None:
    context = {
        "user": user,
        "url": url,
        "brand": settings.LMS_BRAND["name"],
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    send_mail(
        subject=_("Set your Kefu Academy password"),
        message=render_to_string("accounts/email/set_password_link.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def password_link_send(*, user, actor, base_url: str) -> str | None:
    """Mail `user` a link to choose a new password, and audit who asked.

    Returns the link when the person has no e-mail address (HR passes it on by
    hand), None when it was mailed. The current password keeps working until a
    new one is set.
    """
    url = set_password_url(user, base_url=base_url)
    audit_log(
        action=PeopleAction.RESET_LINK_SENT,
        actor=actor,
        subject=user,
        mailed=bool(user.email),
    )
    if not user.email:
        return url
    mail_password_link(user, url=url)
    return None


def first_password_links_mail(*, user_ids: list[int], base_url: str) -> int:
    """Mail new accounts that still have no password their set-password link."""
    from django.contrib.auth import get_user_model

    sent = 0
    for user in (
        get_user_model()
        .objects.filter(pk__in=user_ids, must_set_password=True)
        .exclude(email="")
    ):
        if user.has_usable_password():
            continue  # a printed initial password: nothing to mail
        mail_password_link(user, url=set_password_url(user, base_url=base_url))
        sent += 1
    return sent

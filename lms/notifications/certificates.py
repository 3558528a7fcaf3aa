"""What learners are told about their certificates: issued, revoked, expiring.

Certification calls these inside its own transactions; the e-mails leave once
they commit. A certificate's serial is the key, so each is told once a day at
most (the expiry reminder is guarded once per certificate by certification)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from .kinds import Kind
from .sending import notify


def _params(certificate, moment) -> dict:
    return {
        "path": certificate.path_title,
        "serial": certificate.serial,
        "date": timezone.localtime(moment).strftime("%Y-%m-%d"),
    }


def certificate_notify_issued(certificate) -> None:
    notify(
        user=certificate.user,
        kind=Kind.CERTIFICATE_ISSUED,
        key=f"certificate:{certificate.serial}",
        params=_params(certificate, certificate.expires_at),
        url=reverse("certification:mine"),
    )


def certificate_notify_revoked(certificate) -> None:
    params = _params(certificate, certificate.revoked_at or timezone.now())
    params["reason"] = certificate.get_revoke_reason_display()
    notify(
        user=certificate.user,
        kind=Kind.CERTIFICATE_REVOKED,
        key=f"certificate:{certificate.serial}",
        params=params,
        url=reverse("certification:mine"),
    )


def certificate_notify_expiring(certificate, *, now=None) -> None:
    notify(
        user=certificate.user,
        kind=Kind.CERTIFICATE_EXPIRING,
        key=f"certificate:{certificate.serial}",
        params=_params(certificate, certificate.expires_at),
        url=reverse("certification:mine"),
        now=now,
    )

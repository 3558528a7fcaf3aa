"""Certification events → notices. Thin: the words live in kinds.py."""

from __future__ import annotations

from .certificates import certificate_notify_issued, certificate_notify_revoked


def on_certificate_issued(sender, *, certificate, **kwargs) -> None:
    certificate_notify_issued(certificate)


def on_certificate_revoked(sender, *, certificate, **kwargs) -> None:
    certificate_notify_revoked(certificate)

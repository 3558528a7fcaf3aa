"""Public verification: is this certificate genuine and in force?

Answers with the holder's name, the certification and the dates only: never
the 工号 or the results. The code in the URL is the secret (about 79 bits); the
form asks for the serial and the code together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from .models import Certificate, CertificateStatus, RevokeReason
from .serials import normalise_code

VERIFY_PATH = "/verify/{code}/"


class State:
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    NOT_FOUND = "not_found"


def verify_url(certificate: Certificate) -> str:
    base = settings.LMS_PUBLIC_URL.rstrip("/")
    return base + VERIFY_PATH.format(code=certificate.verification_code)


@dataclass(frozen=True)
class Verification:
    """What the public may know about a certificate."""

    state: str
    serial: str = ""
    holder_name: str = ""
    path_title: str = ""
    issued_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    revoke_reason: str = ""
    # The secret from the URL or the form: links the Open Badge download.
    code: str = ""

    @property
    def found(self) -> bool:
        return self.state != State.NOT_FOUND

    @property
    def revoke_reason_label(self) -> str:
        if not self.revoke_reason:
            return ""
        return RevokeReason(self.revoke_reason).label


NOT_FOUND = Verification(state=State.NOT_FOUND)


def certificate_verify(
    *, code: str, serial: str | None = None, now: datetime | None = None
) -> Verification:
    code = normalise_code(code)
    if not code:
        return NOT_FOUND
    certificates = Certificate.objects.filter(verification_code=code)
    if serial is not None:
        certificates = certificates.filter(serial=serial.strip().upper())
    certificate = certificates.first()
    if certificate is None:
        return NOT_FOUND
    return Verification(
        state=_state(certificate, now or timezone.now()),
        serial=certificate.serial,
        holder_name=certificate.holder_name,
        path_title=certificate.path_title,
        issued_at=certificate.issued_at,
        expires_at=certificate.expires_at,
        revoked_at=certificate.revoked_at,
        revoke_reason=certificate.revoke_reason,
        code=certificate.verification_code,
    )


def _state(certificate: Certificate, now: datetime) -> str:
    if certificate.status == CertificateStatus.REVOKED:
        return State.REVOKED
    if certificate.status == CertificateStatus.SUPERSEDED:
        return State.SUPERSEDED
    if certificate.is_expired_at(now):
        return State.EXPIRED
    return State.VALID

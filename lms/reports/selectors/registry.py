"""The certificate registry: every certificate ever issued, searchable."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from lms.certification.models import Certificate, CertificateStatus
from lms.certification.status import (
    EXPIRING_WITHIN,
    CertificateStanding,
    certificate_standing,
)

# The registry's status filter speaks the same words as the roster.
STANDING_CHOICES = CertificateStanding.choices


@dataclass(frozen=True)
class RegistryFilters:
    q: str = ""
    path_id: int | None = None
    status: str = ""
    cohort_id: int | None = None


@dataclass
class RegistryRow:
    certificate: Certificate
    standing: str

    @property
    def standing_label(self) -> str:
        return CertificateStanding(self.standing).label


def _standing_q(status: str, now: datetime) -> Q | None:
    """SQL for status.py's certificate_standing (kept in step by the tests)."""
    valid = Q(status=CertificateStatus.VALID)
    soon = now + EXPIRING_WITHIN
    return {
        CertificateStanding.CERTIFIED: valid & Q(expires_at__gt=soon),
        CertificateStanding.EXPIRING: valid
        & Q(expires_at__gt=now, expires_at__lte=soon),
        CertificateStanding.EXPIRED: Q(status=CertificateStatus.EXPIRED)
        | (valid & Q(expires_at__lte=now)),
        CertificateStanding.REVOKED: Q(status=CertificateStatus.REVOKED),
        CertificateStanding.SUPERSEDED: Q(status=CertificateStatus.SUPERSEDED),
    }.get(status)


def registry_queryset(
    filters: RegistryFilters, *, now: datetime | None = None
) -> QuerySet[Certificate]:
    now = now or timezone.now()
    certificates = Certificate.objects.select_related(
        "path", "user", "user__team", "user__cohort"
    ).order_by("-issued_at", "-id")
    q = filters.q.strip()
    if q:
        certificates = certificates.filter(
            Q(serial__icontains=q)
            | Q(holder_name__icontains=q)
            | Q(employee_no__icontains=q)
            | Q(user__display_name__icontains=q)
            | Q(user__username__icontains=q)
            | Q(user__employee_no__icontains=q)
        )
    if filters.path_id:
        certificates = certificates.filter(path_id=filters.path_id)
    if filters.cohort_id:
        certificates = certificates.filter(user__cohort_id=filters.cohort_id)
    standing = _standing_q(filters.status, now) if filters.status else None
    if standing is not None:
        certificates = certificates.filter(standing)
    return certificates


def registry_rows(certificates, *, now: datetime | None = None) -> list[RegistryRow]:
    now = now or timezone.now()
    return [
        RegistryRow(certificate=c, standing=certificate_standing(c, now))
        for c in certificates
    ]


def iter_registry(
    filters: RegistryFilters, *, chunk: int = 500, now: datetime | None = None
) -> Iterator[RegistryRow]:
    now = now or timezone.now()
    for certificate in registry_queryset(filters, now=now).iterator(chunk_size=chunk):
        yield RegistryRow(
            certificate=certificate, standing=certificate_standing(certificate, now)
        )

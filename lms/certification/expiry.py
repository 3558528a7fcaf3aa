"""Certificates reaching their expiry date: a reminder 30 days before, then expiry.

Renewal: 30 days before expiry the renewal window opens (assessments_since):
quiz attempts and drill sessions from then on count towards the next
certificate; courses stay done. Passing them all again issues a new certificate
that supersedes the old one, even before it expires. An expired certificate
leaves the learner on the path (the assignment stays, 需复训 cleared) with the
assessments to pass again; the roster shows 已过期 until they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .audit import Action, audit_log
from .models import Certificate, CertificateStatus, PathAssignment

REMINDER_BEFORE = timedelta(days=30)


@dataclass
class ExpiryReport:
    reminded: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"reminded {len(self.reminded)}, expired {len(self.expired)}"


def renewal_opens_at(certificate: Certificate) -> datetime:
    return max(certificate.expires_at - REMINDER_BEFORE, certificate.issued_at)


def _open_renewal(certificate: Certificate) -> None:
    """Results from the renewal window on count for the next certificate."""
    since = renewal_opens_at(certificate)
    PathAssignment.objects.filter(
        user_id=certificate.user_id, path_id=certificate.path_id
    ).filter(Q(assessments_since__isnull=True) | Q(assessments_since__lt=since)).update(
        assessments_since=since
    )


def certificates_expire(*, now: datetime | None = None) -> ExpiryReport:
    """Remind once, then expire. Safe to run often and from two places at once."""
    now = now or timezone.now()
    report = ExpiryReport()
    due = Certificate.objects.due_for_reminder(now, REMINDER_BEFORE)
    for certificate in due.select_related("user").order_by("expires_at"):
        with transaction.atomic():
            won = Certificate.objects.filter(
                pk=certificate.pk,
                status=CertificateStatus.VALID,
                reminder_sent_at__isnull=True,
            ).update(reminder_sent_at=now)
            if not won:
                continue
            _open_renewal(certificate)
            audit_log(
                action=Action.REMINDER_SENT,
                certificate=certificate,
                serial=certificate.serial,
                email=bool(certificate.user.email),
            )
        _send_reminder(certificate, now)
        report.reminded.append(certificate.serial)
    for certificate in Certificate.objects.past_expiry(now).order_by("expires_at"):
        with transaction.atomic():
            won = Certificate.objects.filter(
                pk=certificate.pk, status=CertificateStatus.VALID, expires_at__lte=now
            ).update(status=CertificateStatus.EXPIRED)
            if not won:
                continue
            _open_renewal(certificate)
            PathAssignment.objects.filter(
                user_id=certificate.user_id, path_id=certificate.path_id
            ).update(
                needs_recertification=False,
                recertification_reason="",
                retrain_course_ids=[],
                retrain_since=None,
            )
            audit_log(
                action=Action.EXPIRED,
                certificate=certificate,
                serial=certificate.serial,
            )
        report.expired.append(certificate.serial)
    return report


def _send_reminder(certificate: Certificate, now: datetime) -> None:
    """Through notifications: a dashboard notice and, with an address, an e-mail
    in the learner's language (sent by the task worker)."""
    from lms.notifications.certificates import certificate_notify_expiring

    certificate_notify_expiring(certificate, now=now)

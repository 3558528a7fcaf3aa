"""Each learner's standing on each certification path (roster, dashboard, gate).

Bulk by design: the roster asks for hundreds of learners at once, so everything
is read with a fixed number of queries, whatever the number of learners.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Certificate, CertificateStatus, CertificationPath, PathAssignment

EXPIRING_WITHIN = timedelta(days=30)


class LearnerStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")  # 未开始
    IN_PROGRESS = "in_progress", pgettext_lazy("learner status", "In progress")
    CERTIFIED = "certified", _("Certified")  # 已认证
    EXPIRING = "expiring", _("Expiring soon")  # 即将过期
    EXPIRED = "expired", _("Expired")  # 已过期
    REVOKED = "revoked", _("Revoked")  # 已吊销
    NEEDS_RETRAINING = "needs_retraining", _("Needs retraining")  # 需复训


class CertificateStanding(models.TextChoices):
    """One certificate's standing, in the roster's words (the registry, the
    certificate page, the learner's transcript and exports all use these)."""

    CERTIFIED = LearnerStatus.CERTIFIED.value, LearnerStatus.CERTIFIED.label
    EXPIRING = LearnerStatus.EXPIRING.value, LearnerStatus.EXPIRING.label
    EXPIRED = LearnerStatus.EXPIRED.value, LearnerStatus.EXPIRED.label
    REVOKED = LearnerStatus.REVOKED.value, LearnerStatus.REVOKED.label
    # Replaced by its reissue; never a learner's standing on a path.
    SUPERSEDED = "superseded", _("Superseded")  # 已被取代


@dataclass
class PathStatus:
    path: CertificationPath
    status: str
    certificate: Certificate | None = None

    @property
    def label(self) -> str:
        return LearnerStatus(self.status).label

    @property
    def expires_at(self) -> datetime | None:
        return self.certificate.expires_at if self.certificate else None


def certificate_standing(certificate: Certificate, now: datetime) -> str:
    if certificate.status == CertificateStatus.SUPERSEDED:
        return CertificateStanding.SUPERSEDED
    if certificate.status == CertificateStatus.REVOKED:
        return CertificateStanding.REVOKED
    if certificate.status == CertificateStatus.EXPIRED or certificate.expires_at <= now:
        return CertificateStanding.EXPIRED
    if certificate.expires_at <= now + EXPIRING_WITHIN:
        return CertificateStanding.EXPIRING
    return CertificateStanding.CERTIFIED


def started_on_paths(user_ids: list[int], paths: list[CertificationPath]) -> set:
    """(user_id, path_id) pairs with any activity on the path's requirements."""
    from lms.courses.models import LessonProgress
    from lms.drills.models import DrillSession
    from lms.quizzes.models import Attempt

    course_paths, quiz_paths, drill_paths = (
        defaultdict(set),
        defaultdict(set),
        defaultdict(set),
    )
    for path in paths:
        for requirement in path.course_requirements.all():
            course_paths[requirement.course_id].add(path.id)
        for requirement in path.quiz_requirements.all():
            quiz_paths[requirement.quiz_id].add(path.id)
        for requirement in path.drill_requirements.all():
            drill_paths[requirement.scenario_id].add(path.id)
    started = set()
    rows = (
        LessonProgress.objects.filter(user_id__in=user_ids, course_id__in=course_paths)
        .values_list("user_id", "course_id")
        .order_by()
        .distinct()
    )
    for user_id, course_id in rows:
        started |= {(user_id, path_id) for path_id in course_paths[course_id]}
    rows = (
        Attempt.objects.filter(user_id__in=user_ids, quiz_id__in=quiz_paths)
        .values_list("user_id", "quiz_id")
        .order_by()
        .distinct()
    )
    for user_id, quiz_id in rows:
        started |= {(user_id, path_id) for path_id in quiz_paths[quiz_id]}
    rows = (
        DrillSession.objects.filter(user_id__in=user_ids, scenario_id__in=drill_paths)
        .values_list("user_id", "scenario_id")
        .order_by()
        .distinct()
    )
    for user_id, scenario_id in rows:
        started |= {(user_id, path_id) for path_id in drill_paths[scenario_id]}
    return started


def path_statuses(
    user_ids: list[int],
    *,
    paths: list[CertificationPath] | None = None,
    now: datetime | None = None,
) -> dict[int, list[PathStatus]]:
    """user id → one PathStatus per active path (or per given path)."""
    now = now or timezone.now()
    if paths is None:
        paths = list(
            CertificationPath.objects.filter(is_active=True).prefetch_related(
                "course_requirements", "quiz_requirements", "drill_requirements"
            )
        )
    latest: dict[tuple[int, int], Certificate] = {}
    certificates = Certificate.objects.filter(
        user_id__in=user_ids, path__in=paths
    ).exclude(status=CertificateStatus.SUPERSEDED)
    for certificate in certificates.order_by("issued_at"):
        key = (certificate.user_id, certificate.path_id)
        current = latest.get(key)
        # A valid certificate outranks an older revoked or expired one.
        if (
            current is None
            or certificate.status == CertificateStatus.VALID
            or (current.status != CertificateStatus.VALID)
        ):
            latest[key] = certificate
    retraining = set(
        PathAssignment.objects.filter(
            user_id__in=user_ids, path__in=paths, needs_recertification=True
        ).values_list("user_id", "path_id")
    )
    started = started_on_paths(user_ids, paths)
    result: dict[int, list[PathStatus]] = {}
    for user_id in user_ids:
        statuses = []
        for path in paths:
            key = (user_id, path.id)
            certificate = latest.get(key)
            if key in retraining:
                status = LearnerStatus.NEEDS_RETRAINING
            elif certificate is not None:
                status = certificate_standing(certificate, now)
            elif key in started:
                status = LearnerStatus.IN_PROGRESS
            else:
                status = LearnerStatus.NOT_STARTED
            statuses.append(
                PathStatus(path=path, status=status, certificate=certificate)
            )
        result[user_id] = statuses
    return result

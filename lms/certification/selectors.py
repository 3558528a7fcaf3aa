"""Read queries for the certification pages."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import (
    AuditLogEntry,
    CertificateStatus,
    CertificationPath,
    PathAssignment,
)
from .requirements import paths_progress, with_requirements
from .status import path_statuses

# Learners keep their valid and expired certificates; revoked or replaced ones
# are not handed out again (HR still can).
LEARNER_DOWNLOADABLE = (CertificateStatus.VALID, CertificateStatus.EXPIRED)


def audit_entries(*, certificate=None) -> QuerySet[AuditLogEntry]:
    entries = AuditLogEntry.objects.select_related(
        "actor", "subject", "certificate"
    ).order_by("-created_at", "-id")
    if certificate is not None:
        entries = entries.filter(certificate=certificate)
    return entries


def learner_paths(user) -> list[dict]:
    """The dashboard panel: each of the learner's paths, its requirements and
    standing, and the certificate they hold (if any).

    The learner's paths are those they are assigned to (on their first activity);
    someone not started anywhere yet sees every active path.
    """
    paths = with_requirements(CertificationPath.objects.filter(is_active=True))
    paths = list(paths.order_by("slug"))
    assignments = {
        a.path_id: a for a in PathAssignment.objects.filter(user=user, path__in=paths)
    }
    paths = [p for p in paths if p.id in assignments] or paths
    if not paths:
        return []
    progress = paths_progress(user=user, paths=paths, assignments=assignments)
    statuses = path_statuses([user.id], paths=paths)[user.id]
    panels = []
    for status in statuses:
        certificate = status.certificate
        panels.append(
            {
                "path": status.path,
                "status": status,
                "progress": progress[status.path.id],
                "certificate": certificate,
                "downloadable": certificate is not None
                and certificate.status in LEARNER_DOWNLOADABLE,
            }
        )
    return panels

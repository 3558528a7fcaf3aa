"""Issuing certificates: automatically when the last requirement is met, by HR
with a reason, and again (reissue) with a new number.

Exactly one valid certificate per learner, path and path version: issuing locks
the learner's assignment row before reading the requirements, and the
database's partial unique constraint is the last line of defence (a lost race
ends in IntegrityError, caught here).
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import Action, audit_log
from .dates import add_months
from .errors import CertificationError
from .models import (
    Certificate,
    CertificateStatus,
    CertificationPath,
    PathAssignment,
)
from .permissions import require_certificate_manager
from .requirements import path_progress
from .serials import serial_next, verification_code_new
from .signals import certificate_issued

logger = logging.getLogger(__name__)


def holder_name(user) -> str:
    return user.display_name or user.get_full_name()


def path_assign(*, user, path: CertificationPath) -> PathAssignment:
    """Put the learner on the path (their first activity on it)."""
    assignment, _created = PathAssignment.objects.get_or_create(user=user, path=path)
    return assignment


def paths_touched(*, course=None, quiz=None, scenario=None) -> list[CertificationPath]:
    """Active paths that list this course, quiz or drill among their requirements."""
    condition = Q()
    if course is not None:
        condition |= Q(course_requirements__course=course)
    if quiz is not None:
        condition |= Q(quiz_requirements__quiz=quiz)
    if scenario is not None:
        condition |= Q(drill_requirements__scenario=scenario)
    if not condition:
        return []
    ids = CertificationPath.objects.filter(condition, is_active=True).values("id")
    return list(CertificationPath.objects.filter(id__in=ids))


def _current_certificate(user, path, assignment) -> Certificate | None:
    """The valid certificate for the path's current version, in this cycle.

    A valid certificate from before `assessments_since` is being renewed: it does
    not stop a new one (which replaces it).
    """
    valid = Certificate.objects.valid().filter(
        user=user, path=path, path_version=path.version
    )
    if assignment.assessments_since:
        valid = valid.filter(issued_at__gte=assignment.assessments_since)
    return valid.first()


def certificate_issue_if_complete(
    *, user, path: CertificationPath
) -> Certificate | None:
    """Issue the path's certificate if every requirement is met and none is held.

    Called for every active path an event touches (receivers.py); safe to call
    any number of times, from any number of requests at once.
    """
    with transaction.atomic():
        assignment = _locked_assignment(user, path)
        path = CertificationPath.objects.get(pk=path.pk)  # its current version
        if not path.is_active or _current_certificate(user, path, assignment):
            return None
        progress = path_progress(user=user, path=path, assignment=assignment)
        if not progress.complete:
            return None
        try:
            with transaction.atomic():
                certificate = _issue(
                    user=user,
                    path=path,
                    assignment=assignment,
                    summary=progress.score_summary(),
                )
        except IntegrityError:
            if _current_certificate(user, path, assignment):
                return None  # issued by a concurrent request after all
            raise
        audit_log(
            action=Action.ISSUED,
            certificate=certificate,
            serial=certificate.serial,
            path=path.slug,
            version=path.version,
        )
        return certificate


def _locked_assignment(user, path: CertificationPath) -> PathAssignment:
    """The learner's assignment row, locked until the transaction ends.

    Locked before the requirements are read: when two requirements are met at
    the same moment in two transactions, the second waits for the first to
    commit and then sees both (without the lock neither would see the other's
    and no certificate would be issued); rules changes lock the same rows.
    """
    assignment = path_assign(user=user, path=path)
    return PathAssignment.objects.select_for_update().get(pk=assignment.pk)


def certificates_check(*, user, paths: list[CertificationPath]) -> list[Certificate]:
    """Issue what the learner has just completed (receivers call this).

    Runs inside the sender's transaction: a database error here (a deadlock, a
    lost race) must not undo the learner's quiz or lesson, so each path is tried
    in a savepoint and a failure is logged.
    """
    issued = []
    for path in paths:
        try:
            with transaction.atomic():
                certificate = certificate_issue_if_complete(user=user, path=path)
        except DatabaseError:
            logger.exception(
                "certificate check failed: user %s path %s", user.pk, path.pk
            )
            continue
        if certificate is not None:
            issued.append(certificate)
    return issued


def certificate_issue_manual(
    *, user, path: CertificationPath, actor, reason: str
) -> Certificate:
    """HR issues a certificate whatever the requirements say; the reason is logged."""
    require_certificate_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CertificationError(_("Say why the certificate is issued by hand."))
    with transaction.atomic():
        assignment = _locked_assignment(user, path)
        path = CertificationPath.objects.get(pk=path.pk)
        held = Certificate.objects.valid().filter(
            user=user, path=path, path_version=path.version
        )
        if held.exists():
            raise CertificationError(
                _("%(name)s already holds a valid certificate for this path.")
                % {"name": holder_name(user)}
            )
        summary = path_progress(user=user, path=path, assignment=assignment)
        summary = {**summary.score_summary(), "manual": True}
        certificate = _issue(
            user=user,
            path=path,
            assignment=assignment,
            summary=summary,
            issued_by=actor,
            reason=reason,
        )
        audit_log(
            action=Action.ISSUED_MANUALLY,
            actor=actor,
            certificate=certificate,
            reason=reason,
            serial=certificate.serial,
            path=path.slug,
            version=path.version,
        )
        return certificate


def certificate_reissue(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """A new number for a valid certificate (name corrected, copy lost...).

    The new certificate keeps the results and the expiry date; the old one is
    superseded and no longer verifies as valid.
    """
    require_certificate_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CertificationError(_("Say why the certificate is reissued."))
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status != CertificateStatus.VALID:
            raise CertificationError(_("Only a valid certificate can be reissued."))
        old.status = CertificateStatus.SUPERSEDED
        old.save(update_fields=["status"])
        now = timezone.now()
        user = old.user
        new = Certificate.objects.create(
            serial=serial_next(at=now),
            verification_code=verification_code_new(),
            user=user,
            path_id=old.path_id,
            path_version=old.path_version,
            holder_name=holder_name(user),
            employee_no=user.employee_no or "",
            path_title=old.path_title,
            score_summary=old.score_summary,
            issued_at=now,
            expires_at=old.expires_at,
            issued_by=actor,
            issue_reason=reason,
            reminder_sent_at=old.reminder_sent_at,
            replaces=old,
            is_reissue=True,
        )
        audit_log(
            action=Action.REISSUED,
            actor=actor,
            certificate=new,
            reason=reason,
            serial=new.serial,
            replaces=old.serial,
        )
        certificate_issued.send(sender=Certificate, certificate=new)
        return new


def _issue(
    *,
    user,
    path: CertificationPath,
    assignment: PathAssignment,
    summary: dict,
    issued_by=None,
    reason: str = "",
) -> Certificate:
    """Create the certificate; one it renews or upgrades is superseded."""
    now = timezone.now()
    previous = list(Certificate.objects.valid().filter(user=user, path=path))
    if previous:
        Certificate.objects.filter(pk__in=[c.pk for c in previous]).update(
            status=CertificateStatus.SUPERSEDED
        )
    certificate = Certificate.objects.create(
        serial=serial_next(at=now),
        verification_code=verification_code_new(),
        user=user,
        path=path,
        path_version=path.version,
        holder_name=holder_name(user),
        employee_no=user.employee_no or "",
        path_title=path.title,
        score_summary=summary,
        issued_at=now,
        expires_at=add_months(timezone.localtime(now), path.validity_months),
        issued_by=issued_by,
        issue_reason=reason,
        replaces=max(previous, key=lambda c: c.issued_at) if previous else None,
    )
    for old in previous:
        audit_log(
            action=Action.SUPERSEDED,
            actor=issued_by,
            certificate=old,
            serial=old.serial,
            by=certificate.serial,
        )
    PathAssignment.objects.filter(pk=assignment.pk).update(
        needs_recertification=False,
        recertification_reason="",
        retrain_course_ids=[],
        retrain_since=None,
    )
    certificate_issued.send(sender=Certificate, certificate=certificate)
    return certificate

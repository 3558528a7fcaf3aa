"""A rules course changed: its paths go up a version and holders retrain (需复训).

Holders keep their certificate (it stays valid until it expires or they earn
the new version, which supersedes it) and are marked 需复训 with the changed
course and its quiz to do again. Their completion of that course is reopened so
that the course is back on their learning list and can be completed again; only
a completion or quiz attempt after `retrain_since` counts for the new version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.courses.progress import course_reopen

from .audit import Action, audit_log
from .errors import CertificationError
from .models import Certificate, CertificationPath, PathAssignment
from .permissions import require_path_author
from .requirements import Kind, path_progress


@dataclass
class RulesChange:
    course_id: int
    paths: list[CertificationPath] = field(default_factory=list)
    holder_ids: set[int] = field(default_factory=set)

    def summary(self) -> str:
        return _("%(paths)s path(s) now at a new version; %(n)s holder(s) retrain.") % {
            "paths": len(self.paths),
            "n": len(self.holder_ids),
        }


def paths_depending_on(course) -> list[CertificationPath]:
    return list(
        CertificationPath.objects.filter(course_requirements__course=course)
        .distinct()
        .order_by("slug")
    )


def holders_of(path: CertificationPath) -> list[int]:
    return list(
        Certificate.objects.valid()
        .filter(path=path)
        .values_list("user_id", flat=True)
        .distinct()
    )


def path_rules_changed(*, course, actor, reason: str) -> RulesChange:
    """Bump every path that requires `course`; mark its holders 需复训."""
    require_path_author(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CertificationError(_("Say what changed in the rules."))
    now = timezone.now()
    change = RulesChange(course_id=course.pk)
    with transaction.atomic():
        for path in paths_depending_on(course):
            # Wait for certificates being issued on this path right now: holders
            # are read once they are committed, and no issue runs in between.
            list(
                PathAssignment.objects.select_for_update()
                .filter(path=path)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            CertificationPath.objects.filter(pk=path.pk).update(
                version=F("version") + 1
            )
            path.refresh_from_db()
            old_version = path.version - 1
            holders = holders_of(path)
            for user_id in holders:
                retrain = _mark_for_retraining(
                    user_id=user_id, path=path, course=course, reason=reason, now=now
                )
                course_reopen(user_ids=[user_id], course_ids=retrain)
                audit_log(
                    action=Action.RETRAINING,
                    actor=actor,
                    subject=_user(user_id),
                    reason=reason,
                    path=path.slug,
                    course=course.slug,
                    version=path.version,
                )
            audit_log(
                action=Action.RULES_CHANGED,
                actor=actor,
                reason=reason,
                path=path.slug,
                course=course.slug,
                old_version=old_version,
                new_version=path.version,
                holders=len(holders),
            )
            change.paths.append(path)
            change.holder_ids |= set(holders)
    return change


def _user(user_id: int):
    from django.contrib.auth import get_user_model

    return get_user_model()(pk=user_id)


def _mark_for_retraining(*, user_id, path, course, reason, now) -> list[int]:
    """Mark the holder's assignment; the courses to do again (since `now`)."""
    assignment, _created = PathAssignment.objects.get_or_create(
        user_id=user_id, path=path
    )
    keep = _still_to_redo(assignment)
    assignment.needs_recertification = True
    assignment.recertification_reason = reason[:300]
    assignment.retrain_course_ids = sorted({*keep, course.pk})
    assignment.retrain_since = now
    assignment.save(
        update_fields=[
            "needs_recertification",
            "recertification_reason",
            "retrain_course_ids",
            "retrain_since",
        ]
    )
    return assignment.retrain_course_ids


def _still_to_redo(assignment: PathAssignment) -> list[int]:
    """Courses from an earlier rules change not yet redone (course and quizzes).

    Those fully redone drop out of the list; the others stay and, as
    `retrain_since` moves forward to the new change, are done again from then
    (a half-redone course is reopened again: stale results never count).
    """
    if not (assignment.needs_recertification and assignment.retrain_course_ids):
        return []
    progress = path_progress(
        user=assignment.user, path=assignment.path, assignment=assignment
    )
    open_courses = set()
    for requirement in progress.requirements:
        if requirement.done:
            continue
        if requirement.kind == Kind.COURSE:
            open_courses.add(requirement.obj.pk)
        elif requirement.kind == Kind.QUIZ and requirement.obj.course_id:
            open_courses.add(requirement.obj.course_id)
    return [cid for cid in assignment.retrain_course_ids if cid in open_courses]

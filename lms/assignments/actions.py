"""Changes of state of an assignment, the same from the admin, a command or a test."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.notifications.kinds import Kind
from lms.notifications.sending import notify

from .models import Assignment
from .status import assignment_statuses, learners_of


def item_title(assignment: Assignment) -> str:
    item = assignment.item
    return getattr(item, "title", "") or str(item or "")


def item_url(assignment: Assignment) -> str:
    """Where the learner goes to do it (a site path)."""
    kind = assignment.item_kind
    if kind == "course":
        return assignment.course.url or ""
    if kind == "quiz":
        return reverse("quizzes:detail", args=[assignment.quiz.slug])
    if kind == "scenario":
        return reverse("drills:catalogue") + f"#{assignment.scenario.slug}"
    return reverse("dashboard")


def due_text(status) -> str:
    return status.due.isoformat() if status.due else _("no due date")


@transaction.atomic
def assignment_create(
    *, assigned_by=None, now: datetime | None = None, **fields
) -> Assignment:
    """Validate, save and tell every learner it reaches."""
    assignment = Assignment(assigned_by=assigned_by, **fields)
    if now is not None:
        assignment.created_at = now
    assignment.full_clean()
    assignment.save()
    assignment_notify_created(assignment=assignment, now=now)
    return assignment


def assignment_notify_created(
    *, assignment: Assignment, now: datetime | None = None
) -> int:
    """A notice (and e-mail) for each learner the assignment reaches."""
    now = now or timezone.now()
    users = list(learners_of(assignment).select_related(None))
    statuses = assignment_statuses(users, now=now)
    title, url = item_title(assignment), item_url(assignment)
    sent = 0
    for user in users:
        status = next(
            (s for s in statuses[user.id] if s.assignment.pk == assignment.pk), None
        )
        if status is None or status.done:
            continue
        notice = notify(
            user=user,
            kind=Kind.ASSIGNMENT_CREATED,
            key=f"assignment:{assignment.pk}",
            params={
                "item": title,
                "due": due_text(status),
                "note": assignment.note,
            },
            url=url,
            now=now,
        )
        sent += notice is not None
    return sent

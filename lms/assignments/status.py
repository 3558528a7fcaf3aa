"""Which assignments reach a learner, and where each one stands.

Nothing is stored: an item counts as done from the records the rest of the
academy already keeps —

- a course: its CourseCompletion;
- a quiz or exam: a finished attempt that passed;
- a drill: a finished *exam* session that passed (practice shows model answers
  and hints, so, as for certification, only an exam run says what the learner
  can do alone);
- a certification path: a valid certificate that has not reached its expiry.

`assignment_statuses` is bulk: one query for the assignments and one for what
is done (a UNION over the kinds of item), whatever the number of learners (the
roster asks for 5,000 at once). `assignments_for` is the dashboard's: one query
for one learner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import CharField, Exists, F, OuterRef, QuerySet, Value
from django.utils import timezone

from .models import ITEM_FIELDS, Assignment


class State:
    DONE = "done"
    OPEN = "open"
    OVERDUE = "overdue"


def done_records(kind: str, now: datetime) -> QuerySet:
    """The records that make an item of `kind` done (filtered by user and item)."""
    from lms.certification.models import Certificate
    from lms.courses.models import CourseCompletion
    from lms.drills.models import DrillSession, Mode
    from lms.quizzes.models import Attempt

    if kind == "course":
        return CourseCompletion.objects.all()
    if kind == "quiz":
        return Attempt.objects.finished().filter(passed=True)
    if kind == "scenario":
        return DrillSession.objects.finished().filter(passed=True, mode=Mode.EXAM)
    if kind == "path":
        return Certificate.objects.valid().filter(expires_at__gt=now)
    raise ValueError(kind)


@dataclass
class AssignmentStatus:
    assignment: Assignment
    due: date | None
    done: bool
    today: date

    @property
    def state(self) -> str:
        if self.done:
            return State.DONE
        if self.due is not None and self.today > self.due:
            return State.OVERDUE
        return State.OPEN

    @property
    def overdue(self) -> bool:
        return self.state == State.OVERDUE

    @property
    def days_left(self) -> int | None:
        """Days until the due date (0: due today, negative: days overdue)."""
        return None if self.due is None else (self.due - self.today).days

    @property
    def days_overdue(self) -> int:
        left = self.days_left
        return -left if left is not None and left < 0 else 0


@dataclass(frozen=True)
class Learner:
    """What the resolver needs of a learner (a User has all of it)."""

    id: int
    team_id: int | None
    cohort_id: int | None
    hire_date: date | None
    date_joined: datetime | None


def _joined(user) -> date | None:
    joined = user.date_joined
    return timezone.localdate(joined) if joined else None


def _status(assignment, user, done: bool, today: date) -> AssignmentStatus:
    due = assignment.due_for(hire_date=user.hire_date, joined=_joined(user))
    return AssignmentStatus(assignment=assignment, due=due, done=done, today=today)


def _reaches(assignment, user) -> bool:
    return (
        assignment.user_id == user.id
        or (assignment.team_id is not None and assignment.team_id == user.team_id)
        or (assignment.cohort_id is not None and assignment.cohort_id == user.cohort_id)
    )


def _order(statuses: list[AssignmentStatus]) -> list[AssignmentStatus]:
    """Overdue first, then open by due date, then done."""
    rank = {State.OVERDUE: 0, State.OPEN: 1, State.DONE: 2}
    return sorted(
        statuses,
        key=lambda s: (rank[s.state], s.due or date.max, s.assignment.id),
    )


def assignment_statuses(
    users: Iterable, *, now: datetime | None = None, with_items: bool = False
) -> dict[int, list[AssignmentStatus]]:
    """user id → the statuses of every assignment reaching that learner."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    users = list(users)
    result: dict[int, list[AssignmentStatus]] = {user.id: [] for user in users}
    if not users:
        return result
    assignments = Assignment.objects.for_users(users)
    if with_items:
        assignments = assignments.select_related(*ITEM_FIELDS)
    assignments = list(assignments)
    if not assignments:
        return result
    user_ids = [user.id for user in users]
    # One query for every kind of item: a UNION of the "done" records.
    parts = []
    for kind in ITEM_FIELDS:
        item_ids = {getattr(a, f"{kind}_id") for a in assignments} - {None}
        if item_ids:
            parts.append(
                done_records(kind, now)
                .filter(user_id__in=user_ids, **{f"{kind}_id__in": item_ids})
                .order_by()
                # Named annotations: every part of the UNION has the same columns
                # in the same order (PostgreSQL matches them by position and type).
                .annotate(
                    done_kind=Value(kind, output_field=CharField()),
                    done_user=F("user_id"),
                    done_item=F(f"{kind}_id"),
                )
                .values_list("done_kind", "done_user", "done_item")
            )
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    done: set[tuple[str, int, int]] = set(rows)
    for user in users:
        mine = []
        for assignment in assignments:
            if not _reaches(assignment, user):
                continue
            kind = assignment.item_kind
            key = (kind, user.id, getattr(assignment, f"{kind}_id"))
            mine.append(_status(assignment, user, key in done, today))
        result[user.id] = _order(mine)
    return result


def assignments_for(user, *, now: datetime | None = None) -> list[AssignmentStatus]:
    """The learner's own assignments with their items, in one query."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    annotations = {
        f"done_{kind}": Exists(
            done_records(kind, now).filter(
                user_id=user.id, **{f"{kind}_id": OuterRef(f"{kind}_id")}
            )
        )
        for kind in ITEM_FIELDS
    }
    rows = (
        Assignment.objects.for_users([user])
        .select_related(*ITEM_FIELDS)
        .annotate(**annotations)
    )
    return _order(
        [
            _status(row, user, getattr(row, f"done_{row.item_kind}"), today)
            for row in rows
        ]
    )


def overdue_counts(users: Iterable, *, now: datetime | None = None) -> dict[int, int]:
    """user id → how many of their assignments are overdue (0 when none)."""
    return {
        user_id: sum(1 for status in statuses if status.overdue)
        for user_id, statuses in assignment_statuses(users, now=now).items()
    }


def learners_of(assignment: Assignment) -> QuerySet:
    """The active accounts an assignment reaches."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if assignment.user_id:
        return users.filter(id=assignment.user_id)
    if assignment.team_id:
        return users.filter(team_id=assignment.team_id)
    return users.filter(cohort_id=assignment.cohort_id)


def group_by_user(statuses: dict[int, list[AssignmentStatus]], state: str) -> dict:
    """user id → their statuses in `state` (for the daily notifications)."""
    grouped: dict[int, list[AssignmentStatus]] = defaultdict(list)
    for user_id, mine in statuses.items():
        grouped[user_id].extend(s for s in mine if s.state == state)
    return grouped

"""`lms notify daily`: what is told once a day.

- learners: an assignment due within 3 days, then one that is overdue (each
  once per assignment);
- learners: certificates expiring in 30 days (certification's expiry run, which
  also marks expired certificates);
- trainers: a digest of the drill review queue, when it is not empty.

Idempotent: a notice exists once per recipient, kind, subject and day, and the
assignment notices once per assignment at all, so a second run the same day
(or a second worker) sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .kinds import Kind
from .sending import already_notified, notify

DUE_SOON_DAYS = 3


@dataclass
class DailyReport:
    due_soon: int = 0
    overdue: int = 0
    expiring: int = 0
    expired: int = 0
    digests: int = 0

    def summary(self) -> str:
        return (
            f"due soon {self.due_soon}, overdue {self.overdue}, "
            f"expiring {self.expiring}, expired {self.expired}, "
            f"digests {self.digests}"
        )


def notify_daily(*, now: datetime | None = None) -> DailyReport:
    from lms.certification.expiry import certificates_expire

    now = now or timezone.now()
    report = DailyReport()
    report.due_soon, report.overdue = assignment_reminders(now=now)
    expiry = certificates_expire(now=now)
    report.expiring, report.expired = len(expiry.reminded), len(expiry.expired)
    report.digests = review_digests(now=now)
    return report


def assignment_reminders(*, now: datetime) -> tuple[int, int]:
    from lms.assignments.actions import due_text, item_title, item_url
    from lms.assignments.models import Assignment
    from lms.assignments.status import State, assignment_statuses

    targets = list(Assignment.objects.values_list("user_id", "team_id", "cohort_id"))
    if not targets:
        return 0, 0
    reached = Q(pk__in=[t[0] for t in targets if t[0]])
    reached |= Q(team_id__in=[t[1] for t in targets if t[1]])
    reached |= Q(cohort_id__in=[t[2] for t in targets if t[2]])
    users = list(get_user_model().objects.filter(reached, is_active=True))
    statuses = assignment_statuses(users, now=now, with_items=True)
    keys = {f"assignment:{s.assignment.pk}" for mine in statuses.values() for s in mine}
    told = {
        kind: already_notified(kind=kind, keys=keys)
        for kind in (Kind.DUE_SOON, Kind.OVERDUE)
    }
    counts = {Kind.DUE_SOON: 0, Kind.OVERDUE: 0}
    for user in users:
        for status in statuses[user.id]:
            if status.state == State.OVERDUE:
                kind = Kind.OVERDUE
            elif (
                status.state == State.OPEN
                and status.days_left is not None
                and (0 <= status.days_left <= DUE_SOON_DAYS)
            ):
                kind = Kind.DUE_SOON
            else:
                continue
            key = f"assignment:{status.assignment.pk}"
            if (user.id, key) in told[kind]:
                continue
            notice = notify(
                user=user,
                kind=kind,
                key=key,
                params={
                    "item": item_title(status.assignment),
                    "due": due_text(status),
                    "days": status.days_left,
                },
                url=item_url(status.assignment),
                now=now,
            )
            counts[kind] += notice is not None
    return counts[Kind.DUE_SOON], counts[Kind.OVERDUE]


def review_digests(*, now: datetime) -> int:
    """One digest a day to every active trainer while the queue is not empty."""
    from lms.accounts.roles import TRAINER
    from lms.drills.review import queue_counts

    counts = queue_counts(now=now)
    if not counts.total:
        return 0
    trainers = get_user_model().objects.filter(is_active=True, groups__name=TRAINER)
    sent = 0
    for trainer in trainers.distinct():
        notice = notify(
            user=trainer,
            kind=Kind.REVIEW_DIGEST,
            key="digest",
            params={
                "total": counts.total,
                "low": counts.low,
                "fatal": counts.fatal,
                "appeals": counts.appeals,
            },
            url=reverse("drills:review"),
            now=now,
        )
        sent += notice is not None
    return sent

"""The trainers' review queue: drill sessions a person should look at.

A finished session waits for review while no trainer has rescored any of its
turns, if it failed (a low score) or has a fatal rule finding, for two weeks
after it finished; an open appeal waits until a trainer resolves it. The page
(views/appeals.py) and the trainers' daily digest read the same queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import AppealStatus, DrillSession, DrillTurn, TurnAppeal

REVIEW_WINDOW = timedelta(days=14)


def flagged_sessions(*, now: datetime | None = None) -> QuerySet[DrillSession]:
    """Failed or fatal finished sessions of the window, not rescored yet."""
    now = now or timezone.now()
    rescored = DrillTurn.objects.filter(
        session_id=OuterRef("pk"), override_score__isnull=False
    )
    return (
        DrillSession.objects.finished()
        .filter(finished_at__gte=now - REVIEW_WINDOW, finished_at__lte=now)
        .filter(Q(passed=False) | Q(fatal=True))
        .exclude(Exists(rescored))
        .select_related("user", "scenario")
        .order_by("-finished_at", "-id")
    )


def open_appeals() -> QuerySet[TurnAppeal]:
    return (
        TurnAppeal.objects.filter(status=AppealStatus.OPEN)
        .select_related("user", "turn__session__scenario")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class QueueCounts:
    low: int
    fatal: int
    appeals: int

    @property
    def total(self) -> int:
        return self.low + self.fatal + self.appeals


def queue_counts(*, now: datetime | None = None) -> QueueCounts:
    sessions = flagged_sessions(now=now)
    return QueueCounts(
        low=sessions.filter(fatal=False).count(),
        fatal=sessions.filter(fatal=True).count(),
        appeals=open_appeals().count(),
    )

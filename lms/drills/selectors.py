"""Read queries about drill results, for learners' pages, trainers, HR and
certification. A fixed number of queries whatever the number of sessions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from .models import DrillSession, Mode, Scenario, SessionStatus


@dataclass(frozen=True)
class BestScore:
    score: int
    passed: bool
    sessions: int  # finished sessions counted


def drill_best_scores(user, *, mode: str | None = None) -> dict[str, BestScore]:
    """Per scenario id: the learner's best finished score and whether any passed.

    `mode` limits to practice or exam sessions (default: both). Rush-hour
    sessions count for the scenario each customer played.
    """
    sessions = DrillSession.objects.finished().filter(user=user)
    if mode is not None:
        sessions = sessions.filter(mode=mode)
    rows = sessions.values("scenario__slug").annotate(
        best=Max("score"),
        any_passed=Count("id", filter=Q(passed=True)),
        count=Count("id"),
    )
    return {
        row["scenario__slug"]: BestScore(
            score=row["best"] or 0, passed=row["any_passed"] > 0, sessions=row["count"]
        )
        for row in rows
    }


def drill_average(user, *, mode: str | None = None) -> float | None:
    """The mean of the learner's per-scenario best scores (None: no drill done)."""
    best = drill_best_scores(user, mode=mode)
    if not best:
        return None
    return round(sum(item.score for item in best.values()) / len(best), 1)


def learner_sessions(user, *, limit: int = 20) -> list[DrillSession]:
    return list(
        DrillSession.objects.filter(user=user)
        .select_related("scenario", "rush_set")
        .order_by("-started_at", "-id")[:limit]
    )


def open_solo_sessions(user) -> dict[tuple[str, str], DrillSession]:
    """(scenario id, mode) → the learner's unfinished solo session."""
    sessions = (
        DrillSession.objects.in_progress()
        .filter(user=user, rush_group__isnull=True)
        .select_related("scenario")
    )
    return {(s.scenario.slug, s.mode): s for s in sessions}


def transcript_sessions(
    *,
    learner: str = "",
    scenario: str = "",
    status: str = "",
    mode: str = "",
) -> QuerySet[DrillSession]:
    """Every learner's sessions for trainers and HR, newest first."""
    sessions = (
        DrillSession.objects.select_related("user", "scenario", "rush_set")
        .annotate(
            answered=Count("turns", filter=Q(turns__received_at__isnull=False)),
            overrides=Count("turns", filter=Q(turns__override_score__isnull=False)),
        )
        .order_by("-started_at", "-id")
    )
    if learner:
        sessions = sessions.filter(
            Q(user__username__icontains=learner)
            | Q(user__display_name__icontains=learner)
        )
    if scenario:
        sessions = sessions.filter(scenario__slug=scenario)
    if status in SessionStatus.values:
        sessions = sessions.filter(status=status)
    if mode in Mode.values:
        sessions = sessions.filter(mode=mode)
    return sessions


def scenario_choices() -> list[tuple[str, str]]:
    return list(Scenario.objects.order_by("slug").values_list("slug", "title"))

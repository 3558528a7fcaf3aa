"""Figures for the HR charts: pass rate per cohort, scores, days to certify."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _

from lms.accounts.models import Cohort
from lms.certification.models import Certificate
from lms.courses.models import LessonProgress
from lms.drills.models import DrillSession
from lms.quizzes.models import Attempt, Quiz

from ..aggregation import PassRate, days_between, earliest, median, pass_rates
from .roster import joined_at, learners


def chart_quizzes() -> list[Quiz]:
    """Standalone exams first (the final exam is what HR asks about), then quizzes."""
    quizzes = list(Quiz.objects.filter(is_active=True).select_related("course"))
    return sorted(quizzes, key=lambda quiz: (quiz.course_id is not None, quiz.slug))


def _cohort_order() -> dict[str, int]:
    names = Cohort.objects.order_by("-starts_on", "name").values_list("name", flat=True)
    return {name: index for index, name in enumerate(names)}


def _learner_attempts(quiz: Quiz, cohort_id: int | None):
    attempts = Attempt.objects.finished().filter(quiz=quiz, user__in=learners())
    if cohort_id:
        attempts = attempts.filter(user__cohort_id=cohort_id)
    return attempts.order_by()


def cohort_pass_rates(quiz: Quiz) -> list[PassRate]:
    """Per cohort: learners who sat the quiz, and how many passed it at least once."""
    rows = (
        _learner_attempts(quiz, None)
        .values("user_id", "user__cohort__name")
        .annotate(passes=Count("id", filter=Q(passed=True)))
    )
    no_cohort = _("No cohort")
    rates = pass_rates(
        (row["user__cohort__name"] or no_cohort, row["passes"] > 0) for row in rows
    )
    order = _cohort_order()
    return sorted(
        rates, key=lambda rate: (order.get(rate.label, len(order)), rate.label)
    )


def best_scores(quiz: Quiz, *, cohort_id: int | None = None) -> list[float]:
    """Each learner's best finished score on the quiz."""
    rows = (
        _learner_attempts(quiz, cohort_id)
        .values("user_id")
        .annotate(best=Max("score"))
        .values_list("best", flat=True)
    )
    return [score or 0.0 for score in rows]


@dataclass(frozen=True)
class DaysToCertify:
    days: list[int]
    by_cohort: list[tuple[str, float | None, int]]  # (cohort, median days, count)
    from_first_activity: int  # learners without a hire date, counted from activity

    @property
    def median(self) -> float | None:
        return median(self.days)


def _first_activity(user_ids: list[int]) -> dict[int, object]:
    firsts: dict[int, object] = {}
    for model, field_name in (
        (LessonProgress, "first_viewed_at"),
        (Attempt, "started_at"),
        (DrillSession, "started_at"),
    ):
        rows = (
            model.objects.filter(user_id__in=user_ids)
            .order_by()
            .values("user_id")
            .annotate(first=Min(field_name))
            .values_list("user_id", "first")
        )
        for user_id, first in rows:
            firsts[user_id] = earliest(firsts.get(user_id), first)
    return firsts


def days_to_certify(
    *, path_id: int | None = None, cohort_id: int | None = None
) -> DaysToCertify:
    """Hire date (or first activity) → first certificate, per learner and path."""
    certificates = Certificate.objects.filter(user__in=learners())
    if path_id:
        certificates = certificates.filter(path_id=path_id)
    if cohort_id:
        certificates = certificates.filter(user__cohort_id=cohort_id)
    rows = list(
        certificates.order_by()
        .values("user_id", "path_id", "user__hire_date", "user__cohort__name")
        .annotate(first=Min("issued_at"))
    )
    undated = [row["user_id"] for row in rows if not row["user__hire_date"]]
    firsts = _first_activity(undated) if undated else {}
    days, by_cohort, counted = [], defaultdict(list), 0
    for row in rows:
        start = joined_at(row["user__hire_date"], None) or firsts.get(row["user_id"])
        if start is None:
            continue
        counted += 0 if row["user__hire_date"] else 1
        value = days_between(start, row["first"])
        days.append(value)
        by_cohort[row["user__cohort__name"] or _("No cohort")].append(value)
    order = _cohort_order()
    cohorts = sorted(by_cohort, key=lambda name: (order.get(name, len(order)), name))
    return DaysToCertify(
        days=days,
        by_cohort=[
            (name, median(by_cohort[name]), len(by_cohort[name])) for name in cohorts
        ],
        from_first_activity=counted,
    )

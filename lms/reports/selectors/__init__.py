"""Read queries for the HR pages (roster, transcript, registry, charts)."""

from .charts import (
    DaysToCertify,
    best_scores,
    chart_quizzes,
    cohort_pass_rates,
    days_to_certify,
)
from .registry import (
    STANDING_CHOICES,
    RegistryFilters,
    RegistryRow,
    iter_registry,
    registry_queryset,
    registry_rows,
)
from .roster import (
    PER_PAGE,
    QuizScore,
    ReportScope,
    RosterFilters,
    RosterPage,
    RosterRow,
    filtered_ids,
    iter_roster,
    learners,
    report_scope,
    roster_page,
    roster_queryset,
    roster_rows,
)
from .transcript import Transcript, learner_transcript

__all__ = [
    "PER_PAGE",
    "STANDING_CHOICES",
    "DaysToCertify",
    "QuizScore",
    "RegistryFilters",
    "RegistryRow",
    "ReportScope",
    "RosterFilters",
    "RosterPage",
    "RosterRow",
    "Transcript",
    "best_scores",
    "chart_quizzes",
    "cohort_pass_rates",
    "days_to_certify",
    "filtered_ids",
    "iter_registry",
    "iter_roster",
    "learner_transcript",
    "learners",
    "registry_queryset",
    "registry_rows",
    "report_scope",
    "roster_page",
    "roster_queryset",
    "roster_rows",
]

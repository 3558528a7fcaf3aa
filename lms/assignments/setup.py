"""What `lms quickstart` does for assignments: required training for the demo
learners, so the dashboard's 必修 panel and the roster's 逾期 flag have
something to show.

The cohorts are the HR demo cohort (lms/reports/setup.py), the demo learner's
(lms/accounts/demo.py) and, when
content/people/sample-cohort.csv exists (imported by the accounts step), the
cohorts it names. Each gets a course due a week after hire, the final exam due
in three days, a drill that was due two days ago and the 售前 certification due
60 days after hire. Idempotent: an item already assigned to a cohort is left as
it is; what does not exist (content not imported) is skipped.
"""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from .actions import assignment_create
from .models import Assignment

SAMPLE_COHORT_FILE = Path("content") / "people" / "sample-cohort.csv"
COHORT_COLUMNS = ("cohort", "批次", "入职批次")
DEMO_NOTE = "演示：入职必修"


def sample_cohort_names(base_dir: Path) -> set[str]:
    """The cohorts named in the sample people file (none when it is absent)."""
    path = base_dir / SAMPLE_COHORT_FILE
    if not path.exists():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = set()
    for row in rows:
        for column in COHORT_COLUMNS:
            if (row.get(column) or "").strip():
                names.add(row[column].strip())
                break
    return names


def demo_items() -> list[tuple[str, object, dict]]:
    """(kind, item, due rule) of the demo assignments that can be made."""
    from lms.certification.models import CertificationPath
    from lms.courses.models import CoursePage
    from lms.drills.models import Scenario
    from lms.quizzes.models import Quiz

    today = timezone.localdate()
    wanted = [
        (
            "course",
            CoursePage.objects.filter(slug="role").order_by("path").first(),
            {"due_days_after_hire": 7},
        ),
        (
            "quiz",
            Quiz.objects.filter(slug="final-exam").first(),
            {"due_on": today + timedelta(days=3)},
        ),
        (
            "scenario",
            Scenario.objects.filter(slug="greeting-product").first(),
            {"due_on": today - timedelta(days=2)},
        ),
        (
            "path",
            CertificationPath.objects.filter(slug="presales").first(),
            {"due_days_after_hire": 60},
        ),
    ]
    return [(kind, item, due) for kind, item, due in wanted if item is not None]


def ensure_demo_assignments(base_dir: Path) -> str:
    from lms.accounts.demo import DEMO_COHORT
    from lms.accounts.models import Cohort
    from lms.notifications.daily import assignment_reminders
    from lms.reports.setup import COHORT

    names = {COHORT, DEMO_COHORT} | sample_cohort_names(base_dir)
    cohorts = list(Cohort.objects.filter(name__in=names).order_by("name"))
    items = demo_items()
    created = 0
    for cohort in cohorts:
        for kind, item, due in items:
            if Assignment.objects.filter(cohort=cohort, **{kind: item}).exists():
                continue
            assignment_create(cohort=cohort, note=DEMO_NOTE, **{kind: item}, **due)
            created += 1
    due_soon, overdue = assignment_reminders(now=timezone.now())
    cohort_names = ", ".join(cohort.name for cohort in cohorts) or "no cohort"
    return (
        f"{Assignment.objects.count()} assignments ({created} created for "
        f"{cohort_names}); notices: {due_soon} due soon, {overdue} overdue"
    )


def quickstart_steps(base_dir: Path):
    return [("必修安排 / assignments", lambda: ensure_demo_assignments(base_dir))]

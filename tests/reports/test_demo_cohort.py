"""`lms quickstart`'s demo cohort: every roster status, built once."""

from pathlib import Path

import pytest

from lms.accounts.models import Cohort
from lms.certification.models import (
    AuditLogEntry,
    Certificate,
    CertificationPath,
    GoLiveSignOff,
    PathCourseRequirement,
    PathDrillRequirement,
    PathQuizRequirement,
)
from lms.certification.status import LearnerStatus
from lms.drills.loading import drills_load
from lms.drills.models import DrillSession, Scenario
from lms.quizzes.importing import quizzes_import
from lms.quizzes.models import Attempt, Quiz
from lms.reports.selectors import RosterFilters, roster_page
from lms.reports.setup import demo_cohort, quickstart_steps
from tests.courses.pages import make_course

TESTS = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.django_db


@pytest.fixture
def presales_path(site_tree):
    """A small 售前 path from the other apps' test data: a course, an exam and
    two drills with model answers."""
    _home, index = site_tree
    # Before any course exists: the bank's lesson references are not checked.
    quizzes_import(paths=[TESTS / "quizzes" / "data" / "web"])
    course = make_course(index, "rep-demo-course", lessons=2, title="演示课程")
    drills_load(root=TESTS / "drills" / "data")
    path = CertificationPath.objects.create(
        slug="presales", title="售前客服上岗认证", drill_average_min=75
    )
    PathCourseRequirement.objects.create(path=path, course=course)
    PathQuizRequirement.objects.create(
        path=path, quiz=Quiz.objects.get(slug="basics-exam")
    )
    for scenario in Scenario.objects.filter(slug__in=["bargain-basic", "late-parcel"]):
        PathDrillRequirement.objects.create(path=path, scenario=scenario)
    return path


def snapshot():
    return [
        model.objects.count()
        for model in (Attempt, DrillSession, Certificate, AuditLogEntry, GoLiveSignOff)
    ]


def test_the_demo_cohort_covers_every_status_and_is_built_once(presales_path):
    ((label, step),) = quickstart_steps(Path("."))
    assert "demo cohort" in label
    assert step() == "8 demo learners in 2026年10月批 (8 created)"
    first = snapshot()
    assert demo_cohort() == "8 demo learners in 2026年10月批 (unchanged)"
    assert snapshot() == first

    cohort = Cohort.objects.get(name="2026年10月批")
    rows = roster_page(
        RosterFilters(cohort_id=cohort.pk, path_id=presales_path.pk)
    ).rows
    assert len(rows) == 8
    assert {row.user.team.name for row in rows} == {"客服一组", "客服二组"}
    statuses = {row.user.username: row.statuses[0].status for row in rows}
    assert set(statuses.values()) == set(LearnerStatus.values)
    assert statuses["demo-01"] == "not_started"
    assert statuses["demo-02"] == statuses["demo-08"] == "in_progress"
    stalled = {row.user.username for row in rows if row.stalled}
    assert "demo-08" in stalled and "demo-02" not in stalled
    ready = [row.user.username for row in rows if row.gate.ready]
    assert ready == ["demo-03"]
    partial = next(row for row in rows if row.user.username == "demo-02")
    assert partial.progress == 100 and partial.drills_played == 1  # course, no exam
    assert AuditLogEntry.objects.filter(action="golive_signoff").count() == 1
    assert AuditLogEntry.objects.filter(action="certificate.revoked").count() == 1


def test_without_a_certification_path_the_step_says_so(site_tree):
    assert demo_cohort().startswith("skipped")

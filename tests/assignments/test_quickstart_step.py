"""`lms quickstart` gives the demo cohort (and the sample cohort file's cohorts)
required training, once."""

from pathlib import Path

import pytest

from lms.assignments.models import Assignment
from lms.assignments.setup import quickstart_steps, sample_cohort_names
from lms.certification.models import CertificationPath
from lms.notifications.models import Notice
from lms.quizzes.models import Quiz
from tests.courses.pages import make_course
from tests.factories import CohortFactory
from tests.reports.helpers import learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_content(world, site_tree):
    _home, index = site_tree
    make_course(index, "role", lessons=1, title="岗位认知")
    Quiz.objects.create(slug="final-exam", title="上岗考试")
    CertificationPath.objects.create(slug="presales", title="售前客服上岗认证")


def test_the_step_assigns_what_exists_to_the_demo_cohort_once(
    world, demo_content, django_capture_on_commit_callbacks
):
    learner(world, "demo-x")  # world.cohort is the demo cohort, 2026年10月批
    ((label, step),) = quickstart_steps(Path("/nonexistent"))
    with django_capture_on_commit_callbacks(execute=True):
        summary = step()
    assert "3 created" in summary and "2026年10月批" in summary
    kinds = sorted(a.item_kind for a in Assignment.objects.filter(cohort=world.cohort))
    assert kinds == ["course", "path", "quiz"]  # no drill loaded: skipped
    assert Notice.objects.filter(kind="assignment_created").count() == 3
    assert Notice.objects.filter(kind="due_soon").count() == 1  # the exam, in 3 days
    assert "0 created" in step()
    assert Assignment.objects.count() == 3


def test_the_sample_cohort_file_names_more_cohorts(tmp_path, world, demo_content):
    people = tmp_path / "content" / "people"
    people.mkdir(parents=True)
    (people / "sample-cohort.csv").write_text(
        "username,display_name,cohort\ns1,张三,2026年12月批\ns2,李四,2026年12月批\n",
        encoding="utf-8",
    )
    assert sample_cohort_names(tmp_path) == {"2026年12月批"}
    CohortFactory(name="2026年12月批")
    ((_label, step),) = quickstart_steps(tmp_path)
    assert "6 created" in step()

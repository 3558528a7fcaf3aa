"""Quickstart: the two 上岗认证 paths, idempotently, skipping what is missing."""

import pytest

from lms.certification.models import CertificationPath
from lms.certification.setup import quickstart_steps
from tests.certification import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def curriculum(index, scenarios):
    """Some of the real slugs: courses, their quizzes, the exam, two drills."""
    courses = {
        slug: helpers.course(index, slug)
        for slug in ("role", "qianniu", "platform-rules", "product")
    }
    for slug, course in courses.items():
        helpers.quiz(f"{slug}-quiz", course_page=course)
    helpers.quiz("final-exam")
    for slug in ("greeting-product", "logistics-delay"):
        from tests.drills.helpers import clone_scenario

        clone_scenario(scenarios["bargain-basic"], slug)
    return courses


def run_step(settings):
    ((label, step),) = quickstart_steps(settings.BASE_DIR)
    assert label == "认证路径 / certification paths"
    return step()


def test_quickstart_creates_both_paths_from_what_exists(curriculum, settings):
    summary = run_step(settings)
    assert "2 certification paths" in summary and "\\n" not in summary
    presales = CertificationPath.objects.get(slug="presales")
    assert presales.title == "售前客服上岗认证" and presales.drill_average_min == 75
    assert [r.course.slug for r in presales.course_requirements.all()] == [
        "role",
        "qianniu",
        "platform-rules",
        "product",
    ]  # communication is missing here: skipped
    quizzes = [(r.quiz.slug, r.min_score) for r in presales.quiz_requirements.all()]
    assert quizzes == [
        ("role-quiz", None),
        ("qianniu-quiz", None),
        ("platform-rules-quiz", None),
        ("product-quiz", None),
        ("final-exam", 85),
    ]
    assert [r.scenario.slug for r in presales.drill_requirements.all()] == [
        "greeting-product"
    ]
    aftersales = CertificationPath.objects.get(slug="aftersales")
    assert aftersales.title == "售后客服上岗认证"
    assert [r.scenario.slug for r in aftersales.drill_requirements.all()] == [
        "logistics-delay"
    ]


def test_quickstart_is_safe_to_run_again(curriculum, settings):
    run_step(settings)
    counts = [p.course_requirements.count() for p in CertificationPath.objects.all()]
    assert "unchanged" in run_step(settings)
    assert [
        p.course_requirements.count() for p in CertificationPath.objects.all()
    ] == counts


def test_quickstart_on_an_empty_site_creates_empty_paths(db, settings):
    run_step(settings)
    assert CertificationPath.objects.count() == 2

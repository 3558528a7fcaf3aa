"""Only exam runs of a drill certify. Practice shows scores per reply, hints and
model answers, so a practice pass never meets a requirement; the panel names the
exam drill still missing."""

import pytest

from lms.certification.models import Certificate
from lms.certification.requirements import Kind, path_progress
from lms.drills.sessions import session_start
from tests.certification import helpers
from tests.drills.helpers import play

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_but_drills(world, learner):
    """Courses done and every quiz passed: only the drills are left."""
    helpers.complete_course(learner, world["rules"])
    helpers.complete_course(learner, world["talk"])
    for key in ("rules_quiz", "talk_quiz", "exam"):
        helpers.take_quiz(learner, world[key], score=90)
    return world


def drill_requirements(world, learner):
    progress = path_progress(user=learner, path=world["path"])
    return {r.obj.slug: r for r in progress.requirements if r.kind == Kind.DRILL}


def test_a_passed_practice_run_does_not_count(all_but_drills, learner):
    bargain, parcel = all_but_drills["drills"]
    helpers.drill_result(learner, parcel, score=90)
    played = play(session_start(user=learner, scenario=bargain, mode="practice"))
    assert played.passed and played.mode == "practice"
    requirement = drill_requirements(all_but_drills, learner)["bargain-basic"]
    assert not requirement.done and requirement.practice_passed
    assert requirement.score is None  # no exam score yet
    assert not Certificate.objects.filter(user=learner).exists()


def test_a_passed_exam_run_counts_and_certifies(all_but_drills, learner):
    bargain, parcel = all_but_drills["drills"]
    helpers.drill_result(learner, parcel, score=90)
    play(session_start(user=learner, scenario=bargain, mode="practice"))
    played = play(session_start(user=learner, scenario=bargain, mode="exam"))
    assert played.passed
    requirement = drill_requirements(all_but_drills, learner)["bargain-basic"]
    assert requirement.done and not requirement.practice_passed
    assert Certificate.objects.filter(user=learner).count() == 1


def test_practice_scores_are_left_out_of_the_drill_average(all_but_drills, learner):
    bargain, parcel = all_but_drills["drills"]
    helpers.drill_result(learner, bargain, score=100, mode="practice")
    helpers.drill_result(learner, parcel, score=100, mode="practice")
    helpers.drill_result(learner, bargain, score=60, passed=False)
    progress = path_progress(user=learner, path=all_but_drills["path"])
    [average] = [r for r in progress.requirements if r.kind == Kind.DRILL_AVERAGE]
    assert average.score == 30  # (60 + 0) / 2: the practice 100s do not count
    assert not average.done


def test_the_panel_names_the_exam_drill_still_missing(client, all_but_drills, learner):
    bargain, parcel = all_but_drills["drills"]
    helpers.drill_result(learner, parcel, score=90)
    helpers.drill_result(learner, bargain, score=95, mode="practice")
    client.cookies["lms_language"] = "en"
    client.force_login(learner)
    html = client.get("/certificates/").text
    missing = html.split('data-testid="cert-missing-exams"')[1].split("</p>")[0]
    assert "practice runs do not count" in missing
    assert bargain.title in missing and parcel.title not in missing
    assert "passed in practice only; pass the exam (needs 70)" in html
    assert 'data-testid="cert-take-exam"' in html and 'value="exam"' in html

"""Learning events through the real services become statements in the outbox."""

import logging

import pytest

from lms.certification.issuing import certificate_issue_manual
from lms.certification.revocation import certificate_revoke
from lms.courses.models import LessonPage, LessonProgress
from lms.courses.progress import lesson_mark_complete
from lms.xapi.models import OutboxStatement, OutboxStatus
from tests.certification import helpers
from tests.courses.pages import make_course
from tests.drills.helpers import finished_session, load_drills

PUBLIC = "https://academy.example.com"


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.LMS_PUBLIC_URL = PUBLIC
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def numbered(learner):
    learner.employee_no = "KF0042"
    learner.save()
    return learner


def statements(event: str) -> list[dict]:
    return [row.statement for row in OutboxStatement.objects.filter(event=event)]


def test_completing_lessons_and_the_course_records_three_statements(index, numbered):
    course = make_course(index, "aftersales", lessons=2, title="售后规则")
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    for lesson in lessons:
        lesson_mark_complete(user=numbered, lesson=lesson, course=course)

    lesson_statements = statements("lesson.completed")
    assert [s["object"]["id"] for s in lesson_statements] == [
        f"{PUBLIC}/xapi/activities/lesson/{lesson.pk}" for lesson in lessons
    ]
    first = lesson_statements[0]
    assert first["actor"]["account"] == {"homePage": PUBLIC, "name": "KF0042"}
    assert first["actor"]["name"] == numbered.get_full_name()
    assert first["context"]["contextActivities"]["parent"][0]["id"] == (
        f"{PUBLIC}/xapi/activities/course/{course.pk}"
    )
    (done,) = statements("course.completed")
    assert done["object"]["definition"]["name"] == {"zh-CN": "售后规则"}
    row = OutboxStatement.objects.get(event="course.completed")
    assert row.status == OutboxStatus.PENDING and row.attempts == 0


def test_completing_a_lesson_again_records_nothing_more(index, learner):
    course = make_course(index, "tools", lessons=2)
    lesson = LessonPage.objects.child_of(course).first()
    lesson_mark_complete(user=learner, lesson=lesson, course=course)
    lesson_mark_complete(user=learner, lesson=lesson, course=course)
    assert OutboxStatement.objects.filter(event="lesson.completed").count() == 1


def test_a_graded_quiz_attempt_records_its_score(site_tree, learner):
    quiz = helpers.quiz("rules-quiz", pass_mark=80)
    helpers.take_quiz(learner, quiz, score=75)
    helpers.take_quiz(learner, quiz, score=90)
    failed, passed = statements("quiz.graded")
    assert failed["verb"]["id"].endswith("/failed")
    assert failed["result"]["score"]["raw"] == 75.0
    assert passed["verb"]["id"].endswith("/passed")
    assert passed["result"]["score"]["scaled"] == 0.9
    assert passed["object"]["id"] == f"{PUBLIC}/xapi/activities/quiz/rules-quiz"
    number = f"{PUBLIC}/xapi/extensions/attempt-number"
    assert [
        failed["context"]["extensions"][number],
        passed["context"]["extensions"][number],
    ] == [1, 2]


def test_a_finished_drill_records_score_and_verdict(db, learner):
    scenario = load_drills()["bargain-basic"]
    session = finished_session(learner, scenario, mode="exam")
    (statement,) = statements("drill.finished")
    assert statement["object"]["id"] == f"{PUBLIC}/xapi/activities/drill/bargain-basic"
    assert statement["result"]["score"]["raw"] == session.score
    assert statement["result"]["success"] is session.passed
    verdict = statement["result"]["extensions"][f"{PUBLIC}/xapi/extensions/verdict"]
    assert verdict == ("passed" if session.passed else "failed")
    assert statement["context"]["extensions"][
        f"{PUBLIC}/xapi/extensions/drill-mode"
    ] == ("exam")


def test_issuing_and_revoking_a_certificate_records_both(site_tree, learner, hr):
    path = helpers.path("presale", title="售前客服上岗认证")
    certificate = certificate_issue_manual(
        user=learner, path=path, actor=hr, reason="老员工转岗"
    )
    certificate_revoke(
        certificate=certificate, actor=hr, reason_category="left", note="已离职"
    )
    (issued,) = statements("certificate.issued")
    (revoked,) = statements("certificate.revoked")
    item = f"{PUBLIC}/xapi/activities/certificate/{certificate.serial}"
    assert issued["object"]["id"] == revoked["object"]["id"] == item
    assert issued["context"]["extensions"][f"{PUBLIC}/xapi/extensions/issued-by-hand"]
    reason = revoked["context"]["extensions"][f"{PUBLIC}/xapi/extensions/revoke-reason"]
    assert reason == "left"
    assert "已离职" not in str(revoked)  # the free-text note stays in the LMS


def test_an_automatic_certificate_is_recorded_after_the_results(index, learner):
    course = helpers.course(index, "cert-rules", title="平台规则")
    exam = helpers.quiz("cert-exam", pass_mark=80)
    helpers.path("auto", courses=[course], quizzes=[exam])
    helpers.complete_course(learner, course)
    helpers.take_quiz(learner, exam, score=95)
    events = list(
        OutboxStatement.objects.order_by("timestamp", "id").values_list(
            "event", flat=True
        )
    )
    assert events == [
        "lesson.completed",
        "lesson.completed",
        "course.completed",
        "quiz.graded",
        "certificate.issued",
    ]


def test_a_failure_to_record_never_costs_the_learner_the_lesson(
    index, learner, monkeypatch, caplog
):
    course = make_course(index, "tools", lessons=2)
    lesson = LessonPage.objects.child_of(course).first()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("lms.xapi.events.statement_record", broken)
    with caplog.at_level(logging.ERROR, logger="lms.xapi.receivers"):
        lesson_mark_complete(user=learner, lesson=lesson, course=course)
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at
    assert "could not record" in caplog.text
    assert not OutboxStatement.objects.exists()


def test_statements_are_recorded_with_no_lrs_configured(index, learner, settings):
    assert settings.LMS_XAPI_ENDPOINT == ""
    course = make_course(index, "tools", lessons=1)
    lesson = LessonPage.objects.child_of(course).first()
    lesson_mark_complete(user=learner, lesson=lesson, course=course)
    assert OutboxStatement.objects.pending().count() == 2  # lesson and course

"""A learner's transcript for HR and trainers; attempt reviews, read-only."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lms.certification.models import AuditLogEntry
from lms.drills.models import DrillMessage, DrillTurn
from lms.quizzes.models import AttemptQuestion, Question, QuestionBank
from tests.reports.helpers import (
    NOW,
    attempt,
    certificate,
    complete_course,
    drill,
    learner,
    view_lesson,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lin(world, hr):
    user = learner(world, "rep-lin", display_name="林晓雨", employee_no="KF001")
    complete_course(user, world.course_a, world.lessons_a, at=NOW - timedelta(days=3))
    view_lesson(user, world.lessons_b[0], world.course_b, at=NOW - timedelta(days=2))
    exam = attempt(user, world.exam, 65, at=NOW - timedelta(days=2))
    bank = QuestionBank.objects.create(slug="rep-bank", title="题库")
    data = {
        "id": "rep-q1",
        "type": "truefalse",
        "stem": "可以站外交易吗?",
        "answer": False,
    }
    question = Question.objects.create(
        qid="rep-q1", bank=bank, type="truefalse", stem=data["stem"], data=data
    )
    AttemptQuestion.objects.create(
        attempt=exam,
        position=1,
        question=question,
        snapshot=data,
        response=True,
        fraction=0,
        correct=False,
    )
    session = drill(user, world.s1, 82, at=NOW - timedelta(days=1))
    turn = DrillTurn.objects.create(
        session=session,
        order=1,
        turn_id="t1",
        created_at=session.started_at,
        target_seconds=30,
        reply="您好,欢迎光临!这款是飞织网布,很透气。",
        received_at=session.started_at + timedelta(seconds=12),
        seconds=12,
        machine_score=82,
    )
    DrillMessage.objects.create(
        turn=turn, position=0, text="这个跑鞋透气吗?", shown_at=session.started_at
    )
    cert = certificate(user, world.path, issued_at=NOW - timedelta(hours=5))
    AuditLogEntry.objects.create(
        actor=hr, action="certificate.issued", subject=user, certificate=cert
    )
    return user


def test_the_transcript_shows_lessons_attempts_drills_certificates_and_audit(
    client, hr, lin
):
    client.force_login(hr)
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"/hr/learners/{lin.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "林晓雨" in html and "KF001" in html
    assert "课程甲" in html and "rep-a第1课" in html  # lessons with their dates
    local = timezone.localtime(NOW - timedelta(days=3))
    assert local.strftime("%Y-%m-%d %H:%M") in html
    assert "期末考试" in html and f"/hr/attempts/{lin.quiz_attempts.get().pk}/" in html
    assert "这个跑鞋透气吗?" in html and "飞织网布" in html  # the chat
    assert f"/drills/transcripts/{lin.drill_sessions.get().pk}/" in html
    cert = lin.certificates.get()
    assert cert.serial in html and f"/hr/certificates/{cert.serial}/" in html
    assert "王嘉怡" in html  # the audit entry's actor, HR
    assert "certificate.issued" not in html  # shown as words, not as a code


def test_trainers_read_the_transcript_without_certificate_management_links(
    client, trainer, lin
):
    client.force_login(trainer)
    html = client.get(f"/hr/learners/{lin.pk}/").content.decode()
    assert "林晓雨" in html
    assert "/hr/certificates/" not in html


def test_only_learners_have_a_transcript(client, hr, trainer):
    client.force_login(hr)
    assert client.get(f"/hr/learners/{trainer.pk}/").status_code == 404


def test_the_attempt_review_is_read_only_and_shows_the_learners_answers(
    client, hr, lin
):
    client.force_login(hr)
    exam = lin.quiz_attempts.get()
    html = client.get(f"/hr/attempts/{exam.pk}/").content.decode()
    assert "期末考试" in html and "65%" in html
    assert "可以站外交易吗?" in html
    assert "<form" not in html.split('id="main"')[1]  # nothing to submit


def test_the_learner_result_page_stays_owner_only(client, hr, lin):
    client.force_login(hr)
    exam = lin.quiz_attempts.get()
    assert client.get(f"/quizzes/attempts/{exam.pk}/result/").status_code == 404


def test_a_transcript_costs_a_fixed_number_of_queries(
    client, hr, lin, world, django_assert_max_num_queries
):
    for days in range(30):
        attempt(lin, world.quiz_a, 50 + days, at=NOW - timedelta(days=days))
        drill(lin, world.s2, 40 + days, at=NOW - timedelta(days=days))
    client.force_login(hr)
    with django_assert_max_num_queries(40):
        assert client.get(f"/hr/learners/{lin.pk}/").status_code == 200

"""Sending the outbox to a real LRS (Ralph on 127.0.0.1) and reading it back."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.courses.models import LessonPage
from lms.courses.progress import lesson_mark_complete
from lms.xapi.models import OutboxStatement, OutboxStatus
from lms.xapi.sending import outbox_send, retry_delay
from tests.certification import helpers
from tests.courses.pages import make_course
from tests.xapi.lrs import SECRET


@pytest.fixture
def completed_course(index, learner):
    """Two lessons and their course completed: three statements in the outbox."""
    course = make_course(index, "aftersales", lessons=2)
    for lesson in LessonPage.objects.child_of(course).order_by("path"):
        lesson_mark_complete(user=learner, lesson=lesson, course=course)
    return course


def ids() -> list[str]:
    return [
        str(i) for i in OutboxStatement.objects.values_list("statement_id", flat=True)
    ]


def test_statements_reach_the_lrs_and_read_back_the_same(lrs, completed_course):
    report = outbox_send()
    assert (report.sent, report.failed, report.pending) == (3, 0, 0)
    for row in OutboxStatement.objects.all():
        assert row.status == OutboxStatus.SENT and row.sent_at
        stored = lrs.statement(str(row.statement_id))
        for key in ("id", "actor", "verb", "object", "context", "timestamp"):
            assert stored[key] == row.statement[key], key


def test_the_lrs_lists_a_graded_attempt_with_its_score(lrs, site_tree, learner):
    quiz = helpers.quiz("sending-quiz", pass_mark=60)
    helpers.take_quiz(learner, quiz, score=70)
    outbox_send()
    (statement_id,) = ids()
    listed = [s for s in lrs.statements() if s["id"] == statement_id]
    assert len(listed) == 1
    assert listed[0]["result"]["score"]["raw"] == 70.0
    assert listed[0]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"


def test_sending_again_never_duplicates(lrs, completed_course):
    outbox_send()
    before = lrs.stored_lines()
    # A lost answer: the LRS has them, the outbox thinks they are unsent.
    OutboxStatement.objects.update(status=OutboxStatus.PENDING, next_try=timezone.now())
    report = outbox_send()
    assert report.sent == 3
    assert lrs.stored_lines() == before
    for statement_id in ids():
        assert lrs.statement(statement_id)["id"] == statement_id


def test_lrs_down_keeps_statements_and_sends_them_later(own_lrs, completed_course):
    now = timezone.now()
    report = outbox_send(now=now)  # nothing listens on the port yet
    assert (report.sent, report.failed, report.pending) == (0, 3, 3)
    rows = list(OutboxStatement.objects.all())
    assert all(row.status == OutboxStatus.PENDING for row in rows)
    assert all(row.attempts == 1 for row in rows)
    assert all(row.next_try == now + timedelta(minutes=1) for row in rows)
    assert "Connection refused" in rows[0].last_error

    assert outbox_send(now=now + timedelta(seconds=30)).sent == 0  # not due yet
    later = now + timedelta(minutes=1)
    assert outbox_send(now=later).failed == 3  # still down: wait longer
    assert OutboxStatement.objects.filter(attempts=2).count() == 3
    assert OutboxStatement.objects.first().next_try == later + timedelta(minutes=2)

    own_lrs.start()
    report = outbox_send(now=later + timedelta(minutes=2))
    assert (report.sent, report.pending) == (3, 0)
    for statement_id in ids():
        assert own_lrs.statement(statement_id)["id"] == statement_id


def test_an_lrs_that_never_answers_times_out_and_keeps_them(
    silent_lrs, completed_course
):
    report = outbox_send()
    assert report.failed == 3
    assert "timed out" in OutboxStatement.objects.first().last_error


def test_an_lrs_that_is_down_costs_one_wait_not_one_per_batch(
    silent_lrs, completed_course, monkeypatch
):
    monkeypatch.setattr("lms.xapi.sending.BATCH", 1)
    started = time.monotonic()
    report = outbox_send()
    assert time.monotonic() - started < 2.5  # one 1 s timeout, not three
    assert (report.sent, report.failed, report.pending) == (0, 3, 3)
    assert OutboxStatement.objects.filter(attempts=1).count() == 3
    assert outbox_send().failed == 0  # nothing due until the back-off has passed


def test_wrong_credentials_are_retried_not_dropped(lrs, settings, completed_course):
    settings.LMS_XAPI_SECRET = "wrong"
    assert outbox_send().failed == 3
    row = OutboxStatement.objects.first()
    assert row.status == OutboxStatus.PENDING and "HTTP 401" in row.last_error
    settings.LMS_XAPI_SECRET = SECRET
    assert outbox_send(now=timezone.now() + timedelta(minutes=2)).sent == 3


def test_a_statement_the_lrs_refuses_is_kept_apart_and_the_rest_go(
    lrs, completed_course
):
    bad = OutboxStatement.objects.order_by("id").first()
    statement = dict(bad.statement, actor={"name": "nobody"})  # no identifier
    OutboxStatement.objects.filter(pk=bad.pk).update(statement=statement)
    report = outbox_send()
    assert (report.sent, report.rejected, report.pending) == (2, 1, 0)
    bad.refresh_from_db()
    assert bad.status == OutboxStatus.REJECTED
    assert bad.last_error.startswith("HTTP 422")
    assert lrs.statement(str(bad.statement_id)) is None


def test_the_back_off_doubles_up_to_six_hours():
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert retry_delay(10) == timedelta(hours=6)
    assert retry_delay(10_000) == timedelta(hours=6)


def test_nothing_is_sent_without_an_endpoint(completed_course):
    report = outbox_send()
    assert (report.sent, report.failed, report.pending) == (0, 0, 3)
    assert not OutboxStatement.objects.filter(attempts__gt=0).exists()

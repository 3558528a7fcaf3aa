"""Attempts: fixed questions, answers saved at once, server deadline, one grading."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from lms.quizzes.attempts import (
    AttemptError,
    attempt_answer,
    attempt_close_overdue,
    attempt_start,
    attempt_submit,
    quiz_availability,
)
from lms.quizzes.models import Attempt, AttemptQuestion
from tests.factories import LearnerFactory
from tests.quizzes.helpers import CORRECT, import_web_bank


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the msgid language."""
    with translation.override("en"):
        yield


@pytest.fixture
def quizzes(db):
    return import_web_bank()


def answer_all(attempt, answers=CORRECT, only=None):
    for item in AttemptQuestion.objects.filter(attempt=attempt).select_related(
        "question"
    ):
        if only is None or item.question.qid in only:
            attempt_answer(
                attempt=attempt,
                position=item.position,
                response=answers[item.question.qid],
            )


def test_start_fixes_questions_and_resume_returns_the_same_attempt(quizzes):
    learner = LearnerFactory()
    first = attempt_start(user=learner, quiz=quizzes["basics-quiz"])
    order = list(first.items.values_list("question__qid", "layout"))
    assert len(order) == 7  # one fixed + six drawn, none twice
    assert len({qid for qid, _ in order}) == 7
    again = attempt_start(user=learner, quiz=quizzes["basics-quiz"])
    assert again.id == first.id
    assert list(again.items.values_list("question__qid", "layout")) == order


def test_answers_are_saved_immediately_and_survive_a_restart(quizzes):
    learner = LearnerFactory()
    attempt = attempt_start(user=learner, quiz=quizzes["basics-exam"])
    attempt_answer(attempt=attempt, position=1, response="a")
    # A "restart": nothing in memory, everything read back from the database.
    reloaded = Attempt.objects.get(pk=attempt.pk)
    assert reloaded.items.get(position=1).response == "a"
    assert reloaded.is_open


def test_all_correct_answers_score_100_and_pass(quizzes):
    learner = LearnerFactory()
    attempt = attempt_start(user=learner, quiz=quizzes["basics-exam"])
    answer_all(attempt)
    attempt = attempt_submit(attempt=attempt)
    assert attempt.score == 100.0 and attempt.passed
    assert attempt.items.filter(correct=True).count() == 7


def test_partial_credit_counts_towards_the_score(quizzes):
    learner = LearnerFactory()
    attempt = attempt_start(user=learner, quiz=quizzes["basics-exam"])
    answers = dict(CORRECT, **{"basics-002": ["a"]})  # half of a partial question
    answer_all(attempt, answers, only={"basics-001", "basics-002"})
    attempt = attempt_submit(attempt=attempt)
    assert attempt.score == pytest.approx(100 * 1.5 / 7, abs=0.1)
    assert not attempt.passed


def test_submitting_twice_grades_once(quizzes):
    learner = LearnerFactory()
    attempt = attempt_start(user=learner, quiz=quizzes["basics-exam"])
    answer_all(attempt)
    first = attempt_submit(attempt=attempt)
    submitted_at = first.submitted_at
    second = attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk))
    assert second.submitted_at == submitted_at
    assert Attempt.objects.filter(user=learner).count() == 1


def test_answers_after_submission_are_refused(quizzes):
    learner = LearnerFactory()
    attempt = attempt_start(user=learner, quiz=quizzes["basics-exam"])
    attempt_submit(attempt=attempt)
    with pytest.raises(AttemptError, match="already been submitted"):
        attempt_answer(attempt=attempt, position=1, response="a")


def test_deadline_is_kept_on_the_server_with_a_short_grace(quizzes):
    learner = LearnerFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt = attempt_start(user=learner, quiz=quizzes["basics-quiz"])
        first = attempt.items.get(position=1)
        attempt_answer(
            attempt=attempt, position=1, response=CORRECT[first.question.qid]
        )
    assert attempt.deadline == start + timedelta(minutes=10)
    with time_machine.travel(start + timedelta(minutes=10, seconds=20), tick=False):
        attempt_answer(attempt=attempt, position=2, response=None)  # within grace
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        with pytest.raises(AttemptError, match="Time is up"):
            attempt_answer(attempt=attempt, position=2, response="a")
        assert attempt_close_overdue() == 1
    attempt.refresh_from_db()
    assert attempt.status == "timed_out"
    assert attempt.score == pytest.approx(100 / 7, abs=0.1)  # the saved answer counts


def test_attempt_limit_and_cooldown(quizzes):
    learner = LearnerFactory()
    quiz = quizzes["basics-quiz"]
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        attempt_submit(attempt=attempt_start(user=learner, quiz=quiz))
        state = quiz_availability(user=learner, quiz=quiz)
        assert not state.can_start and "after" in state.reason
        with pytest.raises(AttemptError):
            attempt_start(user=learner, quiz=quiz)
    with time_machine.travel(now + timedelta(hours=1, minutes=1), tick=False):
        attempt_submit(attempt=attempt_start(user=learner, quiz=quiz))
    with time_machine.travel(now + timedelta(hours=3), tick=False):
        state = quiz_availability(user=learner, quiz=quiz)
        assert not state.can_start and state.attempts_left == 0
        assert "2" in state.reason


def test_each_learner_gets_an_own_attempt(quizzes):
    one, two = LearnerFactory(), LearnerFactory()
    a = attempt_start(user=one, quiz=quizzes["basics-exam"])
    b = attempt_start(user=two, quiz=quizzes["basics-exam"])
    assert a.id != b.id and a.number == b.number == 1

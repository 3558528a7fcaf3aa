"""Quiz attempts: start, save answers, submit, time out. The trustworthy part.

- Start fixes the questions, their order and the order of their options.
- Every answer is written the moment it is given; nothing lives only in a page.
- The deadline is kept here, not in the browser: after time limit + grace the
  attempt is graded with what was saved and later answers are refused.
- Submitting twice grades once: the switch from open to grading is one
  conditional UPDATE, which only one request can win.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .grading import grade
from .models import Attempt, AttemptQuestion, Question, Quiz
from .models.attempts import AttemptStatus
from .presentation import make_layout
from .serialization import question_from_data

GRACE = timedelta(seconds=30)


class AttemptError(Exception):
    """An action on an attempt that the rules do not allow; the message says why."""


@dataclass
class Availability:
    can_start: bool
    reason: str = ""
    open_attempt: Attempt | None = None
    attempts_used: int = 0
    attempts_left: int | None = None
    next_start_at: datetime | None = None
    best: Attempt | None = None


def quiz_availability(*, user, quiz: Quiz, now: datetime | None = None) -> Availability:
    now = now or timezone.now()
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
    finished = [a for a in attempts if a.is_finished]
    open_attempt = next((a for a in attempts if a.is_open), None)
    best = max(finished, key=lambda a: a.score or 0, default=None)
    state = Availability(
        can_start=True,
        open_attempt=open_attempt,
        attempts_used=len(finished),
        best=best,
    )
    if quiz.attempts_allowed:
        state.attempts_left = max(quiz.attempts_allowed - len(finished), 0)
    if open_attempt:
        return state
    if not quiz.is_active:
        state.can_start, state.reason = False, _("This quiz is not open.")
    elif quiz.attempts_allowed and len(finished) >= quiz.attempts_allowed:
        state.can_start = False
        state.reason = _("You have used all %(n)s attempts.") % {
            "n": quiz.attempts_allowed
        }
    elif quiz.cooldown_hours and finished:
        ready = finished[-1].submitted_at + timedelta(hours=quiz.cooldown_hours)
        if ready > now:
            state.can_start, state.next_start_at = False, ready
            state.reason = _("You can try again after %(time)s.") % {
                "time": timezone.localtime(ready).strftime("%Y-%m-%d %H:%M")
            }
    return state


def choose_questions(quiz: Quiz, rng: random.Random) -> list[Question]:
    chosen: list[Question] = []
    seen: set[int] = set()
    for fixed in quiz.fixed_questions.select_related("question"):
        if fixed.question.is_active and fixed.question.id not in seen:
            chosen.append(fixed.question)
            seen.add(fixed.question.id)
    for draw in quiz.random_draws.all():
        pool = Question.objects.active().filter(bank_id=draw.bank_id)
        if draw.category_id:
            pool = pool.filter(category_id=draw.category_id)
        candidates = [q for q in pool.order_by("qid") if q.id not in seen]
        picked = rng.sample(candidates, min(draw.count, len(candidates)))
        chosen.extend(picked)
        seen.update(q.id for q in picked)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def attempt_start(
    *, user, quiz: Quiz, now: datetime | None = None, rng: random.Random | None = None
) -> Attempt:
    """Start a new attempt, or return the open one (resume)."""
    now = now or timezone.now()
    attempt_close_overdue(user=user, quiz=quiz, now=now)
    state = quiz_availability(user=user, quiz=quiz, now=now)
    if state.open_attempt:
        return state.open_attempt
    if not state.can_start:
        raise AttemptError(state.reason)
    rng = rng or random.Random(secrets.randbits(64))
    questions = choose_questions(quiz, rng)
    if not questions:
        raise AttemptError(_("This quiz has no questions yet."))
    deadline = (
        now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None
    )
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=state.attempts_used + 1,
                started_at=now,
                deadline=deadline,
                pass_mark=quiz.pass_mark,
                review_policy=quiz.review_policy,
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    position=position,
                    question=question,
                    snapshot=question.data,
                    layout=make_layout(
                        question.definition, rng, shuffle=quiz.shuffle_options
                    ),
                )
                for position, question in enumerate(questions, start=1)
            )
    except IntegrityError:
        # Another tab started one at the same moment: resume that one.
        return Attempt.objects.get(quiz=quiz, user=user, status=AttemptStatus.OPEN)
    return attempt


def is_overdue(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + GRACE


def attempt_answer(
    *, attempt: Attempt, position: int, response, now: datetime | None = None
) -> AttemptQuestion:
    """Save one answer. Refused once the attempt is closed or past its deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            raise AttemptError(_("This attempt has already been submitted."))
        if is_overdue(locked, now):
            raise AttemptError(_("Time is up: your saved answers have been graded."))
        item = AttemptQuestion.objects.get(attempt=locked, position=position)
        item.response = response
        item.answered_at = now if response is not None else None
        item.save(update_fields=["response", "answered_at"])
    return item


def unanswered_positions(attempt: Attempt) -> list[int]:
    """Question numbers without a saved answer (asked about before submitting)."""
    return list(
        AttemptQuestion.objects.filter(attempt=attempt, answered_at__isnull=True)
        .order_by("position")
        .values_list("position", flat=True)
    )


def attempt_submit(
    *, attempt: Attempt, now: datetime | None = None, timed_out: bool = False
) -> Attempt:
    """Grade the attempt once. Later or concurrent calls return the same result."""
    now = now or timezone.now()
    with transaction.atomic():
        won = Attempt.objects.filter(pk=attempt.pk, status=AttemptStatus.OPEN).update(
            status=AttemptStatus.GRADING
        )
        if won:
            _grade(attempt.pk, now=now, timed_out=timed_out)
    attempt.refresh_from_db()
    return attempt


def _grade(attempt_id: int, *, now: datetime, timed_out: bool) -> None:
    attempt = Attempt.objects.get(pk=attempt_id)
    items = list(AttemptQuestion.objects.filter(attempt=attempt))
    total = 0.0
    for item in items:
        result = grade(question_from_data(item.snapshot), item.response)
        item.fraction = result.fraction
        item.correct = result.correct
        total += result.fraction
    AttemptQuestion.objects.bulk_update(items, ["fraction", "correct"])
    attempt.score = round(100 * total / len(items), 1) if items else 0.0
    attempt.passed = attempt.score >= attempt.pass_mark
    attempt.submitted_at = now
    attempt.status = AttemptStatus.TIMED_OUT if timed_out else AttemptStatus.SUBMITTED
    attempt.save(update_fields=["score", "passed", "submitted_at", "status"])
    from .signals import attempt_graded

    attempt_graded.send(sender=Attempt, attempt=attempt)


def attempt_close_if_overdue(attempt: Attempt, now: datetime | None = None) -> Attempt:
    now = now or timezone.now()
    if attempt.is_open and is_overdue(attempt, now):
        return attempt_submit(attempt=attempt, now=now, timed_out=True)
    return attempt


def attempt_close_overdue(*, user=None, quiz=None, now: datetime | None = None) -> int:
    """Grade every open attempt past its deadline (what saved answers there are)."""
    now = now or timezone.now()
    overdue = Attempt.objects.open().filter(deadline__lt=now - GRACE)
    if user is not None:
        overdue = overdue.filter(user=user)
    if quiz is not None:
        overdue = overdue.filter(quiz=quiz)
    count = 0
    for attempt in overdue:
        attempt_submit(attempt=attempt, now=now, timed_out=True)
        count += 1
    return count

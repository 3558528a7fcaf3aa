"""Signals of the other apps → statements. Thin: events.py builds and records.

Each receiver runs inside the sender's transaction, in a savepoint of its own:
if recording fails, the error is logged and the learner's lesson, quiz, drill
or certificate stands as if xAPI were not there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

from . import events

logger = logging.getLogger(__name__)


def _safely(record: Callable[..., None], **kwargs) -> None:
    try:
        with transaction.atomic():
            record(**kwargs)
    except Exception:
        logger.exception("xAPI: could not record %s", record.__name__)


def on_lesson_completed(sender, *, progress, **kwargs) -> None:
    _safely(events.lesson_completed, progress=progress)


def on_course_completed(sender, *, user, course, **kwargs) -> None:
    _safely(events.course_completed, user=user, course=course)


def on_attempt_graded(sender, *, attempt, **kwargs) -> None:
    _safely(events.quiz_graded, attempt=attempt)


def on_session_finished(sender, *, session, **kwargs) -> None:
    if session.is_finished:
        _safely(events.drill_finished, session=session)


def on_certificate_issued(sender, *, certificate, **kwargs) -> None:
    _safely(events.certificate_issued, certificate=certificate)


def on_certificate_revoked(sender, *, certificate, **kwargs) -> None:
    _safely(events.certificate_revoked, certificate=certificate)


def connect() -> None:
    from lms.certification.signals import certificate_issued, certificate_revoked
    from lms.courses.signals import course_completed, lesson_completed
    from lms.drills.signals import session_finished
    from lms.quizzes.signals import attempt_graded

    for signal, receiver in (
        (lesson_completed, on_lesson_completed),
        (course_completed, on_course_completed),
        (attempt_graded, on_attempt_graded),
        (session_finished, on_session_finished),
        (certificate_issued, on_certificate_issued),
        (certificate_revoked, on_certificate_revoked),
    ):
        signal.connect(receiver, dispatch_uid=f"xapi.{receiver.__name__}")

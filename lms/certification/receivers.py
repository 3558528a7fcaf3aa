"""Learning events → certificates. Thin: the rules live in issuing.py.

Each receiver runs inside the sender's transaction (the completion, the graded
attempt or the finished session is already written) and checks every active
path the event touches.
"""

from __future__ import annotations

from .issuing import certificates_check, paths_touched


def on_course_completed(sender, *, user, course, **kwargs) -> None:
    certificates_check(user=user, paths=paths_touched(course=course))


def on_attempt_graded(sender, *, attempt, **kwargs) -> None:
    certificates_check(user=attempt.user, paths=paths_touched(quiz=attempt.quiz))


def on_session_finished(sender, *, session, **kwargs) -> None:
    if session.is_finished:
        certificates_check(
            user=session.user, paths=paths_touched(scenario=session.scenario)
        )

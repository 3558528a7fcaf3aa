"""Learning events → statements in the outbox: reads the models, calls the pure
builders in statements.py, records the result (outbox.py)."""

from __future__ import annotations

from . import statements as xs
from .outbox import site, statement_record


def learner(user) -> xs.Learner:
    return xs.Learner(
        username=user.get_username(),
        name=user.get_full_name(),
        employee_no=user.employee_no or "",
        email=user.email or "",
    )


def _page(kind: str, page, type_: str) -> xs.Activity:
    return xs.Activity(kind=kind, key=str(page.pk), name=page.title, type=type_)


def _certificate(certificate, here: xs.Site) -> tuple[xs.Activity, xs.Activity]:
    path = xs.Activity(
        kind="certification",
        key=certificate.path.slug,
        name=certificate.path_title,
        type=here.iri("activity-types", "certification"),
    )
    item = xs.Activity(
        kind="certificate",
        key=certificate.serial,
        name=f"{certificate.path_title} {certificate.serial}",
        type=here.iri("activity-types", "certificate"),
    )
    return item, path


def lesson_completed(*, progress) -> None:
    here = site()
    statement_record(
        event="lesson.completed",
        statement=xs.lesson_completed(
            here,
            learner=learner(progress.user),
            lesson=_page("lesson", progress.lesson, xs.TYPE_LESSON),
            course=_page("course", progress.course, xs.TYPE_COURSE),
            at=progress.completed_at,
        ),
        at=progress.completed_at,
    )


def course_completed(*, user, course) -> None:
    from lms.courses.models import CourseCompletion

    completion = CourseCompletion.objects.get(user=user, course=course)
    here = site()
    statement_record(
        event="course.completed",
        statement=xs.course_completed(
            here,
            learner=learner(user),
            course=_page("course", course, xs.TYPE_COURSE),
            at=completion.completed_at,
        ),
        at=completion.completed_at,
    )


def quiz_graded(*, attempt) -> None:
    from lms.quizzes.models.attempts import AttemptStatus

    here = site()
    quiz = attempt.quiz
    statement_record(
        event="quiz.graded",
        statement=xs.quiz_graded(
            here,
            learner=learner(attempt.user),
            quiz=xs.Activity(
                kind="quiz", key=quiz.slug, name=quiz.title, type=xs.TYPE_ASSESSMENT
            ),
            attempt_key=str(attempt.pk),
            number=attempt.number,
            value=attempt.score,
            passed=bool(attempt.passed),
            timed_out=attempt.status == AttemptStatus.TIMED_OUT,
            at=attempt.submitted_at,
        ),
        at=attempt.submitted_at,
    )


def drill_finished(*, session) -> None:
    here = site()
    scenario = session.scenario
    statement_record(
        event="drill.finished",
        statement=xs.drill_finished(
            here,
            learner=learner(session.user),
            scenario=xs.Activity(
                kind="drill",
                key=scenario.slug,
                name=scenario.title,
                type=xs.TYPE_SIMULATION,
            ),
            session_key=str(session.pk),
            mode=session.mode,
            value=session.score or 0,
            passed=session.passed,
            verdict=xs.drill_verdict(passed=session.passed, fatal=session.fatal),
            at=session.finished_at,
        ),
        at=session.finished_at,
    )


def certificate_issued(*, certificate) -> None:
    here = site()
    item, path = _certificate(certificate, here)
    statement_record(
        event="certificate.issued",
        statement=xs.certificate_issued(
            here,
            learner=learner(certificate.user),
            certificate=item,
            path=path,
            expires=certificate.expires_at,
            manual=certificate.issued_by_id is not None,
            reissue=certificate.is_reissue,
            at=certificate.issued_at,
        ),
        at=certificate.issued_at,
    )


def certificate_revoked(*, certificate) -> None:
    here = site()
    item, path = _certificate(certificate, here)
    statement_record(
        event="certificate.revoked",
        statement=xs.certificate_revoked(
            here,
            learner=learner(certificate.user),
            certificate=item,
            path=path,
            reason=certificate.revoke_reason,
            at=certificate.revoked_at,
        ),
        at=certificate.revoked_at,
    )

"""Two requirements met at the same moment: exactly one certificate (PostgreSQL).

SQLite has no row locks (it locks the whole database on write), so these run on
PostgreSQL only: `DATABASE_URL=postgres://... pytest tests/certification`.
"""

import threading
import time

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from lms.certification.issuing import certificate_issue_if_complete
from lms.certification.models import Certificate
from lms.courses.models import LessonPage
from lms.courses.progress import lesson_mark_complete
from lms.quizzes.attempts import attempt_answer, attempt_start, attempt_submit
from tests.certification import helpers
from tests.factories import LearnerFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


def run_together(*calls):
    """Start every call at the same moment, each in its own thread/connection."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


@pytest.fixture
def slow_check(monkeypatch):
    """Widen the race: pause between writing the requirement and reading them all."""
    from lms.certification import issuing

    original = issuing.path_progress

    def slow(**kwargs):
        time.sleep(0.5)
        return original(**kwargs)

    monkeypatch.setattr(issuing, "path_progress", slow)


def test_the_last_course_and_the_last_exam_at_once_issue_exactly_one(
    world, learner, slow_check
):
    helpers.complete_course(learner, world["rules"])
    talk_lessons = list(LessonPage.objects.child_of(world["talk"]).order_by("path"))
    lesson_mark_complete(user=learner, lesson=talk_lessons[0], course=world["talk"])
    helpers.take_quiz(learner, world["rules_quiz"], score=90)
    helpers.take_quiz(learner, world["talk_quiz"], score=90)
    for scenario in world["drills"]:
        helpers.drill_result(learner, scenario, score=90)

    def finish_course():
        lesson_mark_complete(user=learner, lesson=talk_lessons[1], course=world["talk"])

    exam = attempt_start(user=learner, quiz=world["exam"])
    for position in range(1, helpers.QUESTIONS + 1):
        attempt_answer(attempt=exam, position=position, response=True)

    def pass_exam():
        attempt_submit(attempt=exam)

    run_together(finish_course, pass_exam)
    certificates = Certificate.objects.filter(user=learner)
    assert certificates.count() == 1
    assert certificates.get().status == "valid"


def test_many_checks_at_once_for_a_complete_learner_issue_exactly_one(almost, learner):
    from lms.quizzes.models import Attempt

    Attempt.objects.create(
        quiz=almost["exam"],
        user=learner,
        number=1,
        status="submitted",
        started_at=timezone.now(),
        submitted_at=timezone.now(),
        score=100,
        passed=True,
        pass_mark=80,
        review_policy="immediate",
    )  # written without its signal: nothing issued yet
    assert not Certificate.objects.exists()
    path = almost["path"]
    run_together(*[lambda: certificate_issue_if_complete(user=learner, path=path)] * 6)
    assert Certificate.objects.filter(user=learner).count() == 1


def test_certificates_issued_at_once_get_distinct_serials(index, scenarios):
    exam = helpers.quiz("cert-serial-exam")
    path = helpers.path(slug="cert-serial", quizzes=[exam])
    learners = [LearnerFactory(username=f"cert-serial-{n}") for n in range(6)]
    run_together(
        *[
            (lambda user=user: helpers.take_quiz(user, exam, score=100))
            for user in learners
        ]
    )
    serials = list(
        Certificate.objects.filter(path=path).values_list("serial", flat=True)
    )
    assert len(serials) == len(set(serials)) == 6

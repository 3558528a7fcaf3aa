"""20 threads submitting the same attempt give exactly one graded result."""

import threading

import pytest
from django.db import connection, connections

from lms.quizzes.attempts import attempt_start, attempt_submit
from lms.quizzes.models import Attempt
from lms.quizzes.signals import attempt_graded
from tests.factories import LearnerFactory
from tests.quizzes.helpers import import_web_bank


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submits_grade_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locking is what is under test: PostgreSQL only")
    quizzes = import_web_bank()
    learner = LearnerFactory()
    attempt = attempt_start(user=learner, quiz=quizzes["basics-exam"])
    graded = []

    def record(sender, attempt, **kwargs):
        graded.append(attempt.id)

    attempt_graded.connect(record, dispatch_uid="concurrency-test")
    barrier = threading.Barrier(20)
    errors = []

    def submit():
        try:
            barrier.wait()
            attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    attempt_graded.disconnect(dispatch_uid="concurrency-test")
    assert errors == []
    assert graded == [attempt.id]
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert Attempt.objects.filter(user=learner).count() == 1

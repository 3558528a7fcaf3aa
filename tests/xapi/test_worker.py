"""Pages queue, the task worker sends: no page waits for the LRS."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lms.courses.models import LessonPage
from lms.courses.progress import lesson_mark_complete
from lms.xapi.models import OutboxStatement, OutboxStatus
from lms.xapi.tasks import WAKEUP_KEY, wakeup_schedule, xapi_send_task
from tests.courses.pages import make_course

TASK_PATH = "lms.xapi.tasks.xapi_send_task"


@pytest.fixture
def database_queue(settings):
    """The task backend an install uses: tasks wait for `lms db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.delete(WAKEUP_KEY)
    yield
    cache.delete(WAKEUP_KEY)


@pytest.fixture
def lessons(index):
    course = make_course(index, "aftersales", lessons=2)
    return course, list(LessonPage.objects.child_of(course).order_by("path"))


def test_completing_a_lesson_never_waits_for_the_lrs(
    client,
    learner,
    lessons,
    silent_lrs,
    settings,
    database_queue,
    django_capture_on_commit_callbacks,
):
    settings.LMS_XAPI_TIMEOUT = 20.0  # an LRS this slow would hold a page 20 s
    _course, (first, _second) = lessons
    client.force_login(learner)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("courses:lesson_complete", args=[first.id]))
    assert time.monotonic() - started < 5
    assert response.status_code == 302
    row = OutboxStatement.objects.get()
    assert (row.event, row.status, row.attempts) == ("lesson.completed", "pending", 0)
    queued = DBTaskResult.objects.filter(task_path=TASK_PATH)
    assert queued.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its connections
def test_the_worker_sends_what_the_pages_queued(lrs, learner, lessons, database_queue):
    course, pages = lessons
    for lesson in pages:
        lesson_mark_complete(user=learner, lesson=lesson, course=course)
    assert DBTaskResult.objects.filter(task_path=TASK_PATH).count() == 3
    assert OutboxStatement.objects.pending().count() == 3
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert not OutboxStatement.objects.pending().exists()
    for row in OutboxStatement.objects.all():
        assert lrs.statement(str(row.statement_id))["verb"] == row.statement["verb"]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_with_the_immediate_backend_statements_go_out_on_commit(
    lrs, learner, lessons, django_capture_on_commit_callbacks
):
    course, (first, _second) = lessons
    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_complete(user=learner, lesson=first, course=course)
    row = OutboxStatement.objects.get()
    assert row.status == OutboxStatus.SENT
    assert lrs.statement(str(row.statement_id))["id"] == str(row.statement_id)


def test_an_lrs_down_books_one_later_try_not_one_per_event(
    down_lrs, learner, lessons, database_queue
):
    course, pages = lessons
    for lesson in pages:
        lesson_mark_complete(user=learner, lesson=lesson, course=course)
    xapi_send_task.call()
    xapi_send_task.call()  # a second event's task finds nothing due
    deferred = DBTaskResult.objects.filter(
        task_path=TASK_PATH, status=TaskResultStatus.READY
    )
    assert deferred.count() == 1
    due = OutboxStatement.objects.order_by("next_try").first().next_try
    assert deferred.get().run_after == due
    assert due - timezone.now() <= timedelta(minutes=1)
    assert OutboxStatement.objects.filter(attempts=1).count() == 3


def test_an_earlier_statement_books_an_earlier_try(
    down_lrs, learner, lessons, database_queue
):
    course, (first, second) = lessons
    lesson_mark_complete(user=learner, lesson=first, course=course)
    later = timezone.now() + timedelta(hours=1)
    OutboxStatement.objects.update(next_try=later)
    assert wakeup_schedule() == later
    lesson_mark_complete(user=learner, lesson=second, course=course)
    soon = timezone.now() + timedelta(minutes=10)
    OutboxStatement.objects.exclude(next_try=later).update(next_try=soon)
    assert wakeup_schedule() == soon
    assert wakeup_schedule() == soon  # booked already
    run_after = DBTaskResult.objects.filter(task_path=TASK_PATH).values_list(
        "run_after", flat=True
    )
    assert sorted(run_after) == [soon, later]


def test_nothing_is_queued_without_an_lrs(
    learner, lessons, database_queue, django_capture_on_commit_callbacks
):
    course, (first, _second) = lessons
    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_complete(user=learner, lesson=first, course=course)
    assert OutboxStatement.objects.count() == 1
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()

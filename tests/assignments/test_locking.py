"""An assignment locks other courses only when the trainer says so."""

from datetime import date

import pytest

from lms.courses.models import CourseCompletion
from tests.assignments.helpers import assign
from tests.reports.helpers import learner

pytestmark = pytest.mark.django_db


def lesson_status(client, world, course="b") -> int:
    lessons = world.lessons_b if course == "b" else world.lessons_a
    return client.get(lessons[0].url).status_code


def test_an_assignment_does_not_lock_other_courses_by_default(client, world):
    user = learner(world, "free")
    assign(to=user, item=world.course_a, due_on=date(2026, 12, 1))
    client.force_login(user)
    assert lesson_status(client, world) == 200


def test_a_locking_assignment_locks_other_courses_until_it_is_done(client, world):
    user = learner(world, "locked")
    assign(
        to=world.cohort,
        item=world.course_a,
        due_on=date(2026, 12, 1),
        locks_others=True,
    )
    client.force_login(user)
    response = client.get(world.lessons_b[0].url)
    assert response.status_code == 403
    assert 'data-testid="locked"' in response.text
    assert world.course_a.title in response.text
    assert lesson_status(client, world, course="a") == 200  # the assigned one is open
    CourseCompletion.objects.create(user=user, course=world.course_a)
    assert lesson_status(client, world) == 200


def test_a_locking_path_assignment_opens_the_paths_courses(client, world):
    user = learner(world, "path-lock")
    assign(to=user, item=world.path, due_on=date(2026, 12, 1), locks_others=True)
    client.force_login(user)
    assert lesson_status(client, world, course="a") == 200
    assert lesson_status(client, world, course="b") == 200


def test_trainers_are_never_locked_out(client, world, trainer):
    assign(to=trainer, item=world.course_a, due_on=date(2026, 12, 1), locks_others=True)
    client.force_login(trainer)
    assert lesson_status(client, world) == 200

"""Trainers assign in the Wagtail admin; every learner reached is told."""

import pytest
from django.core import mail

from lms.assignments.models import Assignment
from lms.notifications.models import Notice
from tests.reports.helpers import learner

pytestmark = pytest.mark.django_db


def form(**fields):
    data = {
        "cohort": "",
        "team": "",
        "user": "",
        "course": "",
        "quiz": "",
        "scenario": "",
        "path": "",
        "due_on": "",
        "due_days_after_hire": "",
        "note": "",
    }
    data.update({key: str(value) for key, value in fields.items()})
    return data


def test_a_trainer_assigns_a_course_to_a_cohort_and_its_learners_are_told(
    client, world, trainer, django_capture_on_commit_callbacks
):
    reached = [learner(world, "t1"), learner(world, "t2")]
    learner(world, "elsewhere", cohort=world.other_cohort)
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/assignments/new/",
            form(
                cohort=world.cohort.pk,
                course=world.course_a.pk,
                due_on="2026-12-01",
                note="入职第一周完成",
            ),
        )
    assert response.status_code == 302, response.text[:2000]
    assignment = Assignment.objects.get()
    assert assignment.assigned_by == trainer and not assignment.locks_others
    notices = Notice.objects.filter(kind="assignment_created")
    assert sorted(n.user.username for n in notices) == ["t1", "t2"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in reached)
    assert world.course_a.title in mail.outbox[0].subject
    assert "2026-12-01" in mail.outbox[0].body


def test_the_form_names_what_is_missing_or_doubled(client, world, trainer):
    client.force_login(trainer)
    response = client.post(
        "/admin/assignments/new/",
        form(
            cohort=world.cohort.pk,
            team=world.team.pk,
            due_on="2026-12-01",
            due_days_after_hire=5,
        ),
    )
    assert response.status_code == 200
    assert Assignment.objects.count() == 0
    errors = response.context["form"].errors
    assert set(errors) >= {"cohort", "course", "due_on"}


def test_hr_does_not_assign(client, world, hr):
    """HR follows overdue work on the roster; assigning is the trainers' job."""
    client.force_login(hr)
    assert client.get("/admin/assignments/").status_code == 403
    response = client.post(
        "/admin/assignments/new/",
        form(cohort=world.cohort.pk, course=world.course_a.pk, due_on="2026-12-01"),
    )
    assert response.status_code == 403
    assert Assignment.objects.count() == 0


def test_learners_cannot_reach_the_assignment_admin(client, world):
    client.force_login(learner(world, "curious"))
    response = client.get("/admin/assignments/")
    assert response.status_code in (302, 403)

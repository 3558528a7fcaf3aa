"""Where each assignment stands for each learner, from the records that exist."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.assignments.status import State, assignment_statuses, assignments_for
from tests.assignments.helpers import assign
from tests.reports.helpers import (
    NOW,
    attempt,
    certificate,
    complete_course,
    drill,
    learner,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)  # NOW in Shanghai


def only(user, now=NOW):
    [status] = assignment_statuses([user], now=now)[user.id]
    return status


def test_an_absolute_due_date_counts_down_then_turns_overdue(world):
    user = learner(world, "a1")
    assign(to=world.cohort, item=world.course_a, due_on=TODAY + timedelta(days=3))
    status = only(user)
    assert (status.state, status.days_left) == (State.OPEN, 3)
    on_the_day = only(user, NOW + timedelta(days=3))
    assert (on_the_day.state, on_the_day.days_left) == (State.OPEN, 0)
    late = only(user, NOW + timedelta(days=5))
    assert (late.state, late.days_overdue) == (State.OVERDUE, 2)


def test_days_after_hire_gives_each_learner_their_own_deadline(world):
    early = learner(world, "early", hire_date=TODAY - timedelta(days=20))
    fresh = learner(world, "fresh", hire_date=TODAY - timedelta(days=2))
    assign(to=world.cohort, item=world.exam, after_hire=14)
    assert only(early).due == TODAY - timedelta(days=6)
    assert only(early).state == State.OVERDUE
    assert only(fresh).due == TODAY + timedelta(days=12)
    assert only(fresh).days_left == 12


def test_without_a_hire_date_the_account_start_counts(world):
    user = learner(world, "nohire", hire_date=None)  # joined the day before NOW
    assign(to=world.cohort, item=world.exam, after_hire=10)
    assert only(user).due == TODAY - timedelta(days=1) + timedelta(days=10)


def test_a_course_is_done_once_completed(world):
    user = learner(world, "c1")
    assign(to=user, item=world.course_a, due_on=TODAY)
    assert not only(user).done
    complete_course(user, world.course_a, world.lessons_a, at=NOW)
    assert only(user).state == State.DONE


def test_a_quiz_is_done_only_when_an_attempt_passed(world):
    user = learner(world, "q1")
    assign(to=user, item=world.exam, due_on=TODAY - timedelta(days=1))
    attempt(user, world.exam, 50, at=NOW)
    assert only(user).state == State.OVERDUE
    attempt(user, world.exam, 95, at=NOW)
    assert only(user).state == State.DONE


def test_a_drill_is_done_only_by_a_passed_exam_run(world):
    user = learner(world, "d1")
    assign(to=user, item=world.s1, due_on=TODAY)
    drill(user, world.s1, 95, at=NOW, mode="practice")
    drill(user, world.s1, 40, at=NOW, mode="exam")
    assert not only(user).done
    drill(user, world.s1, 90, at=NOW, mode="exam")
    assert only(user).done


def test_a_path_is_done_while_its_certificate_is_valid(world):
    user = learner(world, "p1")
    assign(to=user, item=world.path, due_on=TODAY + timedelta(days=30))
    # Still "valid" but past its date: the expiry run has not marked it yet.
    old = certificate(user, world.path, issued_at=NOW - timedelta(days=400))
    assert not only(user).done
    old.status = "superseded"
    old.save()
    certificate(user, world.path, issued_at=NOW - timedelta(days=1))
    assert only(user).done


def test_teams_and_people_are_reached_but_nobody_else(world):
    mine = learner(world, "mine")
    other_team = learner(world, "other", team=world.other_team, cohort=None)
    assign(to=world.team, item=world.course_a, due_on=TODAY)
    assign(to=other_team, item=world.course_b, due_on=TODAY)
    statuses = assignment_statuses([mine, other_team], now=NOW)
    assert [s.assignment.course for s in statuses[mine.id]] == [world.course_a]
    assert [s.assignment.course for s in statuses[other_team.id]] == [world.course_b]


def test_overdue_come_first_then_by_due_date_then_done(world):
    user = learner(world, "order")
    later = assign(to=user, item=world.course_b, due_on=TODAY + timedelta(days=9))
    sooner = assign(to=user, item=world.exam, due_on=TODAY + timedelta(days=1))
    late = assign(to=user, item=world.s1, due_on=TODAY - timedelta(days=1))
    done = assign(to=user, item=world.course_a, due_on=TODAY - timedelta(days=1))
    complete_course(user, world.course_a, world.lessons_a, at=NOW)
    order = [s.assignment for s in assignment_statuses([user], now=NOW)[user.id]]
    assert order == [late, sooner, later, done]


def test_the_dashboard_resolver_agrees_with_the_bulk_one(world):
    user = learner(world, "same", hire_date=TODAY - timedelta(days=3))
    assign(to=world.cohort, item=world.course_a, after_hire=2)
    assign(to=world.team, item=world.exam, due_on=TODAY + timedelta(days=4))
    assign(to=user, item=world.s1, due_on=TODAY)
    assign(to=user, item=world.path, due_on=TODAY)
    attempt(user, world.exam, 99, at=NOW)

    def summary(statuses):
        return [(s.assignment.pk, s.state, s.due) for s in statuses]

    with CaptureQueriesContext(connection) as one:
        mine = assignments_for(user, now=NOW)
    assert len(one) == 1
    assert summary(mine) == summary(assignment_statuses([user], now=NOW)[user.id])


def test_bulk_statuses_cost_two_queries_whatever_the_number_of_learners(world):
    users = [learner(world, f"bulk{n}") for n in range(12)]
    assign(to=world.cohort, item=world.course_a, due_on=TODAY)
    assign(to=world.team, item=world.exam, due_on=TODAY)
    assign(to=users[0], item=world.s1, due_on=TODAY)
    assign(to=users[1], item=world.path, due_on=TODAY)
    with CaptureQueriesContext(connection) as few:
        assignment_statuses(users[:2], now=NOW)
    with CaptureQueriesContext(connection) as many:
        result = assignment_statuses(users, now=NOW)
    assert len(few) == len(many) == 2
    assert sum(len(statuses) for statuses in result.values()) == 12 * 2 + 2

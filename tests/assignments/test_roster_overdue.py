"""Overdue work on the HR roster: a flag beside 停滞, a filter, and the same
number of queries for 5,000 learners with assignments as for ten."""

import time
from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.assignments.models import Assignment
from tests.assignments.helpers import assign
from tests.reports.helpers import NOW, complete_course, learner
from tests.reports.test_roster_query_count import add_learners

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def rows(html: str) -> dict[str, str]:
    """username → the row's HTML."""
    found = {}
    for part in html.split('data-testid="roster-row"')[1:]:
        username = part.split('data-username="', 1)[1].split('"', 1)[0]
        found[username] = part.split("</tr>", 1)[0]
    return found


@pytest.fixture
def late_and_done(world):
    late = learner(world, "late")
    done = learner(world, "done")
    learner(world, "untouched", cohort=world.other_cohort, team=world.other_team)
    assign(to=world.cohort, item=world.course_a, due_on=TODAY - timedelta(days=1))
    complete_course(done, world.course_a, world.lessons_a, at=NOW)
    return late, done


def test_overdue_learners_are_flagged_on_the_roster(client, hr, late_and_done, frozen):
    client.force_login(hr)
    found = rows(client.get("/hr/").text)
    assert 'data-testid="overdue-flag"' in found["late"]
    assert 'data-testid="overdue-flag"' not in found["done"]
    assert 'data-testid="overdue-flag"' not in found["untouched"]


def test_the_roster_filters_by_overdue(client, hr, late_and_done, frozen):
    client.force_login(hr)
    assert list(rows(client.get("/hr/?overdue=on").text)) == ["late"]
    assert list(rows(client.get("/hr/?overdue=on&cohort=0").text)) == ["late"]


def test_nothing_is_overdue_the_day_it_is_due(client, hr, world):
    learner(world, "on-time")
    assign(to=world.cohort, item=world.course_a, due_on=TODAY)
    client.force_login(hr)
    with time_machine.travel(NOW, tick=False):
        assert rows(client.get("/hr/?overdue=on").text) == {}
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        assert list(rows(client.get("/hr/?overdue=on").text)) == ["on-time"]


def count_queries(client, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries), time.perf_counter() - started


@pytest.mark.parametrize(
    "path", ["/hr/", "/hr/?overdue=on", "/hr/?overdue=on&stalled=on"]
)
def test_5000_learners_with_assignments_cost_the_queries_of_10(
    client, hr, world, frozen, path
):
    client.force_login(hr)
    for item, due in (
        (world.course_a, TODAY - timedelta(days=3)),
        (world.exam, TODAY + timedelta(days=2)),
        (world.s1, TODAY - timedelta(days=1)),
        (world.path, TODAY + timedelta(days=30)),
    ):
        kind = {"CoursePage": "course", "Quiz": "quiz", "Scenario": "scenario"}.get(
            type(item).__name__, "path"
        )
        Assignment.objects.create(cohort=world.cohort, due_on=due, **{kind: item})
        Assignment.objects.create(
            team=world.other_team, due_days_after_hire=5, **{kind: item}
        )
    add_learners(world, 10)
    few, _seconds = count_queries(client, path)
    add_learners(world, 4990, start=10)
    bulk = get_user_model().objects.filter(username__startswith="rep-bulk-")
    Assignment.objects.bulk_create(  # and some personal ones
        Assignment(user_id=user_id, course=world.course_b, due_on=TODAY)
        for user_id in bulk.values_list("id", flat=True)[::50]
    )
    many, seconds = count_queries(client, path)
    assert many == few, f"{few} queries for 10 learners, {many} for 5,000"
    assert seconds < 30

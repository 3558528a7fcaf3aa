"""必修 on the learner's dashboard: due date and days left, apart from the rest."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.assignments.helpers import assign
from tests.reports.helpers import NOW, complete_course, learner

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def items(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('data-state="')[1:]]


def test_the_dashboard_lists_required_items_with_days_left(client, world, frozen):
    user = learner(world, "dash")
    assign(to=world.cohort, item=world.course_a, due_on=TODAY + timedelta(days=3))
    assign(to=user, item=world.exam, due_on=TODAY - timedelta(days=2), note="先考试")
    client.force_login(user)
    html = client.get("/dashboard/").text
    assert 'data-testid="required-panel"' in html
    assert items(html) == ["overdue", "open"]
    assert world.course_a.title in html and world.exam.title in html
    assert (TODAY + timedelta(days=3)).isoformat() in html
    assert "先考试" in html
    assert "3" in html.split('data-state="open"', 1)[1].split("</li>", 1)[0]


def test_done_items_stay_listed_as_done(client, world, frozen):
    user = learner(world, "dash-done")
    assign(to=user, item=world.course_a, due_on=TODAY)
    complete_course(user, world.course_a, world.lessons_a, at=NOW)
    client.force_login(user)
    assert items(client.get("/dashboard/").text) == ["done"]


def test_without_assignments_there_is_no_required_panel(client, world, frozen):
    client.force_login(learner(world, "free"))
    assert 'data-testid="required-panel"' not in client.get("/dashboard/").text


def test_the_panel_reads_in_english_too(client, world, frozen, settings):
    user = learner(world, "dash-en")
    assign(to=user, item=world.exam, due_on=TODAY + timedelta(days=5))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/dashboard/").text
    assert "Required training" in html and "Days left: 5" in html


def test_the_dashboard_costs_the_same_with_1_or_8_assignments(
    client, world, frozen, django_assert_max_num_queries
):
    user = learner(world, "dash-queries")
    assign(to=user, item=world.course_a, due_on=TODAY)
    client.force_login(user)
    client.get("/dashboard/")  # warm per-process caches
    with CaptureQueriesContext(connection) as one:
        client.get("/dashboard/")
    for item in (world.course_b, world.exam, world.quiz_a, world.s1, world.s2):
        assign(to=user, item=item, due_on=TODAY + timedelta(days=2))
    assign(to=world.cohort, item=world.path, due_on=TODAY)
    assign(to=world.team, item=world.course_a, after_hire=3)
    with django_assert_max_num_queries(len(one)):
        html = client.get("/dashboard/").text
    assert html.count('data-testid="required-item"') == 8

"""The HR roster costs at most 20 queries, the same for 1 learner as for 20.

With progress, attempts, drills, certificates and assignments in place: the
figures come from one UNION query, the page and its total from one windowed
query, and the certification filter's options from the paths already read.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.assignments.models import Assignment
from tests.reports.test_roster_query_count import add_learners

pytestmark = pytest.mark.django_db

ROSTER_MAX = 20


def roster_queries(client, path="/hr/") -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


def test_the_roster_costs_at_most_20_queries_for_1_learner_or_20(client, hr, world):
    client.force_login(hr)
    for cohort in (world.cohort, world.other_cohort):  # overdue for everyone
        Assignment.objects.create(
            cohort=cohort, course=world.course_a, due_on=timezone.localdate()
        )
    add_learners(world, 1)
    client.get("/hr/")
    few = roster_queries(client)
    add_learners(world, 19, start=1)
    many = roster_queries(client)
    assert len(few) <= ROSTER_MAX, few
    assert len(many) == len(few), many


def test_the_roster_reads_groups_once_and_counts_without_a_count_query(
    client, hr, world
):
    client.force_login(hr)
    add_learners(world, 5)
    queries = roster_queries(client)
    roles = [sql for sql in queries if '"auth_group"."name" AS "name"' in sql]
    assert len(roles) == 1
    assert not [sql for sql in queries if sql.startswith("SELECT COUNT(")]


def test_a_page_past_the_end_shows_the_last_page(client, hr, world):
    client.force_login(hr)
    add_learners(world, 3)
    response = client.get("/hr/?page=99")
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == page.paginator.num_pages == 1
    assert len(response.context["rows"]) == page.paginator.count

"""Trainers' and HR's list of every drill session, with filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.drills.sessions import session_start
from tests.drills.helpers import finished_session, load_drills
from tests.factories import LearnerFactory


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def scenarios(site_tree):
    return load_drills()


def test_the_list_filters_by_learner_scenario_and_status(client, trainer, scenarios):
    ann = LearnerFactory(username="t_ann", display_name="安安")
    bob = LearnerFactory(username="t_bob", display_name="波波")
    finished_session(ann, scenarios["bargain-basic"])
    session_start(user=bob, scenario=scenarios["late-parcel"], mode="exam")
    client.force_login(trainer)
    url = reverse("drills:transcripts")

    def rows(**query):
        return client.get(url, query).text.count('data-testid="transcript-row"')

    assert rows() == 2
    assert rows(learner="安安") == 1
    assert rows(learner="t_bob") == 1
    assert rows(scenario="late-parcel") == 1
    assert rows(status="finished") == 1
    assert rows(status="in_progress", mode="exam") == 1


def test_the_list_costs_the_same_queries_with_more_sessions(
    client, trainer, scenarios, django_assert_max_num_queries
):
    def add_sessions(count: int) -> None:
        for number in range(count):
            user = LearnerFactory(username=f"q_{number}_{count}")
            finished_session(user, scenarios["bargain-basic"])

    client.force_login(trainer)
    url = reverse("drills:transcripts")
    add_sessions(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_sessions(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).text.count('data-testid="transcript-row"') == 10


def test_the_detail_shows_the_chat_scores_and_reasons(client, trainer, scenarios):
    session = finished_session(
        LearnerFactory(username="t_cat"), scenarios["bargain-basic"]
    )
    client.force_login(trainer)
    html = client.get(reverse("drills:transcript", args=[session.pk])).text
    assert "这双鞋能便宜点吗" in html and "满300减20" in html
    assert html.count('data-testid="turn-report"') == 3
    assert html.count('data-testid="override-form"') == 3
    assert 'data-testid="key-point-hit"' in html


@pytest.mark.parametrize("name", ["transcripts"])
def test_learners_may_not_read_transcripts(client, learner, name):
    client.force_login(learner)
    assert client.get(reverse(f"drills:{name}")).status_code == 403

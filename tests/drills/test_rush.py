"""接待高峰: several customers at once, each with its own scenario and clock."""

import pytest
from django.urls import reverse

from lms.drills.models import DrillSession
from lms.drills.sessions import rush_start, session_reply
from tests.drills.helpers import GOOD, load_drills, make_rush


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def rush(site_tree):
    return make_rush(load_drills())


def test_rush_mode_starts_one_session_per_customer(learner, rush):
    sessions = rush_start(user=learner, rush_set=rush, mode="practice")
    assert len(sessions) == 3
    assert [s.scenario.slug for s in sessions] == rush.scenario_slugs
    assert len({s.rush_group for s in sessions}) == 1
    assert [s.rush_position for s in sessions] == [0, 1, 2]
    assert all(s.turns.count() == 1 for s in sessions)


def test_customers_arrive_one_after_another(learner, rush, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 1
    sessions = rush_start(user=learner, rush_set=rush, mode="practice")
    first_shown = [s.turns.get().messages.first().shown_at for s in sessions]
    assert first_shown == sorted(first_shown)
    assert first_shown[0] < first_shown[1] < first_shown[2]


def test_starting_the_rush_again_resumes_it(learner, rush):
    first = rush_start(user=learner, rush_set=rush, mode="practice")
    again = rush_start(user=learner, rush_set=rush, mode="practice")
    assert [s.pk for s in again] == [s.pk for s in first]
    assert DrillSession.objects.count() == 3


def test_the_desk_lists_every_customer_with_unread_badges(client, learner, rush):
    sessions = rush_start(user=learner, rush_set=rush, mode="practice")
    client.force_login(learner)
    html = client.get(reverse("drills:workbench", args=[sessions[0].pk])).text
    assert html.count('data-testid="contact"') == 3
    assert html.count('data-testid="unread"') == 2  # the two chats not open
    assert "zhou_runner" in html and "xiaoyu_2023" in html


def test_each_customer_keeps_its_own_turns(learner, rush):
    first, second, _third = rush_start(user=learner, rush_set=rush, mode="practice")
    session_reply(session=first, order=1, text=GOOD[("bargain-basic", "t1")])
    assert first.turns.count() == 2
    assert second.turns.count() == 1


def test_leaving_the_rush_leaves_every_customer(client, learner, rush):
    sessions = rush_start(user=learner, rush_set=rush, mode="practice")
    client.force_login(learner)
    client.post(reverse("drills:abandon", args=[sessions[1].pk]))
    statuses = set(
        DrillSession.objects.filter(rush_group=sessions[0].rush_group).values_list(
            "status", flat=True
        )
    )
    assert statuses == {"abandoned"}


def test_the_catalogue_starts_the_rush(client, learner, rush):
    client.force_login(learner)
    assert "测试高峰" in client.get(reverse("drills:catalogue")).text
    response = client.post(reverse("drills:rush_start", args=[rush.slug]))
    first = DrillSession.objects.get(rush_position=0)
    assert response.url == reverse("drills:workbench", args=[first.pk])

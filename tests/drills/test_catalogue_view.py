"""The drill catalogue: scenarios by track, best scores, start buttons."""

import pytest
from django.urls import reverse

from lms.drills.models import DrillSession
from tests.drills.helpers import finished_session, load_drills


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


def test_the_catalogue_lists_active_scenarios_with_their_facts(client, learner):
    scenarios = load_drills()
    scenarios["late-parcel"].active = False
    scenarios["late-parcel"].save()
    client.force_login(learner)
    html = client.get(reverse("drills:catalogue")).text
    assert "顾客议价" in html and "快递迟迟不到" not in html
    assert 'data-testid="start-practice"' in html and 'data-testid="start-exam"' in html


def test_the_catalogue_shows_my_best_score(client, learner):
    scenario = load_drills()["bargain-basic"]
    best = finished_session(learner, scenario)
    finished_session(learner, scenario, replies={"t1": "嗯"})
    client.force_login(learner)
    card = client.get(reverse("drills:catalogue")).text.split(
        'data-scenario="bargain-basic"'
    )[1]
    assert str(best.score) in card.split('data-testid="best-score"')[1][:200]


def test_start_buttons_open_a_practice_or_an_exam(client, learner):
    load_drills()
    client.force_login(learner)
    url = reverse("drills:start", args=["bargain-basic"])
    response = client.post(url, {"mode": "exam"})
    session = DrillSession.objects.get()
    assert session.mode == "exam"
    assert response.url == reverse("drills:workbench", args=[session.pk])


def test_an_unknown_or_inactive_scenario_cannot_be_started(client, learner):
    scenarios = load_drills()
    scenarios["bargain-basic"].active = False
    scenarios["bargain-basic"].save()
    client.force_login(learner)
    assert client.post(reverse("drills:start", args=["nope"])).status_code == 404
    url = reverse("drills:start", args=["bargain-basic"])
    assert client.post(url).status_code == 404

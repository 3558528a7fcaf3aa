"""Scenarios in the Wagtail admin: YAML source checked on save, try a reply."""

import pytest
from django.urls import reverse

from lms.drills.models import Scenario
from tests.drills.helpers import DATA, finished_session, load_drills


@pytest.fixture
def scenario(site_tree):
    return load_drills()["bargain-basic"]


def edit(client, scenario, source, active=True):
    data = {"source": source}
    if active:
        data["active"] = "on"
    return client.post(reverse("drills_scenario:edit", args=[scenario.pk]), data)


def test_trainers_see_the_scenarios_in_the_admin(client, trainer, scenario):
    client.force_login(trainer)
    response = client.get(reverse("drills_scenario:index"))
    assert response.status_code == 200
    assert "顾客议价" in response.text


def test_learners_and_hr_cannot_edit_scenarios(client, learner, hr, scenario):
    for user in (learner, hr):
        client.force_login(user)
        url = reverse("drills_scenario:edit", args=[scenario.pk])
        assert client.get(url).status_code in (302, 403)


def test_saving_a_valid_source_updates_the_scenario(client, trainer, scenario):
    client.force_login(trainer)
    source = scenario.source.replace("title: 顾客议价", "title: 顾客砍价")
    response = edit(client, scenario, source)
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.title == "顾客砍价"
    assert scenario.edited_since_load
    assert scenario.versions.count() == 2


def test_problems_are_listed_as_line_and_message(client, trainer, scenario):
    client.force_login(trainer)
    source = scenario.source.replace("pass_score: 70", "pass_score: 170").replace(
        "track: presales", "track: sales"
    )
    response = edit(client, scenario, source)
    assert response.status_code == 200
    html = response.text
    assert 'data-testid="source-problems"' in html
    assert "<li>3: scenario: &#x27;track&#x27; must be one of" in html
    assert "pass_score&#x27; must be between 0 and 100" in html
    scenario.refresh_from_db()
    assert scenario.title == "顾客议价" and "pass_score: 70" in scenario.source


def test_the_id_cannot_change(client, trainer, scenario):
    client.force_login(trainer)
    source = scenario.source.replace("id: bargain-basic", "id: bargain-new")
    response = edit(client, scenario, source)
    problems = response.text.split('data-testid="source-problems"')[1]
    assert "<li>1: " in problems and "bargain-basic" in problems
    scenario.refresh_from_db()
    assert scenario.slug == "bargain-basic"


def test_a_model_answer_that_scores_badly_is_a_problem(client, trainer, scenario):
    client.force_login(trainer)
    source = scenario.source.replace(
        "您好,欢迎光临!这款已经是活动价了,本周满300减20,您可以凑单更划算哦~",
        "嗯",
        1,
    )
    response = edit(client, scenario, source)
    assert "model answer 1 scores" in response.text


def test_a_new_scenario_can_be_written_in_the_admin(client, trainer, scenario):
    client.force_login(trainer)
    source = (DATA / "late-parcel.yaml").read_text(encoding="utf-8")
    source = source.replace("id: late-parcel", "id: late-parcel-2")
    response = client.post(
        reverse("drills_scenario:add"), {"source": source, "active": "on"}
    )
    assert response.status_code == 302
    created = Scenario.objects.get(slug="late-parcel-2")
    assert created.track == "aftersales" and created.mood == "impatient"
    assert created.versions.count() == 1


def test_the_try_box_shows_the_full_breakdown(client, trainer, scenario):
    client.force_login(trainer)
    url = reverse("drills_scenario:inspect", args=[scenario.pk])
    assert 'data-testid="try-box"' in client.get(url).text
    html = client.post(
        url, {"try-turn": "t2", "try-reply": "亲,这款不包邮哦", "try-seconds": "40"}
    ).text
    assert 'data-testid="try-result"' in html
    assert "包邮" in html and 'data-testid="key-point-missed"' in html
    assert 'data-testid="response-time"' not in html or "40" in html


def test_the_edit_view_has_the_try_box_too(client, trainer, scenario):
    client.force_login(trainer)
    html = client.get(reverse("drills_scenario:edit", args=[scenario.pk])).text
    assert 'data-testid="try-box"' in html


def test_a_played_scenario_is_not_deleted(client, trainer, learner, scenario, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0
    finished_session(learner, scenario)
    client.force_login(trainer)
    client.post(reverse("drills_scenario:delete", args=[scenario.pk]))
    assert Scenario.objects.filter(pk=scenario.pk).exists()

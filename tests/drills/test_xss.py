"""A reply with HTML is shown as text everywhere it appears."""

import pytest
from django.urls import reverse

from tests.drills.helpers import XSS, finished_session, load_drills

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def session(learner):
    scenario = load_drills()["bargain-basic"]
    return finished_session(learner, scenario, replies={"t1": f"您好{XSS}满300减20"})


def assert_inert(html: str) -> None:
    assert ESCAPED in html or "&lt;script&gt;" in html
    assert XSS not in html
    assert "<script>alert(1)" not in html


def test_html_in_a_reply_is_inert_in_the_workbench(client, session):
    client.force_login(session.user)
    assert_inert(client.get(reverse("drills:workbench", args=[session.pk])).text)


def test_html_in_a_reply_is_inert_in_the_report(client, session):
    client.force_login(session.user)
    assert_inert(client.get(reverse("drills:report", args=[session.pk])).text)


def test_html_in_a_reply_is_inert_in_the_trainer_transcript(client, session, trainer):
    client.force_login(trainer)
    assert_inert(client.get(reverse("drills:transcript", args=[session.pk])).text)


def test_html_in_a_reply_is_inert_in_the_admin_try_box(client, session, trainer):
    client.force_login(trainer)
    url = reverse("drills_scenario:inspect", args=[session.scenario_id])
    response = client.post(
        url, {"try-turn": "t1", "try-reply": f"您好{XSS}", "try-seconds": ""}
    )
    assert response.status_code == 200
    assert 'data-testid="try-result"' in response.text
    assert_inert(response.text)


def test_html_in_a_pasted_reply_is_inert_in_the_linter(client, learner):
    load_drills()
    client.force_login(learner)
    response = client.post(reverse("drills:linter"), {"text": f"好评返现{XSS}"})
    assert_inert(response.text)

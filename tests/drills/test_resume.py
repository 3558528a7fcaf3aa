"""Closing the browser loses nothing: the session resumes where it was."""

import pytest
from django.test import Client
from django.urls import reverse

from lms.drills.sessions import session_start
from tests.drills.helpers import GOOD, load_drills


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


def test_a_new_browser_resumes_the_same_turn_with_the_same_messages(learner):
    scenario = load_drills()["bargain-basic"]
    before = Client()
    before.force_login(learner)
    before.post(reverse("drills:start", args=["bargain-basic"]), {"mode": "exam"})
    session = learner.drill_sessions.get()
    before.post(
        reverse("drills:reply", args=[session.pk]),
        {"turn": 1, "text": GOOD[("bargain-basic", "t1")]},
    )
    del before  # the browser is closed

    after = Client()
    after.force_login(learner)
    response = after.post(
        reverse("drills:start", args=["bargain-basic"]), {"mode": "exam"}
    )
    assert response.url == reverse("drills:workbench", args=[session.pk])
    html = after.get(response.url).content.decode()
    assert "这双鞋能便宜点吗" in html and "满300减20" in html
    assert "那包邮吗?" in html
    assert 'name="turn" form="qn-composer" value="2"' in html
    assert session_start(user=learner, scenario=scenario, mode="exam").pk == session.pk

"""People see turns as 第 N 轮: the scenario file's turn ids (t1, t2…) appear
on no page — not the learner's report, the trainer's transcript with its
score override, the admin's try box, nor the admin history of an override."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from lms.drills.models import DrillTurn
from lms.drills.sessions import turn_override
from tests.drills.helpers import finished_session, load_drills

TURN_ID = re.compile(r"(?<![\w-])t[1-9](?![\w-])")


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def session(site_tree, learner):
    return finished_session(learner, load_drills()["bargain-basic"])


def visible_text(html: str) -> str:
    """The page without tags and attribute values (ids in markup are fine)."""
    return re.sub(r"<[^>]*>", " ", html)


def test_the_learners_report_numbers_the_turns(client, learner, session):
    client.force_login(learner)
    with translation.override("zh-hans"):
        html = client.get(reverse("drills:report", args=[session.pk])).text
    assert "第 1 轮" in html and "第 2 轮" in html
    assert not TURN_ID.search(visible_text(html))


def test_the_trainers_transcript_numbers_the_turns(client, trainer, session):
    client.force_login(trainer)
    with translation.override("zh-hans"):
        html = client.get(reverse("drills:transcript", args=[session.pk])).text
    assert 'data-testid="override-form"' in html and "第 1 轮" in html
    assert not TURN_ID.search(visible_text(html))


def test_the_try_box_offers_turns_by_number(client, trainer, session):
    client.force_login(trainer)
    url = reverse("drills_scenario:inspect", args=[session.scenario.pk])
    with translation.override("zh-hans"):
        html = client.post(
            url, {"try-turn": "t1", "try-reply": "亲,这款不包邮哦", "try-seconds": ""}
        ).text
    box = html[html.index('data-testid="try-box"') :]
    assert 'data-testid="try-result"' in box and "第 1 轮" in box
    assert not TURN_ID.search(visible_text(box))


def test_an_override_in_the_admin_history_names_the_turn_by_number(trainer, session):
    turn = DrillTurn.objects.get(session=session, order=2)
    turn_override(turn=turn, score=90, comment="语气很好", by=trainer)
    with translation.override("zh-hans"):
        label = str(turn)
    assert label == f"#{session.pk} · 第 2 轮"

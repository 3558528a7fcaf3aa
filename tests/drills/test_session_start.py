"""Starting a drill: a version, the first turn and its scheduled messages."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lms.drills.models import DrillSession
from lms.drills.sessions import DrillError, session_start
from tests.drills.helpers import load_drills


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


def test_start_creates_the_first_turn_with_the_customers_messages(learner):
    scenario = load_drills()["bargain-basic"]
    session = session_start(user=learner, scenario=scenario, mode="practice")
    turn = session.turns.get()
    assert (turn.order, turn.turn_id) == (1, "t1")
    assert [m.text for m in turn.messages.all()] == ["在吗?", "这双鞋能便宜点吗"]
    assert turn.target_seconds == 15
    assert session.version.content_hash == scenario.content_hash
    assert session.is_open and session.mode == "practice"


def test_messages_show_one_after_another_with_typing_delays(learner, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 1
    scenario = load_drills()["bargain-basic"]
    with time_machine.travel(timezone.now(), tick=False):
        start = timezone.now()
        session = session_start(user=learner, scenario=scenario, mode="exam")
    first, second = session.turns.get().messages.all()
    assert start < first.shown_at < second.shown_at
    assert second.shown_at - start < timedelta(seconds=10)


def test_starting_again_resumes_the_open_session(learner):
    scenario = load_drills()["bargain-basic"]
    first = session_start(user=learner, scenario=scenario, mode="practice")
    again = session_start(user=learner, scenario=scenario, mode="practice")
    exam = session_start(user=learner, scenario=scenario, mode="exam")
    assert again.pk == first.pk
    assert exam.pk != first.pk
    assert DrillSession.objects.count() == 2


def test_an_inactive_scenario_cannot_be_started(learner):
    scenario = load_drills()["bargain-basic"]
    scenario.active = False
    scenario.save()
    with pytest.raises(DrillError):
        session_start(user=learner, scenario=scenario, mode="practice")

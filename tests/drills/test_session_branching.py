"""Branching inside a session: a missed apology makes the customer angrier."""

import pytest

from lms.drills.sessions import session_reply, session_start
from tests.drills.helpers import GOOD, load_drills, play


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


def test_missing_the_apology_leads_to_the_angry_turn(learner):
    scenario = load_drills()["late-parcel"]
    session = session_start(user=learner, scenario=scenario, mode="practice")
    session_reply(session=session, order=1, text="订单号发我一下,我查查")
    second = session.turns.get(order=2)
    assert second.turn_id == "t1-angry"
    assert [m.text for m in second.messages.all()] == ["你们连句道歉都没有吗?"]
    assert second.target_seconds == 30


def test_with_the_apology_the_drill_goes_straight_on(learner):
    scenario = load_drills()["late-parcel"]
    session = session_start(user=learner, scenario=scenario, mode="practice")
    session_reply(session=session, order=1, text=GOOD[("late-parcel", "t1")])
    assert session.turns.get(order=2).turn_id == "t2"


def test_the_branch_rejoins_and_the_drill_ends(learner):
    scenario = load_drills()["late-parcel"]
    session = play(
        session_start(user=learner, scenario=scenario, mode="practice"),
        {"t1": "订单号发我一下,我查查"},
    )
    assert list(session.turns.values_list("turn_id", flat=True)) == [
        "t1",
        "t1-angry",
        "t2",
    ]
    assert session.is_finished

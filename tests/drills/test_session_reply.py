"""Replying: saved at once, scored, the next turn queued, the drill finished."""

import pytest

from lms.drills.models import DrillTurn, Scenario
from lms.drills.sessions import DrillError, session_reply, session_start
from tests.drills.helpers import GOOD, load_drills, play


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def session(learner):
    scenario = load_drills()["bargain-basic"]
    return session_start(user=learner, scenario=scenario, mode="practice")


def test_a_reply_is_saved_scored_and_the_next_turn_queued(session):
    outcome = session_reply(
        session=session, order=1, text=GOOD[("bargain-basic", "t1")]
    )
    turn = outcome.turn
    assert turn.reply.startswith("您好") and turn.received_at is not None
    assert turn.machine_score >= 90
    assert turn.result["turn_id"] == "t1" and turn.result["reasons"]
    assert list(session.turns.values_list("order", "turn_id")) == [
        (1, "t1"),
        (2, "t2"),
    ]


def test_the_last_reply_finishes_the_drill_with_the_average_score(session):
    session = play(session)
    scores = list(session.turns.values_list("machine_score", flat=True))
    assert session.status == "finished" and session.finished_at
    assert session.score == round(sum(scores) / len(scores))
    assert session.passed and not session.fatal
    assert session.result["scenario_id"] == "bargain-basic"
    assert len(session.result["turns"]) == 3


def test_an_empty_reply_is_refused(session):
    with pytest.raises(DrillError) as error:
        session_reply(session=session, order=1, text="   ")
    assert error.value.code == "empty"
    assert not DrillTurn.objects.filter(received_at__isnull=False).exists()


def test_a_fatal_mistake_fails_the_drill_whatever_the_score(session):
    session = play(session, {"t1": "您好,好评返现5元哦"})
    assert session.fatal and not session.passed


def test_no_reply_is_taken_after_the_drill_ended(session):
    session = play(session)
    with pytest.raises(DrillError) as error:
        session_reply(session=session, order=4, text="还在吗")
    assert error.value.code == "no_turn"


def test_finishing_sends_the_session_finished_signal_once(session):
    from lms.drills.signals import session_finished

    received = []

    def receiver(sender, session, **kwargs):
        received.append((session.pk, session.score))

    session_finished.connect(receiver)
    try:
        finished = play(session)
    finally:
        session_finished.disconnect(receiver)
    assert received == [(finished.pk, finished.score)]


def test_a_failing_listener_never_loses_the_last_reply(session):
    from lms.drills.signals import session_finished

    def broken(sender, session, **kwargs):
        Scenario.objects.update(title="changed by a listener")
        raise RuntimeError("certification is down")

    session_finished.connect(broken)
    try:
        finished = play(session)
    finally:
        session_finished.disconnect(broken)
    finished.refresh_from_db()
    assert finished.is_finished and finished.score is not None
    assert finished.turns.filter(received_at__isnull=False).count() == 3
    title = Scenario.objects.get(pk=finished.scenario_id).title
    assert title == "顾客议价"  # the listener's own work was rolled back

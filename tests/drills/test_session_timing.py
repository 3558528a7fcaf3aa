"""Response times are the server's: from the message being shown to the reply."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lms.drills.sessions import DrillError, session_reply, session_start
from tests.drills.helpers import GOOD, load_drills


def test_response_time_runs_from_the_last_message_shown_to_the_reply(learner, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 1
    scenario = load_drills()["bargain-basic"]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        session = session_start(user=learner, scenario=scenario, mode="exam")
        shown = session.turns.get().messages.order_by("-position")[0].shown_at
        clock.move_to(shown + timedelta(seconds=12))
        turn = session_reply(
            session=session, order=1, text=GOOD[("bargain-basic", "t1")]
        ).turn
    assert turn.seconds == 12.0
    assert turn.received_at == shown + timedelta(seconds=12)
    assert turn.result["seconds"] == 12.0


def test_a_slow_reply_loses_points_against_the_target(learner, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0
    scenario = load_drills()["bargain-basic"]
    text = GOOD[("bargain-basic", "t1")]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fast = session_start(user=learner, scenario=scenario, mode="exam")
        quick = session_reply(session=fast, order=1, text=text).turn
        slow = session_start(user=learner, scenario=scenario, mode="practice")
        clock.shift(timedelta(seconds=50))
        late = session_reply(session=slow, order=1, text=text).turn
    assert late.seconds == 50.0
    assert late.machine_score < quick.machine_score
    assert any(r["status"] == "slow" for r in late.result["reasons"])


def test_a_reply_before_the_customer_finished_typing_is_refused(learner, settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 1
    scenario = load_drills()["bargain-basic"]
    with time_machine.travel(timezone.now(), tick=False):
        session = session_start(user=learner, scenario=scenario, mode="exam")
        with pytest.raises(DrillError) as error:
            session_reply(session=session, order=1, text="您好")
    assert error.value.code == "typing"
    assert session.turns.get().received_at is None

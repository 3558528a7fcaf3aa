"""A turn is answered once: the same reply again is harmless, another is refused."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.drills.models import DrillTurn
from lms.drills.sessions import DrillError, session_reply, session_start
from tests.drills.helpers import GOOD, load_drills

TEXT = GOOD[("bargain-basic", "t1")]


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def session(learner):
    scenario = load_drills()["bargain-basic"]
    return session_start(user=learner, scenario=scenario, mode="exam")


def test_submitting_the_same_reply_twice_saves_it_once(session):
    first = session_reply(session=session, order=1, text=TEXT)
    again = session_reply(session=session, order=1, text=TEXT)
    assert not first.duplicate and again.duplicate
    assert again.turn.received_at == first.turn.received_at
    assert session.turns.count() == 2  # t1 and the one next turn


def test_a_different_reply_to_an_answered_turn_is_refused(session):
    session_reply(session=session, order=1, text=TEXT)
    with pytest.raises(DrillError) as error:
        session_reply(session=session, order=1, text="您好")
    assert error.value.code == "answered"
    assert session.turns.get(order=1).reply == TEXT


def test_the_database_refuses_a_second_turn_with_the_same_order(session):
    with pytest.raises(IntegrityError), transaction.atomic():
        DrillTurn.objects.create(
            session=session,
            order=1,
            turn_id="t1",
            created_at=timezone.now(),
            target_seconds=15,
        )

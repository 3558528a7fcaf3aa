"""What certification and HR read: best score per scenario and the average."""

import pytest

from lms.drills.selectors import drill_average, drill_best_scores
from lms.drills.sessions import session_abandon, session_start
from tests.drills.helpers import finished_session, load_drills


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


def test_best_scores_take_each_scenarios_best_finished_session(learner):
    scenarios = load_drills()
    good = finished_session(learner, scenarios["bargain-basic"])
    finished_session(learner, scenarios["bargain-basic"], replies={"t1": "嗯"})
    weak = finished_session(
        learner, scenarios["late-parcel"], mode="exam", replies={"t1": "嗯"}
    )
    best = drill_best_scores(learner)
    assert best["bargain-basic"].score == good.score
    assert best["bargain-basic"].passed and best["bargain-basic"].sessions == 2
    assert best["late-parcel"].score == weak.score
    assert not best["late-parcel"].passed
    assert set(drill_best_scores(learner, mode="exam")) == {"late-parcel"}
    assert drill_average(learner) == round((good.score + weak.score) / 2, 1)


def test_unfinished_and_abandoned_sessions_do_not_count(learner):
    scenarios = load_drills()
    session_start(user=learner, scenario=scenarios["bargain-basic"], mode="exam")
    left = session_start(
        user=learner, scenario=scenarios["late-parcel"], mode="practice"
    )
    session_abandon(session=left)
    assert drill_best_scores(learner) == {}
    assert drill_average(learner) is None


def test_an_override_counts_in_the_best_score(learner, trainer):
    from lms.drills.sessions import turn_override

    scenario = load_drills()["bargain-basic"]
    session = finished_session(learner, scenario, replies={"t2": "嗯"})
    turn_override(turn=session.turns.get(order=2), score=100, comment="ok", by=trainer)
    session.refresh_from_db()
    assert drill_best_scores(learner)["bargain-basic"].score == session.score

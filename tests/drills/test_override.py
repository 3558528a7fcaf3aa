"""Trainers rescore a turn; the session score follows; the learner sees both."""

import pytest
from django.urls import reverse

from lms.drills.sessions import DrillError, turn_override
from tests.drills.helpers import finished_session, load_drills


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def session(learner):
    scenario = load_drills()["bargain-basic"]
    return finished_session(learner, scenario, replies={"t2": "嗯"})


def test_an_override_recomputes_the_session_score(session, trainer):
    low = session.turns.get(order=2)
    machine = session.score
    turn_override(turn=low, score=100, comment="学员口头说明了包邮", by=trainer)
    session.refresh_from_db()
    scores = [t.effective_score for t in session.turns.order_by("order")]
    assert scores[1] == 100
    assert session.score == round(sum(scores) / 3) > machine
    assert session.machine_score == machine


def test_an_override_is_logged_with_who_and_what(session, trainer):
    from wagtail.models import ModelLogEntry

    turn = session.turns.get(order=2)
    turn_override(turn=turn, score=75, comment="还行", by=trainer)
    entry = ModelLogEntry.objects.get(action="drills.override")
    assert entry.user == trainer
    assert entry.data["score"] == 75 and entry.data["comment"] == "还行"
    assert entry.data["machine_score"] == turn.machine_score


def test_an_override_lifts_a_fatal_verdict(learner, trainer):
    scenario = load_drills()["bargain-basic"]
    session = finished_session(learner, scenario, replies={"t1": "您好,好评返现哦"})
    assert session.fatal and not session.passed
    turn_override(turn=session.turns.get(order=1), score=80, comment="误判", by=trainer)
    session.refresh_from_db()
    assert not session.fatal


def test_an_empty_score_goes_back_to_the_machine(session, trainer):
    turn = session.turns.get(order=2)
    machine = session.score
    turn_override(turn=turn, score=90, comment="好", by=trainer)
    turn_override(turn=turn, score=None, comment="", by=trainer)
    session.refresh_from_db()
    turn.refresh_from_db()
    assert session.score == machine
    assert turn.override_by is None and turn.override_comment == ""


def test_an_override_needs_a_comment(session, trainer):
    with pytest.raises(DrillError):
        turn_override(
            turn=session.turns.get(order=2), score=80, comment=" ", by=trainer
        )


def test_the_learner_sees_the_machine_score_and_the_override(client, session, trainer):
    client.force_login(trainer)
    response = client.post(
        reverse("drills:override", args=[session.pk, 2]),
        {"score": "85", "comment": "意思到了,措辞再练练"},
    )
    assert response.status_code == 302
    client.force_login(session.user)
    html = client.get(reverse("drills:report", args=[session.pk])).text
    machine = session.turns.get(order=2).machine_score
    assert "意思到了,措辞再练练" in html
    assert "<s title=" in html and f">{machine}</s> 85" in html
    assert 'data-testid="machine-score"' in html


def test_hr_reads_transcripts_but_cannot_override(client, session, hr):
    client.force_login(hr)
    page = client.get(reverse("drills:transcript", args=[session.pk]))
    assert page.status_code == 200
    assert 'data-testid="override-form"' not in page.text
    response = client.post(
        reverse("drills:override", args=[session.pk, 2]),
        {"score": "85", "comment": "x"},
    )
    assert response.status_code == 403
    assert session.turns.get(order=2).override_score is None


def test_learners_cannot_override(client, session):
    client.force_login(session.user)
    response = client.post(
        reverse("drills:override", args=[session.pk, 2]),
        {"score": "100", "comment": "我觉得我答得很好"},
    )
    assert response.status_code == 403

"""A learner appeals a turn's score; it waits in the trainers' review queue until
one resolves it; one open appeal per turn."""

import pytest
from django.urls import reverse

from lms.drills.appeals import appeal_open, appeal_resolve
from lms.drills.models import TurnAppeal
from lms.drills.review import flagged_sessions, queue_counts
from lms.drills.sessions import DrillError, session_start, turn_override
from tests.drills.helpers import finished_session, load_drills


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def session(learner):
    scenario = load_drills()["bargain-basic"]
    return finished_session(learner, scenario, replies={"t2": "嗯"})


def appeal_url(session, order=2):
    return reverse("drills:appeal", args=[session.pk, order])


def test_the_learner_appeals_from_the_report_and_sees_it_there(client, session):
    client.force_login(session.user)
    report = client.get(reverse("drills:report", args=[session.pk])).text
    assert 'data-testid="appeal-form"' in report
    assert 'name="csrfmiddlewaretoken"' in report
    response = client.post(
        appeal_url(session), {"comment": "我问了顾客的需求,应该得分"}
    )
    assert response.status_code == 302
    appeal = TurnAppeal.objects.get()
    assert (appeal.turn.order, appeal.user, appeal.is_open) == (2, session.user, True)
    report = client.get(reverse("drills:report", args=[session.pk])).text
    assert "我问了顾客的需求,应该得分" in report
    assert report.count('data-testid="appeal-form"') == 2  # turns 1 and 3 only


def test_one_open_appeal_per_turn(client, session):
    client.force_login(session.user)
    client.post(appeal_url(session), {"comment": "第一次"})
    client.post(appeal_url(session), {"comment": "第二次"})
    assert TurnAppeal.objects.count() == 1
    with pytest.raises(DrillError) as error:
        appeal_open(turn=session.turns.get(order=2), user=session.user, comment="再来")
    assert error.value.code == "duplicate"


def test_an_appeal_needs_a_reason(client, session):
    client.force_login(session.user)
    client.post(appeal_url(session), {"comment": "   "})
    assert TurnAppeal.objects.count() == 0


def test_nobody_else_can_appeal_someone_s_turn(client, session, trainer):
    client.force_login(trainer)
    assert client.post(appeal_url(session), {"comment": "x"}).status_code == 404
    assert TurnAppeal.objects.count() == 0


def test_an_unfinished_session_cannot_be_appealed(learner):
    scenario = load_drills()["bargain-basic"]
    session = session_start(user=learner, scenario=scenario, mode="practice")
    turn = session.turns.get(order=1)
    with pytest.raises(DrillError):
        appeal_open(turn=turn, user=learner, comment="还没答完")


def test_the_appeal_lands_in_the_review_queue_and_a_trainer_resolves_it(
    client, session, trainer
):
    client.force_login(session.user)
    client.post(appeal_url(session), {"comment": "请复核"})
    assert queue_counts().appeals == 1
    client.force_login(trainer)
    queue = client.get(reverse("drills:review")).text
    assert "请复核" in queue and 'data-testid="resolve-form"' in queue
    appeal = TurnAppeal.objects.get()
    response = client.post(
        reverse("drills:appeal_resolve", args=[appeal.pk]),
        {"resolution": "已复核,维持原分"},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert not appeal.is_open and appeal.resolved_by == trainer
    assert queue_counts().appeals == 0
    client.force_login(session.user)
    report = client.get(reverse("drills:report", args=[session.pk])).text
    assert "已复核,维持原分" in report
    # Resolved: the learner may appeal the turn again.
    assert report.count('data-testid="appeal-form"') == 3


def test_learners_and_hr_cannot_resolve(client, session, hr):
    appeal = appeal_open(
        turn=session.turns.get(order=2), user=session.user, comment="请复核"
    )
    for user in (session.user, hr):
        client.force_login(user)
        url = reverse("drills:appeal_resolve", args=[appeal.pk])
        assert client.post(url, {"resolution": "x"}).status_code == 403
        with pytest.raises(DrillError):
            appeal_resolve(appeal=appeal, by=user, resolution="x")
    appeal.refresh_from_db()
    assert appeal.is_open


def test_a_failed_session_waits_for_review_until_a_turn_is_rescored(learner, trainer):
    scenario = load_drills()["bargain-basic"]
    session = finished_session(learner, scenario, replies={"t1": "您好,好评返现哦"})
    assert session.fatal
    assert list(flagged_sessions()) == [session]
    assert queue_counts().fatal == 1
    turn_override(turn=session.turns.get(order=1), score=80, comment="误判", by=trainer)
    assert list(flagged_sessions()) == []


def test_user_input_is_escaped_in_the_queue(client, session, trainer):
    appeal_open(
        turn=session.turns.get(order=2), user=session.user, comment="<script>x</script>"
    )
    client.force_login(trainer)
    html = client.get(reverse("drills:review")).text
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html

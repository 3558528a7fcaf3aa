"""The workbench page, its polling and replies through htmx."""

import pytest
from django.urls import reverse

from lms.drills.sessions import session_start
from tests.drills.helpers import GOOD, load_drills, play
from tests.factories import LearnerFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def session(learner):
    scenario = load_drills()["bargain-basic"]
    return session_start(user=learner, scenario=scenario, mode="practice")


def test_workbench_shows_messages_context_tabs_and_quick_phrases(client, session):
    client.force_login(session.user)
    html = client.get(reverse("drills:workbench", args=[session.pk])).content.decode()
    assert "这双鞋能便宜点吗" in html
    assert 'data-testid="tab-product"' in html and "轻便透气跑步鞋" in html
    assert "/by" in html and "本店全场包邮" in html  # the store's quick phrases
    assert 'name="turn" form="qn-composer" value="1"' in html
    assert 'hx-trigger="qn-due, every 3s"' in html


def test_poll_answers_no_content_while_nothing_changed(client, session):
    client.force_login(session.user)
    url = reverse("drills:poll", args=[session.pk])
    first = client.get(url, **HTMX)
    state = first.content.decode().split('id="qn-state" name="state" value="')[1]
    state = state.split('"')[0]
    assert first.status_code == 200
    assert client.get(url, {"state": state}, **HTMX).status_code == 204


def test_an_htmx_reply_answers_with_the_new_chat_and_a_saved_event(client, session):
    client.force_login(session.user)
    response = client.post(
        reverse("drills:reply", args=[session.pk]),
        {"turn": 1, "text": GOOD[("bargain-basic", "t1")]},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "drill-reply-saved" in response.headers["HX-Trigger"]
    assert 'data-testid="feedback"' in html  # practice: a badge under the reply
    assert "那包邮吗?" in html  # the next customer message
    assert 'id="qn-contacts"' in html and 'hx-swap-oob="true"' in html


def test_exam_mode_shows_no_feedback_until_the_report(client, learner):
    scenario = load_drills()["bargain-basic"]
    session = session_start(user=learner, scenario=scenario, mode="exam")
    client.force_login(learner)
    response = client.post(
        reverse("drills:reply", args=[session.pk]),
        {"turn": 1, "text": GOOD[("bargain-basic", "t1")]},
        **HTMX,
    )
    assert 'data-testid="feedback"' not in response.content.decode()


def test_a_refused_reply_is_shown_in_the_composer(client, session):
    client.force_login(session.user)
    response = client.post(
        reverse("drills:reply", args=[session.pk]), {"turn": 1, "text": " "}, **HTMX
    )
    assert response.headers["HX-Retarget"] == "#qn-error"
    assert "HX-Trigger" not in response.headers
    assert not session.turns.filter(received_at__isnull=False).exists()


def test_a_plain_form_reply_saves_and_goes_back_to_the_workbench(client, session):
    client.force_login(session.user)
    url = reverse("drills:workbench", args=[session.pk])
    response = client.post(
        reverse("drills:reply", args=[session.pk]),
        {"turn": 1, "text": GOOD[("bargain-basic", "t1")]},
    )
    assert response.status_code == 302 and response.url == url
    assert session.turns.get(order=1).reply


def test_polling_stops_when_the_drill_is_over(client, session):
    client.force_login(session.user)
    play(session)
    response = client.get(reverse("drills:poll", args=[session.pk]), **HTMX)
    assert response.status_code == 286
    assert 'data-testid="view-report"' in response.content.decode()


def test_leaving_a_drill_abandons_it(client, session):
    client.force_login(session.user)
    response = client.post(reverse("drills:abandon", args=[session.pk]), **HTMX)
    session.refresh_from_db()
    assert response.headers["HX-Redirect"] == reverse("drills:catalogue")
    assert session.status == "abandoned" and session.score is None


@pytest.mark.parametrize("name", ["workbench", "poll", "report"])
def test_learners_cannot_open_someone_elses_session(client, session, name):
    client.force_login(LearnerFactory(username="d_other"))
    response = client.get(reverse(f"drills:{name}", args=[session.pk]))
    assert response.status_code == 404


def test_learners_cannot_reply_in_someone_elses_session(client, session):
    client.force_login(LearnerFactory(username="d_other"))
    response = client.post(
        reverse("drills:reply", args=[session.pk]), {"turn": 1, "text": "您好"}
    )
    assert response.status_code == 404
    assert not session.turns.filter(received_at__isnull=False).exists()


def test_replies_need_the_csrf_token(session):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(session.user)
    response = client.post(
        reverse("drills:reply", args=[session.pk]), {"turn": 1, "text": "您好"}
    )
    assert response.status_code == 403

"""Submitting with unanswered questions asks first, naming them; the server
decides, with or without htmx, and the timer's submit never asks."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from lms.quizzes.models import Attempt
from tests.quizzes.helpers import import_web_bank
from tests.quizzes.test_quiz_views import form_answer, start


def answer(client, attempt, positions) -> None:
    for item in attempt.items.select_related("question"):
        if item.position in positions:
            client.post(
                reverse("quizzes:answer", args=[attempt.id, item.position]),
                form_answer(item),
                HTTP_HX_REQUEST="true",
            )


def test_unanswered_questions_are_named_before_anything_is_graded(
    client, site_tree, learner
):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    answer(client, attempt, {1, 2, 3, 4, 5})
    response = client.post(reverse("quizzes:submit", args=[attempt.id]))
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'data-testid="unanswered-warning"' in html
    assert f"/quizzes/attempts/{attempt.id}/#question-6" in html
    assert f"/quizzes/attempts/{attempt.id}/#question-7" in html
    assert "#question-5" not in html
    assert 'name="confirm"' in html and "csrfmiddlewaretoken" in html
    assert Attempt.objects.get().is_open


def test_with_htmx_the_warning_replaces_the_submit_panel_only(
    client, site_tree, learner
):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    response = client.post(
        reverse("quizzes:submit", args=[attempt.id]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="submit-panel"' in html
    assert html.count('data-testid="unanswered"') == 7
    attempt_page = client.get(reverse("quizzes:attempt", args=[attempt.id]))
    assert 'hx-target="#submit-panel"' in attempt_page.content.decode()


def test_submit_anyway_grades_the_attempt(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    response = client.post(
        reverse("quizzes:submit", args=[attempt.id]),
        {"confirm": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Redirect"] == reverse("quizzes:result", args=[attempt.id])
    assert not Attempt.objects.get().is_open


def test_answers_posted_with_the_first_submit_are_kept(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    item = attempt.items.select_related("question").get(position=1)
    response = client.post(
        reverse("quizzes:submit", args=[attempt.id]), form_answer(item)
    )
    assert "#question-1" not in response.content.decode()
    assert attempt.items.get(position=1).answered_at is not None


def test_everything_answered_submits_straight_away(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    attempt = start(client)
    answer(client, attempt, set(range(1, 8)))
    response = client.post(reverse("quizzes:submit", args=[attempt.id]))
    assert response["Location"] == reverse("quizzes:result", args=[attempt.id])
    assert Attempt.objects.get().score == 100.0


def test_time_up_submits_without_asking(client, site_tree, learner):
    import_web_bank()
    client.force_login(learner)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        attempt = start(client, "basics-quiz")
    with time_machine.travel(now + timedelta(minutes=15), tick=False):
        response = client.post(reverse("quizzes:submit", args=[attempt.id]))
    assert response["Location"] == reverse("quizzes:result", args=[attempt.id])
    assert Attempt.objects.get().status == "timed_out"

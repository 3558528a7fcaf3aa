"""A signed-in person's language choice is kept on the account and follows them."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_language_switch_remembers_a_signed_in_persons_choice(client, learner):
    client.force_login(learner)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_unknown_language_is_not_stored(client, learner):
    client.force_login(learner)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    learner.refresh_from_db()
    assert learner.language == ""


def test_anonymous_visitors_switch_language_without_an_account(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_signing_in_on_another_device_restores_the_choice(client, learner):
    learner.language = "en"
    learner.save()
    response = client.post(
        reverse("accounts:login"), {"username": "learner", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "<html lang=\"en\"" in client.get(reverse("dashboard")).content.decode()


def test_no_choice_leaves_the_site_language(client, learner):
    response = client.post(
        reverse("accounts:login"), {"username": "learner", "password": PASSWORD}
    )
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies

"""/api/tokens/: HR makes and revokes its own tokens in the browser."""

import re

import pytest

from lms.api.models import ApiToken
from lms.api.tokens import token_create
from tests.factories import HRFactory, TrainerFactory

pytestmark = pytest.mark.django_db


def make(client, name="北森同步"):
    response = client.post("/api/tokens/", {"name": name})
    assert response.status_code == 200
    match = re.search(
        r'data-testid="new-token-key">([^<]+)<', response.content.decode()
    )
    return match.group(1) if match else None


def test_hr_makes_a_token_that_is_shown_once_and_works(client, hr):
    client.force_login(hr)
    key = make(client)
    assert key and key.startswith("ka_")
    page = client.get("/api/tokens/").content.decode()
    assert key not in page and "北森同步" in page and key[:10] in page
    client.logout()
    response = client.get("/api/people/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_a_token_needs_a_name(client, hr):
    client.force_login(hr)
    assert make(client, name="") is None
    assert not ApiToken.objects.exists()


def test_the_form_is_csrf_protected(hr):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(hr)
    assert strict.post("/api/tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_hr_revokes_its_own_token_but_not_someone_elses(client, hr):
    mine, key = token_create(user=hr, name="mine")
    theirs, their_key = token_create(user=HRFactory(username="api-hr-b"), name="b")
    client.force_login(hr)
    assert client.post(f"/api/tokens/{theirs.pk}/revoke/").status_code == 404
    response = client.post(f"/api/tokens/{mine.pk}/revoke/")
    assert response.status_code == 302
    client.logout()
    assert (
        client.get("/api/people/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code
        == 401
    )
    assert (
        client.get("/api/people/", HTTP_AUTHORIZATION=f"Bearer {their_key}").status_code
        == 200
    )


def test_a_trainer_cannot_make_a_token(client):
    client.force_login(TrainerFactory(username="api-trainer-page"))
    assert client.post("/api/tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()

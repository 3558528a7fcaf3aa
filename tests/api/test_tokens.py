"""Who may hold an API token, and when a token stops working."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from lms.accounts.roles import HR
from lms.api.models import ApiToken
from lms.api.tokens import TokenError, token_create, token_revoke
from tests.factories import AdminFactory, LearnerFactory, TrainerFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/people/"


def get(client, key, path=PEOPLE, keyword="Bearer"):
    return client.get(path, HTTP_AUTHORIZATION=f"{keyword} {key}")


def test_an_hr_token_reads_the_api_with_bearer_or_token_keyword(client, hr_key):
    assert get(client, hr_key).status_code == 200
    assert get(client, hr_key, keyword="Token").status_code == 200


def test_an_administrator_may_hold_a_token(client):
    _token, key = token_create(user=AdminFactory(username="api-root"))
    assert get(client, key).status_code == 200


@pytest.mark.parametrize("factory", [LearnerFactory, TrainerFactory])
def test_learners_and_trainers_get_no_token(factory):
    user = factory(username="api-nobody")
    with pytest.raises(TokenError, match="api-nobody"):
        token_create(user=user)
    with pytest.raises(CommandError, match="只有人事和管理员"):
        call_command("api", "token", "api-nobody")
    assert not ApiToken.objects.exists()


def test_a_token_stops_working_when_its_holder_leaves_hr(client, hr, hr_key):
    assert get(client, hr_key).status_code == 200
    hr.groups.remove(Group.objects.get(name=HR))
    response = get(client, hr_key)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_token_stops_working_when_its_holder_is_deactivated(client, hr, hr_key):
    hr.is_active = False
    hr.save()
    assert get(client, hr_key).status_code == 401


def test_a_revoked_or_unknown_token_is_refused(client, hr, hr_key):
    token_revoke(token=ApiToken.objects.get(user=hr))
    assert get(client, hr_key).status_code == 401
    assert get(client, "ka_not-a-real-key").status_code == 401
    assert get(client, "two words").status_code == 401


def test_anonymous_requests_are_challenged(client, db):
    response = client.get(PEOPLE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_only_a_digest_of_the_key_is_stored_and_use_is_recorded(client, hr, hr_key):
    token = ApiToken.objects.get(user=hr)
    assert hr_key not in (token.digest, token.prefix, token.name)
    assert hr_key.startswith(token.prefix) and token.last_used_at is None
    get(client, hr_key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_api_is_read_only_even_for_hr(client, hr_key, hr):
    response = client.post(PEOPLE, {}, HTTP_AUTHORIZATION=f"Bearer {hr_key}")
    assert response.status_code == 405
    # A logged-in HR browser session reads, and may not write either.
    client.force_login(hr)
    assert client.get(PEOPLE).status_code == 200
    assert client.delete(f"{PEOPLE}{hr.pk}/").status_code in (403, 405)


def test_a_learner_session_is_refused(client):
    client.force_login(LearnerFactory(username="api-learner"))
    assert client.get(PEOPLE).status_code == 403


def test_the_command_makes_lists_and_revokes_tokens(client, hr, capsys):
    call_command("api", "token", hr.username, "--name", "北森同步")
    key = capsys.readouterr().out.strip()
    assert get(client, key).status_code == 200
    call_command("api", "tokens")
    listing = capsys.readouterr().out
    token = ApiToken.objects.get(user=hr)
    assert token.prefix in listing and "北森同步" in listing and key not in listing
    call_command("api", "revoke", token.prefix)
    assert get(client, key).status_code == 401
    with pytest.raises(CommandError, match="no user"):
        call_command("api", "token", "nobody-here")

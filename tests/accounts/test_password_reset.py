"""Forgotten passwords: Django's reset views, throttled, the same answer for
known and unknown addresses; imported accounts set their first password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from lms.accounts.password_views import RESET_LIMIT
from tests.conftest import PASSWORD
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "Kefu-2026-new-pass"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def ask(client, email, address="10.0.0.1"):
    return client.post(
        "/accounts/password/reset/", {"email": email}, REMOTE_ADDR=address
    )


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0).split("testserver", 1)[1]


def test_the_login_page_offers_the_reset(client):
    assert b'href="/accounts/password/reset/"' in client.get("/accounts/login/").content


def test_known_and_unknown_addresses_get_the_same_answer(client):
    LearnerFactory(email="lin@example.com")
    known = ask(client, "lin@example.com")
    unknown = ask(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1


def test_the_mailed_link_sets_a_new_password_once(client):
    lin = LearnerFactory(email="lin@example.com")
    ask(client, "LIN@example.com")
    [message] = mail.outbox
    form_url = client.get(link_in(message)).url  # Django hides the token
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/accounts/password/reset/done/"
    lin.refresh_from_db()
    assert lin.check_password(NEW_PASSWORD)
    again = client.get(link_in(message), follow=True)
    assert b'data-testid="link-invalid"' in again.content


def test_an_imported_account_without_a_password_can_ask_for_a_link(client):
    User.objects.create_user(
        "KF101", email="zzx@example.com", password=None, must_set_password=True
    )
    ask(client, "zzx@example.com")
    assert len(mail.outbox) == 1


def test_an_account_whose_password_login_is_off_gets_no_link(client):
    # No usable password and nothing to set: e.g. company sign-in only.
    User.objects.create_user("sso-only", email="sso@example.com", password=None)
    ask(client, "sso@example.com")
    assert mail.outbox == []


def test_setting_the_first_password_clears_must_set_password(client):
    user = User.objects.create_user(
        "KF102", email="q@example.com", password=None, must_set_password=True
    )
    ask(client, "q@example.com")
    form_url = client.get(link_in(mail.outbox[0])).url
    client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    user.refresh_from_db()
    assert not user.must_set_password
    assert user.check_password(NEW_PASSWORD)


def test_requests_are_throttled_per_address(client):
    LearnerFactory(email="lin@example.com")
    for _ in range(RESET_LIMIT):
        assert ask(client, "lin@example.com").status_code == 302
    refused = ask(client, "lin@example.com")
    assert refused.status_code == 429
    assert b'data-testid="password-reset-throttled"' in refused.content
    assert len(mail.outbox) == RESET_LIMIT
    assert ask(client, "lin@example.com", address="10.0.0.2").status_code == 302


def test_a_printed_initial_password_must_be_changed_before_anything_else(client):
    user = LearnerFactory(username="kf103")
    user.must_set_password = True
    user.save()
    client.post("/accounts/login/", {"username": "kf103", "password": PASSWORD})
    assert client.get("/dashboard/")["Location"] == "/accounts/password/"
    assert client.get("/hr/")["Location"] == "/accounts/password/"
    assert client.get("/accounts/password/").status_code == 200
    client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    user.refresh_from_db()
    assert not user.must_set_password
    assert client.get("/dashboard/").status_code == 200


def test_the_change_form_says_why_it_is_shown(client):
    user = LearnerFactory(username="kf104")
    user.must_set_password = True
    user.save()
    client.force_login(user)
    page = client.get("/accounts/password/")
    assert b'data-testid="must-set-password"' in page.content

"""Company sign-in driven over real HTTP (requests), for the journeys that need
no browser: the academy's live server and the test provider, redirects and all."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import requests
from django.contrib.sessions.backends.db import SessionStore

from .conftest import PEOPLE, START


class FormFields(HTMLParser):
    """The named <input>s of the page's first form."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.forms = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms += 1
        elif tag == "input" and self.forms == 1 and attrs.get("name"):
            if attrs.get("type") != "submit":
                self.fields[attrs["name"]] = attrs.get("value") or ""


def form_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


@dataclass
class Outcome:
    session: requests.Session
    response: requests.Response

    @property
    def path(self) -> str:
        return urlsplit(self.response.url).path

    @property
    def user_id(self) -> int | None:
        """Who the academy's session says is signed in, if anyone."""
        key = next((c.value for c in self.session.cookies if c.name == "sessionid"), "")
        if not key:
            return None
        user_id = SessionStore(session_key=key).get("_auth_user_id")
        return int(user_id) if user_id else None


def sign_in(
    academy_url: str,
    username: str,
    *,
    next_url: str = "",
    language: str = "en",
    process: str = "login",
    session: requests.Session | None = None,
) -> Outcome:
    """Login page → company button → provider login → consent → back."""
    session = session or requests.Session()
    # No domain: the cookie jar files "localhost" under "localhost.local".
    session.cookies.set("lms_language", language)
    login_page = session.get(f"{academy_url}/accounts/login/")
    login_page.raise_for_status()
    data = {"csrfmiddlewaretoken": session.cookies["csrftoken"], "process": process}
    if next_url:
        data["next"] = next_url
    # The button's POST redirects to the provider, which asks for a login.
    provider_login = session.post(f"{academy_url}{START}", data=data)
    provider_login.raise_for_status()
    assert "/login/" in provider_login.url, provider_login.url
    fields = form_fields(provider_login.text)
    fields.update(username=username, password=PEOPLE[username]["password"])
    consent = session.post(provider_login.url, data=fields)
    consent.raise_for_status()
    assert "/o/authorize/" in consent.url, consent.url
    fields = form_fields(consent.text)
    fields["allow"] = "同意"
    # Consent → the academy's callback → wherever the academy sends them.
    done = session.post(consent.url, data=fields)
    # Hang up: a kept-alive socket would hold a live-server thread (and its
    # database connection) until the end of the run. Cookies stay.
    session.close()
    return Outcome(session=session, response=done)

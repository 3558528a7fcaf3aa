"""A learner's browser, reduced to HTTP: one keep-alive connection per web node.

Used by tests/deploy/test_two_web_nodes.py and bench/bench_load.py. It talks to
gunicorn the way the TLS proxy in front does: plain HTTP with
`X-Forwarded-Proto: https`, so Django sees a secure request (Secure cookies, CSRF
checking the Origin). Cookies are kept by hand: one session for every node.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER_FORM = re.compile(r'hx-post="(/quizzes/attempts/\d+/answer/(\d+)/)"')
CHOICE_INPUT = re.compile(
    r'<input type="(?:radio|checkbox)" name="(q\d+)" value="(\d+)"'
)
TEXT_INPUT = re.compile(r'<input type="text" name="(q\d+)"')
SELECT_INPUT = re.compile(
    r'<select name="(q\d+-(?:item|left)\d+)"[^>]*>(.*?)</select>', re.DOTALL
)
OPTION = re.compile(r'<option value="([^"]+)"')
TURN_INPUT = re.compile(
    r'id="qn-turn" name="turn" form="qn-composer" value="(\d*)"'
    r' data-can-reply="(true|false)"'
)


class UnexpectedStatus(AssertionError):
    pass


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Learner:
    """One person; `nodes` are base URLs (http://127.0.0.1:PORT) used in turn."""

    nodes: list[str]
    cookies: dict[str, str] = field(default_factory=dict)
    turn: int = 0
    timeout: float = 30.0
    _connections: dict[str, http.client.HTTPConnection] = field(default_factory=dict)

    # Plumbing -----------------------------------------------------------------

    def node(self, index: int | None = None) -> str:
        if index is None:
            index = self.turn
            self.turn += 1
        return self.nodes[index % len(self.nodes)]

    def request(
        self,
        method: str,
        path: str,
        *,
        data: dict | None = None,
        node: int | None = None,
        htmx: bool = False,
        expect: tuple[int, ...] = (200, 302),
    ) -> Reply:
        base = self.node(node)
        host = urlsplit(base).netloc
        headers = {
            "Host": host,
            "X-Forwarded-Proto": "https",
            "User-Agent": "kefu-learner/1",
            "Accept-Language": "zh-hans",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            fields = dict(data or {})
            fields.setdefault("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{host}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        response = self._send(base, method, path, body, headers)
        text = response.read().decode("utf-8", "replace")
        seconds = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val in ("", '""'):
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = val
        reply = Reply(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            text,
            seconds,
        )
        if expect and reply.status not in expect:
            raise UnexpectedStatus(
                f"{method} {base}{path} answered {reply.status}, not {expect}: "
                f"{text[:300]!r}"
            )
        return reply

    def _send(self, base, method, path, body, headers) -> http.client.HTTPResponse:
        for attempt in (1, 2):
            connection = self._connections.get(base)
            if connection is None:
                parts = urlsplit(base)
                connection = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=self.timeout
                )
                self._connections[base] = connection
            try:
                connection.request(method, path, body=body, headers=headers)
                return connection.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError,
                    BrokenPipeError, http.client.CannotSendRequest):  # fmt: skip
                # gunicorn closed the idle keep-alive connection: open a new one.
                connection.close()
                self._connections.pop(base, None)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    # What a learner does ------------------------------------------------------

    def log_in(self, username: str, password: str, *, node: int | None = None):
        page = self.request("GET", "/accounts/login/", node=node, expect=(200,))
        token = CSRF_INPUT.search(page.body).group(1)
        reply = self.request(
            "POST",
            "/accounts/login/",
            data={"username": username, "password": password,
                  "csrfmiddlewaretoken": token},  # fmt: skip
            node=node,
            expect=(302,),
        )
        return reply

    def dashboard(self, *, node: int | None = None) -> Reply:
        return self.request("GET", "/dashboard/", node=node, expect=(200,))

    def view(self, path: str, *, node: int | None = None) -> Reply:
        return self.request("GET", path, node=node, expect=(200,))

    def quiz_start(self, slug: str, *, node: int | None = None) -> str:
        """Start or resume an attempt; returns its page's path."""
        reply = self.request(
            "POST", f"/quizzes/{slug}/start/", node=node, expect=(302,)
        )
        location = urlsplit(reply.location).path
        if "/attempts/" not in location:
            raise UnexpectedStatus(f"quiz start went to {reply.location!r}")
        return location

    def quiz_answers(self, attempt_path: str, *, node: int | None = None) -> list:
        """(answer URL, form fields) for every question of the attempt page."""
        page = self.view(attempt_path, node=node).body
        answers = []
        forms = list(ANSWER_FORM.finditer(page))
        for index, match in enumerate(forms):
            end = forms[index + 1].start() if index + 1 < len(forms) else len(page)
            chunk = page[match.end() : end]
            fields: dict[str, str] = {}
            if choice := CHOICE_INPUT.search(chunk):
                fields[choice.group(1)] = choice.group(2)
            elif text := TEXT_INPUT.search(chunk):
                fields[text.group(1)] = "快捷短语"
            # Ordering and matching: the k-th select takes the k-th choice, so
            # places are distinct.
            for k, select in enumerate(SELECT_INPUT.finditer(chunk)):
                options = OPTION.findall(select.group(2))
                fields[select.group(1)] = unescape(options[k % len(options)])
            answers.append((unescape(match.group(1)), fields))
        return answers

    def quiz_answer(self, url: str, fields: dict, *, node: int | None = None) -> Reply:
        return self.request("POST", url, data=fields, node=node, htmx=True,
                            expect=(200,))  # fmt: skip

    def drill_start(self, slug: str, *, node: int | None = None) -> str:
        reply = self.request(
            "POST", f"/drills/scenarios/{slug}/start/", data={"mode": "practice"},
            node=node, expect=(302,),
        )  # fmt: skip
        location = urlsplit(reply.location).path
        if "/sessions/" not in location:
            raise UnexpectedStatus(f"drill start went to {reply.location!r}")
        return location

    def drill_pending_turn(self, session_path: str, *, node: int | None = None):
        """The turn waiting for a reply (None when the customer is still typing)."""
        page = self.view(session_path, node=node).body
        match = TURN_INPUT.search(page)
        if match and match.group(1) and match.group(2) == "true":
            return int(match.group(1))
        return None

    def drill_reply(
        self, session_path: str, turn: int, text: str, *, node: int | None = None
    ) -> Reply:
        reply = self.request(
            "POST", f"{session_path}reply/", data={"turn": turn, "text": text},
            node=node, htmx=True, expect=(200,),
        )  # fmt: skip
        if "hx-retarget" in reply.headers:  # the reply was refused, with a message
            raise UnexpectedStatus(f"reply to turn {turn} refused: {reply.body!r}")
        return reply

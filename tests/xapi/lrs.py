"""A real Learning Record Store for the tests: Ralph (ralph-malph on PyPI) with
its file-system backend, in a virtualenv of its own, on a free 127.0.0.1 port.

Ralph pins FastAPI, uvicorn, httpx and sentry-sdk to exact versions, so it does
not go into the project's environment: the first run creates the virtualenv
(about 20 s, once per machine; a lock keeps parallel workers from racing) in
$KEFU_RALPH_VENV or the temporary directory.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

RALPH = "ralph-malph[lrs]==5.1.0"
# ralph.api imports `requests` (OIDC) although the `lrs` extra does not list it.
EXTRA = "requests>=2.31"
KEY, SECRET = "kefu-lms", "lrs-secret-for-tests"

# Ralph 5.1's file-system LRS opens its one file in "create" mode, so every
# write after the first fails ("already exists"); appending is what it means.
# The rest is Ralph as `ralph runserver -b fs` runs it.
SERVE = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]),
            access_log=False, log_level="warning")
"""


def ralph_venv() -> Path:
    default = Path(tempfile.gettempdir()) / "kefu-ralph-5.1.0"
    venv = Path(os.environ.get("KEFU_RALPH_VENV", default))
    ready = venv / ".installed"
    if ready.exists():
        return venv
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [str(venv / "bin/pip"), "install", "-q", RALPH, EXTRA], check=True
            )
            ready.write_text(RALPH + "\n")
    return venv


def point_at(settings, endpoint: str) -> None:
    """The LMS's settings (pytest-django's `settings`) aim at this LRS address."""
    settings.LMS_XAPI_ENDPOINT = endpoint
    settings.LMS_XAPI_KEY = KEY
    settings.LMS_XAPI_SECRET = SECRET
    settings.LMS_XAPI_TIMEOUT = 5.0
    settings.LMS_PUBLIC_URL = "https://academy.example.com"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RalphLrs:
    """Start, stop, start again on the same port; read statements back."""

    def __init__(self, directory: Path, port: int | None = None):
        self.venv = ralph_venv()
        self.directory = directory
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        (directory / "lrs").mkdir(parents=True, exist_ok=True)
        self.auth_file = directory / "auth.json"
        if not self.auth_file.exists():
            self.auth_file.write_text(self._credentials())

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def _credentials(self) -> str:
        hashed = subprocess.run(
            [
                str(self.venv / "bin/python"),
                "-c",
                "import bcrypt, sys; print(bcrypt.hashpw("
                "sys.argv[1].encode(), bcrypt.gensalt(4)).decode())",
                SECRET,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        user = {
            "agent": {"mbox": "mailto:lms@example.com", "objectType": "Agent"},
            "scopes": ["all"],
            "username": KEY,
            "hash": hashed,
        }
        return json.dumps([user])

    def start(self) -> RalphLrs:
        env = {
            **os.environ,
            "RALPH_APP_DIR": str(self.directory),
            "RALPH_AUTH_FILE": str(self.auth_file),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(
                self.directory / "lrs"
            ),
        }
        log = open(self.directory / "ralph.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(self.venv / "bin/python"), "-c", SERVE, str(self.port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log())
            try:
                urllib.request.urlopen(self._url("/__heartbeat__"), timeout=1)
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within 30 s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def log(self) -> str:
        return (self.directory / "ralph.log").read_text(errors="replace")

    def _url(self, path: str, **query) -> str:
        suffix = f"?{urllib.parse.urlencode(query)}" if query else ""
        return f"http://127.0.0.1:{self.port}{path}{suffix}"

    def _get(self, url: str) -> dict:
        token = base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
        request = urllib.request.Request(
            url,
            headers={
                "Authorization": f"Basic {token}",
                "X-Experience-API-Version": "1.0.3",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def statement(self, statement_id: str) -> dict | None:
        """GET /xAPI/statements?statementId=...; None when the LRS has none.

        Ralph answers with a statement list (the spec says the statement)."""
        try:
            found = self._get(self._url("/xAPI/statements", statementId=statement_id))
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise
        if "statements" in found:
            return found["statements"][0] if found["statements"] else None
        return found

    def statements(self, **query) -> list[dict]:
        """Every statement matching the query, following the `more` links."""
        found: list[dict] = []
        page = self._get(self._url("/xAPI/statements", limit=100, **query))
        while True:
            found += page["statements"]
            if not page.get("more"):
                return found
            page = self._get(f"http://127.0.0.1:{self.port}{page['more']}")

    def stored_lines(self) -> int:
        """Statements in the backend's file: a duplicate would be a second line."""
        path = self.directory / "lrs" / "fs_lrs.jsonl"
        return len(path.read_text().splitlines()) if path.exists() else 0

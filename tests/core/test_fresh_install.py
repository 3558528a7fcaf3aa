"""`make demo` on a new machine: `lms quickstart` on an empty SQLite database, run
as a subprocess with the demo's settings, the way a person runs it.

One install per test run (shared by the xdist workers); tests that change it or
serve it work on a copy.
"""

from __future__ import annotations

import fcntl
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from lms.accounts.roles import (
    HR,
    LEARNER,
    ROLE_PERMISSIONS,
    TRAINER,
    TRAINER_PAGE_PERMISSIONS,
)
from tests.certification import pdftools

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="installs into its own SQLite file; the SQLite pass runs it",
)

SETUP_TIMEOUT = 600
STOP_TIMEOUT = 30
NO_PERMISSION = "没有权限"  # Wagtail's "you do not have permission" in zh-hans


@dataclass(frozen=True)
class Install:
    """A demo install: its var/ folder holds the database and the passwords."""

    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / "db.sqlite3"

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key
            not in {
                "DJANGO_SETTINGS_MODULE",  # the demo's settings, as `lms` picks them
                "DATABASE_URL",
                "LMS_PUBLIC_URL",
                "WAGTAILADMIN_BASE_URL",
                "DJANGO_ALLOW_ASYNC_UNSAFE",
            }
        }
        env["DATABASE_URL"] = f"sqlite:///{self.database}"
        env["LMS_VAR_DIR"] = str(self.folder)  # also marks every process it starts
        return env

    def lms(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "lms.manage", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
        )

    def start(self, *args: str) -> subprocess.Popen:
        log = (self.folder / "quickstart.log").open("w")
        return subprocess.Popen(
            [sys.executable, "-m", "lms.manage", *args],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
        )

    def log(self) -> str:
        return (self.folder / "quickstart.log").read_text()

    def copy(self, to: Path) -> Install:
        shutil.copytree(self.folder, to)
        return Install(to)

    def query(self, sql: str, *params) -> list[tuple]:
        with closing(sqlite3.connect(self.database)) as connection:
            return connection.execute(sql, params).fetchall()

    def role_permissions(self, role: str) -> set[str]:
        return {
            f"{app_label}.{codename}"
            for app_label, codename in self.query(
                "SELECT ct.app_label, p.codename FROM auth_group g"
                " JOIN auth_group_permissions gp ON gp.group_id = g.id"
                " JOIN auth_permission p ON p.id = gp.permission_id"
                " JOIN django_content_type ct ON ct.id = p.content_type_id"
                " WHERE g.name = ?",
                role,
            )
        }

    def password(self, username: str) -> str:
        return json.loads((self.folder / "demo-accounts.json").read_text())[username]

    def processes(self) -> list[int]:
        """Every live process started for this install (found by its env)."""
        marker = f"LMS_VAR_DIR={self.folder}".encode()
        found = []
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                environ = (proc / "environ").read_bytes().split(b"\0")
                state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker in environ and state != "Z":
                found.append(int(proc.name))
        return found


@pytest.fixture(scope="session")
def fresh_install(tmp_path_factory, worker_id) -> Install:
    """`lms quickstart --no-serve` once on an empty database."""
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    install = Install(shared / "fresh-install")
    with (shared / "fresh-install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "fresh-install.done").exists():
            shutil.rmtree(install.folder, ignore_errors=True)
            install.folder.mkdir()
            result = install.lms("quickstart", "--no-serve")
            assert result.returncode == 0, result.stdout + result.stderr
            (shared / "fresh-install.done").touch()
    return install


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`lms quickstart --port PORT` running on a copy of the install."""

    def __init__(self, install: Install):
        self.install = install
        self.port = free_port()
        self.process = install.start("quickstart", "--port", str(self.port))
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + SETUP_TIMEOUT
        while f"open {self.url}/" not in install.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"quickstart did not start serving:\n{install.log()}")
            time.sleep(0.5)

    def stop(self) -> None:
        """Clean up after a failed test, whatever quickstart left behind."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in self.install.processes():
            os.kill(pid, signal.SIGKILL)

    def descendants(self) -> set[int]:
        found, todo = set(), [self.process.pid]
        while todo:
            pid = todo.pop()
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    children = (task / "children").read_text().split()
                except OSError:  # ended meanwhile
                    continue
                found.update(int(child) for child in children)
                todo.extend(int(child) for child in children)
        return found


def serve(install: Install, folder: Path):
    served = Served(install.copy(folder))
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="module")
def served(fresh_install, tmp_path_factory):
    yield from serve(fresh_install, tmp_path_factory.mktemp("served") / "var")


@pytest.fixture
def served_alone(fresh_install, tmp_path):
    """A server of the test's own, for a test that stops it."""
    yield from serve(fresh_install, tmp_path / "var")


class Visitor:
    """A browser without JavaScript: cookies, CSRF, and no following redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=60) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def log_in(self, username: str, password: str) -> None:
        self.request("/accounts/login/")
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        status, _body = self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        assert status == 302, f"{username} could not log in"


def admin_menu_urls(admin_home: str) -> list[str]:
    """The links of the Wagtail sidebar, as the admin renders it for this user."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        admin_home,
        re.S,
    )
    assert props, "no Wagtail sidebar on the admin home page"
    urls = []

    def walk(node):
        if isinstance(node, dict):
            if str(node.get("_type", "")).endswith("LinkMenuItem"):
                urls.append(node["_args"][0]["url"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return [url for url in urls if url.startswith("/")]


# --- roles -----------------------------------------------------------------


@pytest.mark.parametrize("role", [LEARNER, TRAINER, HR])
def test_a_fresh_install_gives_each_role_exactly_its_permissions(fresh_install, role):
    assert fresh_install.role_permissions(role) == set(ROLE_PERMISSIONS[role])


def test_a_fresh_install_lets_trainers_author_pages_from_the_root(fresh_install):
    codenames = {
        codename
        for (codename,) in fresh_install.query(
            "SELECT p.codename FROM wagtailcore_grouppagepermission gpp"
            " JOIN auth_group g ON g.id = gpp.group_id"
            " JOIN auth_permission p ON p.id = gpp.permission_id"
            " JOIN wagtailcore_page page ON page.id = gpp.page_id"
            " WHERE g.name = ? AND page.depth = 1",
            TRAINER,
        )
    }
    assert codenames == set(TRAINER_PAGE_PERMISSIONS)


def test_migrate_gives_back_the_permissions_a_role_lost(fresh_install, tmp_path):
    install = fresh_install.copy(tmp_path / "var")
    with closing(sqlite3.connect(install.database)) as connection, connection:
        connection.execute(
            "DELETE FROM auth_group_permissions WHERE group_id IN"
            " (SELECT id FROM auth_group WHERE name IN (?, ?))",
            (TRAINER, HR),
        )
    result = install.lms("migrate")
    assert result.returncode == 0, result.stderr
    assert install.role_permissions(TRAINER) == set(ROLE_PERMISSIONS[TRAINER])
    assert install.role_permissions(HR) == set(ROLE_PERMISSIONS[HR])


# --- serving ---------------------------------------------------------------


def test_a_busy_port_stops_quickstart_before_it_starts_anything(tmp_path):
    install = Install(tmp_path / "var")
    install.folder.mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = install.lms("quickstart", "--port", str(port))
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "open http" not in result.stdout
    assert not install.database.exists() or not install.query(
        "SELECT name FROM sqlite_master WHERE name = 'django_migrations'"
    )
    assert install.processes() == []


def test_the_trainer_opens_every_admin_menu_item_and_the_quiz_statistics(served):
    trainer = Visitor(served.url)
    trainer.log_in("trainer", served.install.password("trainer"))
    status, home = trainer.request("/admin/")
    assert status == 200
    urls = admin_menu_urls(home.decode())
    for expected in ("/admin/quizzes/banks/", "/admin/quizzes/quizzes/"):
        assert expected in urls
    (quiz_id,) = served.install.query("SELECT MIN(id) FROM quizzes_quiz")[0]
    urls.append(f"/admin/quizzes/quizzes/stats/{quiz_id}/")
    for url in urls:
        status, body = trainer.request(url)
        assert status == 200, url
        assert NO_PERMISSION not in body.decode(), url


def test_certificates_served_on_another_port_point_their_qr_code_at_it(
    served, tmp_path
):
    serial, code = served.install.query(
        "SELECT serial, verification_code FROM certification_certificate"
        " WHERE status = 'valid' ORDER BY id LIMIT 1"
    )[0]
    hr = Visitor(served.url)
    hr.log_in("hr", served.install.password("hr"))
    status, pdf = hr.request(f"/certificates/{serial}/pdf/")
    assert status == 200
    (tmp_path / "certificate.pdf").write_bytes(pdf)
    verify = f"{served.url}/verify/{code}/"
    assert pdftools.qr_codes(pdftools.png(tmp_path / "certificate.pdf")) == [verify]
    assert Visitor(served.url).request(f"/verify/{code}/")[0] == 200


def test_the_task_worker_runs_as_one_process_beside_the_server(served):
    commands = {
        pid: Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        for pid in served.descendants()
    }
    workers = [pid for pid, command in commands.items() if b"db_worker" in command]
    servers = [pid for pid, command in commands.items() if b"runserver" in command]
    # The autoreloader would run each as a parent watching files and a child.
    assert len(workers) == 1, commands
    assert len(servers) == 1, commands


@pytest.mark.parametrize(
    "stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"]
)
def test_stopping_quickstart_stops_every_process_it_started(served_alone, stop_signal):
    started = served_alone.descendants()
    assert len(started) >= 2
    served_alone.process.send_signal(stop_signal)
    assert served_alone.process.wait(timeout=STOP_TIMEOUT) == 0
    assert served_alone.install.processes() == []

"""Serving the demo: the web server and the task worker as `lms` child processes.

`lms quickstart` checks the port before it starts anything, then runs both
children and stops both when it is interrupted (Ctrl+C, SIGTERM, SIGHUP) or
when either child ends. The children get their own process group, so a Ctrl+C
reaches quickstart alone and each child is stopped once, in order.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

from django.conf import settings

HOST = "127.0.0.1"
# A worker polls the queue every WORKER_INTERVAL seconds when idle, without the
# autoreloader (which rescans every source file each second).
WORKER_INTERVAL = 2
STOP_TIMEOUT = 10  # seconds a child gets to finish its request or task
READY_TIMEOUT = 120
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(Exception):
    """quickstart was asked to stop."""


def base_url(port: int) -> str:
    return f"http://{HOST}:{port}"


def port_problem(port: int) -> str | None:
    """Why the server could not listen on `port`, or None when it can."""
    if not 0 < port < 65536:
        return f"{port} is not a port number (1–65535)."
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Bind as runserver does: a port left in TIME_WAIT counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"Port {port} on {HOST} is already in use."
            if error.errno == errno.EACCES:
                return f"No permission to listen on port {port}."
            return f"Cannot listen on {HOST}:{port}: {error.strerror}."
    return None


def child_environment(port: int) -> dict[str, str]:
    """The children's settings; links in certificates and e-mails use this port
    unless the environment names a public address already."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = settings.SETTINGS_MODULE
    for name in ("LMS_PUBLIC_URL", "WAGTAILADMIN_BASE_URL"):
        env.setdefault(name, base_url(port))
    return env


def server_command(port: int) -> list[str]:
    return _lms("runserver", "--noreload", f"{HOST}:{port}")


def worker_command() -> list[str]:
    return _lms(
        "db_worker", "--no-reload", "--no-startup-delay",
        "--interval", str(WORKER_INTERVAL),
    )  # fmt: skip


def _lms(*args: str) -> list[str]:
    return [sys.executable, "-m", "lms.manage", *args]


def serve(*, port: int, on_ready: Callable[[], None]) -> int:
    """Run server and worker until interrupted (0) or until one of them ends
    (its exit status, at least 1). Every child started is stopped on return."""
    env = child_environment(port)
    children: list[subprocess.Popen] = []
    previous = {sig: signal.signal(sig, _interrupt) for sig in STOP_SIGNALS}
    try:
        server = _start(server_command(port), env, children)
        _start(worker_command(), env, children)
        if _wait_until_listening(port, server):
            on_ready()
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        ended = next(child for child in children if child.returncode is not None)
        return ended.returncode or 1
    except (Interrupted, KeyboardInterrupt):
        return 0
    finally:
        # No second Ctrl+C may cut the clean-up short.
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        stop(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupt(signum, frame):
    raise Interrupted(signal.strsignal(signum))


def _start(command, env, children) -> subprocess.Popen:
    child = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, process_group=0
    )
    children.append(child)
    return child


def _wait_until_listening(port: int, server: subprocess.Popen) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT
    while server.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
        except OSError:
            time.sleep(0.2)
        else:
            return True
    return False


def stop(children: list[subprocess.Popen]) -> None:
    """SIGTERM each child, then SIGKILL whoever is still there after the timeout."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()

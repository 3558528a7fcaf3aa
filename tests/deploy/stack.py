"""The production processes without containers: gunicorn nodes, a task worker,
all on one PostgreSQL database and one Redis, started as compose would start them
(same settings module, same gunicorn.conf.py, same commands).

Used by tests/deploy/ and bench/bench_load.py. Every process started is stopped
by `Stack.stop()` (by its own process id).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get(
    "LMS_DEPLOY_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# Redis database 12 belongs to these tests and the load bench (flushed by them).
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/12"


def postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False
    return True


def redis_answers() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001
        return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name: str) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgres://")
    return f"{base}/{name}"


def create_database(name: str) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return database_url(name)


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@dataclass
class Stack:
    """Environment and processes of one deployment on this machine."""

    database: str
    var_dir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: dict[str, Path] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "LMS_", "PYTEST_"))
            and key not in {"DATABASE_URL", "REDIS_URL"}
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "lms.settings.production",
                "SECRET_KEY": self.secret_key,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
                "LMS_PUBLIC_URL": "https://127.0.0.1",
                "DATABASE_URL": database_url(self.database),
                "REDIS_URL": REDIS_URL,
                "LMS_VAR_DIR": str(self.var_dir),
                # Customers answer at once: the load is the server's, not a timer's.
                "DRILLS_TYPING_DELAY_SCALE": "0",
                "PYTHONPATH": str(ROOT),
                **self.extra_env,
            }
        )
        return env

    @property
    def secret_key(self) -> str:
        path = self.var_dir / "secret_key"
        if not path.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(60))
        return path.read_text().strip()

    def lms(self, *args: str, timeout: float = 600) -> str:
        result = subprocess.run(
            [str(BIN / "lms"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(
                f"lms {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def install(self) -> None:
        """What a release does before serving: migrate, and collect the static
        files (side by side: collecting is mostly compression, migrating waits
        on the database)."""
        self.var_dir.mkdir(parents=True, exist_ok=True)
        collect = subprocess.Popen(
            [str(BIN / "lms"), "collectstatic", "--no-input", "-v0"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            self.lms("migrate", "--no-input", "-v0")
        finally:
            _, errors = collect.communicate(timeout=900)
        if collect.returncode:
            raise RuntimeError(f"lms collectstatic failed:\n{errors[-4000:]}")

    def python(self, code: str, *args: str, timeout: float = 600) -> str:
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"setup script failed:\n{result.stderr[-4000:]}")
        return result.stdout

    def start(self, name: str, command: list[str], env: dict | None = None) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        log = self.var_dir / f"{name}.log"
        self.logs[name] = log
        handle = log.open("ab")
        self.processes[name] = subprocess.Popen(
            command,
            env={**self.env, **(env or {})},
            cwd=ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()

    def start_web(self, name: str, *, workers: int = 1, threads: int = 1) -> str:
        port = free_port()
        self.start(
            name,
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{port}", "lms.wsgi"],  # fmt: skip
            env={"WEB_CONCURRENCY": str(workers), "GUNICORN_THREADS": str(threads)},
        )
        url = f"http://127.0.0.1:{port}"
        self.wait_for(name, url)
        return url

    def start_worker(self, name: str = "worker") -> None:
        self.start(
            name,
            [str(BIN / "lms"), "db_worker", "--no-reload", "--no-startup-delay",
             "--interval", "0.5"],  # fmt: skip
        )

    def wait_for(self, name: str, url: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} stopped:\n{self.log_tail(name)}")
            request = urllib.request.Request(
                f"{url}/accounts/login/",
                headers={"X-Forwarded-Proto": "https", "Host": url.split("//")[1]},
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{name} did not answer within {timeout} s")

    def log_tail(self, name: str, chars: int = 3000) -> str:
        log = self.logs.get(name)
        return log.read_text(errors="replace")[-chars:] if log and log.exists() else ""

    def stop_process(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        # Each was started in a session of its own: its group is it and its
        # children (gunicorn's workers), nothing else.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop(self) -> None:
        for name in list(self.processes):
            self.stop_process(name)

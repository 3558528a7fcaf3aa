"""The verify throttle counts across worker processes, not per process.

Each worker of a production server is its own process: with a per-process cache
20 lookups a minute became 20 per worker. These tests count from separate
processes against the same cache (the database table, or Redis).
"""

import json
import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from lms.certification.throttle import rate_limited

LIMIT = 20
COUNT_IN_ANOTHER_PROCESS = """
import json, sys
import django
django.setup()
from django.test import RequestFactory
from lms.certification.throttle import rate_limited
address, calls = sys.argv[1], int(sys.argv[2])
request = RequestFactory().post("/verify/", REMOTE_ADDR=address)
counts = [rate_limited(request, scope="verify", limit=20) for _ in range(calls)]
print(json.dumps(counts))
"""


def database_url() -> str:
    """The test database, as a URL another process can open."""
    config = connection.settings_dict
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return (
        f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}"
        f":{config['PORT'] or 5432}/{config['NAME']}"
    )


def count_in_another_process(address: str, calls: int, **env) -> list[bool]:
    """Count lookups in a process started with the demo's settings (base CACHES)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "x" * 50,
        **env,
    }
    if "REDIS_URL" not in env:
        environment.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", COUNT_IN_ANOTHER_PROCESS, address, str(calls)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_for_a_fresh_minute_if_this_one_is_ending():
    """The throttle counts in one-minute windows; stay inside one."""
    into_minute = time.time() % 60
    if into_minute > 45:
        time.sleep(61 - into_minute)


DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lms_cache",
    }
}


def test_without_redis_url_the_cache_is_the_shared_database_table(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from lms.settings import dev; print(dev.CACHES)"],
        env={**os.environ, "LMS_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50}
        | {"REDIS_URL": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "DatabaseCache" in result.stdout and "lms_cache" in result.stdout


def test_with_redis_url_the_cache_is_redis(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from lms.settings import dev; print(dev.CACHES)"],
        env={**os.environ, "LMS_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50}
        | {"REDIS_URL": "redis://127.0.0.1:6379/15"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "RedisCache" in result.stdout
    assert "redis://127.0.0.1:6379/15" in result.stdout


def test_lookups_from_two_worker_processes_add_up_to_one_limit(
    transactional_db, settings
):
    settings.CACHES = DATABASE_CACHE
    call_command("createcachetable", verbosity=0)  # what every migrate runs
    cache.clear()
    wait_for_a_fresh_minute_if_this_one_is_ending()
    request = RequestFactory().post("/verify/", REMOTE_ADDR="203.0.113.7")
    here = [rate_limited(request, scope="verify", limit=LIMIT) for _ in range(15)]
    there = count_in_another_process("203.0.113.7", 6)
    assert here == [False] * 15
    assert there == [False] * 5 + [True]  # the 21st lookup overall is refused
    assert rate_limited(request, scope="verify", limit=LIMIT) is True
    other_address = RequestFactory().post("/verify/", REMOTE_ADDR="203.0.113.8")
    assert rate_limited(other_address, scope="verify", limit=LIMIT) is False


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_url_two_worker_processes_share_the_count_in_redis(
    transactional_db,
):
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/15"}
    address = f"198.51.100.{uuid.uuid4().int % 250 + 1}-{uuid.uuid4().hex[:8]}"
    wait_for_a_fresh_minute_if_this_one_is_ending()
    first = count_in_another_process(address, 15, **redis)
    second = count_in_another_process(address, 6, **redis)
    assert first == [False] * 15
    assert second == [False] * 5 + [True]

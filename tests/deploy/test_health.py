"""/health/: database, cache, storage and, with a task queue, the worker's heartbeat."""

import time

import pytest
from django.core.cache import cache
from django.core.management import call_command

from lms.core.health import HEARTBEAT_KEY, HEARTBEAT_MAX_AGE, worker_heartbeat

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def no_heartbeat():
    cache.delete(HEARTBEAT_KEY)
    yield
    cache.delete(HEARTBEAT_KEY)


def probe(client):
    response = client.get("/health/?format=json")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_without_a_task_queue_health_checks_database_cache_and_storage(client):
    status, report = probe(client)
    assert status == 200
    assert report == {
        "Database(alias='default')": "OK",
        "Cache(alias='default')": "OK",
        "Storage(alias='default')": "OK",
    }


@pytest.mark.django_db
def test_with_the_database_queue_and_no_worker_health_is_unavailable(
    client, settings
):
    settings.TASKS = DATABASE_QUEUE
    status, report = probe(client)
    assert status == 503
    assert report["TaskWorker(max_age=60)"] == (
        "Unavailable: No task worker has reported"
    )
    assert report["Database(alias='default')"] == "OK"


@pytest.mark.django_db
def test_a_recent_heartbeat_makes_health_ok(client, settings):
    settings.TASKS = DATABASE_QUEUE
    worker_heartbeat(worker_id="w1", now=time.time() - 5)
    status, report = probe(client)
    assert status == 200
    assert set(report.values()) == {"OK"}


@pytest.mark.django_db
def test_a_stale_heartbeat_means_the_worker_is_gone(client, settings):
    settings.TASKS = DATABASE_QUEUE
    worker_heartbeat(worker_id="w1", now=time.time() - HEARTBEAT_MAX_AGE - 30)
    status, report = probe(client)
    assert status == 503
    assert report["TaskWorker(max_age=60)"].startswith(
        "Unavailable: Last task worker heartbeat 9"
    )


@pytest.mark.django_db
def test_a_failing_probe_is_not_logged_as_a_server_error(client, settings, caplog):
    settings.TASKS = DATABASE_QUEUE
    with caplog.at_level("WARNING"):
        probe(client)
    assert not [r for r in caplog.records if r.name == "django.request"]
    assert [r for r in caplog.records if r.name == "health_check"]


@pytest.mark.django_db(transaction=True)
def test_db_worker_reports_its_heartbeat(settings):
    settings.TASKS = DATABASE_QUEUE
    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "w-42",
                 "--no-reload", verbosity=0)  # fmt: skip
    beat = cache.get(HEARTBEAT_KEY)
    assert beat["worker"] == "w-42"
    assert time.time() - beat["at"] < 30


@pytest.mark.django_db
def test_the_node_probe_for_load_balancers_leaves_the_worker_out(client, settings):
    settings.TASKS = DATABASE_QUEUE
    response = client.get("/health/node/?format=json")
    assert response.status_code == 200
    assert [name.split("(")[0] for name in response.json()] == [
        "Database", "Cache", "Storage"
    ]  # fmt: skip

"""The health probes (/health/, /health/node/) for load balancers, compose, monitoring.

django-health-check runs the probes: the database (SELECT 1), the shared cache
(a write and a read), media storage (a file saved, read back and deleted) and,
when tasks go through the database queue, the task worker's heartbeat.

The heartbeat: every `lms db_worker` writes the time into the shared cache every
HEARTBEAT_EVERY seconds from a thread beside its loop (see
lms/core/management/commands/db_worker.py). A worker that died, or cannot reach
the cache, stops writing, and the probe fails once the last beat is older than
HEARTBEAT_MAX_AGE. A cache key and not a periodic task: a task would sit unrun
behind a long export and report a healthy worker as dead.
"""

from __future__ import annotations

import dataclasses
import time

from django.conf import settings
from django.core.cache import cache
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

HEARTBEAT_KEY = "lms:task-worker:heartbeat"
HEARTBEAT_EVERY = 15  # seconds
HEARTBEAT_MAX_AGE = 60  # seconds: four missed beats


def worker_heartbeat(*, worker_id: str, now: float | None = None) -> None:
    """Record that the task worker `worker_id` is alive."""
    at = time.time() if now is None else now
    cache.set(HEARTBEAT_KEY, {"worker": worker_id, "at": at}, timeout=24 * 3600)


def worker_heartbeat_age(*, now: float | None = None) -> float | None:
    """Seconds since any worker last beat, or None if none ever did."""
    beat = cache.get(HEARTBEAT_KEY)
    if not beat:
        return None
    return (time.time() if now is None else now) - float(beat["at"])


@dataclasses.dataclass
class TaskWorker(HealthCheck):
    """At least one `lms db_worker` beat within the last `max_age` seconds."""

    max_age: int = HEARTBEAT_MAX_AGE

    def run(self) -> None:
        age = worker_heartbeat_age()
        if age is None:
            raise ServiceUnavailable("No task worker has reported")
        if age > self.max_age:
            raise ServiceUnavailable(f"Last task worker heartbeat {age:.0f} s ago")


def tasks_need_a_worker() -> bool:
    backend = settings.TASKS["default"]["BACKEND"]
    return backend == "django_tasks_db.DatabaseBackend"


def health_checks(*, include_worker: bool = True) -> list:
    checks: list = [
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
    ]
    if include_worker and tasks_need_a_worker():
        checks.append(TaskWorker)
    return checks


class HealthView(HealthCheckView):
    """Public, like any load balancer's probe: it names services, never data.

    The checks are chosen per request, so settings changed in tests apply.
    """

    include_worker = True

    def get_checks(self):
        self.checks = health_checks(include_worker=self.include_worker)
        return super().get_checks()

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            # A dependency is down, the node itself answers: 503, which load
            # balancers read as "take me out of rotation".
            response.status_code = 503
            # Each failed probe is already logged as a warning by django-health-
            # check; without this Django would also log every probe as a server
            # error and mail it to ADMINS every few seconds.
            response._has_been_logged = True
        return response


# Everything, task worker included: for monitoring and `docker compose ps`.
health = HealthView.as_view()
# What one web node needs to serve pages: for the load balancer, which should not
# take every node out of rotation because the task worker stopped.
health_node = HealthView.as_view(include_worker=False)

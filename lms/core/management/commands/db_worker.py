"""django-tasks-db's `db_worker`, plus a heartbeat for the health endpoint.

A thread beside the worker's loop writes the time into the shared cache every
few seconds (lms/core/health.py), so /health/ can tell a live worker from a dead
one whether or not there are tasks to run. Everything else is the original
command: same options, same signals, same loop.
"""

from __future__ import annotations

import logging
import threading

from django.db import connections
from django_tasks_db.management.commands import db_worker

from lms.core.health import HEARTBEAT_EVERY, worker_heartbeat

logger = logging.getLogger(__name__)


def beat(worker_id: str) -> None:
    try:
        worker_heartbeat(worker_id=worker_id)
    except Exception:  # a cache outage must not stop the worker
        logger.warning("task worker heartbeat failed", exc_info=True)


def beat_forever(worker_id: str, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_EVERY):
        beat(worker_id)
        # The database cache opened a connection for this thread: give it back.
        connections.close_all()


class Command(db_worker.Command):
    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # No autoreloader unless asked for (--reload), even with DEBUG: it rescans
        # every source file each second, a worker's whole idle CPU.
        parser.set_defaults(reload=False)

    def handle(self, *args, worker_id: str, **options) -> None:
        beat(worker_id)  # at once: the health probe sees the worker from the start
        stop = threading.Event()
        heart = threading.Thread(
            target=beat_forever,
            args=(worker_id, stop),
            name="lms-worker-heartbeat",
            daemon=True,
        )
        heart.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            stop.set()

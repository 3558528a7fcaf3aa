"""Background sending (Django Tasks API; `lms db_worker` runs the queue).

Every recorded statement queues a send once its transaction commits. When the
LRS is down, the task queues itself again for when the earliest statement is
due (backends that can defer, as the database one); `lms xapi send` from cron
is the belt to those braces.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django_tasks import default_task_backend, task

from .outbox import sending_enabled
from .sending import next_due, outbox_send

logger = logging.getLogger(__name__)

WAKEUP_KEY = "xapi:wakeup-at"


@task()
def xapi_send_task() -> str:
    """Send what is due; queue the next try if something is left."""
    report = outbox_send()
    wakeup_schedule()
    return report.summary()


def send_soon() -> None:
    """Queue a send now (called on commit). A failure to queue loses nothing:
    the statements wait in the outbox for the next task or `lms xapi send`."""
    if not sending_enabled():
        return
    try:
        xapi_send_task.enqueue()
    except Exception:
        logger.exception("xAPI: could not queue the sending task")


def wakeup_schedule(*, now: datetime | None = None) -> datetime | None:
    """One deferred task for the earliest pending statement, not one per event.

    The cache remembers the time already booked (shared by every process with
    the database cache or Redis); a lost entry costs one extra task.
    """
    due = next_due()
    if due is None or not default_task_backend.supports_defer:
        return None
    now = now or timezone.now()
    due = max(due, now)
    booked = cache.get(WAKEUP_KEY)
    if booked is not None and now <= booked <= due:
        return booked
    xapi_send_task.using(run_after=due).enqueue()
    cache.set(WAKEUP_KEY, due, timeout=int((due - now).total_seconds()) + 60)
    return due

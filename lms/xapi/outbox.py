"""Recording statements: a row in the outbox, in the event's own transaction.

The page that caused the event writes one row and queues a task; it never
talks to the LRS (tasks.py and sending.py do, in the worker).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction

from .models import OutboxStatement
from .statements import Site

logger = logging.getLogger(__name__)


def site() -> Site:
    return Site(public_url=settings.LMS_PUBLIC_URL, identify_by=settings.LMS_XAPI_ACTOR)


def sending_enabled() -> bool:
    return bool(settings.LMS_XAPI_ENDPOINT)


def statement_record(*, event: str, statement: dict, at: datetime) -> OutboxStatement:
    """Keep the statement; once the transaction commits, queue the sending.

    Recorded whether or not an LRS is configured: `lms xapi export` reads the
    outbox, and an LRS configured later receives the backlog (`lms xapi send`).
    """
    row, created = OutboxStatement.objects.get_or_create(
        statement_id=statement["id"],
        defaults={
            "event": event,
            "statement": statement,
            "timestamp": at,
            "next_try": at,
        },
    )
    if created and sending_enabled():
        from .tasks import send_soon

        transaction.on_commit(send_soon)
    return row

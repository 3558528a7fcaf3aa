"""Statements as JSON lines: the outbox read back, whatever was sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils import timezone

from .models import OutboxStatement


class ExportDateError(ValueError):
    pass


def parse_moment(text: str, *, option: str) -> datetime:
    """YYYY-MM-DD (midnight, site time) or an ISO date and time."""
    text = text.strip()
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), time())
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise ExportDateError(
            f"{option} {text!r}: not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def statement_lines(*, since: datetime, until: datetime | None = None) -> Iterator[str]:
    """One statement per line, by event time, keys sorted (stable output)."""
    rows = OutboxStatement.objects.filter(timestamp__gte=since)
    if until is not None:
        rows = rows.filter(timestamp__lt=until)
    for statement in (
        rows.order_by("timestamp", "id").values_list("statement", flat=True).iterator()
    ):
        yield json.dumps(statement, ensure_ascii=False, sort_keys=True)

"""Sending the outbox to the LRS (in the task worker or `lms xapi send`).

A statement leaves the outbox only when the LRS has it: a network error, a
timeout, a 5xx or refused credentials keep it pending for a later try, after a
back-off that doubles up to six hours and never gives up. Ids are stable, so a
statement sent twice (a lost answer, two workers) is stored once: an LRS
answers 204/200 to the same statement again, 409 when it already holds the id.
A statement the LRS refuses as such (400, 422) is kept as "rejected" with its reason.
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import OutboxStatement, OutboxStatus

logger = logging.getLogger(__name__)

BATCH = 50
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
# A worker that dies mid-send leaves its rows to the next one after this.
LEASE = timedelta(minutes=5)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the n-th failure, at most six hours."""
    exponent = min(max(attempts - 1, 0), 20)
    return min(FIRST_RETRY * 2**exponent, LONGEST_WAIT)


@dataclass
class LrsAnswer:
    status: int  # 0: no answer (refused, timed out, unreadable)
    text: str = ""

    @property
    def stored(self) -> bool:
        return 200 <= self.status < 300 or self.status == 409

    @property
    def refused_as_invalid(self) -> bool:
        """The statement itself is wrong (400; 422 from FastAPI-based LRSs)."""
        return self.status in (400, 413, 422)


@dataclass
class LrsConfig:
    endpoint: str
    key: str
    secret: str
    timeout: float

    @classmethod
    def from_settings(cls) -> LrsConfig:
        return cls(
            endpoint=settings.LMS_XAPI_ENDPOINT,
            key=settings.LMS_XAPI_KEY,
            secret=settings.LMS_XAPI_SECRET,
            timeout=settings.LMS_XAPI_TIMEOUT,
        )

    @property
    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"

    def headers(self) -> dict[str, str]:
        headers = {
            "Content-Type": "application/json",
            "X-Experience-API-Version": "1.0.3",
        }
        if self.key or self.secret:
            token = base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        return headers


def lrs_request(config: LrsConfig, method: str, url: str, body) -> LrsAnswer:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method=method, headers=config.headers()
    )
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:  # noqa: S310
            return LrsAnswer(response.status, _text(response))
    except urllib.error.HTTPError as error:
        return LrsAnswer(error.code, _text(error))
    except (OSError, ValueError) as error:  # refused, timed out, bad URL
        return LrsAnswer(0, f"{type(error).__name__}: {error}")


def _text(response) -> str:
    return response.read(2000).decode("utf-8", "replace")


@dataclass
class SendReport:
    sent: int = 0
    rejected: int = 0
    failed: int = 0
    pending: int = 0

    def summary(self) -> str:
        return (
            f"xAPI: {self.sent} sent, {self.rejected} rejected, "
            f"{self.failed} failed (will retry), {self.pending} pending in all"
        )


def outbox_send(
    *, now: datetime | None = None, everything: bool = False, limit: int = 1000
) -> SendReport:
    """Send what is due (or every pending statement) in batches; each row is
    tried at most once per call."""
    report = SendReport()
    config = LrsConfig.from_settings()
    now = now or timezone.now()
    tried: list[int] = []
    while config.endpoint and len(tried) < limit:
        rows = _claim(now, everything, min(BATCH, limit - len(tried)), tried)
        if not rows:
            break
        tried += [row.pk for row in rows]
        answer = _send_batch(config, rows, report, now)
        if answer is not None:
            # The LRS is down: the rest waits too, rather than a timeout each.
            _postpone(now, everything, tried, answer, report)
            break
    report.pending = OutboxStatement.objects.pending().count()
    return report


def _untried(now: datetime, everything: bool, tried):
    rows = OutboxStatement.objects.pending().exclude(pk__in=tried)
    return rows if everything else rows.filter(next_try__lte=now)


def _claim(now: datetime, everything: bool, size: int, tried) -> list:
    """Take rows for LEASE: a second worker meanwhile skips them."""
    rows = _untried(now, everything, tried)
    ids = list(rows.order_by("next_try", "id").values_list("id", flat=True)[:size])
    lease = now + LEASE
    if not ids or not rows.filter(pk__in=ids).update(next_try=lease):
        return []
    return list(
        OutboxStatement.objects.filter(pk__in=ids, next_try=lease).order_by("id")
    )


def _send_batch(config, rows: list[OutboxStatement], report, now) -> LrsAnswer | None:
    """None when the LRS took the batch; its answer when it is unavailable."""
    answer = lrs_request(
        config, "POST", config.statements_url, [row.statement for row in rows]
    )
    if answer.stored and answer.status != 409:
        _mark_sent(rows, now, report)
        return None
    if answer.status and not _transient(answer):
        # One statement can spoil a batch (400, 409): each on its own.
        for row in rows:
            _send_one(config, row, report, now)
        return None
    _mark_failed(rows, answer, now, report)
    return answer


def _postpone(now, everything: bool, tried, answer: LrsAnswer, report) -> None:
    """Count a failed try for every row this run would have sent."""
    rows = _untried(now, everything, tried)
    for attempts in set(rows.values_list("attempts", flat=True)):
        report.failed += rows.filter(attempts=attempts).update(
            attempts=attempts + 1,
            next_try=now + retry_delay(attempts + 1),
            last_error=_error(answer),
        )


def _send_one(config, row: OutboxStatement, report, now) -> None:
    url = f"{config.statements_url}?statementId={row.statement_id}"
    answer = lrs_request(config, "PUT", url, row.statement)
    if answer.stored:
        _mark_sent([row], now, report)
        if answer.status == 409:  # the LRS holds another statement with this id
            OutboxStatement.objects.filter(pk=row.pk).update(last_error=_error(answer))
    elif answer.refused_as_invalid:
        OutboxStatement.objects.filter(pk=row.pk).update(
            status=OutboxStatus.REJECTED,
            attempts=row.attempts + 1,
            next_try=None,
            last_error=_error(answer),
        )
        report.rejected += 1
        logger.error("xAPI: the LRS refused %s: %s", row.statement_id, answer.text)
    else:
        _mark_failed([row], answer, now, report)


def _transient(answer: LrsAnswer) -> bool:
    """Worth trying again as it is: no answer, server trouble, credentials."""
    return answer.status in (0, 401, 403, 408, 429) or answer.status >= 500


def _error(answer: LrsAnswer) -> str:
    prefix = f"HTTP {answer.status}: " if answer.status else ""
    return (prefix + answer.text.strip())[:500]


def _mark_sent(rows, now, report) -> None:
    OutboxStatement.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=OutboxStatus.SENT, sent_at=now, next_try=None, last_error=""
    )
    report.sent += len(rows)


def _mark_failed(rows, answer: LrsAnswer, now, report) -> None:
    error = _error(answer)
    for row in rows:
        attempts = row.attempts + 1
        OutboxStatement.objects.filter(pk=row.pk).update(
            attempts=attempts, next_try=now + retry_delay(attempts), last_error=error
        )
    report.failed += len(rows)
    logger.warning("xAPI: %d statement(s) kept for later: %s", len(rows), error)


def next_due() -> datetime | None:
    """When the earliest pending statement may be tried again."""
    row = OutboxStatement.objects.pending().order_by("next_try").first()
    return row.next_try if row else None

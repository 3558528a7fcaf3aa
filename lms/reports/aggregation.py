"""Pure arithmetic behind the HR reports. Imports nothing from Django.

The selectors fetch rows with a fixed number of queries; these helpers turn
those rows into the figures the roster, the charts and the exports show.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

STALLED_AFTER = timedelta(days=7)
# A certificate that still counts: learner statuses "certified" and "expiring".
VALID_STATUSES = frozenset({"certified", "expiring"})


def percent(part: int, whole: int) -> int:
    """Whole-number percentage; 0 when there is nothing to do."""
    return round(100 * part / whole) if whole else 0


def mean_of_bests(bests: Iterable[float | None]) -> float | None:
    """The drill average: the mean of per-scenario best scores, one decimal."""
    values = [value or 0 for value in bests]
    if not values:
        return None
    return round(sum(values) / len(values), 1)


def latest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def is_stalled(
    *,
    statuses: Iterable[str],
    last_activity: datetime | None,
    joined: datetime | None,
    now: datetime,
    after: timedelta = STALLED_AFTER,
) -> bool:
    """No activity for `after` while holding no valid certificate.

    A learner who never did anything counts from the day they joined, so a new
    hire is not stalled on day one but is a week later.
    """
    if any(status in VALID_STATUSES for status in statuses):
        return False
    since = last_activity or joined
    return since is not None and now - since >= after


@dataclass(frozen=True)
class Bucket:
    label: str
    low: float
    high: float  # inclusive
    count: int


def score_histogram(scores: Iterable[float], *, width: int = 10) -> list[Bucket]:
    """Scores 0–100 in buckets of `width` points; 100 falls in the last bucket."""
    lows = list(range(0, 100, width))
    counts = [0] * len(lows)
    for score in scores:
        counts[min(int(max(score, 0) // width), len(lows) - 1)] += 1
    buckets = []
    for index, (low, count) in enumerate(zip(lows, counts, strict=True)):
        last = index == len(lows) - 1
        high = 100 if last else low + width - 1
        buckets.append(Bucket(label=f"{low}–{high}", low=low, high=high, count=count))
    return buckets


DAY_BUCKETS: Sequence[tuple[int, int | None]] = (
    (0, 7),
    (8, 14),
    (15, 21),
    (22, 30),
    (31, 45),
    (46, 60),
    (61, None),
)


def day_histogram(days: Iterable[int]) -> list[Bucket]:
    """Days to certify in week-ish buckets, the last one open-ended."""
    counts = [0] * len(DAY_BUCKETS)
    for value in days:
        for index, (low, high) in enumerate(DAY_BUCKETS):
            if value >= low and (high is None or value <= high):
                counts[index] += 1
                break
    return [
        Bucket(
            label=f"{low}–{high}" if high is not None else f"{low}+",
            low=low,
            high=high if high is not None else float("inf"),
            count=count,
        )
        for (low, high), count in zip(DAY_BUCKETS, counts, strict=True)
    ]


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def days_between(start: date | datetime, end: datetime) -> int:
    start_day = start.date() if isinstance(start, datetime) else start
    return max((end.date() - start_day).days, 0)


@dataclass(frozen=True)
class PassRate:
    label: str
    attempted: int
    passed: int

    @property
    def rate(self) -> int:
        return percent(self.passed, self.attempted)


def pass_rates(outcomes: Iterable[tuple[str, bool]]) -> list[PassRate]:
    """(group label, learner passed) per learner → one PassRate per group."""
    attempted: dict[str, int] = {}
    passed: dict[str, int] = {}
    for label, did_pass in outcomes:
        attempted[label] = attempted.get(label, 0) + 1
        passed[label] = passed.get(label, 0) + (1 if did_pass else 0)
    return [
        PassRate(label=label, attempted=attempted[label], passed=passed[label])
        for label in attempted
    ]

"""The pure arithmetic behind the reports (no database)."""

from datetime import UTC, date, datetime, timedelta

from lms.reports.aggregation import (
    day_histogram,
    days_between,
    is_stalled,
    mean_of_bests,
    pass_rates,
    percent,
    score_histogram,
)

NOW = datetime(2026, 11, 24, 2, tzinfo=UTC)


def test_percent_rounds_and_never_divides_by_zero():
    assert percent(1, 3) == 33 and percent(2, 3) == 67 and percent(0, 0) == 0


def test_mean_of_bests_counts_an_unscored_best_as_zero():
    assert mean_of_bests([80, 70]) == 75.0
    assert mean_of_bests([80, None]) == 40.0
    assert mean_of_bests([]) is None


def test_stalled_needs_a_week_without_activity_and_no_valid_certificate():
    week_ago = NOW - timedelta(days=7)
    assert is_stalled(
        statuses=["in_progress"], last_activity=week_ago, joined=None, now=NOW
    )
    assert not is_stalled(
        statuses=["in_progress"], last_activity=NOW - timedelta(6), joined=None, now=NOW
    )
    assert not is_stalled(
        statuses=["expiring"], last_activity=week_ago, joined=None, now=NOW
    )
    assert is_stalled(
        statuses=["not_started"], last_activity=None, joined=week_ago, now=NOW
    )
    assert not is_stalled(statuses=[], last_activity=None, joined=None, now=NOW)


def test_score_histogram_puts_100_in_the_last_bucket():
    buckets = score_histogram([0, 9.9, 10, 79.5, 80, 100])
    assert [b.label for b in buckets][:2] == ["0–9", "10–19"]
    assert buckets[-1].label == "90–100"
    assert [b.count for b in buckets] == [2, 1, 0, 0, 0, 0, 0, 1, 1, 1]


def test_day_histogram_and_days_between():
    assert days_between(date(2026, 10, 1), NOW) == 54
    buckets = day_histogram([0, 7, 8, 30, 61, 400])
    assert [(b.label, b.count) for b in buckets] == [
        ("0–7", 2),
        ("8–14", 1),
        ("15–21", 0),
        ("22–30", 1),
        ("31–45", 0),
        ("46–60", 0),
        ("61+", 2),
    ]


def test_pass_rates_count_each_learner_once_per_group():
    rates = pass_rates([("10月批", True), ("10月批", False), ("9月批", True)])
    assert [(r.label, r.attempted, r.passed, r.rate) for r in rates] == [
        ("10月批", 2, 1, 50),
        ("9月批", 1, 1, 100),
    ]

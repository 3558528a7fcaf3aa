"""Dates in the HR tables (roster, registry, a learner's certificates) stay on
one line: 2026-11-24 never breaks at its hyphens in a narrow column."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine

from tests.reports.helpers import NOW, certificate, learner

pytestmark = pytest.mark.django_db

CSS = (
    Path(__file__).parents[2] / "themes/default/static/reports/reports.css"
).read_text(encoding="utf-8")


def test_the_stylesheet_keeps_date_cells_on_one_line():
    assert (
        ".report-table .date, .report-table time, .nowrap { white-space: nowrap; }"
        in CSS
    )


def test_roster_registry_and_transcript_mark_their_dates(client, hr, world):
    lin = learner(world, "rep-lin", display_name="林晓雨")
    certificate(lin, world.path, issued_at=NOW - timedelta(days=340))
    client.force_login(hr)
    with time_machine.travel(NOW, tick=False):
        roster = client.get("/hr/").text
        registry = client.get("/hr/certificates/").text
        transcript = client.get(f"/hr/learners/{lin.pk}/").text
    assert 'class="muted nowrap"' in roster  # "until 2026-12-…" under a status
    assert roster.count('<td class="date"') >= 1  # last activity
    assert registry.count('<td class="date"') == 2  # issued, expires
    assert transcript.count('<td class="date"') == 2

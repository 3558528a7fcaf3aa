"""Roster filters: cohort, team, search, certification path and status, stalled."""

from datetime import timedelta

import pytest
import time_machine

from lms.certification.models import CertificationPath, PathAssignment
from lms.reports.selectors import RosterFilters, roster_page
from tests.reports.helpers import NOW, certificate, learner, view_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(world):
    """One learner at every status of the path (and one idle, stalled)."""
    people = {
        status: learner(world, f"rep-{status}", display_name=f"学员{status}")
        for status in (
            "not_started",
            "in_progress",
            "certified",
            "expiring",
            "expired",
            "revoked",
            "needs_retraining",
        )
    }
    view_lesson(
        people["in_progress"], world.lessons_a[0], world.course_a, at=NOW - timedelta(1)
    )
    certificate(people["certified"], world.path, issued_at=NOW - timedelta(days=30))
    certificate(
        people["expiring"],
        world.path,
        issued_at=NOW - timedelta(days=350),
        expires_at=NOW + timedelta(days=15),
    )
    certificate(
        people["expired"],
        world.path,
        issued_at=NOW - timedelta(days=400),
        expires_at=NOW - timedelta(days=35),
        status="expired",
    )
    certificate(
        people["revoked"],
        world.path,
        issued_at=NOW - timedelta(days=40),
        status="revoked",
        revoked_at=NOW - timedelta(days=3),
        revoke_reason="misconduct",
    )
    certificate(people["needs_retraining"], world.path, issued_at=NOW - timedelta(60))
    PathAssignment.objects.create(
        user=people["needs_retraining"], path=world.path, needs_recertification=True
    )
    return people


def usernames(**filters) -> set[str]:
    with time_machine.travel(NOW, tick=False):
        page = roster_page(RosterFilters(**filters))
    return {row.user.username for row in page.rows}


@pytest.mark.parametrize(
    "status",
    [
        "not_started",
        "in_progress",
        "certified",
        "expiring",
        "expired",
        "revoked",
        "needs_retraining",
    ],
)
def test_the_status_filter_finds_the_learner_at_that_status(everyone, world, status):
    assert usernames(status=status) == {f"rep-{status}"}
    assert usernames(status=status, path_id=world.path.pk) == {f"rep-{status}"}


def test_a_path_with_no_activity_shows_everyone_as_not_started(everyone):
    other = CertificationPath.objects.create(slug="rep-other", title="售后认证")
    assert len(usernames(path_id=other.pk, status="not_started")) == 7
    assert usernames(path_id=other.pk, status="certified") == set()


def test_cohort_and_team_filters(world, everyone):
    learner(world, "rep-sept", cohort=world.other_cohort, team=world.other_team)
    assert usernames(cohort_id=world.other_cohort.pk) == {"rep-sept"}
    assert usernames(team_id=world.other_team.pk) == {"rep-sept"}
    assert "rep-sept" not in usernames(cohort_id=world.cohort.pk)


def test_search_by_name_username_or_employee_number(world):
    learner(world, "rep-lin", display_name="林晓雨", employee_no="KF2026007")
    learner(world, "rep-an", display_name="安然")
    assert usernames(q="晓雨") == {"rep-lin"}
    assert usernames(q="kf2026007") == {"rep-lin"}
    assert usernames(q="rep-an") == {"rep-an"}


def test_stalled_only(everyone):
    # A week without activity and no valid certificate. The accounts are a day
    # old at NOW, so three days later nobody has had a week yet.
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        page = roster_page(RosterFilters(stalled=True))
    stalled = {row.user.username for row in page.rows}
    assert stalled == set()
    with time_machine.travel(NOW + timedelta(days=30), tick=False):
        page = roster_page(RosterFilters(stalled=True))
    stalled = {row.user.username for row in page.rows}
    assert stalled == {
        "rep-not_started",
        "rep-in_progress",
        "rep-expiring",  # expired meanwhile
        "rep-expired",
        "rep-revoked",
        "rep-needs_retraining",
    }


def test_only_active_learners_are_listed(world, trainer, hr):
    learner(world, "rep-gone", is_active=False)
    learner(world, "rep-here")
    assert usernames() == {"rep-here"}


def test_the_roster_is_paginated(world):
    for n in range(55):
        learner(world, f"rep-p{n:02d}")
    with time_machine.travel(NOW, tick=False):
        first = roster_page(RosterFilters(), 1)
        second = roster_page(RosterFilters(), 2)
    assert (len(first.rows), len(second.rows)) == (50, 5)
    assert first.page.paginator.count == 55


def test_invalid_filter_values_are_ignored_not_an_error(client, hr, world):
    learner(world, "rep-lin")
    client.force_login(hr)
    response = client.get("/hr/?cohort=abc&status=nonsense&sort=drop&page=99")
    assert response.status_code == 200
    assert "rep-lin" in response.content.decode()


def test_the_filter_form_keeps_its_values_and_the_pager_keeps_the_filters(
    client, hr, world
):
    for n in range(55):
        learner(world, f"rep-p{n:02d}")
    client.force_login(hr)
    html = client.get(f"/hr/?cohort={world.cohort.pk}&sort=-name").content.decode()
    assert f'<option value="{world.cohort.pk}" selected>' in html
    assert f"cohort={world.cohort.pk}&amp;sort=-name&amp;page=2" in html

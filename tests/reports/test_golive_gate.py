"""上岗: a valid certificate, a drill average at the threshold and a sign-off."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from lms.certification.models import AuditLogEntry, CertificationPath, GoLiveSignOff
from lms.reports.gate import evaluate_gate
from lms.reports.golive import golive_sign_off, golive_withdraw
from lms.reports.selectors import RosterFilters, roster_page
from tests.reports.helpers import NOW, certificate, drill, learner


def gate(statuses, average=80.0, signed=True):
    return evaluate_gate(
        statuses=statuses.values(),
        drill_average=average,
        threshold=75,
        signed_off=signed,
    )


def test_the_gate_opens_only_with_all_three():
    assert gate({1: "certified"}).ready
    assert gate({1: "expiring"}).ready  # still valid
    assert gate({1: "in_progress"}).missing == ["certificate"]
    assert gate({1: "certified"}, average=74.9).missing == ["drills"]
    assert gate({1: "certified"}, average=None).missing == ["drills"]
    assert gate({1: "certified"}, average=75.0).ready  # at the threshold is enough
    assert gate({1: "certified"}, signed=False).missing == ["signoff"]
    assert gate({1: "expired"}, average=10, signed=False).missing == [
        "certificate",
        "drills",
        "signoff",
    ]


@pytest.mark.parametrize("status", ["expired", "revoked", "needs_retraining"])
def test_a_certificate_that_no_longer_counts_closes_the_gate(status):
    assert not gate({1: status}).certificate_ok


def test_one_valid_certificate_is_enough_paths_are_per_role():
    # A pre-sales agent is not asked for the after-sales certificate.
    assert gate({1: "certified", 2: "in_progress"}).certificate_ok
    assert not gate({1: "needs_retraining", 2: "in_progress"}).certificate_ok


@pytest.fixture
def ready_learner(world, trainer, settings):
    settings.LMS_GOLIVE_DRILL_AVERAGE = 75
    user = learner(world, "rep-ready", display_name="林晓雨")
    certificate(user, world.path, issued_at=NOW - timedelta(days=5))
    drill(user, world.s1, 90, at=NOW - timedelta(days=5))
    drill(user, world.s2, 70, at=NOW - timedelta(days=5))  # average 80
    return user


def roster_gate(username):
    with time_machine.travel(NOW, tick=False):
        rows = roster_page(RosterFilters()).rows
    return next(row.gate for row in rows if row.user.username == username)


@pytest.mark.django_db
def test_the_roster_shows_what_is_missing_until_a_supervisor_signs_off(
    ready_learner, trainer
):
    assert roster_gate("rep-ready").missing == ["signoff"]
    golive_sign_off(learner=ready_learner, by=trainer, note="带教三天,表现稳定")
    assert roster_gate("rep-ready").ready


@pytest.mark.django_db
def test_the_gate_follows_the_store_threshold(ready_learner, trainer, settings):
    golive_sign_off(learner=ready_learner, by=trainer)
    settings.LMS_GOLIVE_DRILL_AVERAGE = 85
    assert roster_gate("rep-ready").missing == ["drills"]


@pytest.mark.django_db
def test_a_certificate_on_an_inactive_path_does_not_open_the_gate(
    ready_learner, trainer, world
):
    golive_sign_off(learner=ready_learner, by=trainer)
    world.path.is_active = False
    world.path.save()
    CertificationPath.objects.create(slug="rep-new", title="新版售前认证")
    assert roster_gate("rep-ready").missing == ["certificate"]


@pytest.mark.django_db
def test_signing_off_records_an_audit_entry(ready_learner, hr):
    signoff = golive_sign_off(learner=ready_learner, by=hr, note="观察了三次接待")
    entry = AuditLogEntry.objects.get(action="golive_signoff")
    assert (entry.actor, entry.subject, entry.reason) == (
        hr,
        ready_learner,
        signoff.note,
    )
    assert signoff.signed_by == hr
    golive_sign_off(learner=ready_learner, by=hr, note="观察了三次接待")
    assert AuditLogEntry.objects.filter(action="golive_signoff").count() == 1


@pytest.mark.django_db
def test_withdrawing_a_sign_off_is_audited_too(ready_learner, trainer):
    golive_sign_off(learner=ready_learner, by=trainer)
    assert golive_withdraw(learner=ready_learner, by=trainer, reason="签错人了")
    assert not GoLiveSignOff.objects.exists()
    entry = AuditLogEntry.objects.get(action="golive_signoff_withdrawn")
    assert entry.reason == "签错人了" and entry.subject == ready_learner
    assert not golive_withdraw(learner=ready_learner, by=trainer, reason="again")


@pytest.mark.django_db
def test_a_learner_cannot_sign_anyone_off(ready_learner, world):
    other = learner(world, "rep-other")
    with pytest.raises(PermissionDenied):
        golive_sign_off(learner=ready_learner, by=other)


@pytest.mark.django_db
def test_the_sign_off_form_on_the_transcript(client, ready_learner, trainer):
    client.force_login(trainer)
    url = f"/hr/learners/{ready_learner.pk}/"
    with time_machine.travel(NOW, tick=False):
        html = client.get(url).content.decode()
        assert "gate--blocked" in html and 'data-testid="golive-form"' in html
        response = client.post(f"{url}golive/", {"note": "可以上岗"})
        assert response.status_code == 302 and response["Location"] == url
        html = client.get(url).content.decode()
    assert "gate--ready" in html and "可以上岗" in html
    assert GoLiveSignOff.objects.get().signed_by == trainer


@pytest.mark.django_db
def test_learners_cannot_post_a_sign_off(client, ready_learner, world):
    client.force_login(learner(world, "rep-sneaky"))
    response = client.post(f"/hr/learners/{ready_learner.pk}/golive/", {"note": ""})
    assert response.status_code == 403
    assert not GoLiveSignOff.objects.exists()

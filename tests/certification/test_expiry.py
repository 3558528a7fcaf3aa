"""Expiry: one reminder 30 days before, then expired; renewal by passing the
path's quizzes and drills again (courses stay done)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from lms.certification.expiry import certificates_expire
from lms.certification.models import AuditLogEntry, Certificate, PathAssignment
from lms.certification.status import path_statuses
from lms.certification.tasks import certificates_expire_task
from tests.certification import helpers

pytestmark = pytest.mark.django_db


def at(certificate, days_before_expiry: float):
    return time_machine.travel(
        certificate.expires_at - timedelta(days=days_before_expiry), tick=False
    )


def renew(learner, world):
    for key in ("rules_quiz", "talk_quiz"):
        helpers.take_quiz(learner, world[key], score=90)
    for scenario in world["drills"]:
        helpers.drill_result(learner, scenario, score=90)
    helpers.take_quiz(learner, world["exam"], score=90)


def test_nothing_happens_more_than_30_days_before_expiry(certified):
    with at(certified, 31):
        report = certificates_expire()
    assert report.reminded == report.expired == []
    assert mail.outbox == []


def test_the_reminder_is_sent_30_days_before_expiry_and_only_once(
    certified, learner, django_capture_on_commit_callbacks
):
    # Through notifications: the e-mail leaves from the task worker on commit.
    with django_capture_on_commit_callbacks(execute=True):
        with at(certified, 29.5):
            assert certificates_expire().reminded == [certified.serial]
            certificates_expire()
        with at(certified, 3):
            certificates_expire()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert certified.serial in message.subject
    assert "售前客服上岗认证" in message.body
    certified.refresh_from_db()
    assert certified.reminder_sent_at is not None and certified.status == "valid"
    assert AuditLogEntry.objects.filter(action="certificate.reminder_sent").count() == 1


def test_a_learner_without_an_email_address_is_skipped_quietly(certified, learner):
    learner.email = ""
    learner.save()
    with at(certified, 10):
        certificates_expire()
    assert mail.outbox == []
    certified.refresh_from_db()
    assert certified.reminder_sent_at is not None


def test_past_its_date_a_certificate_is_expired_and_the_path_stays_assigned(
    certified, learner, world
):
    with at(certified, -1):
        report = certificates_expire()
        statuses = path_statuses([learner.id])[learner.id]
    assert report.expired == [certified.serial]
    certified.refresh_from_db()
    assert certified.status == "expired"
    assignment = PathAssignment.objects.get(user=learner, path=world["path"])
    assert assignment.needs_recertification is False
    assert assignment.assessments_since is not None
    assert statuses[0].status == "expired"
    assert AuditLogEntry.objects.filter(action="certificate.expired").count() == 1


def test_old_results_do_not_renew_an_expired_certificate(certified, learner, world):
    with at(certified, -1):
        certificates_expire()
        helpers.take_quiz(learner, world["exam"], score=100)  # one is not enough
    assert not Certificate.objects.filter(status="valid").exists()


def test_after_expiry_passing_every_quiz_and_drill_again_renews(
    certified, learner, world
):
    with at(certified, -5):
        certificates_expire()
        renew(learner, world)
    renewed = Certificate.objects.get(status="valid")
    assert renewed.serial != certified.serial
    assert renewed.expires_at > certified.expires_at
    assert renewed.score_summary["courses_done"] == 2  # courses stayed done


def test_renewing_within_the_reminder_window_supersedes_the_old_certificate(
    certified, learner, world
):
    with at(certified, 20):
        certificates_expire()  # the reminder opens the renewal window
        helpers.take_quiz(learner, world["exam"], score=100)
        assert Certificate.objects.filter(status="valid").get() == certified
        renew(learner, world)
    certified.refresh_from_db()
    renewed = Certificate.objects.get(status="valid")
    assert certified.status == "superseded" and renewed.replaces == certified
    assert renewed.expires_at > certified.expires_at


def test_the_expiry_task_runs_through_the_tasks_api(certified):
    with at(certified, -1):
        result = certificates_expire_task.enqueue()
    assert result.return_value == "reminded 0, expired 1"
    assert Certificate.objects.get().status == "expired"

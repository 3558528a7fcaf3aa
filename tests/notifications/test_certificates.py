"""Issued and revoked certificates are told to their holders."""

from datetime import timedelta

import pytest
from django.core import mail

from lms.certification.issuing import certificate_issue_manual
from lms.certification.revocation import certificate_revoke
from lms.notifications.models import Notice
from tests.reports.helpers import NOW, certificate, learner

pytestmark = pytest.mark.django_db


def test_a_certificate_issued_is_told(world, hr, django_capture_on_commit_callbacks):
    user = learner(world, "issued")
    with django_capture_on_commit_callbacks(execute=True):
        cert = certificate_issue_manual(
            user=user, path=world.path, actor=hr, reason="补录线下考核"
        )
    notice = Notice.objects.get(user=user)
    assert notice.kind == "certificate_issued"
    assert notice.params["serial"] == cert.serial
    assert len(mail.outbox) == 1 and cert.serial in mail.outbox[0].body


def test_a_certificate_revoked_is_told(world, hr, django_capture_on_commit_callbacks):
    user = learner(world, "revoked")
    cert = certificate(user, world.path, issued_at=NOW - timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(
            certificate=cert, actor=hr, reason_category="other", note="违规操作"
        )
    notice = Notice.objects.get(user=user)
    assert notice.kind == "certificate_revoked"
    assert (
        len(mail.outbox) == 1
        and cert.serial in mail.outbox[0].subject + mail.outbox[0].body
    )


def test_switched_off_kinds_are_not_told(world, hr, settings):
    settings.LMS_NOTIFY = {**settings.LMS_NOTIFY, "certificate_issued": False}
    user = learner(world, "silent")
    certificate_issue_manual(user=user, path=world.path, actor=hr, reason="补录")
    assert Notice.objects.count() == 0

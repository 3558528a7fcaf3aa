"""Reissuing: a new number and code, the same results and expiry; the old one
superseded; logged."""

import re

import pytest
from django.core.exceptions import PermissionDenied

from lms.certification.errors import CertificationError
from lms.certification.issuing import certificate_reissue
from lms.certification.models import AuditLogEntry, Certificate
from lms.certification.revocation import certificate_revoke
from lms.certification.status import path_statuses

pytestmark = pytest.mark.django_db


def test_a_reissue_gets_a_new_serial_and_supersedes_the_old(certified, hr, learner):
    learner.display_name = "林小雨"
    learner.save()
    new = certificate_reissue(certificate=certified, actor=hr, reason="姓名更正")
    certified.refresh_from_db()
    assert certified.status == "superseded"
    assert new.status == "valid" and new.serial != certified.serial
    assert re.fullmatch(r"KA-\d{4}-\d{6}", new.serial)
    assert new.verification_code != certified.verification_code
    assert new.replaces == certified and new.is_reissue
    assert new.expires_at == certified.expires_at
    assert new.score_summary == certified.score_summary
    assert new.holder_name == "林小雨"  # the corrected name
    assert (new.issued_by, new.issue_reason) == (hr, "姓名更正")
    entry = AuditLogEntry.objects.get(action="certificate.reissued")
    assert (entry.actor, entry.certificate, entry.reason) == (hr, new, "姓名更正")
    assert entry.details["replaces"] == certified.serial


def test_the_learner_stays_certified_after_a_reissue(certified, hr, learner):
    new = certificate_reissue(certificate=certified, actor=hr, reason="补发")
    status = path_statuses([learner.id])[learner.id][0]
    assert status.status == "certified" and status.certificate == new


def test_only_a_valid_certificate_is_reissued(certified, hr):
    certificate_revoke(certificate=certified, actor=hr, reason_category="error")
    with pytest.raises(CertificationError):
        certificate_reissue(certificate=certified, actor=hr, reason="补发")


def test_a_reissue_needs_a_reason_and_hr(certified, hr, trainer):
    with pytest.raises(CertificationError):
        certificate_reissue(certificate=certified, actor=hr, reason="  ")
    with pytest.raises(PermissionDenied):
        certificate_reissue(certificate=certified, actor=trainer, reason="补发")
    assert Certificate.objects.count() == 1

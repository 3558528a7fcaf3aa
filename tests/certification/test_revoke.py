"""Revoking: HR only, with a reason category; logged; old results do not earn
the certificate back."""

import pytest
from django.core.exceptions import PermissionDenied

from lms.certification.errors import CertificationError
from lms.certification.issuing import certificate_issue_if_complete
from lms.certification.models import AuditLogEntry, Certificate
from lms.certification.revocation import certificate_revoke
from tests.certification import helpers

pytestmark = pytest.mark.django_db


def test_hr_revokes_with_a_reason_and_the_audit_log_says_who_when_and_why(
    certified, hr
):
    revoked = certificate_revoke(
        certificate=certified, actor=hr, reason_category="left", note="已离职"
    )
    assert revoked.status == "revoked" and revoked.revoked_at is not None
    assert (revoked.revoke_reason, revoked.revoke_note) == ("left", "已离职")
    entry = AuditLogEntry.objects.get(action="certificate.revoked")
    assert (entry.actor, entry.subject, entry.certificate) == (
        hr,
        certified.user,
        certified,
    )
    assert entry.reason == "已离职" and entry.details["category"] == "left"
    assert entry.created_at is not None


def test_a_superuser_may_revoke(certified, admin_user):
    certificate_revoke(certificate=certified, actor=admin_user, reason_category="error")
    assert Certificate.objects.get().status == "revoked"


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_learners_and_trainers_may_not_revoke(certified, role, request):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certified, actor=actor, reason_category="left")
    assert Certificate.objects.get().status == "valid"


def test_a_reason_category_is_required_and_other_needs_a_note(certified, hr):
    with pytest.raises(CertificationError):
        certificate_revoke(certificate=certified, actor=hr, reason_category="")
    with pytest.raises(CertificationError):
        certificate_revoke(certificate=certified, actor=hr, reason_category="other")
    assert not AuditLogEntry.objects.filter(action="certificate.revoked").exists()


def test_a_certificate_is_revoked_once(certified, hr):
    certificate_revoke(certificate=certified, actor=hr, reason_category="error")
    with pytest.raises(CertificationError):
        certificate_revoke(certificate=certified, actor=hr, reason_category="error")


def test_old_results_do_not_earn_a_revoked_certificate_back(certified, learner, world):
    certificate_revoke(certificate=certified, actor=_hr(), reason_category="misconduct")
    assert certificate_issue_if_complete(user=learner, path=world["path"]) is None
    helpers.take_quiz(learner, world["exam"], score=100)
    assert Certificate.objects.filter(status="valid").count() == 0
    # Every quiz and drill again, after the revocation: a new certificate.
    helpers.take_quiz(learner, world["rules_quiz"], score=100)
    helpers.take_quiz(learner, world["talk_quiz"], score=100)
    for scenario in world["drills"]:
        helpers.drill_result(learner, scenario, score=90)
    helpers.take_quiz(learner, world["exam"], score=100)
    new = Certificate.objects.get(status="valid")
    assert new.serial != certified.serial


def _hr():
    from tests.factories import HRFactory

    return HRFactory(username="cert-hr-2")

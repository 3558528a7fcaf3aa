"""HR issues by hand, with a reason, whatever the requirements say."""

import pytest
from django.core.exceptions import PermissionDenied

from lms.certification.errors import CertificationError
from lms.certification.issuing import certificate_issue_manual
from lms.certification.models import AuditLogEntry, PathAssignment

pytestmark = pytest.mark.django_db


def test_hr_issues_by_hand_with_a_reason(world, learner, hr):
    certificate = certificate_issue_manual(
        user=learner, path=world["path"], actor=hr, reason="外部认证已通过"
    )
    assert certificate.status == "valid" and certificate.issued_by == hr
    assert certificate.issue_reason == "外部认证已通过"
    assert certificate.score_summary["manual"] is True
    assert PathAssignment.objects.filter(user=learner, path=world["path"]).exists()
    entry = AuditLogEntry.objects.get(action="certificate.issued_manually")
    assert (entry.actor, entry.subject, entry.reason) == (hr, learner, "外部认证已通过")


def test_a_manual_issue_needs_a_reason(world, learner, hr):
    with pytest.raises(CertificationError):
        certificate_issue_manual(user=learner, path=world["path"], actor=hr, reason="")


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_only_hr_and_admins_issue_by_hand(world, learner, role, request):
    with pytest.raises(PermissionDenied):
        certificate_issue_manual(
            user=learner,
            path=world["path"],
            actor=request.getfixturevalue(role),
            reason="x",
        )


def test_no_second_valid_certificate_by_hand(certified, learner, hr, world):
    with pytest.raises(CertificationError):
        certificate_issue_manual(
            user=learner, path=world["path"], actor=hr, reason="再发一张"
        )

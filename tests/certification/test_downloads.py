"""Learners download only their own certificate; HR and admins any."""

import pytest

from lms.certification.revocation import certificate_revoke
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def download(client, certificate):
    return client.get(f"/certificates/{certificate.serial}/pdf/")


def test_the_learner_downloads_their_own_certificate(client, certified, learner):
    client.force_login(learner)
    response = download(client, certified)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{certified.serial}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_another_learner_gets_not_found(client, certified):
    client.force_login(LearnerFactory(username="cert-someone-else"))
    assert download(client, certified).status_code == 404


def test_a_trainer_gets_not_found(client, certified, trainer):
    client.force_login(trainer)
    assert download(client, certified).status_code == 404


@pytest.mark.parametrize("role", ["hr", "admin_user"])
def test_hr_and_admins_download_any_certificate(client, certified, role, request):
    client.force_login(request.getfixturevalue(role))
    assert download(client, certified).status_code == 200


def test_a_revoked_certificate_is_no_longer_handed_to_its_holder(
    client, certified, learner, hr
):
    certificate_revoke(certificate=certified, actor=hr, reason_category="error")
    client.force_login(learner)
    assert download(client, certified).status_code == 404
    client.force_login(hr)
    assert download(client, certified).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, certified):
    response = download(client, certified)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

"""The one certificate registry (/hr/certificates/): list, a certificate's page
with revoke (confirmed on its own page) and reissue, issue by hand, audit log;
the old /certificates/hr/ addresses redirect there for good."""

from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import translation

from lms.certification.models import AuditLogEntry, Certificate
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def test_the_register_lists_and_filters_certificates(hr_client, certified):
    html = hr_client.get("/hr/certificates/").content.decode()
    assert certified.serial in html and "林晓雨" in html
    html = hr_client.get("/hr/certificates/?status=revoked").content.decode()
    assert certified.serial not in html
    html = hr_client.get("/hr/certificates/?q=林晓").content.decode()
    assert certified.serial in html


def test_the_detail_shows_the_employee_number_and_results(hr_client, certified):
    certified.employee_no = "KF-5566"
    certified.save()
    html = hr_client.get(f"/hr/certificates/{certified.serial}/").content.decode()
    assert "KF-5566" in html and "cert-exam测验" in html
    assert 'data-testid="revoke-link"' in html and 'data-testid="reissue-form"' in html
    assert "csrfmiddlewaretoken" in html


def test_the_registry_and_the_certificate_page_use_the_roster_words(
    hr_client, certified
):
    with translation.override("zh-hans"):
        listing = hr_client.get("/hr/certificates/").content.decode()
        page = hr_client.get(f"/hr/certificates/{certified.serial}/").content.decode()
    for html in (listing, page):
        assert "已认证" in html and "有效" not in html


def test_revoking_asks_for_confirmation_first(hr_client, certified):
    html = hr_client.get(f"/hr/certificates/{certified.serial}/revoke/").content
    html = html.decode()
    assert 'data-testid="revoke-confirm"' in html and certified.serial in html
    assert 'name="reason_category"' in html and "csrfmiddlewaretoken" in html
    certified.refresh_from_db()
    assert certified.status == "valid"


def test_a_revoked_certificate_has_no_revoke_page(hr_client, certified):
    hr_client.post(
        f"/hr/certificates/{certified.serial}/revoke/", {"reason_category": "left"}
    )
    response = hr_client.get(f"/hr/certificates/{certified.serial}/revoke/")
    assert response.status_code == 302
    assert response["Location"] == f"/hr/certificates/{certified.serial}/"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/certificates/hr/", "/hr/certificates/"),
        (
            "/certificates/hr/?status=revoked&q=林",
            "/hr/certificates/?status=revoked&q=林",
        ),
        ("/certificates/hr/issue/", "/hr/certificates/issue/"),
        ("/certificates/hr/audit/", "/hr/certificates/audit/"),
        ("/certificates/hr/KA-2026-000001/", "/hr/certificates/KA-2026-000001/"),
    ],
)
def test_the_old_register_address_redirects_for_good(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert unquote(response["Location"]) == new


def test_hr_revokes_from_the_detail_page(hr_client, certified, hr):
    response = hr_client.post(
        f"/hr/certificates/{certified.serial}/revoke/",
        {"reason_category": "misconduct", "note": "好评返现"},
    )
    assert response.status_code == 302
    certified.refresh_from_db()
    assert certified.status == "revoked" and certified.revoke_note == "好评返现"
    assert AuditLogEntry.objects.get(action="certificate.revoked").actor == hr


def test_a_revoke_without_a_reason_is_refused(hr_client, certified):
    response = hr_client.post(
        f"/hr/certificates/{certified.serial}/revoke/", {"reason_category": ""}
    )
    assert response.status_code == 400
    assert 'data-testid="revoke-confirm"' in response.content.decode()
    assert Certificate.objects.get().status == "valid"


def test_hr_reissues_from_the_detail_page(hr_client, certified):
    response = hr_client.post(
        f"/hr/certificates/{certified.serial}/reissue/", {"reason": "纸质证书遗失"}
    )
    new = Certificate.objects.get(status="valid")
    assert response.status_code == 302
    assert response["Location"] == f"/hr/certificates/{new.serial}/"
    assert new.serial != certified.serial


def test_hr_issues_by_hand_from_the_form(hr_client, world, hr):
    holder = LearnerFactory(username="cert-manual", employee_no="KF-9001")
    form = hr_client.get("/hr/certificates/issue/").content.decode()
    assert "csrfmiddlewaretoken" in form
    response = hr_client.post(
        "/hr/certificates/issue/",
        {"learner": "KF-9001", "path": world["path"].pk, "reason": "转岗老员工"},
    )
    certificate = Certificate.objects.get(user=holder)
    assert response.status_code == 302 and certificate.issued_by == hr


def test_the_issue_form_names_an_unknown_learner(hr_client, world):
    response = hr_client.post(
        "/hr/certificates/issue/",
        {"learner": "nobody", "path": world["path"].pk, "reason": "x"},
    )
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_the_audit_log_lists_every_action(hr_client, certified):
    hr_client.post(
        f"/hr/certificates/{certified.serial}/revoke/",
        {"reason_category": "left", "note": "离职"},
    )
    html = hr_client.get("/hr/certificates/audit/").content.decode()
    assert 'data-action="certificate.issued"' in html
    assert 'data-action="certificate.revoked"' in html
    assert "离职" in html and "王嘉怡" in html


@pytest.mark.parametrize(
    "url",
    [
        "/hr/certificates/{serial}/revoke/",
        "/hr/certificates/{serial}/reissue/",
        "/hr/certificates/issue/",
    ],
)
def test_every_hr_form_needs_its_csrf_token(certified, hr, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr)
    response = client.post(
        url.format(serial=certified.serial),
        {"reason_category": "left", "reason": "x", "note": "x"},
    )
    assert response.status_code == 403
    assert Certificate.objects.get().status == "valid"


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_learners_and_trainers_cannot_act_as_hr(client, certified, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        f"/hr/certificates/{certified.serial}/revoke/",
        {"reason_category": "left"},
    )
    assert response.status_code == 403
    assert Certificate.objects.get().status == "valid"

"""The public verify page: valid / expired / revoked / replaced / not found, only
name, certification and dates, and a per-address limit on lookups."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from lms.certification.expiry import certificates_expire
from lms.certification.issuing import certificate_reissue
from lms.certification.models import RevokeReason
from lms.certification.revocation import certificate_revoke
from lms.certification.serials import format_code
from tests.certification.matrix import VERIFY_ROWS
from tests.certification.matrix import context as matrix_context

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.certification.urls")]


def verify(client, code, **extra):
    return client.get(f"/verify/{code}/", **extra)


def state(response) -> str:
    html = response.content.decode()
    return html.split('data-testid="verify-result" data-state="')[1].split('"')[0]


def test_a_valid_certificate_shows_name_certification_and_dates(client, certified):
    response = verify(client, certified.verification_code)
    html = response.content.decode()
    assert response.status_code == 200 and state(response) == "valid"
    assert "林晓雨" in html and "售前客服上岗认证" in html
    assert timezone.localtime(certified.expires_at).strftime("%Y-%m-%d") in html
    assert certified.serial in html


def test_the_verify_page_hides_the_employee_number_and_the_results(client, certified):
    certified.employee_no = "KF-7788"
    certified.save()
    html = verify(client, certified.verification_code).content.decode()
    assert "KF-7788" not in html
    assert "工号" not in html and "Employee" not in html
    assert "cert-rules-quiz" not in html and "drill" not in html.lower()


def test_a_code_typed_with_dashes_and_lower_case_is_found(client, certified):
    typed = format_code(certified.verification_code).lower()
    assert state(verify(client, typed)) == "valid"


def test_a_certificate_past_its_date_is_expired_even_before_the_task_runs(
    client, certified
):
    with time_machine.travel(certified.expires_at + timedelta(hours=1)):
        assert state(verify(client, certified.verification_code)) == "expired"
        certificates_expire()
        assert state(verify(client, certified.verification_code)) == "expired"


def test_a_revoked_certificate_says_when_and_why(client, certified, hr):
    certificate_revoke(
        certificate=certified, actor=hr, reason_category="misconduct", note="内部"
    )
    response = verify(client, certified.verification_code)
    html = response.content.decode()
    assert state(response) == "revoked"
    assert timezone.localtime().strftime("%Y-%m-%d") in html
    with translation.override("zh-hans"):
        assert str(RevokeReason.MISCONDUCT.label) in html
    assert "内部" not in html  # HR's note stays internal


def test_a_reissued_certificates_old_code_no_longer_verifies_as_valid(
    client, certified, hr
):
    new = certificate_reissue(certificate=certified, actor=hr, reason="改名")
    assert state(verify(client, certified.verification_code)) == "superseded"
    assert state(verify(client, new.verification_code)) == "valid"


def test_an_unknown_code_is_not_found(client, db):
    response = verify(client, "ABCDEFGHJKMNPQRS")
    assert response.status_code == 404 and state(response) == "not_found"


def test_the_form_checks_a_typed_serial_and_code(client, certified):
    form = client.get("/verify/")
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    response = client.post(
        "/verify/",
        {
            "serial": certified.serial.lower(),
            "code": format_code(certified.verification_code),
        },
    )
    assert response.status_code == 200 and state(response) == "valid"


def test_the_form_finds_nothing_when_serial_and_code_do_not_belong_together(
    client, certified
):
    response = client.post(
        "/verify/",
        {"serial": "KA-2020-000001", "code": certified.verification_code},
    )
    assert response.status_code == 404 and state(response) == "not_found"


def test_the_form_is_protected_against_cross_site_posts(certified):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/verify/", {"serial": certified.serial, "code": certified.verification_code}
    )
    assert response.status_code == 403


def test_lookups_are_limited_per_address_and_minute(client, certified, settings):
    settings.LMS_VERIFY_LOOKUPS_PER_MINUTE = 3
    code = certified.verification_code
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(3):
            assert verify(client, code).status_code == 200
        refused = verify(client, code)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"
        assert "wait a minute" in refused.content.decode() or "请稍等一分钟" in (
            refused.content.decode()
        )
        # Another address is not affected.
        assert verify(client, code, REMOTE_ADDR="10.0.0.9").status_code == 200
        # Nor is the form page itself (only lookups count).
        assert client.get("/verify/").status_code == 200
        clock.shift(timedelta(seconds=61))
        assert verify(client, code).status_code == 200


def test_form_lookups_count_towards_the_same_limit(client, certified, settings):
    settings.LMS_VERIFY_LOOKUPS_PER_MINUTE = 1
    data = {"serial": certified.serial, "code": certified.verification_code}
    with time_machine.travel(timezone.now(), tick=False):
        assert client.post("/verify/", data).status_code == 200
        assert client.post("/verify/", data).status_code == 429
        assert verify(client, certified.verification_code).status_code == 429


@pytest.mark.parametrize("role", ["anonymous", "learner", "trainer", "hr", "admin"])
@pytest.mark.parametrize("name", sorted(VERIFY_ROWS))
def test_everyone_reaches_the_public_verify_pages(client, site_tree, name, role):
    """The role matrix's rows for /verify/, while lms/urls.py does not include it."""
    from tests.core.test_role_matrix import USERS

    path, expected = VERIFY_ROWS[name]
    path = path.format(**matrix_context(site_tree))
    if role != "anonymous":
        client.force_login(USERS[role]())
    assert client.get(path).status_code == expected[role]

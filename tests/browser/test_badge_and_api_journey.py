"""A visitor downloads a certificate's Open Badge from the verify page and checks
it over HTTP as an outside verifier would; HR makes an API token on its page and
an HR system reads the API with it."""

import json
import urllib.request

import jwt
import pytest

from lms.certification.issuing import certificate_issue_manual
from lms.certification.models import CertificationPath
from tests.browser.axe import assert_accessible, axe_install
from tests.conftest import PASSWORD
from tests.factories import AdminFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.certification.urls"),
]


def fetch(url: str, **headers) -> bytes:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read()


def test_a_visitor_downloads_a_badge_that_verifies_over_http(
    browser, live_server, site_tree, learner, settings, tmp_path
):
    settings.LMS_PUBLIC_URL = live_server.url
    path = CertificationPath.objects.create(
        slug="badge-journey", title="售前客服上岗认证"
    )
    certificate = certificate_issue_manual(
        user=learner,
        path=path,
        actor=AdminFactory(username="badge-root"),
        reason="测试",
    )
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/verify/{certificate.verification_code}/")
    link = page.get_by_role("link", name="下载开放徽章 (Open Badges 3.0)")
    with page.expect_download() as download_info:
        link.click()
    saved = tmp_path / "badge.jwt"
    download_info.value.save_as(saved)
    token = saved.read_text()

    # A verifier elsewhere: the kid in the header leads to the issuer's key.
    kid = jwt.get_unverified_header(token)["kid"]
    jwk = json.loads(fetch(kid))
    claims = jwt.decode(token, key=jwt.PyJWK(jwk).key, algorithms=["EdDSA"])
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    status_token = fetch(claims["credentialStatus"]["statusListCredential"]).decode()
    status = jwt.decode(status_token, key=jwt.PyJWK(jwk).key, algorithms=["EdDSA"])
    assert status["credentialSubject"]["statusPurpose"] == "revocation"
    context.close()


def test_hr_makes_a_token_and_an_hr_system_reads_the_api(
    browser, live_server, site_tree, hr, learner
):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    axe_install(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", hr.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    page.goto("/api/tokens/")
    page.get_by_label("用途").fill("北森同步")
    page.get_by_role("button", name="创建令牌").click()
    key = page.locator("[data-testid=new-token-key]").inner_text().strip()
    assert key.startswith("ka_")
    assert_accessible(page, "the API token page with a new token")

    body = json.loads(
        fetch(f"{live_server.url}/api/people/", Authorization=f"Bearer {key}")
    )
    assert [person["username"] for person in body["results"]] == [learner.username]

    page.get_by_role("button", name="作废令牌").click()
    page.wait_for_load_state()
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{live_server.url}/api/people/", Authorization=f"Bearer {key}")
    assert refused.value.code == 401
    context.close()

"""The one login page shows a company sign-in button per configured provider."""

import re

import pytest

from lms.accounts.sso import config

from .test_sso_config import DINGTALK, FEISHU, OIDC


@pytest.fixture
def all_providers(settings):
    settings.SOCIALACCOUNT_PROVIDERS = config.socialaccount_providers(
        {**OIDC, **DINGTALK, **FEISHU, "LMS_OIDC_NAME": "轻风统一认证"}
    )


def sso_forms(html: str) -> list[str]:
    return re.findall(r'<form method="post" action="([^"]+)" class="sso-form">', html)


def test_without_configuration_the_login_page_has_no_company_buttons(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert sso_forms(html) == []
    assert "/accounts/sso/" not in html


def test_each_configured_provider_gets_a_button(client, db, all_providers):
    response = client.get("/accounts/login/?next=/admin/pages/")
    html = response.content.decode()
    assert sso_forms(html) == [
        "/accounts/sso/oidc/company/login/",
        "/accounts/sso/dingtalk/login/",
        "/accounts/sso/feishu/login/",
    ]
    for label in ("使用轻风统一认证登录", "使用钉钉登录", "使用飞书登录"):
        assert label in html
    # Every button is a CSRF-protected POST that carries the page's next.
    sso_part = html[html.index('class="sso"') :]
    assert sso_part.count("csrfmiddlewaretoken") == 3
    assert sso_part.count('name="next" value="/admin/pages/"') == 3


def test_opening_a_sign_in_url_asks_before_leaving(client, db, all_providers):
    response = client.get("/accounts/sso/feishu/login/")
    assert response.status_code == 200
    html = response.content.decode()
    # Our page (the site's chrome and policy), with one button that POSTs here.
    assert "即将使用你的飞书账号登录" in html
    assert '<form method="post" class="sso-form">' in html
    assert "csrfmiddlewaretoken" in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_allauths_own_account_pages_are_not_mounted(client, db):
    for path in ("/accounts/sso/login/", "/accounts/sso/signup/", "/accounts/signup/"):
        assert client.get(path).status_code == 404


def test_a_callback_without_a_sign_in_goes_back_to_the_login_page(
    client, db, all_providers
):
    response = client.get(
        "/accounts/sso/feishu/login/callback/?code=forged", follow=True
    )
    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert "企业账号登录失败" in response.content.decode()

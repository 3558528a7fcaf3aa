"""Company sign-in is configured from the environment and off by default."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lms.accounts.sso import config

ROOT = Path(__file__).resolve().parents[2]

OIDC = {
    "LMS_OIDC_SERVER_URL": "https://sso.corp.example/realms/staff",
    "LMS_OIDC_CLIENT_ID": "academy",
    "LMS_OIDC_CLIENT_SECRET": "s3cret",
}
DINGTALK = {"LMS_DINGTALK_CLIENT_ID": "ding1", "LMS_DINGTALK_CLIENT_SECRET": "dsecret"}
FEISHU = {"LMS_FEISHU_CLIENT_ID": "cli_1", "LMS_FEISHU_CLIENT_SECRET": "fsecret"}


def test_nothing_configured_means_no_provider():
    assert config.socialaccount_providers({}) == {}
    assert config.create_users({}) is False


def test_an_openid_provider_from_the_environment():
    providers = config.socialaccount_providers({**OIDC, "LMS_OIDC_NAME": "统一认证"})
    (app,) = providers["openid_connect"]["APPS"]
    assert app["provider_id"] == "company"
    assert app["name"] == "统一认证"
    assert app["client_id"] == "academy" and app["secret"] == "s3cret"
    assert app["settings"]["server_url"] == OIDC["LMS_OIDC_SERVER_URL"]
    assert app["settings"]["oauth_pkce_enabled"] is True
    assert app["settings"]["employee_no_claim"] == "employee_no"
    assert app["settings"]["verified_email"] is False


def test_dingtalk_and_feishu_from_the_environment():
    providers = config.socialaccount_providers(
        {**DINGTALK, **FEISHU, "LMS_DINGTALK_EMAIL_VERIFIED": "true"}
    )
    assert providers["dingtalk"]["APPS"][0]["client_id"] == "ding1"
    assert providers["dingtalk"]["APPS"][0]["settings"]["verified_email"] is True
    # Feishu's user_info carries the 工号 as employee_no; DingTalk's has none.
    assert providers["feishu"]["APPS"][0]["settings"]["employee_no_claim"] == (
        "employee_no"
    )
    assert providers["dingtalk"]["APPS"][0]["settings"]["employee_no_claim"] == ""


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"LMS_OIDC_CLIENT_ID": "x"}, "LMS_OIDC_SERVER_URL, LMS_OIDC_CLIENT_SECRET"),
        ({"LMS_FEISHU_CLIENT_SECRET": "x"}, "LMS_FEISHU_CLIENT_ID"),
        ({**OIDC, "LMS_OIDC_SERVER_URL": "sso.corp.example"}, "LMS_OIDC_SERVER_URL"),
        ({"LMS_SSO_CREATE_USERS": "maybe"}, "LMS_SSO_CREATE_USERS"),
    ],
)
def test_a_half_configured_provider_names_the_variable(environ, named):
    def read():
        config.socialaccount_providers(environ)
        config.create_users(environ)

    with pytest.raises(config.SSOConfigError, match=named):
        read()


def test_creating_users_is_a_switch():
    assert config.create_users({"LMS_SSO_CREATE_USERS": "true"}) is True
    assert config.create_users({"LMS_SSO_CREATE_USERS": "false"}) is False


def test_the_login_pages_forms_may_be_redirected_to_each_provider():
    providers = config.socialaccount_providers({**OIDC, **DINGTALK, **FEISHU})
    origins = config.authorize_origins(providers)
    assert origins == [
        "https://login.dingtalk.com",
        "https://open.feishu.cn",
        "https://sso.corp.example",
    ]
    policy = {"DIRECTIVES": {"form-action": ["'self'"], "script-src": ["'self'"]}}
    widened = config.with_form_action(policy, origins)
    assert widened["DIRECTIVES"]["form-action"] == ["'self'", *origins]
    assert policy["DIRECTIVES"]["form-action"] == ["'self'"]  # not changed


def settings_from(environ: dict) -> dict:
    """What lms/settings/base.py makes of an environment, in a fresh process."""
    script = (
        "import json; from lms.settings import base; print(json.dumps({"
        "'providers': sorted(base.SOCIALACCOUNT_PROVIDERS), "
        "'create': base.LMS_SSO_CREATE_USERS, "
        "'form_action': base.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']}))"
    )
    ours = ("LMS_OIDC_", "LMS_DINGTALK_", "LMS_FEISHU_", "LMS_SSO_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **environ},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_settings_read_the_environment():
    off = settings_from({})
    assert off == {"providers": [], "create": False, "form_action": ["'self'"]}
    on = settings_from({**OIDC, **FEISHU, "LMS_SSO_CREATE_USERS": "true"})
    assert on["providers"] == ["feishu", "openid_connect"]
    assert on["create"] is True
    assert on["form_action"] == [
        "'self'",
        "https://open.feishu.cn",
        "https://sso.corp.example",
    ]

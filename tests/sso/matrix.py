from tests.matrix import NOT_FOUND, everyone

# allauth's provider URLs (lms/accounts/sso/urls.py). Company sign-in is off in
# tests unless a test turns it on, and a provider that is not configured answers
# 404 to everyone: no page, no redirect to a provider that isn't there.
ROWS = {
    "openid_connect_login": ("/accounts/sso/oidc/company/login/", everyone(NOT_FOUND)),
    "openid_connect_callback": (
        "/accounts/sso/oidc/company/login/callback/",
        everyone(NOT_FOUND),
    ),
    "dingtalk_login": ("/accounts/sso/dingtalk/login/", everyone(NOT_FOUND)),
    "dingtalk_callback": (
        "/accounts/sso/dingtalk/login/callback/",
        everyone(NOT_FOUND),
    ),
    "feishu_login": ("/accounts/sso/feishu/login/", everyone(NOT_FOUND)),
    "feishu_callback": ("/accounts/sso/feishu/login/callback/", everyone(NOT_FOUND)),
}

"""Which company sign-in providers are on, read from the environment.

Imported by the settings, so it imports nothing from Django. A provider is on
only when its client id and secret (and for OpenID Connect the server URL) are
all set; a half-configured provider stops start-up with a message naming the
missing variable rather than showing a button that cannot work.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

# The OpenID Connect provider's id in our URLs:
# /accounts/sso/oidc/company/login/callback/ is the redirect URI to register.
OIDC_PROVIDER_ID = "company"

# Where DingTalk and Feishu send the browser to sign in (allauth's adapters).
FIXED_AUTHORIZE_ORIGINS = {
    "dingtalk": "https://login.dingtalk.com",
    "feishu": "https://open.feishu.cn",
}

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class SSOConfigError(ValueError):
    pass


def _flag(environ: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SSOConfigError(f"{name} must be true or false, not {value!r}.")


def _group(environ: Mapping[str, str], prefix: str, required: list[str]) -> dict:
    values = {key: environ.get(f"{prefix}_{key}", "").strip() for key in required}
    if not any(values.values()):
        return {}
    missing = [f"{prefix}_{key}" for key, value in values.items() if not value]
    if missing:
        raise SSOConfigError(f"{', '.join(missing)} must be set too (or none of them).")
    return values


def socialaccount_providers(environ: Mapping[str, str]) -> dict:
    """SOCIALACCOUNT_PROVIDERS for allauth: one app per configured provider.

    Each app's "settings" carries our own keys too: `employee_no_claim` (the
    claim holding the 工号) and allauth's `verified_email` (whether the
    provider's directory vouches for e-mail addresses).
    """
    providers = {}
    oidc = _group(environ, "LMS_OIDC", ["SERVER_URL", "CLIENT_ID", "CLIENT_SECRET"])
    if oidc:
        if not oidc["SERVER_URL"].startswith(("https://", "http://")):
            raise SSOConfigError("LMS_OIDC_SERVER_URL must be an http(s):// URL.")
        providers["openid_connect"] = {
            "APPS": [
                {
                    "provider_id": OIDC_PROVIDER_ID,
                    "name": environ.get("LMS_OIDC_NAME", "").strip(),
                    "client_id": oidc["CLIENT_ID"],
                    "secret": oidc["CLIENT_SECRET"],
                    "settings": {
                        "server_url": oidc["SERVER_URL"],
                        "oauth_pkce_enabled": True,
                        "employee_no_claim": environ.get(
                            "LMS_OIDC_EMPLOYEE_NO_CLAIM", "employee_no"
                        ).strip(),
                        # OIDC says per address (email_verified); this trusts all.
                        "verified_email": _flag(environ, "LMS_OIDC_EMAIL_VERIFIED"),
                    },
                }
            ]
        }
    for provider, prefix, claim in (
        # DingTalk's /contact/users/me has no 工号; Feishu's user_info has one.
        ("dingtalk", "LMS_DINGTALK", ""),
        ("feishu", "LMS_FEISHU", "employee_no"),
    ):
        app = _group(environ, prefix, ["CLIENT_ID", "CLIENT_SECRET"])
        if app:
            providers[provider] = {
                "APPS": [
                    {
                        "client_id": app["CLIENT_ID"],
                        "secret": app["CLIENT_SECRET"],
                        "settings": {
                            "employee_no_claim": environ.get(
                                f"{prefix}_EMPLOYEE_NO_CLAIM", claim
                            ).strip(),
                            "verified_email": _flag(
                                environ, f"{prefix}_EMAIL_VERIFIED"
                            ),
                        },
                    }
                ]
            }
    return providers


def create_users(environ: Mapping[str, str]) -> bool:
    return _flag(environ, "LMS_SSO_CREATE_USERS")


def authorize_origins(providers: Mapping[str, dict]) -> list[str]:
    """Origins the login page's SSO forms are redirected to.

    The buttons POST to our own URL, which redirects to the provider; browsers
    check that redirect against the page's CSP form-action, so each provider's
    origin is added there (the OpenID provider's is its server URL's).
    """
    origins = []
    for provider, config in providers.items():
        for app in config.get("APPS", []):
            if provider == "openid_connect":
                url = urlsplit(app["settings"]["server_url"])
                origins.append(f"{url.scheme}://{url.netloc}")
            elif provider in FIXED_AUTHORIZE_ORIGINS:
                origins.append(FIXED_AUTHORIZE_ORIGINS[provider])
    return sorted(set(origins))


def with_form_action(policy: dict, origins: list[str]) -> dict:
    """A copy of a django-csp policy whose form-action also allows `origins`."""
    directives = {key: list(value) for key, value in policy["DIRECTIVES"].items()}
    allowed = directives.get("form-action", [])
    directives["form-action"] = [
        *allowed,
        *(origin for origin in origins if origin not in allowed),
    ]
    return {**policy, "DIRECTIVES": directives}

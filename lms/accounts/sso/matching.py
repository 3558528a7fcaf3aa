"""Which academy account a company sign-in belongs to.

A sign-in is matched, in this order, by the 工号 claim the provider is set up
with (`employee_no_claim`) and then by a verified e-mail address. An address the
provider does not vouch for never matches: anyone can type someone else's
address into a personal account.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Match:
    user: object | None = None
    # Why no one was matched, for the person at the login page.
    refusal: str = ""


def claims_of(sociallogin) -> dict:
    """The provider's answer about the person, as one flat dict.

    allauth keeps OpenID Connect's ID token and userinfo apart; userinfo wins.
    """
    data = sociallogin.account.extra_data or {}
    if "userinfo" in data or "id_token" in data:
        return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    return dict(data)


def app_settings_of(sociallogin) -> dict:
    app = getattr(sociallogin.provider, "app", None)
    return dict(getattr(app, "settings", None) or {})


def employee_no_of(sociallogin) -> str:
    claim = app_settings_of(sociallogin).get("employee_no_claim", "")
    if not claim:
        return ""
    value = claims_of(sociallogin).get(claim)
    return str(value).strip() if value not in (None, "") else ""


def verified_emails_of(sociallogin) -> list[str]:
    emails = [a.email for a in sociallogin.email_addresses if a.verified and a.email]
    if app_settings_of(sociallogin).get("verified_email") is True:
        # DingTalk and Feishu hand over addresses as plain fields.
        claims = claims_of(sociallogin)
        emails += [claims.get("email") or "", claims.get("enterprise_email") or ""]
    seen, unique = set(), []
    for email in (e.strip() for e in emails):
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def match_user(sociallogin) -> Match:
    User = get_user_model()
    employee_no = employee_no_of(sociallogin)
    if employee_no:
        user = User.objects.filter(employee_no=employee_no).first()
        if user is not None:
            return Match(user=user)
    for email in verified_emails_of(sociallogin):
        users = list(User.objects.filter(email__iexact=email)[:2])
        if (
            len(users) == 1
            and employee_no
            and users[0].employee_no
            not in (
                None,
                employee_no,
            )
        ):
            # Same address, another 工号: two people, or a typo to fix first.
            return Match(
                refusal=_(
                    "The academy account with the e-mail address of your company "
                    "account has a different employee number. Ask your training "
                    "lead to check it."
                )
            )
        if len(users) == 1:
            return Match(user=users[0])
        if len(users) > 1:
            return Match(
                refusal=_(
                    "More than one academy account uses the e-mail address of "
                    "your company account. Ask your training lead to fix the "
                    "accounts."
                )
            )
    return Match(
        refusal=_(
            "Your company account does not match any academy account (by "
            "employee number or verified e-mail). Ask your training lead to "
            "add your employee number to your academy account."
        )
    )


def email_taken(sociallogin) -> bool:
    """Whether any address the provider gave belongs to an academy account."""
    User = get_user_model()
    emails = [a.email for a in sociallogin.email_addresses if a.email]
    email = (sociallogin.user.email or "").strip() if sociallogin.user else ""
    emails += [email] if email else []
    return any(User.objects.filter(email__iexact=e).exists() for e in emails)

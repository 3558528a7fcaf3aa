"""allauth adapters: company sign-in on the academy's terms.

- No self-registration: allauth's own signup is closed; a company sign-in may
  create an account only when LMS_SSO_CREATE_USERS is on.
- A first sign-in is linked to the academy account it matches (matching.py) or
  refused at the login page with a message saying why.
- After signing in people land where the password login sends them.
- allauth's own pages (error, cancelled, inactive, signup) are never shown:
  every way out leads back to the one login page.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError, AuthProcess
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..roles import LEARNER
from ..views import home_url
from .matching import email_taken, employee_no_of, match_user

# The session keeps this backend's path: get_user() must find the person again.
BACKEND = "django.contrib.auth.backends.ModelBackend"


def back_to_login(request, message: str):
    messages.error(request, message)
    return ImmediateHttpResponse(redirect("accounts:login"))


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        return home_url(request.user)

    def get_signup_redirect_url(self, request) -> str:
        return home_url(request.user)

    def login(self, request, user) -> None:
        user.backend = BACKEND
        super().login(request, user)

    def add_message(self, *args, **kwargs) -> None:
        # The password login says nothing on success; neither does this one.
        return None

    def respond_user_inactive(self, request, user):
        raise inactive(request)


def inactive(request):
    return back_to_login(
        request, _("This academy account is disabled. Ask your training lead.")
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return settings.LMS_SSO_CREATE_USERS

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            # Linking a company account by hand would bypass the matching.
            raise back_to_login(request, _("Company sign-in did not work."))
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                raise inactive(request)
            return
        match = match_user(sociallogin)
        if match.user is not None:
            if not match.user.is_active:
                raise inactive(request)
            sociallogin.connect(request, match.user)
            return
        if not settings.LMS_SSO_CREATE_USERS:
            raise back_to_login(request, str(match.refusal))
        if email_taken(sociallogin):
            # The address is an academy account's, but not verified: linking
            # could hand that account to a stranger, and two accounts with one
            # address would confuse everyone.
            raise back_to_login(
                request,
                _(
                    "An academy account already uses the e-mail address of your "
                    "company account, but the address is not verified. Ask your "
                    "training lead to add your employee number to that account."
                ),
            )

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.display_name = (data.get("name") or "").strip()[:60]
        user.employee_no = employee_no_of(sociallogin) or None
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        learners, _created = Group.objects.get_or_create(name=LEARNER)
        user.groups.add(learners)
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        if error == AuthError.CANCELLED:
            message = _("Company sign-in was cancelled.")
        else:
            message = _(
                "Company sign-in did not work. Try again, or log in with your "
                "username and password."
            )
        raise back_to_login(request, message)

"""Forgotten passwords (Django's reset views) and the first password of an
imported account.

The reset request answers the same for a known and an unknown address (Django's
view already does) and is throttled per address with the project's shared
throttle, so the form cannot be used to flood someone's mailbox. Setting or
changing a password clears `must_set_password`.
"""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy

from lms.certification.throttle import rate_limited

from .forms import AcademyPasswordResetForm

RESET_LIMIT = 5  # requests per address...
RESET_PERIOD = 15 * 60  # ...in this many seconds


def _password_set(user) -> None:
    if user.must_set_password:
        user.must_set_password = False
        user.save(update_fields=["must_set_password"])


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = AcademyPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if rate_limited(
            request, scope="password_reset", limit=RESET_LIMIT, period=RESET_PERIOD
        ):
            return render(
                request,
                "accounts/password_reset_throttled.html",
                {"minutes": RESET_PERIOD // 60},
                status=429,
            )
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        _password_set(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        _password_set(form.user)
        return response

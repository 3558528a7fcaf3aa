from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AcademyPasswordResetForm(PasswordResetForm):
    """Django's form, plus imported people who have not set a password yet
    (their password is unusable until they do; Django would skip them)."""

    def get_users(self, email):
        active = get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True
        )
        return (
            user
            for user in active
            if (user.has_usable_password() or user.must_set_password)
            and user.email.casefold() == email.casefold()
        )

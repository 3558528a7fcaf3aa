from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import CertificationPath, RevokeReason
from .serials import normalise_code


class VerifyForm(forms.Form):
    serial = forms.CharField(
        label=_("Certificate number"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "KA-2026-000123"}),
    )
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("Printed under the QR code on the certificate."),
        widget=forms.TextInput(attrs={"placeholder": "ABCD-EFGH-JKMN-PQRS"}),
    )

    def clean_serial(self):
        return self.cleaned_data["serial"].strip().upper()

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


class RevokeForm(forms.Form):
    reason_category = forms.ChoiceField(label=_("Reason"), choices=RevokeReason.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the reissue"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: name corrected, printed copy lost."),
    )


class ManualIssueForm(forms.Form):
    learner = forms.CharField(
        label=_("Learner"),
        max_length=150,
        help_text=_("Username or employee number."),
    )
    path = forms.ModelChoiceField(
        label=_("Certification path"),
        queryset=CertificationPath.objects.filter(is_active=True),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_learner(self):
        value = self.cleaned_data["learner"].strip()
        user = (
            get_user_model()
            .objects.filter(Q(username=value) | Q(employee_no=value), is_active=True)
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("No active user with this name or number."))
        return user

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Cohort, Team
from lms.accounts.people.applying import LINK, PRINT

PASSWORD_CHOICES = [
    (LINK, _("A one-time set-password link for each new person")),
    (PRINT, _("A printed initial password (changed at first login)")),
]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("UTF-8 or GBK CSV, or an Excel workbook (.xlsx)."),
    )
    passwords = forms.ChoiceField(
        label=_("New accounts get"),
        choices=PASSWORD_CHOICES,
        initial=LINK,
        widget=forms.RadioSelect,
    )
    mail_links = forms.BooleanField(
        label=_("E-mail each new person with an address their link"),
        required=False,
        initial=True,
    )


class ConfirmForm(forms.Form):
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, 工号 or phone"), required=False)
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("All teams"),
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        empty_label=_("All cohorts"),
    )


class MoveForm(forms.Form):
    """Where the ticked people go; an empty choice leaves that part as it is."""

    people = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.filter(is_superuser=False),
        error_messages={"required": _("Tick the people to move.")},
    )
    team = forms.ModelChoiceField(
        label=_("Move to team"),
        queryset=Team.objects.filter(archived=False),
        required=False,
        empty_label=_("(team unchanged)"),
    )
    cohort = forms.ModelChoiceField(
        label=_("Move to cohort"),
        queryset=Cohort.objects.filter(archived=False),
        required=False,
        empty_label=_("(cohort unchanged)"),
    )

    def clean(self):
        data = super().clean()
        if not data.get("team") and not data.get("cohort"):
            raise forms.ValidationError(_("Choose a team or a cohort to move to."))
        return data


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "store", "archived"]


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "archived"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}


class TeamCreateForm(forms.ModelForm):
    prefix = "team"

    class Meta:
        model = Team
        fields = ["name", "store"]


class CohortCreateForm(forms.ModelForm):
    prefix = "cohort"

    class Meta:
        model = Cohort
        fields = ["name", "starts_on"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}

"""Filter and action forms of the HR pages. Filters arrive by GET and are kept
in exports as the same plain strings, so a task rebuilds exactly the view."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Cohort, Team
from lms.certification.models import CertificationPath
from lms.certification.status import LearnerStatus

from .models import ExportKind
from .selectors import STANDING_CHOICES, RegistryFilters, RosterFilters

SORT_CHOICES = [
    ("name", _("Full name")),
    ("-name", _("Full name (Z–A)")),
    ("progress", _("Progress (lowest first)")),
    ("-progress", _("Progress (highest first)")),
    ("activity", _("Last activity (oldest first)")),
    ("-activity", _("Last activity (newest first)")),
]

ROSTER_FIELDS = (
    "q",
    "cohort",
    "team",
    "path",
    "status",
    "stalled",
    "overdue",
    "sort",
)
REGISTRY_FIELDS = ("q", "path", "status", "cohort")


def _pk(value) -> int | None:
    return value.pk if value is not None else None


class FilterForm(forms.Form):
    """A GET form that never fails: an invalid value is simply ignored."""

    def cleaned(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors
        }


class RosterFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Name or employee no."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search")}),
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        empty_label=_("All cohorts"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("All teams"),
    )
    path = forms.ModelChoiceField(
        label=_("Certification"),
        queryset=CertificationPath.objects.order_by("-is_active", "slug"),
        required=False,
        empty_label=_("All certifications"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *LearnerStatus.choices],
        required=False,
    )
    stalled = forms.BooleanField(label=_("Stalled only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)

    def filters(self) -> RosterFilters:
        data = self.cleaned()
        return RosterFilters(
            q=data.get("q") or "",
            cohort_id=_pk(data.get("cohort")),
            team_id=_pk(data.get("team")),
            path_id=_pk(data.get("path")),
            status=data.get("status") or "",
            stalled=bool(data.get("stalled")),
            overdue=bool(data.get("overdue")),
            sort=data.get("sort") or "name",
        )


class RegistryFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Name, employee no. or serial"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search")}),
    )
    path = forms.ModelChoiceField(
        label=_("Certification"),
        queryset=CertificationPath.objects.order_by("-is_active", "slug"),
        required=False,
        empty_label=_("All certifications"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *STANDING_CHOICES],
        required=False,
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        empty_label=_("All cohorts"),
    )

    def filters(self) -> RegistryFilters:
        data = self.cleaned()
        return RegistryFilters(
            q=data.get("q") or "",
            path_id=_pk(data.get("path")),
            status=data.get("status") or "",
            cohort_id=_pk(data.get("cohort")),
        )


class ChartFilterForm(FilterForm):
    quiz = forms.ChoiceField(label=_("Quiz or exam"), required=False)
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        empty_label=_("All cohorts"),
    )
    path = forms.ModelChoiceField(
        label=_("Certification"),
        queryset=CertificationPath.objects.order_by("-is_active", "slug"),
        required=False,
        empty_label=_("All certifications"),
    )

    def __init__(self, *args, quizzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].choices = [(quiz.slug, quiz.title) for quiz in quizzes]


class SignOffForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. observed three live chats")}
        ),
    )


class WithdrawSignOffForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ExportForm(forms.Form):
    kind = forms.ChoiceField(choices=ExportKind.choices)
    certificates = forms.TypedMultipleChoiceField(
        coerce=int, required=False, choices=()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any ids may be posted; the task keeps only certificates that exist.
        values = self.data.getlist("certificates") if self.is_bound else []
        self.fields["certificates"].choices = [(v, v) for v in values if v.isdigit()]


def filter_data(data, kind: str) -> dict:
    """The filter fields of an export request, as plain strings."""
    names = ROSTER_FIELDS if kind.startswith("roster") else REGISTRY_FIELDS
    return {name: data.get(name, "") for name in names if data.get(name)}


def describe_filters(kind: str, data: dict) -> list[tuple[str, str]]:
    """(label, shown value) of each filter an export was asked with."""
    if kind.startswith("roster"):
        form = RosterFilterForm(data)
    else:
        form = RegistryFilterForm(data)
    shown = []
    for name, value in form.cleaned().items():
        if value in (None, "", False):
            continue
        field = form.fields[name]
        if isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        ):
            value = dict(field.choices).get(value, value)
        if value is True:
            value = _("yes")
        shown.append((str(field.label), str(value)))
    if data.get("certificates"):
        shown.append((str(_("Ticked certificates")), str(len(data["certificates"]))))
    return shown


def roster_filters_from(data: dict) -> RosterFilters:
    return RosterFilterForm(data).filters()


def registry_filters_from(data: dict) -> RegistryFilters:
    return RegistryFilterForm(data).filters()

"""Query parameters of the list endpoints: cohort, team, person and a date range.

`date_from` / `date_to` are inclusive calendar days (YYYY-MM-DD) in the site's
time zone, applied to each resource's own date: hire date for people, submission
for quiz results, the end of a drill, issue date for certificates.
"""

from __future__ import annotations

import django_filters as filters
from django.contrib.auth import get_user_model

from lms.accounts.models import Cohort, Team
from lms.certification.models import Certificate, CertificateStatus
from lms.drills.models import DrillSession, Mode
from lms.quizzes.models import Attempt


class _ByPerson(filters.FilterSet):
    """Results and certificates: cohort and team are the person's."""

    cohort = filters.ModelChoiceFilter(
        field_name="user__cohort", queryset=Cohort.objects.all(), label="Cohort id"
    )
    team = filters.ModelChoiceFilter(
        field_name="user__team", queryset=Team.objects.all(), label="Team id"
    )
    person = filters.ModelChoiceFilter(
        field_name="user", queryset=get_user_model().objects.all(), label="Person id"
    )


def date_range(field: str) -> tuple[filters.DateFilter, filters.DateFilter]:
    """date_from, date_to over a date-time field, by local calendar day."""
    return (
        filters.DateFilter(
            field_name=field, lookup_expr="date__gte", label="On or after (date)"
        ),
        filters.DateFilter(
            field_name=field, lookup_expr="date__lte", label="On or before (date)"
        ),
    )


class PersonFilter(filters.FilterSet):
    cohort = filters.ModelChoiceFilter(queryset=Cohort.objects.all(), label="Cohort id")
    team = filters.ModelChoiceFilter(queryset=Team.objects.all(), label="Team id")
    is_active = filters.BooleanFilter(field_name="is_active")
    date_from = filters.DateFilter(
        field_name="hire_date", lookup_expr="gte", label="Hired on or after"
    )
    date_to = filters.DateFilter(
        field_name="hire_date", lookup_expr="lte", label="Hired on or before"
    )

    class Meta:
        model = get_user_model()
        fields = ["cohort", "team", "is_active", "date_from", "date_to"]


class QuizResultFilter(_ByPerson):
    date_from, date_to = date_range("submitted_at")
    quiz = filters.CharFilter(field_name="quiz__slug", label="Quiz slug")
    passed = filters.BooleanFilter(field_name="passed")

    class Meta:
        model = Attempt
        fields = ["cohort", "team", "person", "quiz", "passed"]


class DrillResultFilter(_ByPerson):
    date_from, date_to = date_range("finished_at")
    scenario = filters.CharFilter(field_name="scenario__slug", label="Scenario slug")
    mode = filters.ChoiceFilter(field_name="mode", choices=Mode.choices)
    passed = filters.BooleanFilter(field_name="passed")

    class Meta:
        model = DrillSession
        fields = ["cohort", "team", "person", "scenario", "mode", "passed"]


class CertificateFilter(_ByPerson):
    date_from, date_to = date_range("issued_at")
    path = filters.CharFilter(field_name="path__slug", label="Certification path slug")
    status = filters.ChoiceFilter(
        field_name="status", choices=CertificateStatus.choices
    )

    class Meta:
        model = Certificate
        fields = ["cohort", "team", "person", "path", "status"]


class ProgressFilter(filters.FilterSet):
    """Learners on the roster; the date range is their last activity."""

    cohort = filters.ModelChoiceFilter(queryset=Cohort.objects.all(), label="Cohort id")
    team = filters.ModelChoiceFilter(queryset=Team.objects.all(), label="Team id")
    date_from, date_to = date_range("last_activity")

    class Meta:
        model = get_user_model()
        fields = ["cohort", "team"]

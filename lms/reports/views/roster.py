from datetime import date

from django.conf import settings
from django.db.models import DateField, Value
from django.db.models.functions import Cast
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lms.accounts.models import Cohort, Team

from ..forms import RosterFilterForm
from ..permissions import can_manage_reports
from ..selectors import roster_page
from .common import people_reader_required, query_without


def sort_headers(current: str) -> dict:
    """Per sortable column: the sort its header link asks for, and aria-sort."""
    headers = {}
    for column, first in (
        ("name", "name"),
        ("progress", "-progress"),
        ("activity", "-activity"),
    ):
        if current.lstrip("-") == column:
            descending = current.startswith("-")
            headers[column] = {
                "next": column if descending else f"-{column}",
                "aria": "descending" if descending else "ascending",
            }
        else:
            headers[column] = {"next": first, "aria": "none"}
    return headers


def filter_choices(form, paths) -> None:
    """The filters' options in one query, not one per select: cohorts and teams
    together, certification paths from those the roster read already. The
    form's querysets still validate what comes back."""
    cohorts = Cohort.objects.order_by().values_list(
        Value("cohort"), "id", "name", "starts_on"
    )
    teams = Team.objects.order_by().values_list(
        Value("team"), "id", "name", Cast(Value(None), output_field=DateField())
    )
    rows = list(cohorts.union(teams, all=True))
    options = {
        "cohort": [
            (pk, name)  # Cohort's order: newest batch first, then by name
            for _kind, pk, name, _starts in sorted(
                (row for row in rows if row[0] == "cohort"),
                key=lambda row: (
                    row[3] is None,
                    -(row[3] or date.min).toordinal(),
                    row[2],
                ),
            )
        ],
        "team": sorted(
            ((pk, name) for kind, pk, name, _starts in rows if kind == "team"),
            key=lambda option: option[1],
        ),
        "path": [
            (path.pk, str(path))
            for path in sorted(paths, key=lambda path: (not path.is_active, path.slug))
        ],
    }
    for name, choices in options.items():
        field = form.fields[name]
        field.choices = [("", field.empty_label), *choices]


@people_reader_required
@require_GET
def roster(request):
    form = RosterFilterForm(request.GET or None)
    filters = form.filters()
    result = roster_page(filters, request.GET.get("page"))
    filter_choices(form, result.scope.every_path)
    return render(
        request,
        "reports/roster.html",
        {
            "form": form,
            "filters": filters,
            "scope": result.scope,
            "page": result.page,
            "rows": result.rows,
            "query": query_without(request, "page"),
            "can_export": can_manage_reports(request.user),
            "golive_threshold": settings.LMS_GOLIVE_DRILL_AVERAGE,
            "sort": sort_headers(filters.sort),
            # A certificate's expiry date matters while it is (or was) in force.
            "expiry_statuses": ("certified", "expiring", "expired"),
        },
    )

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

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


@people_reader_required
@require_GET
def roster(request):
    form = RosterFilterForm(request.GET or None)
    filters = form.filters()
    result = roster_page(filters, request.GET.get("page"))
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

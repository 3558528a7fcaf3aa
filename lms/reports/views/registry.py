from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..forms import RegistryFilterForm
from ..selectors import registry_queryset, registry_rows
from .common import certificate_url, hr_required, optional_url, query_without

PER_PAGE = 50


@hr_required
@require_GET
def registry(request):
    form = RegistryFilterForm(request.GET or None)
    certificates = registry_queryset(form.filters())
    page = Paginator(certificates, PER_PAGE).get_page(request.GET.get("page"))
    rows = registry_rows(page.object_list)
    for row in rows:
        row.hr_url = certificate_url(row.certificate)
    return render(
        request,
        "reports/registry.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query_without(request, "page"),
            "issue_url": optional_url("certification:hr_issue"),
            "audit_url": optional_url("certification:hr_audit"),
        },
    )

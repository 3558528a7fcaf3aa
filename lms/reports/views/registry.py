from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..forms import RegistryFilterForm
from ..selectors import registry_queryset, registry_rows
from .common import certificate_url, certificates_required, query_without

PER_PAGE = 50


@certificates_required
@require_GET
def registry(request):
    """证书台账: every certificate, filtered and exported; each row leads to the
    certificate's page (revoke, reissue); issuing by hand and the audit log
    are one click away."""
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
        },
    )

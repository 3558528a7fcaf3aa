"""Export requests, their status page (polled with htmx) and the download."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..exports import export_request, may_download
from ..forms import ExportForm, describe_filters, filter_data
from ..models import ExportJob, ExportKind, ExportStatus
from .common import hr_required


@hr_required
@require_POST
def export_create(request):
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown export."))
        return redirect("reports:exports")
    kind = form.cleaned_data["kind"]
    if kind == ExportKind.CERTIFICATES_ZIP:
        filters = filter_data(request.POST, "registry")
        filters["certificates"] = form.cleaned_data["certificates"]
    else:
        filters = filter_data(request.POST, kind)
    job = export_request(
        user=request.user, kind=kind, filters=filters, language=get_language()
    )
    return redirect("reports:export", job_id=job.pk)


@hr_required
@require_GET
def export_list(request):
    jobs = ExportJob.objects.filter(requested_by=request.user)[:50]
    return render(request, "reports/exports.html", {"jobs": jobs})


def _own_job(request, job_id) -> ExportJob:
    job = get_object_or_404(ExportJob, pk=job_id)
    if not may_download(request.user, job):
        raise Http404  # someone else's export: not even its existence
    return job


@hr_required
@require_GET
def export_detail(request, job_id):
    job = _own_job(request, job_id)
    template = (
        "reports/includes/export_status.html" if request.htmx else "reports/export.html"
    )
    return render(
        request,
        template,
        {"job": job, "filters": describe_filters(job.kind, job.filters)},
    )


@hr_required
@require_GET
def export_download(request, job_id):
    job = _own_job(request, job_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=job.download_name)
    response["Cache-Control"] = "private, no-store"
    return response

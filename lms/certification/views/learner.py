"""The learner's side: my certification paths and my certificate's PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import Certificate
from ..pdf import certificate_filename, certificate_pdf
from ..permissions import can_manage_certificates
from ..selectors import LEARNER_DOWNLOADABLE


@login_required
@require_GET
def my_certificates(request):
    """我的证书: the same panel as on the dashboard, on a page of its own."""
    return render(request, "certification/mine.html")


@login_required
@require_GET
def certificate_download(request, serial: str):
    """Learners get their own valid or expired certificate; HR and admins any.

    Anyone else's certificate is "not found", not "forbidden": its number is
    not confirmed to exist.
    """
    certificate = get_object_or_404(
        Certificate.objects.select_related("replaces"), serial=serial
    )
    if not can_manage_certificates(request.user) and (
        certificate.user_id != request.user.id
        or certificate.status not in LEARNER_DOWNLOADABLE
    ):
        raise Http404
    response = HttpResponse(
        certificate_pdf(certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate_filename(certificate)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response

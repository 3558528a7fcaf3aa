"""One certificate in the registry (revoke, reissue), issuing by hand and the
audit log: the registry's own pages, under /hr/certificates/.

Revoking takes two steps on the server: the certificate page links to a
confirmation page (GET) that names the certificate and asks for the reason;
only its POST revokes.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.certification.errors import CertificationError
from lms.certification.forms import ManualIssueForm, ReissueForm, RevokeForm
from lms.certification.issuing import certificate_issue_manual, certificate_reissue
from lms.certification.models import Certificate, CertificateStatus
from lms.certification.revocation import certificate_revoke
from lms.certification.selectors import audit_entries
from lms.certification.status import CertificateStanding, certificate_standing
from lms.certification.verify import verify_url

from .common import certificates_required

PER_PAGE = 50
REVOCABLE = (CertificateStatus.VALID, CertificateStatus.EXPIRED)


def _certificate(serial: str) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("user", "path", "issued_by", "replaces"),
        serial=serial,
    )


def _detail_context(certificate: Certificate, **forms) -> dict:
    standing = certificate_standing(certificate, timezone.now())
    return {
        "certificate": certificate,
        "standing": standing,
        "standing_label": CertificateStanding(standing).label,
        "revocable": certificate.status in REVOCABLE,
        "summary": certificate.score_summary or {},
        "verify_url": verify_url(certificate),
        "entries": audit_entries(certificate=certificate)[:50],
        "reissue_form": forms.get("reissue_form") or ReissueForm(),
    }


@certificates_required
@require_GET
def certificate_detail(request, serial: str):
    certificate = _certificate(serial)
    return render(request, "reports/certificate.html", _detail_context(certificate))


@certificates_required
@require_http_methods(["GET", "POST"])
def certificate_revoke_view(request, serial: str):
    """GET: the confirmation page with the reason; POST: revoke."""
    certificate = _certificate(serial)
    if certificate.status not in REVOCABLE:
        messages.error(request, _("This certificate can no longer be revoked."))
        return redirect("reports:certificate", serial=serial)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate,
                actor=request.user,
                reason_category=form.cleaned_data["reason_category"],
                note=form.cleaned_data["note"],
            )
        except CertificationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Certificate %(serial)s revoked.") % {"serial": serial}
            )
        return redirect("reports:certificate", serial=serial)
    return render(
        request,
        "reports/certificate_revoke.html",
        {"certificate": certificate, "form": form},
        status=400 if form.is_bound else 200,
    )


@certificates_required
@require_POST
def certificate_reissue_view(request, serial: str):
    certificate = _certificate(serial)
    form = ReissueForm(request.POST)
    if form.is_valid():
        try:
            new = certificate_reissue(
                certificate=certificate,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except CertificationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Reissued as %(new)s; %(old)s is superseded.")
                % {"new": new.serial, "old": serial},
            )
            return redirect("reports:certificate", serial=new.serial)
    context = _detail_context(certificate, reissue_form=form)
    return render(request, "reports/certificate.html", context, status=400)


@certificates_required
@require_http_methods(["GET", "POST"])
def certificate_issue_view(request):
    form = ManualIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = certificate_issue_manual(
                user=form.cleaned_data["learner"],
                path=form.cleaned_data["path"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except CertificationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Certificate %(serial)s issued.") % {"serial": certificate.serial},
            )
            return redirect("reports:certificate", serial=certificate.serial)
    return render(request, "reports/certificate_issue.html", {"form": form})


@certificates_required
@require_GET
def audit_log(request):
    page = Paginator(audit_entries(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reports/certificate_audit.html", {"page": page})

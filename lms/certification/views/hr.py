"""HR's certificate pages: the register, one certificate (revoke, reissue),
issuing by hand and the audit log. Superusers and the group 人事 only."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..errors import CertificationError
from ..forms import CertificateFilterForm, ManualIssueForm, ReissueForm, RevokeForm
from ..issuing import certificate_issue_manual, certificate_reissue
from ..models import Certificate
from ..permissions import can_manage_certificates
from ..revocation import certificate_revoke
from ..selectors import audit_entries, certificates_for_staff
from ..verify import verify_url

PER_PAGE = 50


def hr_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_certificates(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _certificate(serial: str) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("user", "path", "issued_by", "replaces"),
        serial=serial,
    )


@hr_only
@require_GET
def certificate_list(request):
    form = CertificateFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    certificates = certificates_for_staff(
        q=filters.get("q", ""), status=filters.get("status", "")
    )
    page = Paginator(certificates, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "certification/hr/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@hr_only
@require_GET
def certificate_detail(request, serial: str):
    certificate = _certificate(serial)
    return render(
        request,
        "certification/hr/detail.html",
        _detail_context(certificate),
    )


def _detail_context(certificate, **forms) -> dict:
    return {
        "certificate": certificate,
        "summary": certificate.score_summary or {},
        "verify_url": verify_url(certificate),
        "entries": audit_entries(certificate=certificate)[:50],
        "revoke_form": forms.get("revoke_form") or RevokeForm(),
        "reissue_form": forms.get("reissue_form") or ReissueForm(),
    }


@hr_only
@require_POST
def certificate_revoke_view(request, serial: str):
    certificate = _certificate(serial)
    form = RevokeForm(request.POST)
    if form.is_valid():
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
            return redirect("certification:hr_detail", serial=serial)
    context = _detail_context(certificate, revoke_form=form)
    return render(request, "certification/hr/detail.html", context, status=400)


@hr_only
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
            return redirect("certification:hr_detail", serial=new.serial)
    context = _detail_context(certificate, reissue_form=form)
    return render(request, "certification/hr/detail.html", context, status=400)


@hr_only
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
            return redirect("certification:hr_detail", serial=certificate.serial)
    return render(request, "certification/hr/issue.html", {"form": form})


@hr_only
@require_GET
def audit_log(request):
    page = Paginator(audit_entries(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "certification/hr/audit.html", {"page": page})

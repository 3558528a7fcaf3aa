from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.certification.status import CertificateStanding, certificate_standing

from ..gate import CERTIFICATE, DRILLS, SIGNOFF
from ..permissions import can_manage_reports, can_read_people

register = template.Library()

MISSING_LABELS = {
    CERTIFICATE: _("valid certificate"),
    DRILLS: _("drill average"),
    SIGNOFF: _("supervisor sign-off"),
}
AUDIT_LABELS = {
    "golive_signoff": _("Go-live signed off"),
    "golive_signoff_withdrawn": _("Go-live sign-off withdrawn"),
    # lms/certification/audit.py's actions.
    "certificate.issued": _("Certificate issued"),
    "certificate.issued_manually": _("Certificate issued by hand"),
    "certificate.reissued": _("Certificate reissued"),
    "certificate.revoked": _("Certificate revoked"),
    "certificate.superseded": _("Certificate superseded"),
    "certificate.expired": _("Certificate expired"),
    "certificate.reminder_sent": _("Expiry reminder sent"),
    "path.rules_changed": _("Rules changed"),
    "assignment.needs_retraining": _("Needs retraining"),
}


@register.filter
def can_read_reports(user) -> bool:
    """For the site header: show the HR link to HR, trainers and admins."""
    return bool(user) and can_read_people(user)


@register.filter
def can_manage(user) -> bool:
    return bool(user) and can_manage_reports(user)


@register.filter
def missing_label(code: str) -> str:
    return MISSING_LABELS.get(code, code)


@register.filter
def audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, action)


@register.filter
def standing(certificate) -> CertificateStanding:
    """A certificate's standing in the roster's words: `{{ s }}` and `{{ s.label }}`."""
    return CertificateStanding(certificate_standing(certificate, timezone.now()))


@register.filter
def score(value) -> str:
    """85.0 → "85", 85.5 → "85.5", None → "—"."""
    if value is None or value == "":
        return "—"
    return f"{round(float(value), 1):g}"

"""One line in the audit log per change of state: who, when, what, why."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lms.accounts.audit import PEOPLE_ACTION_LABELS

from .models import AuditLogEntry


class Action:
    ISSUED = "certificate.issued"
    ISSUED_MANUALLY = "certificate.issued_manually"
    REISSUED = "certificate.reissued"
    REVOKED = "certificate.revoked"
    SUPERSEDED = "certificate.superseded"
    EXPIRED = "certificate.expired"
    REMINDER_SENT = "certificate.reminder_sent"
    RULES_CHANGED = "path.rules_changed"
    RETRAINING = "assignment.needs_retraining"


ACTION_LABELS = {
    Action.ISSUED: _("Issued automatically"),
    Action.ISSUED_MANUALLY: _("Issued by hand"),
    Action.REISSUED: _("Reissued"),
    Action.REVOKED: _("Revoked"),
    Action.SUPERSEDED: _("Superseded"),
    Action.EXPIRED: _("Expired"),
    Action.REMINDER_SENT: _("Expiry reminder sent"),
    Action.RULES_CHANGED: _("Rules changed: new path version"),
    Action.RETRAINING: _("Marked for retraining"),
    **PEOPLE_ACTION_LABELS,  # HR's changes to people, teams and cohorts
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def audit_log(
    *,
    action: str,
    actor=None,
    subject=None,
    certificate=None,
    reason: str = "",
    **details,
) -> AuditLogEntry:
    return AuditLogEntry.objects.create(
        action=action,
        actor=actor,
        subject=subject if subject is not None else getattr(certificate, "user", None),
        certificate=certificate,
        reason=reason,
        details=details,
    )

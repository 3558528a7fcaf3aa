"""Go-live sign-off: a supervisor confirms a learner may serve real buyers.

One function per change of state, each with its permission check and audit log
entry, so a view, a command or the demo set-up behave the same.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lms.certification.models import AuditLogEntry, GoLiveSignOff

from .permissions import can_sign_off_golive

SIGNOFF_ACTION = "golive_signoff"
WITHDRAW_ACTION = "golive_signoff_withdrawn"


@transaction.atomic
def golive_sign_off(*, learner, by, note: str = "") -> GoLiveSignOff:
    """Record the sign-off (once; signing again only updates the note)."""
    if not can_sign_off_golive(by):
        raise PermissionDenied
    signoff, created = GoLiveSignOff.objects.get_or_create(
        user=learner, defaults={"signed_by": by, "note": note}
    )
    if not created:
        if signoff.note == note:
            return signoff
        signoff.note = note
        signoff.save(update_fields=["note"])
    AuditLogEntry.objects.create(
        actor=by,
        action=SIGNOFF_ACTION,
        subject=learner,
        reason=note,
        details={"signoff_id": signoff.id, "updated": not created},
    )
    return signoff


@transaction.atomic
def golive_withdraw(*, learner, by, reason: str) -> bool:
    """Take a sign-off back (signed by mistake, or doubts since). True if one was."""
    if not can_sign_off_golive(by):
        raise PermissionDenied
    signoff = GoLiveSignOff.objects.select_for_update().filter(user=learner).first()
    if signoff is None:
        return False
    details = {
        "signed_by": signoff.signed_by_id,
        "signed_at": signoff.signed_at.isoformat(),
    }
    signoff.delete()
    AuditLogEntry.objects.create(
        actor=by,
        action=WITHDRAW_ACTION,
        subject=learner,
        reason=reason,
        details=details,
    )
    return True

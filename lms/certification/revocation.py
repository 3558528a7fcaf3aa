"""Revoking a certificate (HR, with a reason category and a note)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import Action, audit_log
from .errors import CertificationError
from .models import Certificate, CertificateStatus, PathAssignment, RevokeReason
from .permissions import require_certificate_manager
from .signals import certificate_revoked

REVOCABLE = (CertificateStatus.VALID, CertificateStatus.EXPIRED)


def certificate_revoke(
    *, certificate: Certificate, actor, reason_category: str, note: str = ""
) -> Certificate:
    """Revoke: the verify page says so from now on, with the date and category.

    Old results do not earn the certificate back by themselves: quiz attempts and
    drill sessions count again only from the revocation (HR may issue by hand).
    """
    require_certificate_manager(actor)
    if reason_category not in RevokeReason.values:
        raise CertificationError(_("Choose a reason for the revocation."))
    note = (note or "").strip()
    if reason_category == RevokeReason.OTHER and not note:
        raise CertificationError(_("Describe the reason in the note."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status not in REVOCABLE:
            raise CertificationError(_("This certificate cannot be revoked any more."))
        now = timezone.now()
        locked.status = CertificateStatus.REVOKED
        locked.revoked_at = now
        locked.revoke_reason = reason_category
        locked.revoke_note = note[:300]
        locked.save(
            update_fields=["status", "revoked_at", "revoke_reason", "revoke_note"]
        )
        PathAssignment.objects.filter(
            user_id=locked.user_id, path_id=locked.path_id
        ).update(assessments_since=now)
        audit_log(
            action=Action.REVOKED,
            actor=actor,
            certificate=locked,
            reason=note,
            serial=locked.serial,
            category=reason_category,
        )
        certificate_revoked.send(sender=Certificate, certificate=locked)
    return locked

"""Who may do what with certificates and paths, checked in every service.

HR (group 人事) and superusers manage certificates; trainers and superusers author
paths and declare rules changes. The model permissions named here let an admin
grant the same to anyone else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from lms.accounts.roles import TRAINER, has_role, is_staff_reader


def can_manage_certificates(user) -> bool:
    """Issue by hand, revoke, reissue, read every certificate and the audit log."""
    return user is not None and (
        is_staff_reader(user)
        or (user.is_authenticated and user.has_perm("certification.change_certificate"))
    )


def can_author_paths(user) -> bool:
    """Edit certification paths and require recertification after a rules change."""
    return (
        user is not None
        and user.is_authenticated
        and (
            user.is_superuser
            or has_role(user, TRAINER)
            or user.has_perm("certification.change_certificationpath")
        )
    )


def can_download(user, certificate) -> bool:
    """Learners download their own certificate; HR and admins any."""
    if not user.is_authenticated:
        return False
    return certificate.user_id == user.id or can_manage_certificates(user)


def require_certificate_manager(user) -> None:
    if not can_manage_certificates(user):
        raise PermissionDenied


def require_path_author(user) -> None:
    if not can_author_paths(user):
        raise PermissionDenied

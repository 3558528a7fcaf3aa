"""Who may do what with drills, checked on the server in every view.

Roles come from the academy's groups (lms.accounts.roles); the model
permissions named here let an admin grant the same to anyone else.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import ModelPermissionPolicy

from lms.accounts.roles import HR, TRAINER, user_group_names


def _roles(user) -> frozenset[str]:
    return user_group_names(user)  # one query per request, shared with every role check


def is_trainer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or TRAINER in _roles(user))


def can_read_transcripts(user) -> bool:
    """Trainers, HR and admins read every learner's drill sessions."""
    if not user.is_authenticated:
        return False
    return (
        is_trainer(user)
        or HR in _roles(user)
        or user.has_perm("drills.view_drillsession")
    )


def can_override(user) -> bool:
    """Trainers (not HR) may replace a turn's machine score with their own."""
    return is_trainer(user) or (
        user.is_authenticated and user.has_perm("drills.change_drillturn")
    )


def can_view_session(user, session) -> bool:
    return session.user_id == user.id or can_read_transcripts(user)


class ScenarioPermissionPolicy(ModelPermissionPolicy):
    """Trainers author scenarios in the admin as they author pages."""

    def user_has_permission(self, user, action):
        return is_trainer(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return is_trainer(user) or super().user_has_any_permission(user, actions)

    def users_with_any_permission(self, actions):
        trainers = get_user_model().objects.filter(groups__name=TRAINER, is_active=True)
        return (
            super().users_with_any_permission(actions) | trainers.distinct()
        ).distinct()

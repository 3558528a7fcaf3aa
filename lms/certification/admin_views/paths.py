"""Certification paths in the Wagtail admin, requirements inline."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from lms.accounts.roles import TRAINER

from ..models import CertificationPath
from ..permissions import can_author_paths


class PathPermissionPolicy(ModelPermissionPolicy):
    """Trainers author paths as they author courses; admins too."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "view") and can_author_paths(user):
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        trainers = get_user_model().objects.filter(groups__name=TRAINER, is_active=True)
        return (super().users_with_any_permission(actions) | trainers).distinct()


def requirement_count(path: CertificationPath) -> int:
    return (
        path.course_requirements.count()
        + path.quiz_requirements.count()
        + path.drill_requirements.count()
    )


class PathViewSet(ModelViewSet):
    model = CertificationPath
    name = "certification_paths"
    url_prefix = "certification/paths"
    icon = "tick-inverse"
    menu_label = _("Certification paths")
    menu_order = 100
    # A copy's inline rows would still point at the original path's rows.
    copy_view_enabled = False
    list_display = [
        "title",
        "slug",
        Column("version", label=_("Version")),
        Column("requirements", label=_("Requirements"), accessor=requirement_count),
        "validity_months",
        BooleanColumn("is_active", label=_("Active")),
    ]
    list_filter = ["is_active"]
    search_fields = ["title", "slug"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
                    FieldPanel("description"),
                    FieldRowPanel(
                        [FieldPanel("validity_months"), FieldPanel("drill_average_min")]
                    ),
                    FieldRowPanel(
                        [FieldPanel("is_active"), FieldPanel("version", read_only=True)]
                    ),
                ],
                heading=_("Path"),
            ),
            InlinePanel(
                "course_requirements",
                panels=[FieldPanel("course")],
                heading=_("Courses to complete"),
                label=_("Course"),
            ),
            InlinePanel(
                "quiz_requirements",
                panels=[FieldRowPanel([FieldPanel("quiz"), FieldPanel("min_score")])],
                heading=_("Quizzes and exams to pass"),
                label=_("Quiz"),
            ),
            InlinePanel(
                "drill_requirements",
                panels=[
                    FieldRowPanel([FieldPanel("scenario"), FieldPanel("must_pass")])
                ],
                heading=_("Drills"),
                label=_("Drill"),
            ),
        ]
    )

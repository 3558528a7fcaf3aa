"""Assignments in the Wagtail admin, where trainers work. Trainers hold the
model permissions (lms/accounts/roles.py), so Wagtail's own checks apply."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .actions import assignment_notify_created, item_title
from .models import Assignment


def due_rule(assignment: Assignment) -> str:
    if assignment.due_on:
        return assignment.due_on.isoformat()
    return _("%(n)s days after hire") % {"n": assignment.due_days_after_hire}


class AssignmentCreateView(CreateView):
    """Saving tells every learner the assignment reaches (notice + e-mail)."""

    def save_instance(self):
        self.form.instance.assigned_by = self.request.user
        instance = super().save_instance()  # saved and logged the Wagtail way
        assignment_notify_created(assignment=instance)
        return instance


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    name = "assignments"
    url_prefix = "assignments"
    icon = "date"
    menu_label = _("Assignments")
    menu_order = 255
    add_to_admin_menu = True
    add_view_class = AssignmentCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("item", label=_("Item"), accessor=item_title),
        Column("target", label=_("Assigned to"), accessor="target"),
        Column("due", label=_("Due"), accessor=due_rule),
        BooleanColumn("locks_others", label=_("Locks other courses")),
        Column("created_at", label=_("Assigned")),
    ]
    list_filter = ["cohort", "team", "locks_others"]
    search_fields = ["note"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("cohort"), FieldPanel("team"), FieldPanel("user")]
                )
            ],
            heading=_("Assign to (one of)"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("course"), FieldPanel("quiz")]),
                FieldRowPanel([FieldPanel("scenario"), FieldPanel("path")]),
            ],
            heading=_("What (one of)"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("due_on"), FieldPanel("due_days_after_hire")])],
            heading=_("Due (one of)"),
        ),
        FieldPanel("locks_others"),
        FieldPanel("note"),
    ]


assignment_viewset = AssignmentViewSet()

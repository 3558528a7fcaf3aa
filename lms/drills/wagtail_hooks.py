from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .models import Scenario
from .permissions import (
    ScenarioPermissionPolicy,
    can_override,
    can_read_transcripts,
)
from .scenario_admin import (
    ScenarioCreateView,
    ScenarioDeleteView,
    ScenarioEditView,
    ScenarioForm,
    ScenarioInspectView,
)

# Before the viewset asks for the policy, or Wagtail makes a default one.
register_permission_policy(Scenario, ScenarioPermissionPolicy(Scenario))


class ScenarioViewSet(ModelViewSet):
    model = Scenario
    icon = "comment"
    menu_label = _("Drill scenarios")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ScenarioInspectView
    add_view_class = ScenarioCreateView
    edit_view_class = ScenarioEditView
    delete_view_class = ScenarioDeleteView
    list_display = ["title", "slug", "track", "mood", "pass_score", "active"]
    list_filter = ["track", "mood", "active"]
    search_fields = ["title", "slug"]
    search_backend_name = None
    inspect_view_fields = [
        "slug",
        "title",
        "track",
        "mood",
        "pass_score",
        "turn_count",
        "active",
        "source_path",
        "updated_at",
    ]

    def get_form_class(self, for_update=False):
        return ScenarioForm


scenario_viewset = ScenarioViewSet("drills_scenario")


@hooks.register("register_admin_viewset")
def register_scenario_viewset():
    return scenario_viewset


class TranscriptsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_transcripts(request.user)


class TrainerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_override(request.user)


@hooks.register("register_admin_menu_item")
def register_transcripts_menu_item():
    return TranscriptsMenuItem(
        _("Drill transcripts"),
        reverse("drills:transcripts"),
        icon_name="list-ul",
        order=251,
    )


@hooks.register("register_log_actions")
def register_drill_log_actions(actions):
    actions.register_action(
        "drills.override", _("Rescore a drill turn"), _("Drill turn rescored")
    )
    actions.register_action(
        "drills.appeal_resolved",
        _("Resolve a score appeal"),
        _("Score appeal resolved"),
    )


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return TrainerMenuItem(
        _("Drill review queue"),
        reverse("drills:review"),
        icon_name="warning",
        order=252,
    )

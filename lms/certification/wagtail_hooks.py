"""Certification in the Wagtail admin: one "Certification" menu with the paths
(requirements inline), "Require recertification" (also a button on a rules
course's header) and a link to HR's certificate registry."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from .admin_views.paths import PathPermissionPolicy, PathViewSet
from .admin_views.rules_change import RulesChangeView
from .models import CertificationPath
from .permissions import can_author_paths, can_manage_certificates

SUBMENU_HOOK = "register_certification_menu_item"

# Before the viewset asks for the policy, or Wagtail makes a default one.
register_permission_policy(CertificationPath, PathPermissionPolicy(CertificationPath))


class CertificationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Certification")
    menu_icon = "tick-inverse"
    menu_order = 260
    submenu_hook = SUBMENU_HOOK
    items = (PathViewSet,)


@hooks.register("register_admin_viewset")
def register_certification_admin():
    return CertificationViewSetGroup()


@hooks.register("register_admin_urls")
def register_rules_change_url():
    return [
        path(
            "certification/rules-change/",
            RulesChangeView.as_view(),
            name="certification_rules_change",
        )
    ]


class AuthorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_author_paths(request.user)


class CertificateManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_certificates(request.user)


@hooks.register(SUBMENU_HOOK)
def register_rules_change_menu_item():
    return AuthorMenuItem(
        _("Require recertification"),
        reverse("certification_rules_change"),
        icon_name="warning",
        order=20,
    )


@hooks.register(SUBMENU_HOOK)
def register_certificates_menu_item():
    return CertificateManagerMenuItem(
        _("Certificate registry"),
        reverse("reports:registry"),
        icon_name="doc-full",
        order=30,
    )


@hooks.register("register_page_header_buttons")
def rules_change_button(page, user, view_name, next_url=None):
    """On a course that a path requires: declare a rules change for it."""
    from lms.courses.models import CoursePage

    if page.specific_class is not CoursePage or not can_author_paths(user):
        return []
    if not CertificationPath.objects.filter(course_requirements__course_id=page.pk):
        return []
    url = reverse("certification_rules_change") + "?" + urlencode({"course": page.pk})
    return [
        Button(_("Require recertification…"), url, icon_name="warning", priority=90)
    ]

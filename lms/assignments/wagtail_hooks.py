"""Assignments in the admin menu (trainers assign; HR follows them on the roster)."""

from wagtail import hooks

from .viewsets import assignment_viewset


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    return assignment_viewset

"""Permissions the quiz viewsets offer in Wagtail's group editor."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType


class AllModelPermissionsMixin:
    """Offer "view" too: it is enough for the read-only pages (preview, statistics).

    Wagtail lists "view" only for viewsets with an inspect view.
    """

    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(self.model)
        return Permission.objects.filter(content_type=content_type)

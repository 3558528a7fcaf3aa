"""A read-only admin page about one object (question preview, quiz statistics)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button


class ObjectPageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Anyone holding a permission on the model may read; header links to edit."""

    any_permission_required = ["add", "change", "delete", "view"]
    model = None
    index_url_name: str | None = None
    edit_url_name: str | None = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_object()

    def get_queryset(self):
        return self.model._default_manager.all()

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        if self.edit_url_name and self.user_has_permission("change"):
            return reverse(self.edit_url_name, args=(self.object.pk,))
        return None

    def get_breadcrumbs_items(self):
        items = [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            }
        ]
        if edit_url := self.get_edit_url():
            items.append({"url": edit_url, "label": self.get_page_subtitle()})
        items.append(
            {
                "url": "",
                "label": self.get_page_title(),
                "sublabel": self.get_page_subtitle(),
            }
        )
        return self.breadcrumbs_items + items

    @property
    def header_more_buttons(self):
        if edit_url := self.get_edit_url():
            return [Button(_("Edit"), url=edit_url, icon_name="edit", priority=10)]
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["edit_url"] = self.get_edit_url()
        return context

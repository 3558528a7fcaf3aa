"""Build the page tree the academy needs: Root → 首页 → 课程中心. Idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from .models import CourseIndexPage, HomePage


@transaction.atomic
def ensure_site_tree() -> tuple[HomePage, CourseIndexPage]:
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (e.g. after a transactional test)
        root = Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration leaves a placeholder "Welcome" page.
        for placeholder in root.get_children().filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="客服学院",
                slug="home",
                intro="新人客服的入职培训与上岗认证。",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.id or site.site_name != "客服学院":
        site.root_page = home
        site.site_name = "客服学院"
        site.save()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(
                title="课程中心",
                slug="courses",
                intro="按岗位和主题整理的入职课程。",
            )
        )
    return home, index

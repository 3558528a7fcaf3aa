"""Finding a learner page from its URL in one query.

Wagtail's own routing walks the tree one level at a time, two queries a level
(the child, then its specific row), and its view-restriction check costs two
more. The academy's tree is fixed (首页 → 课程中心 → course → lesson, enforced
by ``parent_page_types``), so the page a URL names is known from the number of
path components: it is fetched directly, by slug and URL path, with a flag
saying whether any view restriction applies to it or to an ancestor. Anything
the fast path does not find goes through Wagtail's routing unchanged (and gets
its 404 there).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult


def restricted_flag() -> Exists:
    """True when a view restriction covers the page or one of its ancestors.

    A restriction sits on a page whose tree path is a prefix of this page's (or
    on the source of an alias among them, as Wagtail's own check resolves it).
    """
    return Exists(
        PageViewRestriction.objects.filter(
            Q(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
            | Q(
                page__aliases__path=Substr(
                    OuterRef("path"), 1, Length("page__aliases__path")
                )
            )
        )
    )


def route_fast(home: Page, request, path_components: list[str], models: dict):
    """The live page the components name below ``home``, or None (not found here).

    ``models`` maps a number of components to the page type at that depth; a
    type's ``routing_annotations(request)`` adds what its view will check.
    """
    model = models.get(len(path_components))
    if model is None or not all(path_components):
        return None
    url_path = home.url_path + "".join(f"{slug}/" for slug in path_components)
    page = (
        model.objects.live()
        .filter(
            slug=path_components[-1],
            depth=home.depth + len(path_components),
            path__startswith=home.path,
            url_path=url_path,
        )
        .annotate(
            view_restricted=restricted_flag(),
            **model.routing_annotations(request),
        )
        .first()
    )
    return RouteResult(page) if page is not None else None


class FastRoutedPage:
    """View restrictions read from the flag the routing query fetched."""

    @classmethod
    def routing_annotations(cls, request) -> dict:
        return {}

    def get_view_restrictions(self):
        if getattr(self, "view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def parent_url(page) -> str:
    """The parent's URL, from the page's own: URL paths follow the tree."""
    url = page.url or ""
    return url[: url.rstrip("/").rfind("/") + 1] or "/"

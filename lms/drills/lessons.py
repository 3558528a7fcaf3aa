"""Links from rule findings to the lessons that teach them.

Rules cite a lesson as ``<course slug>/<lesson slug>``; a live LessonPage whose
URL path ends that way is linked, otherwise the citation is shown as text.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q


def lesson_links(citations: Iterable[str], request=None) -> dict[str, tuple[str, str]]:
    """citation → (url, lesson title), for the citations that have a live lesson."""
    from lms.courses.models import LessonPage

    citations = sorted({c.strip("/") for c in citations if c})
    if not citations:
        return {}
    query = Q()
    for citation in citations:
        query |= Q(url_path__endswith=f"/{citation}/")
    links: dict[str, tuple[str, str]] = {}
    pages = LessonPage.objects.live().filter(query).only("id", "title", "url_path")
    for page in pages:
        for citation in citations:
            if page.url_path.endswith(f"/{citation}/") and citation not in links:
                url = page.get_url(request)
                if url:
                    links[citation] = (url, page.title)
    return links

"""Site search over live courses and lessons, Chinese words found inside sentences."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from .markdown import plain_text
from .models import CoursePage, LessonPage


@dataclass
class SearchHit:
    page: Page
    is_course: bool
    course_title: str
    summary: str


def search_pages(query: str, *, limit: int = 200) -> list[SearchHit]:
    """Courses and lessons in relevance order: a title match comes first."""
    pages = list(
        Page.objects.live()
        .type(CoursePage, LessonPage)
        .specific()
        .search(query, operator="and")[:limit]
    )
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    titles = dict(
        Page.objects.filter(path__in=parent_paths).values_list("path", "title")
    )
    return [
        SearchHit(
            page=page,
            is_course=isinstance(page, CoursePage),
            course_title=page.title
            if isinstance(page, CoursePage)
            else titles.get(page.path[: -Page.steplen], ""),
            summary=plain_text(page.summary)
            if isinstance(page, CoursePage)
            else page.summary,
        )
        for page in pages
    ]

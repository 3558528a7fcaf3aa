"""A page of a queryset and the total in one query (COUNT(*) OVER ()).

Django's Paginator asks for the count, then for the page: two queries. Here the
page is fetched with the total alongside, and the Paginator is given a sequence
that knows the total but holds only that page, so templates keep using the
usual Page API (number, has_next, paginator.num_pages, page_range…).
"""

from __future__ import annotations

from math import ceil

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


class CountedPage:
    """Stand-in object list: `total` items, of which one window is held."""

    def __init__(self, total: int, offset: int, items: list):
        self.total, self.offset, self.items = total, offset, items

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self.items[key - self.offset]
        start = (key.start or 0) - self.offset
        stop = None if key.stop is None else key.stop - self.offset
        return self.items[max(start, 0) : stop]

    @staticmethod
    def _window(queryset: QuerySet, number: int, per_page: int) -> list:
        counted = queryset.annotate(paging_total=Window(Count("pk")))
        return list(counted[(number - 1) * per_page : number * per_page])

    @classmethod
    def fetch(cls, queryset: QuerySet, page_number, per_page: int) -> Page:
        """The page as Paginator.get_page() would give it: page 1 for nonsense,
        the last page past the end."""
        try:
            number = int(page_number)
        except (TypeError, ValueError):
            number = 1
        rows = cls._window(queryset, number, per_page) if number >= 1 else []
        if rows:
            total = rows[0].paging_total
        else:  # past the end (or before the start), or nothing at all
            total = queryset.count()
            number = max(ceil(total / per_page), 1)
            rows = cls._window(queryset, number, per_page) if total else []
        items = cls(total, (number - 1) * per_page, rows)
        return Paginator(items, per_page).get_page(number)

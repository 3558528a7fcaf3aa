"""Wagtail's database search backend with Chinese-aware queries.

Configured in WAGTAILSEARCH_BACKENDS, so the learner site's search and the
Wagtail admin's page search both segment the query the way the index is
segmented (see lms.core.segmentation).
"""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText

from .segmentation import segment


def segment_query(query):
    if isinstance(query, str):
        return segment(query)
    if isinstance(query, PlainText):
        return PlainText(segment(query.query_string), operator="and", boost=query.boost)
    if isinstance(query, Phrase):
        return PlainText(segment(query.query_string), operator="and")
    return query


def SearchBackend(params):  # noqa: N802 - Wagtail looks the factory up by this name
    backend = database_backend(params)
    base = type(backend)

    class ChineseAwareBackend(base):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str) or kwargs.get("operator") is None:
                kwargs["operator"] = "and"
            return super()._search(
                query_compiler_class, segment_query(query), model_or_queryset, **kwargs
            )

    ChineseAwareBackend.__name__ = f"ChineseAware{base.__name__}"
    backend.__class__ = ChineseAwareBackend
    return backend

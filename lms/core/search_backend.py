"""Wagtail's database search backend with Chinese-aware queries.

Configured in WAGTAILSEARCH_BACKENDS, so the learner site's search and the
Wagtail admin's page search both segment the query the way the index is
segmented (see lms.core.segmentation).

The backend is PostgreSQL's or SQLite's, whichever the database is. PostgreSQL
ranks a match in the title above one in the body through the field's boost
(a tsvector weight); SQLite's FTS5 ranking ignores boosts, so there the title
column gets its weight in bm25() instead.
"""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Not, Phrase, PlainText

from .segmentation import segment

# A word in the title counts this many times a word in the body (SQLite).
TITLE_WEIGHT = 10.0


def segment_query(query):
    if isinstance(query, str):
        return segment(query)
    if isinstance(query, PlainText):
        return PlainText(segment(query.query_string), operator="and", boost=query.boost)
    if isinstance(query, Phrase):
        return PlainText(segment(query.query_string), operator="and")
    return query


def title_weighted_compiler(compiler_class):
    """SQLite's query compiler, ranking with bm25() weighted by column."""
    from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry

    class TitleWeightedBM25(BM25):
        def as_sql(self, compiler, connection, function=None, template=None):
            # Columns in the order modelsearch creates the FTS5 table:
            # fts5(autocomplete, body, title).
            table = SQLiteFTSIndexEntry._meta.db_table
            return f"bm25({table}, 1.0, 1.0, {TITLE_WEIGHT})", []

    class TitleWeightedCompiler(compiler_class):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, (Phrase, PlainText, Not)):
                rank = TitleWeightedBM25()
                return rank * boost if boost != 1.0 else rank
            return super().build_tsrank(vector, query, config=config, boost=boost)

        def _build_rank_expression(self, vectors, config):
            # bm25() already scores every column, each normalised by its length;
            # modelsearch's extra multiplier by title length would put any page
            # with a short title first, wherever the words matched.
            return self.build_tsrank(None, self.query, config=config)

    return TitleWeightedCompiler


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

    # By name: the SQLite module cannot even be imported on PostgreSQL.
    if base.__name__ == "SQLiteSearchBackend":
        ChineseAwareBackend.query_compiler_class = title_weighted_compiler(
            base.query_compiler_class
        )
    ChineseAwareBackend.__name__ = f"ChineseAware{base.__name__}"
    backend.__class__ = ChineseAwareBackend
    return backend

"""drf-spectacular hooks: the schema documents this API, not Wagtail's admin API."""

from __future__ import annotations

PREFIX = "/api/"


def only_this_api(endpoints, **kwargs):
    """Preprocessing hook (SPECTACULAR_SETTINGS): drop every path outside /api/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]

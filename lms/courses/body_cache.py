"""Lesson bodies rendered once per page revision, not on every view.

Markdown, sanitising and the block templates are the slow part of a lesson
page, and their output depends only on the published content and the UI
language. Each process keeps the rendered HTML of a lesson's static blocks in a
small LRU keyed by (page, live revision, language); a new revision is a new key,
so nothing needs clearing on publish. Blocks that show something about the
viewer (a quiz's attempts, a drill's start button) are rendered on every view.
Kept in process memory rather than Django's cache: with the database cache a
lookup would cost the query this saves.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

# Blocks whose output depends on the viewer or on other records.
LIVE_BLOCKS = frozenset({"quiz", "drill"})
MAX_ENTRIES = 512  # lessons x languages; a few MB at most

_entries: OrderedDict[tuple, list] = OrderedDict()
_lock = threading.Lock()


def _key(page) -> tuple:
    version = page.live_revision_id
    if version is None:  # a page saved without revisions (fixtures, tests)
        raw = json.dumps(page.body.raw_data, sort_keys=True, default=str)
        version = hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()
    return (page.pk, version, translation.get_language())


def _render(page) -> list:
    """Rendered HTML for runs of static blocks; live blocks kept as blocks."""
    parts: list = []
    for block in page.body:
        if block.block_type in LIVE_BLOCKS:
            parts.append(block)
            continue
        # No context: the shared HTML cannot carry anything about one viewer.
        html = block.render_as_block(None)
        if parts and isinstance(parts[-1], str):
            parts[-1] = mark_safe(parts[-1] + html)  # noqa: S308 (block output)
        else:
            parts.append(mark_safe(html))  # noqa: S308 (block output)
    return parts


def lesson_body_parts(page, *, preview: bool = False) -> list:
    """The body as safe HTML strings and live blocks, in order."""
    if preview or page.pk is None:
        return _render(page)
    key = _key(page)
    with _lock:
        parts = _entries.get(key)
        if parts is not None:
            _entries.move_to_end(key)
            return parts
    parts = _render(page)
    with _lock:
        _entries[key] = parts
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return parts


def clear() -> None:
    with _lock:
        _entries.clear()


def is_html(part) -> bool:
    return isinstance(part, SafeString)

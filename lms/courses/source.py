"""Course source files (``content/courses/``) to data and back. Pure: no Django.

This module is the public face; the work is split by concern:

- ``source_document``: one file: front matter + body, ``parse_document``,
  ``render_document``, ``canonicalize``, ``content_hash``;
- ``source_fields``: the front-matter fields of courses and lessons;
- ``source_body``: splitting a body at its fences (which info strings are
  special blocks, code, or unknown blocks);
- ``source_blocks``: what each special block holds, its checks and rendering;
- ``source_tree``: the folder layout, names, duplicates, prerequisites, images;
- ``source_yaml``: YAML with file line numbers, and the canonical dump.

Every check reports a ``Problem`` (``path:line: message``) and carries on, so
one run lists all mistakes in a file or tree.
"""

from __future__ import annotations

from .source_blocks import BLOCK_TYPES, FENCE_BLOCKS, SourceBlock
from .source_body import CODE_LANGUAGES
from .source_document import (
    Kind,
    SourceDocument,
    canonicalize,
    content_hash,
    normalize_text,
    parse_document,
    render_document,
)
from .source_fields import (
    AUDIENCES,
    COURSE_FIELDS,
    LESSON_FIELDS,
    TRACKS,
    FieldSpec,
)
from .source_problems import Problem, SourceError
from .source_tree import CourseSource, LessonSource, scan_content_tree

__all__ = [
    "AUDIENCES",
    "BLOCK_TYPES",
    "CODE_LANGUAGES",
    "COURSE_FIELDS",
    "FENCE_BLOCKS",
    "LESSON_FIELDS",
    "TRACKS",
    "CourseSource",
    "FieldSpec",
    "Kind",
    "LessonSource",
    "Problem",
    "SourceBlock",
    "SourceDocument",
    "SourceError",
    "canonicalize",
    "content_hash",
    "normalize_text",
    "parse_document",
    "render_document",
    "scan_content_tree",
]

"""Front-matter fields of course (``index.md``) and lesson files, and their checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .source_problems import Problem

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

TRACKS = ("role", "tools", "rules", "communication", "product", "aftersales")
AUDIENCES = ("all", "presales", "aftersales")


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field.

    ``type`` is ``str`` (one non-empty line), ``int`` (a positive whole number)
    or ``list`` (a list of non-empty one-line strings). ``max_length`` and
    ``max_value`` keep a value within what its page field can store.
    """

    name: str
    type: type
    required: bool = False
    choices: tuple[str, ...] = ()  # the allowed values of a ``str`` field
    min_items: int = 0  # for ``list``
    slug_items: bool = False  # for ``list``: each item is a course slug
    max_length: int | None = None  # for ``str``
    max_value: int | None = None  # for ``int``


def _fields(*specs: FieldSpec) -> Mapping[str, FieldSpec]:
    return {spec.name: spec for spec in specs}


# Page titles hold 255 characters, a lesson summary 300; an estimate beyond a
# week of minutes is a typo (and the column stops at 2,147,483,647).
TITLE_LENGTH = 255
SUMMARY_LENGTH = 300
MAX_MINUTES = 10_000

# The order here is the order ``render_document`` writes the fields in.
COURSE_FIELDS: Mapping[str, FieldSpec] = _fields(
    FieldSpec("title", str, required=True, max_length=TITLE_LENGTH),
    FieldSpec("track", str, required=True, choices=TRACKS),
    FieldSpec("audience", str, required=True, choices=AUDIENCES),
    FieldSpec("estimated_minutes", int, required=True, max_value=MAX_MINUTES),
    # Objectives are shown on the course page and the certificate, so a
    # course must state at least one of each.
    FieldSpec("knowledge_objectives", list, required=True, min_items=1),
    FieldSpec("skill_objectives", list, required=True, min_items=1),
    FieldSpec("prerequisites", list, slug_items=True),
    FieldSpec("cover", str),
)

LESSON_FIELDS: Mapping[str, FieldSpec] = _fields(
    FieldSpec("title", str, required=True, max_length=TITLE_LENGTH),
    FieldSpec("estimated_minutes", int, required=True, max_value=MAX_MINUTES),
    FieldSpec("summary", str, max_length=SUMMARY_LENGTH),
)


def fields_for(kind: str) -> Mapping[str, FieldSpec]:
    if kind == "course":
        return COURSE_FIELDS
    if kind == "lesson":
        return LESSON_FIELDS
    raise ValueError(f"kind must be 'course' or 'lesson', not {kind!r}")


def check_front_matter(
    data: dict[object, object],
    field_lines: dict[str, int],
    fields: Mapping[str, FieldSpec],
    *,
    path: str,
    start_line: int,
) -> list[Problem]:
    """Problems with the fields of a front matter that is a YAML mapping."""
    problems = []
    for name in data:
        if name not in fields:
            line = field_lines.get(str(name), start_line)
            allowed = ", ".join(fields)
            problems.append(
                Problem(path, line, f"unknown field '{name}' (allowed: {allowed})")
            )
    for spec in fields.values():
        if spec.name not in data:
            if spec.required:
                problems.append(
                    Problem(path, start_line, f"missing required field '{spec.name}'")
                )
            continue
        error = _value_error(spec, data[spec.name])
        if error:
            line = field_lines.get(spec.name, start_line)
            problems.append(Problem(path, line, f"field '{spec.name}' {error}"))
    return problems


def _value_error(spec: FieldSpec, value: object) -> str | None:
    if value is None:
        return "is empty"
    if spec.type is int:
        # bool is an int in Python; ``yes`` must not count as 1 minute.
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            return f"must be a positive whole number, not {value!r}"
        if spec.max_value is not None and value > spec.max_value:
            return f"must be at most {spec.max_value}, not {value}"
        return None
    if spec.type is str:
        error = _line_error(value)
        if error is None and spec.choices and value not in spec.choices:
            return f"must be one of {', '.join(spec.choices)}, not {value!r}"
        if error is None and spec.max_length and len(value) > spec.max_length:
            return f"is longer than {spec.max_length} characters"
        return error
    if not isinstance(value, list):
        return "must be a list"
    if len(value) < spec.min_items:
        return f"needs at least {spec.min_items} item(s)"
    for number, item in enumerate(value, start=1):
        error = _line_error(item)
        if error is None and spec.slug_items and not SLUG_RE.fullmatch(str(item)):
            error = f"must be a course slug such as 'qianniu', not {item!r}"
        if error:
            return f"item {number} {error}"
    return None


def _line_error(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be text, not {value!r} (put it in quotes)"
    if not value.strip():
        return "is empty"
    if "\n" in value.strip():
        return "must be a single line"
    return None

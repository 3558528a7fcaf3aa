"""One course or lesson source file: front matter + body, parsed and rendered."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from lms.core.source_text import NUL, NUL_MESSAGE, nul_lines

from .source_blocks import SourceBlock, render_block
from .source_body import split_body
from .source_fields import FieldSpec, check_front_matter, fields_for
from .source_problems import Problem, SourceError
from .source_yaml import dump_yaml, key_lines, load_yaml

Kind = Literal["course", "lesson"]
FRONT_MATTER_FENCE = "---"


@dataclass
class SourceDocument:
    """A parsed file. ``field_lines`` maps each front-matter field to its line;
    ``body_line`` is the line right after the closing ``---``."""

    path: str
    front_matter: dict[str, object]
    field_lines: dict[str, int]
    blocks: list[SourceBlock]
    body_line: int


def normalize_text(text: str) -> str:
    """The text as the parser sees it: no BOM, ``\\n`` line ends, one final
    newline (or nothing at all for a blank file)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.rstrip()
    return text + "\n" if text else ""


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: line ends, a BOM or trailing blank
    lines do not change it."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def parse_document(
    text: str, path: str, *, kind: Kind
) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse a file and collect every problem in it.

    The document is ``None`` when its front matter is missing, unclosed, not
    valid YAML or not a mapping; the body is still checked then.
    """
    fields = fields_for(kind)
    text = normalize_text(text)
    # Reported once per line, then dropped so the rest of the file is checked.
    problems = [Problem(path, line, NUL_MESSAGE) for line in nul_lines(text)]
    lines = text.replace(NUL, "").split("\n")[:-1]
    front_matter: dict[str, object] | None = None
    field_lines: dict[str, int] = {}
    body_start = 0  # index in ``lines``
    body_found = True
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        message = "missing front matter: the file must start with a '---' line"
        problems.append(Problem(path, 1, message))
    else:
        close = next(
            (n for n, line in enumerate(lines[1:], 1) if line.rstrip() == "---"),
            None,
        )
        if close is None:
            message = "front matter is not closed: add a '---' line after it"
            problems.append(Problem(path, 1, message))
            body_start = len(lines)
            body_found = False
        else:
            body_start = close + 1
            yaml_text = "".join(line + "\n" for line in lines[1:close])
            front_matter, field_lines, fm_problems = _read_front_matter(
                yaml_text, path, fields=fields
            )
            problems += fm_problems
    body_line = body_start + 1
    blocks, body_problems = split_body(
        lines[body_start:], first_line=body_line, path=path
    )
    problems += body_problems
    if body_found:
        empty = not any(line.strip() for line in lines[body_start:])
        problems += _check_body(kind, blocks, empty, path=path, body_line=body_line)
    if front_matter is None:
        return None, problems
    document = SourceDocument(path, front_matter, field_lines, blocks, body_line)
    return document, problems


def _read_front_matter(
    yaml_text: str, path: str, *, fields: Mapping[str, FieldSpec]
) -> tuple[dict[str, object] | None, dict[str, int], list[Problem]]:
    loaded, problems = load_yaml(yaml_text, path, first_line=2, where="front matter")
    if loaded is None:
        return None, {}, problems
    data, node = loaded
    if data is None:
        data = {}
    if not isinstance(data, dict):
        message = "front matter must be a YAML mapping of fields"
        return None, {}, [Problem(path, 2, message)]
    where = key_lines(node, 2)
    problems = [
        Problem(path, line, f"duplicate field '{name}'")
        for name, line in where.duplicates
    ]
    problems += check_front_matter(data, where.lines, fields, path=path, start_line=1)
    return {str(key): value for key, value in data.items()}, where.lines, problems


def _check_body(
    kind: Kind, blocks: list[SourceBlock], empty: bool, *, path: str, body_line: int
) -> list[Problem]:
    # Special blocks and unknown fences are already reported by the splitter;
    # an empty body is reported against the closing '---'.
    if kind == "course":
        problems = [
            Problem(
                path,
                block.line,
                f"a course summary is plain Markdown: move the '{block.type}' "
                "block into a lesson",
            )
            for block in blocks
            if block.type != "markdown"
        ]
        if empty:
            message = "the course summary is missing after the front matter"
            problems.append(Problem(path, max(body_line - 1, 1), message))
        return problems
    if empty:
        message = "the lesson has no content after the front matter"
        return [Problem(path, max(body_line - 1, 1), message)]
    return []


def render_document(
    front_matter: dict[str, object],
    blocks: list[SourceBlock] | list[tuple[str, object]],
    *,
    kind: Kind,
) -> str:
    """The canonical text of a file.

    Fields come in the order of ``COURSE_FIELDS``/``LESSON_FIELDS`` (fields set
    to ``None`` are left out), then a blank line, then the blocks separated by
    one blank line. Raises ``ValueError`` for unknown fields or blocks.
    """
    fields = fields_for(kind)
    unknown = [name for name in front_matter if name not in fields]
    if unknown:
        raise ValueError(f"unknown {kind} fields: {', '.join(map(str, unknown))}")
    ordered = {
        name: front_matter[name]
        for name in fields
        if front_matter.get(name) is not None
    }
    head = f"---\n{dump_yaml(ordered)}---\n"
    parts = []
    for block in blocks:
        block_type, value = (
            (block.type, block.value) if isinstance(block, SourceBlock) else block
        )
        text = render_block(block_type, value)
        if text:
            parts.append(text)
    if not parts:
        return head
    return head + "\n" + "\n\n".join(parts) + "\n"


def canonicalize(text: str, path: str, kind: Kind) -> str:
    """The canonical form of a file; raises ``SourceError`` if it has problems."""
    document, problems = parse_document(text, path, kind=kind)
    if problems or document is None:
        raise SourceError(problems)
    return render_document(document.front_matter, document.blocks, kind=kind)

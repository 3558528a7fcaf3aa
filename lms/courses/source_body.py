"""Split a body into Markdown blocks and special blocks, by its fences.

A fence opens at the start of a line (no indent) with three or more backticks
or tildes, followed by an info string; it closes on a line holding only the
same character, at least as many times (CommonMark's rule, so a ``tip`` may
contain a shorter code fence when its own fence is longer).

Headings start at ``##``: a ``#`` heading outside a fence is a problem.

The first word of the info string decides what the fence is:

- a special block name (``steps``, ``tip``, ...): a special block;
- a known code language (``CODE_LANGUAGES``) or anything that is not a plain
  word of lowercase letters (``c++``, ``python3``, ``Python``, empty): an
  ordinary code block, kept inside the surrounding Markdown;
- any other word of lowercase letters (``tips``, ``note``), or a block name
  in capitals (``Steps``): an unknown block, which is a problem, since it is
  most likely a misspelt block name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .source_blocks import FENCE_BLOCKS, SourceBlock, parse_block, strip_blank_lines
from .source_problems import Problem

CODE_LANGUAGES = frozenset(
    {"python", "yaml", "json", "text", "csv", "xml", "bash", "sh", "html", "css", "js"}
)

_FENCE_RE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_WORD_RE = re.compile(r"[a-z]+")
# An ATX level-1 heading; a lesson's or course's only '#' heading is its title.
_H1_RE = re.compile(r" {0,3}#(?:[ \t]|$)")


@dataclass
class _Fence:
    line: int  # file line of the opening fence
    name: str  # first word of the info string
    extra: str  # the rest of the info string
    lines: list[str]  # the source lines, both fences included
    closed: bool


def split_body(
    lines: list[str], *, first_line: int, path: str
) -> tuple[list[SourceBlock], list[Problem]]:
    """Blocks of the body ``lines``, the first of which is file line ``first_line``."""
    blocks: list[SourceBlock] = []
    problems: list[Problem] = []
    pending: list[tuple[int, str]] = []  # Markdown lines not yet in a block

    def flush() -> None:
        text = strip_blank_lines("\n".join(text for _, text in pending))
        if text:
            start = next(number for number, line in pending if line.strip())
            blocks.append(SourceBlock("markdown", text, start))
        pending.clear()

    index = 0
    while index < len(lines):
        fence = _read_fence(lines, index, first_line + index)
        if fence is None:
            if _H1_RE.match(lines[index]):
                message = "headings start at '##': the title is the only '#' heading"
                problems.append(Problem(path, first_line + index, message))
            pending.append((first_line + index, lines[index]))
            index += 1
            continue
        index += len(fence.lines)
        if not fence.closed:
            message = "unclosed fence: no closing fence before the end of the file"
            problems.append(Problem(path, fence.line, message))
        kind = _classify(fence.name)
        if kind == "code":
            pending.extend((fence.line + n, text) for n, text in enumerate(fence.lines))
            continue
        flush()
        if kind == "unknown":
            problems.append(Problem(path, fence.line, _unknown_message(fence.name)))
            continue
        if fence.extra:
            message = f"'{fence.name}' block takes nothing after its name"
            problems.append(Problem(path, fence.line, message))
        if not fence.closed:
            continue
        value, block_problems = parse_block(
            fence.name,
            "\n".join(fence.lines[1:-1]) + "\n",
            path=path,
            fence_line=fence.line,
        )
        problems += block_problems
        if value is not None:
            blocks.append(SourceBlock(fence.name, value, fence.line))
    flush()
    return blocks, problems


def _read_fence(lines: list[str], index: int, line: int) -> _Fence | None:
    match = _FENCE_RE.fullmatch(lines[index])
    if match is None:
        return None
    marker, info = match["fence"], match["info"].strip()
    if marker[0] == "`" and "`" in info:
        return None  # inline code such as ```a```, not a fence
    words = info.split(maxsplit=1)
    closing = re.compile(rf" {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*")
    end = index + 1
    while end < len(lines) and not closing.fullmatch(lines[end]):
        end += 1
    closed = end < len(lines)
    return _Fence(
        line=line,
        name=words[0] if words else "",
        extra=words[1] if len(words) > 1 else "",
        lines=lines[index : end + 1],
        closed=closed,
    )


def _classify(name: str) -> str:
    if name in FENCE_BLOCKS:
        return "special"
    if name.lower() in FENCE_BLOCKS:
        return "unknown"  # ``Tip``: block names are lowercase
    if _WORD_RE.fullmatch(name) and name not in CODE_LANGUAGES:
        return "unknown"
    return "code"


def _unknown_message(name: str) -> str:
    guess = difflib.get_close_matches(name.lower(), FENCE_BLOCKS, n=1, cutoff=0.6)
    if guess:
        return f"unknown block '{name}' (did you mean '{guess[0]}'?)"
    return f"unknown block '{name}' (blocks: {', '.join(FENCE_BLOCKS)})"

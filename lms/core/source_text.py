"""What an authored source file (Markdown, YAML, GIFT, Moodle XML) must not hold.

The importers of courses, quizzes and drills check these before parsing, so a
file that would crash a parser or cannot be stored is reported as
``path:line: message`` by ``--check`` instead of failing the import:

- a NUL character: PostgreSQL text and jsonb cannot hold U+0000, and YAML
  refuses it (it may also be written as an escape, ``"\\0"`` or ``"\\x00"``);
- YAML nested deeper than ``MAX_DEPTH``: PyYAML builds nodes recursively and a
  file nested a thousand deep ends in a ``RecursionError``.

Pure module: no Django import.
"""

from __future__ import annotations

import yaml

NUL = "\x00"
MAX_DEPTH = 50
NUL_MESSAGE = "contains a NUL character (U+0000), which cannot be stored: remove it"
DEPTH_MESSAGE = f"YAML is nested more than {MAX_DEPTH} levels deep"

_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def nul_lines(text: str) -> list[int]:
    """The 1-based lines holding a NUL character."""
    lines = []
    start = text.find(NUL)
    while start >= 0:
        line = text.count("\n", 0, start) + 1
        lines.append(line)
        end = text.find("\n", start)
        if end < 0:
            break
        start = text.find(NUL, end)
    return lines


def yaml_hazard(text: str) -> tuple[int, str] | None:
    """``(line, message)`` for the first NUL or too-deep nesting in YAML ``text``.

    Uses PyYAML's scanner, which does not recurse. A syntax error is left for
    the real parse to report with its own message, so it gives ``None`` here.
    """
    lines = nul_lines(text)
    if lines:
        return lines[0], NUL_MESSAGE
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    return token.start_mark.line + 1, DEPTH_MESSAGE
            elif isinstance(token, _CLOSE):
                depth -= 1
            elif isinstance(token, yaml.ScalarToken) and NUL in token.value:
                return token.start_mark.line + 1, NUL_MESSAGE
    except yaml.YAMLError:
        return None
    return None

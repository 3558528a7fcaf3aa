"""Special blocks of a lesson body: what each fence may hold, checks and rendering.

A special block is a fenced block whose info string names the block, e.g.
```` ```steps ````. Most hold YAML with a fixed set of keys; ``tip`` and
``warning`` hold Markdown; ``quiz`` and ``drill`` hold one slug.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .source_fields import SLUG_RE
from .source_problems import Problem
from .source_yaml import dump_yaml, item_nodes, key_lines, load_yaml, value_node


@dataclass
class SourceBlock:
    """One block of a body, in file order.

    ``line`` is where the block starts in its file (the fence line for special
    blocks); it is left out of ``==`` so that blocks compare by content, and it
    defaults to 0 for blocks built in code (e.g. by the exporter).
    """

    type: str
    value: object
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class MappingSpec:
    """Keys of a YAML block in canonical order; ``optional`` ones may be left out."""

    keys: tuple[str, ...]
    optional: frozenset[str] = frozenset()


MAPPING_BLOCKS: dict[str, MappingSpec] = {
    "steps": MappingSpec(("title", "steps"), frozenset({"title"})),
    "dodont": MappingSpec(("dont", "do", "why")),
    # The text of a phrase lives in content/drills/quick_phrases.yaml only
    # (source_phrases.resolve_phrases fills it in on import).
    "phrase": MappingSpec(("code", "when"), frozenset({"when"})),
    "rule": MappingSpec(("rule", "violation", "consequence")),
    "figure": MappingSpec(("image", "caption")),
}
STEP = MappingSpec(("text", "image"), frozenset({"image"}))
MARKDOWN_BLOCKS = ("tip", "warning", "legacy")
SLUG_BLOCKS = ("quiz", "drill")

# Names usable on a fence, in the order of the format description.
FENCE_BLOCKS = (
    "steps",
    "dodont",
    "phrase",
    "rule",
    "tip",
    "warning",
    "legacy",
    "figure",
)
FENCE_BLOCKS += SLUG_BLOCKS
BLOCK_TYPES = ("markdown", *FENCE_BLOCKS)


def parse_block(
    name: str, content: str, *, path: str, fence_line: int
) -> tuple[object | None, list[Problem]]:
    """The value of the special block ``name`` whose fence opens on ``fence_line``.

    Returns ``None`` for the value when the block has problems.
    """
    if name in MARKDOWN_BLOCKS:
        text = strip_blank_lines(content)
        if not text:
            return None, [Problem(path, fence_line, f"'{name}' block is empty")]
        return text, []
    if name in SLUG_BLOCKS:
        slug = content.strip()
        if not SLUG_RE.fullmatch(slug):
            example = "qianniu-quiz" if name == "quiz" else "greeting-product"
            message = f"'{name}' block must hold one slug such as '{example}'"
            return None, [Problem(path, fence_line, message)]
        return slug, []
    return _parse_mapping_block(name, content, path=path, fence_line=fence_line)


def _parse_mapping_block(
    name: str, content: str, *, path: str, fence_line: int
) -> tuple[dict[str, object] | None, list[Problem]]:
    first_line = fence_line + 1
    loaded, problems = load_yaml(
        content, path, first_line=first_line, where=f"'{name}' block"
    )
    if loaded is None:
        return None, problems
    data, node = loaded
    spec = MAPPING_BLOCKS[name]
    label = f"'{name}' block"
    value, problems = _check_mapping(
        data, node, spec, label=label, path=path, line=fence_line, first=first_line
    )
    if value is None or name != "steps":
        return value, problems
    steps = value["steps"]
    if not isinstance(steps, list) or not steps:
        message = f"{label}: 'steps' must be a list with at least one step"
        line = key_lines(node, first_line).lines.get("steps", fence_line)
        return None, [*problems, Problem(path, line, message)]
    nodes = item_nodes(value_node(node, "steps"))
    items = []
    for number, item in enumerate(steps, start=1):
        item_node = nodes[number - 1] if len(nodes) == len(steps) else None
        step, step_problems = _check_mapping(
            item,
            item_node,
            STEP,
            label=f"{label}: step {number}",
            path=path,
            line=first_line + item_node.start_mark.line if item_node else fence_line,
            first=first_line,
        )
        problems += step_problems
        items.append(step)
    if problems:
        return None, problems
    return {"title": value["title"], "steps": items}, []


def _check_mapping(
    data: object,
    node: yaml.Node | None,
    spec: MappingSpec,
    *,
    label: str,
    path: str,
    line: int,
    first: int,
) -> tuple[dict[str, object] | None, list[Problem]]:
    """Check keys and string values; missing optional keys become ``""``."""
    keys = ", ".join(spec.keys)
    if not isinstance(data, dict):
        return None, [Problem(path, line, f"{label} must be a mapping with {keys}")]
    where = key_lines(node, first)
    problems = [
        Problem(path, key_line, f"{label}: duplicate key '{key}'")
        for key, key_line in where.duplicates
    ]
    for key in data:
        if key not in spec.keys:
            problems.append(
                Problem(
                    path,
                    where.lines.get(str(key), line),
                    f"{label}: unknown key '{key}' (allowed: {keys})",
                )
            )
    value: dict[str, object] = {}
    for key in spec.keys:
        item = data.get(key)
        if key not in data and key not in spec.optional:
            problems.append(Problem(path, line, f"{label}: missing key '{key}'"))
        elif key == "steps":
            value[key] = item  # checked by the caller
        elif item is None or (isinstance(item, str) and not item.strip()):
            if key not in spec.optional:
                problems.append(
                    Problem(
                        path, where.lines.get(key, line), f"{label}: '{key}' is empty"
                    )
                )
            value[key] = ""
        elif not isinstance(item, str):
            message = f"{label}: '{key}' must be text, not {item!r} (put it in quotes)"
            problems.append(Problem(path, where.lines.get(key, line), message))
        else:
            value[key] = item
    return (None if problems else value), problems


def render_block(block_type: str, value: object) -> str:
    """The canonical source of one block, without a trailing newline."""
    if block_type == "markdown":
        return strip_blank_lines(_text(block_type, value))
    if block_type in MARKDOWN_BLOCKS:
        content = strip_blank_lines(_text(block_type, value))
    elif block_type in SLUG_BLOCKS:
        content = _text(block_type, value).strip()
    elif block_type in MAPPING_BLOCKS:
        if not isinstance(value, dict):
            raise ValueError(f"a {block_type!r} block needs a dict, got {value!r}")
        data = _canonical_mapping(block_type, MAPPING_BLOCKS[block_type], value)
        if block_type == "steps":
            data["steps"] = [
                _canonical_mapping("steps item", STEP, step)
                for step in value.get("steps") or []
            ]
        content = dump_yaml(data).rstrip("\n")
    else:
        raise ValueError(f"unknown block type {block_type!r}")
    fence = "`" * max(3, _longest_backtick_fence(content) + 1)
    return f"{fence}{block_type}\n{content}\n{fence}"


def _canonical_mapping(
    label: str, spec: MappingSpec, value: dict[str, object]
) -> dict[str, object]:
    unknown = set(value) - set(spec.keys)
    if unknown:
        raise ValueError(f"{label}: unknown keys {sorted(unknown)}")
    return {
        key: value.get(key, "")
        for key in spec.keys
        if not (key in spec.optional and value.get(key) in ("", None))
    }


def _text(block_type: str, value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a {block_type!r} block needs a str, got {value!r}")
    return value


def _longest_backtick_fence(text: str) -> int:
    longest = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) <= 3 and stripped.startswith("```"):
            longest = max(longest, len(stripped) - len(stripped.lstrip("`")))
    return longest


def strip_blank_lines(text: str) -> str:
    """``text`` without blank (or whitespace-only) lines at its start and end."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)

"""YAML in course sources: loading with file line numbers, and canonical dumping."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from lms.core.source_text import yaml_hazard

from .source_problems import Problem


class _BadValue(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _Loader(yaml.SafeLoader):
    """SafeLoader whose impossible dates (2024-02-30) are problems, not crashes."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _BadValue(
                f"{node.value!r} is not a real date or time ({exc})",
                node.start_mark.line + 1,
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


@dataclass
class KeyLines:
    """Where each key of a YAML mapping sits in the file."""

    lines: dict[str, int]
    duplicates: list[tuple[str, int]]


def load_yaml(
    text: str, path: str, *, first_line: int, where: str
) -> tuple[tuple[object, yaml.Node | None] | None, list[Problem]]:
    """Load ``text`` whose first line is line ``first_line`` of the file at ``path``.

    Returns the data and its node (for line numbers), or ``None`` and one
    problem when the YAML is invalid; ``where`` names the place in the message
    ("front matter", "'steps' block").
    """
    last_line = first_line + max(text.rstrip("\n").count("\n"), 0)
    hazard = yaml_hazard(text)
    if hazard is not None:
        line, message = hazard
        return None, [Problem(path, first_line + line - 1, f"{where}: {message}")]
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line = first_line + text.count("\n", 0, exc.position)
        return None, [Problem(path, line, f"invalid YAML in {where}: {exc.reason}")]
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _BadValue as exc:
        line = first_line + exc.line - 1
        return None, [Problem(path, line, f"invalid YAML in {where}: {exc}")]
    except RecursionError:  # through aliases; plain nesting is caught above
        message = f"invalid YAML in {where}: nested too deeply"
        return None, [Problem(path, first_line, message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else first_line
        # At the end of the text PyYAML points one line past it.
        line = min(line, last_line)
        detail = exc.problem or exc.context or "cannot be read"
        return None, [Problem(path, line, f"invalid YAML in {where}: {detail}")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, first_line, f"invalid YAML in {where}: {exc}")]
    finally:
        loader.dispose()
    return (data, node), []


def key_lines(node: yaml.Node | None, first_line: int) -> KeyLines:
    """File lines of the keys of a mapping node; later repeats are duplicates."""
    result = KeyLines({}, [])
    if not isinstance(node, yaml.MappingNode):
        return result
    for key_node, _value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        line = first_line + key_node.start_mark.line
        if key_node.value in result.lines:
            result.duplicates.append((key_node.value, line))
        else:
            result.lines[key_node.value] = line
    return result


def value_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The node of the first value under ``key`` in a mapping node."""
    if isinstance(node, yaml.MappingNode):
        for key_node, child in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return child
    return None


def item_nodes(node: yaml.Node | None) -> list[yaml.Node]:
    """The item nodes of a sequence node (empty for anything else)."""
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def dump_yaml(data: dict[str, object]) -> str:
    """The canonical YAML of a mapping: keys in the given order, block style."""
    return yaml.safe_dump(
        data,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1000,
    )

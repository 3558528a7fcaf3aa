"""YAML loading that remembers line numbers, for ``path:line: message`` reports.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both are
plain ``dict``/``list`` subclasses that also know the line of the node, of each
key and of each value. Duplicate keys, which PyYAML would silently overwrite, are
recorded. Lines are 1-based. Pure module.
"""

from __future__ import annotations

from typing import Any

import yaml

from lms.core.source_text import yaml_hazard


class LineDict(dict):
    """A mapping with ``line``, ``key_lines``, ``value_lines`` and ``duplicates``."""

    line: int | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}
        self.value_lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []


class LineList(list):
    """A sequence with ``line`` and ``item_lines``."""

    line: int | None = None

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise YamlSyntaxError(
                "a mapping key must be a plain value", key_line
            ) from None
        if key in mapping:
            mapping.duplicates.append((key, key_line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
        mapping.value_lines[key] = value_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList()
    items.line = node.start_mark.line + 1
    for child in node.value:
        items.append(loader.construct_object(child, deep=True))
        items.item_lines.append(child.start_mark.line + 1)
    return items


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence
)


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise YamlSyntaxError(
            f"{node.value!r} is not a real date or time ({exc})",
            node.start_mark.line + 1,
        ) from None


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str) -> Any:
    """Parse one YAML document; raises :class:`YamlSyntaxError` with a line."""
    hazard = yaml_hazard(text)
    if hazard is not None:
        line, message = hazard
        raise YamlSyntaxError(message, line)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except RecursionError:  # through aliases; plain nesting is caught above
        raise YamlSyntaxError("nested too deeply", None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(exc.reason, line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(str(exc.problem or exc), line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None) from None


def line_of(node: Any, key: Any = None, *, value: bool = False) -> int | None:
    """Line of a mapping key (or its value), of a list item, or of the node."""
    if key is not None and isinstance(node, LineDict):
        lines = node.value_lines if value else node.key_lines
        return lines.get(key, node.line)
    if isinstance(key, int) and isinstance(node, LineList):
        return node.item_lines[key] if key < len(node.item_lines) else node.line
    return getattr(node, "line", None)


def plain(value: Any) -> Any:
    """Recursively turn LineDict/LineList into plain dict/list."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value

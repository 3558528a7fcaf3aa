"""Small helpers to validate YAML-loaded data and report problems with lines.

Each helper reads one field, reports what is wrong with the line it comes from
(see yamllines.py) and returns a usable value or ``None``. Pure module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from lms.drills.yamllines import LineDict, YamlSyntaxError, line_of, load_yaml

T = TypeVar("T")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TURN_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file; ``line`` is 1-based."""

    path: str
    line: int | None
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line or 1}: {self.message}"

    def __str__(self) -> str:
        return self.format()


class InvalidData(ValueError):
    """Raised by the ``parse_*`` functions; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def read_yaml_file(path: str | Path) -> Any:
    """Parse a YAML file; a syntax error becomes :class:`InvalidData` with its line."""
    try:
        return load_yaml(Path(path).read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        raise InvalidData([Problem(str(path), exc.line, f"YAML: {exc}")]) from None


def load_valid(path: str | Path, validate: Callable[..., tuple[list[Problem], T]]) -> T:
    """Read ``path`` and ``validate(data, path=...)`` it; raise on any problem."""
    problems, value = validate(read_yaml_file(path), path=str(path))
    if problems:
        raise InvalidData(problems)
    return value


class Validator:
    """Collects problems for one file."""

    def __init__(self, path: str = "") -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def add_at(self, path: str, line: int | None, message: str) -> None:
        """A problem found in another file this one refers to."""
        self.problems.append(Problem(path, line, message))

    def mapping(
        self,
        node: Any,
        where: str,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        line: int | None = None,
    ) -> bool:
        """Is ``node`` a mapping with the required keys and no unknown keys?"""
        if not isinstance(node, Mapping):
            self.add(line or line_of(node), f"{where} must be a mapping")
            return False
        if isinstance(node, LineDict):
            for key, key_line in node.duplicates:
                self.add(key_line, f"{where}: field '{key}' appears twice")
        allowed = set(required) | set(optional)
        for key in node:
            if key not in allowed:
                self.add(
                    line_of(node, key),
                    f"{where}: unknown field '{key}' "
                    f"(allowed: {', '.join(sorted(allowed))})",
                )
        for key in required:
            if key not in node:
                self.add(line_of(node), f"{where}: missing field '{key}'")
        return True

    def string(
        self,
        node: Mapping[str, Any],
        key: str,
        where: str,
        *,
        pattern: re.Pattern[str] | None = None,
        choices: tuple[str, ...] = (),
        max_length: int | None = None,
    ) -> str | None:
        if key not in node:
            return None
        value = node[key]
        line = line_of(node, key, value=True)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add(line, f"{where}: '{key}' must be text")
            return None
        text = str(value).strip()
        if not text:
            self.add(line, f"{where}: '{key}' must not be empty")
            return None
        if choices and text not in choices:
            self.add(
                line,
                f"{where}: '{key}' must be one of {', '.join(choices)}, not '{text}'",
            )
            return None
        if pattern is not None and not pattern.match(text):
            self.add(line, f"{where}: '{key}' value '{text}' is not a valid id")
            return None
        if max_length is not None and len(text) > max_length:
            self.add(line, f"{where}: '{key}' is longer than {max_length} characters")
            return None
        return text

    def number(
        self,
        node: Mapping[str, Any],
        key: str,
        where: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        integer: bool = False,
        positive: bool = False,
    ) -> float | None:
        if key not in node:
            return None
        value = node[key]
        line = line_of(node, key, value=True)
        kinds: tuple[type, ...] = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            kind = "a whole number" if integer else "a number"
            self.add(line, f"{where}: '{key}' must be {kind}")
            return None
        if positive and value <= 0:
            self.add(line, f"{where}: '{key}' must be greater than 0")
            return None
        if (minimum is not None and value < minimum) or (
            maximum is not None and value > maximum
        ):
            self.add(line, f"{where}: '{key}' must be between {minimum} and {maximum}")
            return None
        return value

    def boolean(self, node: Mapping[str, Any], key: str, where: str) -> bool | None:
        if key not in node:
            return None
        if not isinstance(node[key], bool):
            self.add(
                line_of(node, key, value=True),
                f"{where}: '{key}' must be true or false",
            )
            return None
        return node[key]

    def strings(
        self,
        node: Mapping[str, Any],
        key: str,
        where: str,
        *,
        allow_single: bool = True,
        nonempty: bool = False,
    ) -> tuple[str, ...]:
        """A list of non-empty strings (a single string is accepted as one item)."""
        if key not in node or node[key] is None:
            if nonempty and key in node:
                self.add(line_of(node, key), f"{where}: '{key}' must not be empty")
            return ()
        value = node[key]
        line = line_of(node, key, value=True)
        if isinstance(value, str) and allow_single:
            value = [value]
        if not isinstance(value, list):
            self.add(line, f"{where}: '{key}' must be a list of texts")
            return ()
        out: list[str] = []
        for index, item in enumerate(value):
            item_line = line_of(value, index) or line
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.add(item_line, f"{where}: '{key}' item {index + 1} must be text")
                continue
            text = str(item).strip()
            if not text:
                self.add(item_line, f"{where}: '{key}' item {index + 1} is empty")
                continue
            out.append(text)
        if nonempty and not out and not self._reported_on(line):
            self.add(line, f"{where}: '{key}' needs at least one item")
        return tuple(out)

    def regexes(self, node: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        """Like :meth:`strings`, and every item must compile as a Python regex."""
        patterns = self.strings(node, key, where)
        value = node.get(key)
        good: list[str] = []
        for index, pattern in enumerate(patterns):
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                line = (
                    line_of(value, index)
                    if isinstance(value, list)
                    else line_of(node, key, value=True)
                )
                self.add(line, f"{where}: invalid regex {pattern!r}: {exc}")
                continue
            if compiled.match(""):
                line = (
                    line_of(value, index)
                    if isinstance(value, list)
                    else line_of(node, key, value=True)
                )
                self.add(line, f"{where}: regex {pattern!r} matches empty text")
                continue
            good.append(pattern)
        return tuple(good)

    def items(self, node: Mapping[str, Any], key: str, where: str) -> list[Any]:
        """A list value (possibly empty); reports anything else."""
        if key not in node or node[key] is None:
            return []
        value = node[key]
        if not isinstance(value, list):
            self.add(line_of(node, key, value=True), f"{where}: '{key}' must be a list")
            return []
        return value

    def _reported_on(self, line: int | None) -> bool:
        return any(p.line == line for p in self.problems)

"""The YAML checker shared by the bank and quiz-definition loaders: ``YamlChecker``
reads YAML nodes into values (text, lists, booleans, whole numbers, choices,
patterns) and records a ``Problem`` with its line for everything wrong, then
raises them together as one ``BankError``. Also holds ``read_source_text`` (a
file's UTF-8 text), ``report_duplicates``, ``node_line`` and ``SLUG_RE``, the
shape of bank, course and quiz slugs. Pure module: no Django import.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lms.core.source_text import yaml_hazard
from lms.quizzes.questions import Problem, QuizSourceError

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class BankError(QuizSourceError):
    """A bank or quiz file is invalid; ``problems`` lists every problem found."""


def node_line(node: Node) -> int:
    return node.start_mark.line + 1


class YamlChecker:
    """Reads YAML nodes into values, recording a Problem for everything wrong."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def fail(self, where: Node | int | None, message: str) -> None:
        line = node_line(where) if isinstance(where, Node) else where
        self.problems.append(Problem(self.path, line, message))

    def compose(self, text: str) -> Node | None:
        hazard = yaml_hazard(text)
        if hazard is not None:
            self.fail(*hazard)
            return None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except RecursionError:  # through aliases; plain nesting is caught above
            self.fail(None, "YAML error: nested too deeply")
            return None
        except yaml.reader.ReaderError as error:
            line = text.count("\n", 0, error.position) + 1
            self.fail(line, f"YAML error: {error.reason}")
            return None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else None
            detail = " ".join(str(error).split())
            self.fail(line, f"YAML syntax error: {detail}")
            return None
        except yaml.YAMLError as error:
            self.fail(None, f"YAML error: {error}")
            return None
        if root is None:
            self.fail(1, "the file is empty")
        return root

    def mapping(
        self,
        node: Node,
        what: str,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{what} must be a mapping (key: value lines)")
            return None
        allowed = tuple(allowed)
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.fail(key_node, f"{what}: field names must be plain words")
            elif key in fields:
                self.fail(key_node, f"{what}: field {key!r} appears twice")
            elif key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(key_node, f"{what}: unknown field {key!r}{hint}")
            else:
                fields[key] = value_node
        for key in required:
            if key not in fields:
                self.fail(node, f"{what}: missing required field {key!r}")
        return fields

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.fail(node, f"{what} must be a list")
            return None
        return list(node.value)

    def text(self, node: Node | None, what: str) -> str | None:
        """Non-empty text; numbers and booleans are taken as written."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.fail(node, f"{what} must be text, not a list or mapping")
            return None
        if node.tag == "tag:yaml.org,2002:null" or not node.value.strip():
            self.fail(node, f"{what} is empty")
            return None
        return node.value.strip()

    def texts(self, node: Node | None, what: str) -> list[str] | None:
        if node is None:
            return None
        items = self.sequence(node, what)
        if items is None:
            return None
        values = [self.text(item, f"each entry of {what}") for item in items]
        return None if None in values else [v for v in values if v is not None]

    def _scalar(self, node: Node, tag: str) -> Any:
        if isinstance(node, ScalarNode) and node.tag == f"tag:yaml.org,2002:{tag}":
            return self._constructor.construct_object(node)
        return None

    def boolean(self, node: Node | None, what: str) -> bool | None:
        if node is None:
            return None
        value = self._scalar(node, "bool")
        if value is None:
            self.fail(node, f"{what} must be true or false")
        return value

    def integer(
        self, node: Node | None, what: str, low: int, high: int | None = None
    ) -> int | None:
        if node is None:
            return None
        value = self._scalar(node, "int")
        if value is None:
            self.fail(node, f"{what} must be a whole number")
            return None
        if value < low or (high is not None and value > high):
            bounds = f"{low}–{high}" if high is not None else f"{low} or more"
            self.fail(node, f"{what} must be {bounds}, not {value}")
            return None
        return value

    def choice(
        self, node: Node | None, what: str, choices: Sequence[str]
    ) -> str | None:
        value = self.text(node, what)
        if value is not None and value not in choices:
            self.fail(
                node, f"{what} must be one of {' | '.join(choices)}, not {value!r}"
            )
            return None
        return value

    def pattern(
        self, node: Node | None, what: str, regex: re.Pattern[str], shape: str
    ) -> str | None:
        value = self.text(node, what)
        if value is not None and not regex.match(value):
            self.fail(node, f"{what} {value!r} is not {shape}")
            return None
        return value

    def counted(
        self, node: Node, what: str, count: int, bounds: tuple[int, int]
    ) -> None:
        low, high = bounds
        if not low <= count <= high:
            self.fail(node, f"{what}: needs {low}–{high} entries, has {count}")

    def raise_if_any(self) -> None:
        if self.problems:
            raise BankError(self.problems)


def read_source_text(path: Path, checker: YamlChecker) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        checker.fail(None, f"cannot read the file: {error.strerror}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        checker.fail(line, f"{path} is not valid UTF-8; save it as UTF-8")
        return None


def report_duplicates(
    checker: YamlChecker, node: Node, values: list[str], what: str
) -> None:
    for value, count in Counter(values).items():
        if count > 1:
            checker.fail(node, f"{what} {value!r} appears {count} times")

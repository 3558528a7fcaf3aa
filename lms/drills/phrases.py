"""Quick phrases (content/drills/quick_phrases.yaml): ``/code`` → text. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lms.drills.validation import Problem, Validator, load_valid
from lms.drills.yamllines import line_of

CODE_RE = re.compile(r"^/[A-Za-z0-9]+$")


@dataclass(frozen=True, slots=True)
class QuickPhrase:
    code: str
    title: str
    text: str
    group: str


def load_quick_phrases(path: str | Path) -> tuple[QuickPhrase, ...]:
    return load_valid(path, validate_quick_phrases)


def validate_quick_phrases(
    data: Any, *, path: str = ""
) -> tuple[list[Problem], tuple[QuickPhrase, ...]]:
    check = Validator(path)
    if data is None:
        check.add(1, "the file is empty")
        return check.problems, ()
    if not check.mapping(data, "quick phrases file", required=("phrases",), line=1):
        return check.problems, ()
    phrases: list[QuickPhrase] = []
    seen: set[str] = set()
    items = check.items(data, "phrases", "quick phrases file")
    for index, item in enumerate(items):
        where = f"phrase {index + 1}"
        if not check.mapping(
            item,
            where,
            required=("code", "title", "text", "group"),
            line=line_of(items, index),
        ):
            continue
        code = check.string(item, "code", where)
        if code is not None and not CODE_RE.match(code):
            check.add(
                line_of(item, "code", value=True),
                f"{where}: code must be '/' and letters or digits, like /hy",
            )
            code = None
        title = check.string(item, "title", where)
        text = check.string(item, "text", where)
        group = check.string(item, "group", where)
        if code is None or title is None or text is None or group is None:
            continue
        if code in seen:
            check.add(
                line_of(item, "code", value=True), f"{where}: duplicate code {code}"
            )
            continue
        seen.add(code)
        phrases.append(QuickPhrase(code, title, text, group))
    return check.problems, tuple(phrases)

"""Question dataclasses ↔ JSON-able dicts (for the database). Pure module."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .questions import NumericAnswer, NumericUnit, Option, Pair, Question, ShortAnswer

_NESTED = {
    "options": Option,
    "answers": ShortAnswer,
    "pairs": Pair,
    "numeric_answers": NumericAnswer,
    "units": NumericUnit,
}


def question_to_data(question: Question) -> dict[str, Any]:
    data = asdict(question)
    data.pop("source", None)
    data.pop("line", None)
    data.pop("files", None)  # bytes; the importer turns them into Wagtail images
    if not data.get("units"):
        # Left out when unused, so questions stored before units existed keep
        # their content hash (and are not reported as changed on re-import).
        for name in ("units", "unit_grading", "unit_penalty", "units_left"):
            data.pop(name, None)
    for numeric in data.get("numeric_answers") or []:
        if numeric.get("range") is not None:
            numeric["range"] = list(numeric["range"])
    return data


def question_from_data(data: dict[str, Any]) -> Question:
    values = dict(data)
    for name, cls in _NESTED.items():
        items = []
        for item in values.get(name) or ():
            item = dict(item)
            if cls is NumericAnswer and item.get("range") is not None:
                item["range"] = tuple(item["range"])
            items.append(cls(**item))
        values[name] = tuple(items)
    for name in ("tags", "items", "distractors"):
        values[name] = tuple(values.get(name) or ())
    return Question(**values)

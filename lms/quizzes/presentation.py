"""What a learner sees of a question, and how form input becomes a response.

Pure module. The browser only ever gets display positions (0, 1, 2…) chosen per
attempt, never option keys, correctness or explanations, so nothing in a page
of an open attempt gives an answer away. Responses are stored in the engine's
own terms (option keys, item texts, left → right), which `grading.grade` takes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .questions import Question

CHOICE_TYPES = {"single", "multiple", "scenario"}


@dataclass
class Choice:
    index: int
    text: str
    selected: bool = False
    place: int | None = None  # ordering: the place the learner gave it


@dataclass
class MatchRow:
    index: int
    text: str
    selected: int | None = None


@dataclass
class QuestionDisplay:
    position: int
    type: str
    stem: str
    text_format: str
    choices: list[Choice] = field(default_factory=list)
    items: list[Choice] = field(default_factory=list)  # ordering, display order
    lefts: list[MatchRow] = field(default_factory=list)
    rights: list[Choice] = field(default_factory=list)
    text_answer: str = ""
    answered: bool = False

    @property
    def input_name(self) -> str:
        return f"q{self.position}"


def make_layout(question: Question, rng: random.Random, *, shuffle: bool) -> dict:
    """Display order of this question's parts for one attempt."""

    def order(values: list) -> list:
        values = list(values)
        if shuffle:
            rng.shuffle(values)
        return values

    layout: dict[str, list] = {}
    if question.type in CHOICE_TYPES:
        layout["options"] = order([option.key for option in question.options])
    elif question.type == "ordering":
        # Always shuffled: the items in their given order would be the answer.
        items = list(range(len(question.items)))
        while len(items) > 1 and items == sorted(items):
            rng.shuffle(items)
        layout["items"] = items
    elif question.type == "matching":
        rights = sorted(
            {pair.right for pair in question.pairs} | set(question.distractors)
        )
        layout["rights"] = order(rights) if shuffle else rights
    return layout


def display_question(
    question: Question, layout: dict, response: Any, position: int
) -> QuestionDisplay:
    display = QuestionDisplay(
        position=position,
        type=question.type,
        stem=question.stem,
        text_format=question.format,
        answered=response not in (None, "", [], {}),
    )
    if question.type in CHOICE_TYPES:
        chosen = set(response or []) if question.type == "multiple" else {response}
        by_key = {option.key: option for option in question.options}
        display.choices = [
            Choice(index, by_key[key].text, key in chosen)
            for index, key in enumerate(layout.get("options", []))
            if key in by_key
        ]
    elif question.type == "truefalse":
        display.choices = [
            Choice(0, "true", response is True),
            Choice(1, "false", response is False),
        ]
    elif question.type == "ordering":
        order = layout.get("items", [])
        display.items = [
            Choice(i, question.items[item]) for i, item in enumerate(order)
        ]
        if isinstance(response, list):
            places = {text: place for place, text in enumerate(response, start=1)}
            for choice in display.items:
                choice.place = places.get(choice.text)
    elif question.type == "matching":
        rights = layout.get("rights", [])
        display.rights = [Choice(i, text) for i, text in enumerate(rights)]
        answers = response if isinstance(response, dict) else {}
        display.lefts = [
            MatchRow(
                i,
                pair.left,
                rights.index(answers[pair.left])
                if answers.get(pair.left) in rights
                else None,
            )
            for i, pair in enumerate(question.pairs)
        ]
    else:  # short, numerical
        display.text_answer = response if isinstance(response, str) else ""
    return display


def response_from_form(question: Question, layout: dict, data, position: int) -> Any:
    """Form fields of one question → the response to store (None: unanswered)."""
    name = f"q{position}"

    def index(value) -> int | None:
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    if question.type in ("single", "scenario"):
        keys = layout.get("options", [])
        chosen = index(data.get(name))
        return keys[chosen] if chosen is not None and 0 <= chosen < len(keys) else None
    if question.type == "multiple":
        keys = layout.get("options", [])
        chosen = {index(value) for value in data.getlist(name)}
        return [key for i, key in enumerate(keys) if i in chosen] or None
    if question.type == "truefalse":
        return {"0": True, "1": False}.get(data.get(name))
    if question.type == "ordering":
        order = layout.get("items", [])
        places = []
        for display_index, item in enumerate(order):
            place = index(data.get(f"{name}-item{display_index}"))
            if place is not None:
                places.append((place, question.items[item]))
        return [text for _place, text in sorted(places)] or None
    if question.type == "matching":
        rights = layout.get("rights", [])
        answer = {}
        for i, pair in enumerate(question.pairs):
            chosen = index(data.get(f"{name}-left{i}"))
            if chosen is not None and 0 <= chosen < len(rights):
                answer[pair.left] = rights[chosen]
        return answer or None
    # Stored in jsonb, which cannot hold U+0000 (the middleware refuses NUL too).
    text = (data.get(name) or "").replace("\x00", "").strip()[:500]
    return text or None

"""What the result page may show of each question, given the review policy. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .questions import Question


@dataclass
class MatchPair:
    """One row of a matching question's review: the learner's pair and, when
    answers may be shown, the right one."""

    left: str
    given: str  # "" when left unmatched
    correct: str = ""
    is_right: bool | None = None  # None while answers are hidden


@dataclass
class ReviewItem:
    position: int
    type: str
    stem: str
    your_answer: list[str]
    correct_answer: list[str] = field(default_factory=list)
    fraction: float = 0.0
    correct: bool = False
    explanation: str = ""
    feedback: list[tuple[str, str]] = field(default_factory=list)  # (option, text)
    lesson_ref: str = ""
    pairs: list[MatchPair] = field(default_factory=list)  # matching only


def may_show_answers(policy: str, passed: bool) -> bool:
    return policy == "immediate" or (policy == "after_pass" and passed)


def describe_response(question: Question, response: Any) -> list[str]:
    if response in (None, "", [], {}):
        return []
    if question.type in ("single", "scenario"):
        option = question.option(response)
        return [option.text] if option else []
    if question.type == "multiple":
        return [o.text for o in question.options if o.key in set(response)]
    if question.type == "truefalse":
        return ["true" if response else "false"]
    if question.type == "ordering":
        return list(response)
    if question.type == "matching":
        return [f"{left} → {right}" for left, right in response.items()]
    return [str(response)]


def correct_answer(question: Question) -> list[str]:
    if question.type in ("single", "multiple", "scenario"):
        return [o.text for o in question.options if o.correct or (o.weight or 0) >= 1]
    if question.type == "truefalse":
        return ["true" if question.answer else "false"]
    if question.type == "ordering":
        return list(question.items)
    if question.type == "matching":
        return [f"{pair.left} → {pair.right}" for pair in question.pairs]
    if question.type == "numerical":
        return [
            f"{a.value:g}" + (f" ± {a.tolerance:g}" if a.tolerance else "")
            for a in question.numeric_answers
            if a.weight >= 1
        ]
    return [a.text for a in question.answers if a.weight >= 1]


def match_pairs(question: Question, response: Any, *, show_answers: bool):
    given = response if isinstance(response, dict) else {}
    return [
        MatchPair(
            left=pair.left,
            given=given.get(pair.left, ""),
            correct=pair.right if show_answers else "",
            is_right=given.get(pair.left) == pair.right if show_answers else None,
        )
        for pair in question.pairs
    ]


def review_item(
    question: Question,
    *,
    position: int,
    response: Any,
    fraction: float,
    correct: bool,
    show_answers: bool,
) -> ReviewItem:
    item = ReviewItem(
        position=position,
        type=question.type,
        stem=question.stem,
        your_answer=describe_response(question, response),
        fraction=fraction,
        correct=correct,
        lesson_ref=question.lesson or "",
    )
    if question.type == "matching":
        item.pairs = match_pairs(question, response, show_answers=show_answers)
    if show_answers:
        item.correct_answer = correct_answer(question)
        item.explanation = question.explanation
        if question.type == "multiple":
            chosen = set(response or [])
        elif question.type in ("single", "scenario"):
            chosen = {response}
        else:
            chosen = set()
        item.feedback = [
            (o.text, o.feedback)
            for o in question.options
            if o.feedback and (question.type == "scenario" or o.key in chosen)
        ]
    return item

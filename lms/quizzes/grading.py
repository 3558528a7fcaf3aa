"""Grade one response to one question. Pure module: no Django import.

``grade(question, response)`` never raises for a bad response: an empty or
missing response scores 0 with status ``"empty"``, a response of the wrong shape
scores 0 with status ``"malformed"`` and a detail saying what was expected.

Response shapes, by question type:

- single, scenario: the chosen option key (``str``).
- multiple: the chosen option keys (list, tuple or set of ``str``).
- truefalse: ``bool``.
- short: ``str``; compared with every accepted answer after
  ``normalize_answer`` (width, case, spaces, punctuation and 繁/简 ignored),
  except that a decimal point between digits counts ("300.00" is not "30000")
  and an answer made only of punctuation ("/") keeps it. The best matching
  answer's weight is the fraction (GIFT ``=%50%`` answers give half marks).
- ordering: the items (their text) in the learner's order.
- matching: ``dict`` left → chosen right.
- numerical: a number, or a string holding one (full-width digits accepted).
  The best weight among the answers whose range holds it is the fraction.
  With units (Moodle XML ``<units>``), the string may carry one before or
  after the number ("150 cm", "¥100"): a known unit converts the number to the
  answers' unit (divided by its multiplier). A number that is right without a
  unit, with an unknown unit, or as written despite its unit ("1.5 cm" for
  1.5 m) earns its mark less the unit penalty when units are graded
  (``unit_grading`` "response": penalty × the mark; "question": the mark −
  penalty) and the full mark when units are optional — Moodle's rules.

Partial credit rules:

- ordering: the share of items standing at their correct position
  (3 of 4 in place → 0.75).
- matching: the share of left items matched with their correct right.
- multiple, ``scoring="all_or_nothing"``: 1 only when the chosen set is exactly
  the correct set, else 0.
- multiple, ``scoring="partial"``: (correct chosen − wrong chosen) / number of
  correct options, floored at 0. When the options carry weights (GIFT
  ``~%50%``, ``~%-25%``) the fraction is instead the sum of the chosen weights,
  clamped to 0..1, which is what Moodle does.
- single, scenario: the chosen option's weight when options carry weights
  (a GIFT ``~%50%`` distractor earns half), else 1 or 0.

``Grade.correct`` is true only for full marks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from lms.core.textnorm import fold_width, normalize_answer, to_simplified

from .questions import NumericAnswer, Question

GradeStatus = Literal["graded", "empty", "malformed"]

# Weights written with five decimals (33.33333 %) must still add up to full marks.
_SNAP = 1e-5


@dataclass(frozen=True)
class Grade:
    fraction: float
    correct: bool
    #: How the fraction was reached, for logs and staff review (English).
    detail: str
    status: GradeStatus = "graded"
    #: Per-answer feedback the learner earned (chosen options, matched answer…).
    feedback: tuple[str, ...] = field(default=())


def _clamp(value: float) -> float:
    if value >= 1 - _SNAP:
        return 1.0
    if value <= _SNAP:
        return 0.0
    return round(value, 6)


def _graded(fraction: float, detail: str, feedback: list[str] | None = None) -> Grade:
    fraction = _clamp(fraction)
    kept = tuple(f for f in (feedback or []) if f)
    return Grade(fraction, fraction == 1.0, detail, "graded", kept)


def _empty() -> Grade:
    return Grade(0.0, False, "no answer", "empty")


def _malformed(detail: str) -> Grade:
    return Grade(0.0, False, detail, "malformed")


def _is_blank(response: Any) -> bool:
    if response is None:
        return True
    if isinstance(response, str):
        return response.strip() == ""
    if isinstance(response, list | tuple | set | frozenset | dict):
        return len(response) == 0
    return False


def grade(question: Question, response: Any) -> Grade:
    """Grade ``response`` to ``question``; see the module docstring for shapes."""
    grader = _GRADERS.get(question.type)
    if grader is None:
        return _malformed(f"cannot grade questions of type {question.type!r}")
    if _is_blank(response):
        return _empty()
    return grader(question, response)


def _grade_single(question: Question, response: Any) -> Grade:
    if not isinstance(response, str):
        return _malformed("expected one option key (a string)")
    option = question.option(response)
    if option is None:
        return _malformed(f"unknown option key {response!r}")
    fraction = max(0.0, option.fraction)
    return _graded(fraction, f"chose {option.key}", [option.feedback])


def _grade_multiple(question: Question, response: Any) -> Grade:
    if not isinstance(response, list | tuple | set | frozenset):
        return _malformed("expected a list of option keys")
    if not all(isinstance(key, str) for key in response):
        return _malformed("option keys must be strings")
    chosen = set(response)
    unknown = sorted(chosen - {o.key for o in question.options})
    if unknown:
        return _malformed(f"unknown option keys {unknown}")
    options = [o for o in question.options if o.key in chosen]
    feedback = [o.feedback for o in options]
    correct = question.correct_keys
    if question.scoring == "all_or_nothing":
        exact = chosen == correct
        detail = "chose exactly the correct set" if exact else "set differs"
        return _graded(1.0 if exact else 0.0, detail, feedback)
    if any(o.weight is not None for o in question.options):
        total = sum(o.fraction for o in options)
        return _graded(max(0.0, total), f"sum of chosen weights {total:.4f}", feedback)
    right = len(chosen & correct)
    wrong = len(chosen - correct)
    fraction = max(0.0, (right - wrong) / len(correct)) if correct else 0.0
    detail = f"{right} correct and {wrong} wrong chosen of {len(correct)} correct"
    return _graded(fraction, detail, feedback)


def _grade_truefalse(question: Question, response: Any) -> Grade:
    if not isinstance(response, bool):
        return _malformed("expected true or false (a bool)")
    if question.answer is None:
        return _malformed("question has no answer")
    if response == question.answer:
        return _graded(1.0, "right", [question.correct_feedback])
    return _graded(0.0, "wrong", [question.incorrect_feedback])


_SPACES_RE = re.compile(r"\s+")


# A private-use character is not punctuation, so it survives normalize_answer.
_DECIMAL_POINT = "\ue02e"
_DECIMAL_RE = re.compile(r"(?<=\d)\.(?=\d)")


def answer_key(text: str) -> str:
    """``normalize_answer``, with two guards against its punctuation stripping:
    a decimal point between digits is kept ("300.00" must not accept "30000"),
    and an answer made only of punctuation ("/") keeps it."""
    folded = _DECIMAL_RE.sub(_DECIMAL_POINT, fold_width(text))
    key = normalize_answer(folded)
    if key:
        return key
    return _SPACES_RE.sub("", to_simplified(folded)).casefold()


def _grade_short(question: Question, response: Any) -> Grade:
    if not isinstance(response, str):
        return _malformed("expected text")
    given = answer_key(response)
    if not given:
        return _empty()
    best = None
    for accepted in question.answers:
        if answer_key(accepted.text) == given:
            if best is None or accepted.weight > best.weight:
                best = accepted
    if best is None:
        return _graded(0.0, "no accepted answer matches")
    return _graded(max(0.0, best.weight), f"matches {best.text!r}", [best.feedback])


def _grade_ordering(question: Question, response: Any) -> Grade:
    if not isinstance(response, list | tuple):
        return _malformed("expected the items as a list, in order")
    items = list(question.items)
    if not all(isinstance(item, str) for item in response):
        return _malformed("items must be strings")
    if sorted(response) != sorted(items):
        return _malformed("the response is not an arrangement of the question's items")
    in_place = sum(
        1 for given, wanted in zip(response, items, strict=True) if given == wanted
    )
    return _graded(
        in_place / len(items), f"{in_place} of {len(items)} items in the right position"
    )


def _grade_matching(question: Question, response: Any) -> Grade:
    if not isinstance(response, Mapping):
        return _malformed("expected a mapping of left item to right item")
    lefts = {pair.left: pair.right for pair in question.pairs}
    if not lefts:
        return _malformed("question has no pairs")
    for left, right in response.items():
        if not isinstance(left, str) or not (right is None or isinstance(right, str)):
            return _malformed("left and right items must be strings")
        if left not in lefts:
            return _malformed(f"unknown left item {left!r}")
    matched = sum(1 for left, right in lefts.items() if response.get(left) == right)
    return _graded(matched / len(lefts), f"{matched} of {len(lefts)} pairs matched")


_NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def parse_number(text: str) -> float | None:
    """A plain decimal number from learner or author text, else ``None``."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("−", "-")
    if not _NUMBER_RE.match(cleaned):
        return None
    value = float(cleaned)  # "1e999" and 400 digits give inf, no error
    return value if math.isfinite(value) else None


_NUMBER_PART = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_THEN_UNIT = re.compile(rf"^({_NUMBER_PART})\s*(.*?)$")
_UNIT_THEN_NUMBER = re.compile(rf"^(.*?)\s*({_NUMBER_PART})$")


def split_unit(text: str) -> tuple[float, str] | None:
    """``"150 cm"`` → ``(150.0, "cm")``, ``"¥100"`` → ``(100.0, "¥")``; else None."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("−", "-")
    match = _NUMBER_THEN_UNIT.match(cleaned)
    if match:
        number, unit = match.groups()
    else:
        match = _UNIT_THEN_NUMBER.match(cleaned)
        if not match:
            return None
        unit, number = match.groups()
    value = float(number)
    return (value, unit.strip()) if math.isfinite(value) else None


def _best_answer(question: Question, value: float) -> NumericAnswer | None:
    best = None
    for accepted in question.numeric_answers:
        low, high = accepted.bounds
        slack = 1e-9 * max(1.0, abs(low), abs(high))
        if low - slack <= value <= high + slack:
            if best is None or accepted.weight > best.weight:
                best = accepted
    return best


def _grade_numerical(question: Question, response: Any) -> Grade:
    if isinstance(response, bool) or not isinstance(response, int | float | str):
        return _malformed("expected a number")
    unit_note = ""
    if question.units and isinstance(response, str):
        split = split_unit(response)
        if split is None:
            return _malformed(f"{response!r} is not a number")
        value, unit_name = split
        best, unit_right = _match_with_unit(question, value, unit_name)
        if best is not None and not unit_right:
            unit_note = "; unit missing or not one of the question's"
    else:
        try:
            if isinstance(response, str):
                value = parse_number(response)
            else:
                value = float(response)
        except OverflowError:
            value = None
        if value is None or not math.isfinite(value):
            return _malformed(f"{response!r} is not a number")
        best = _best_answer(question, value)
        unit_right = not question.units
    if best is None:
        return _graded(
            0.0, "outside every accepted range", [question.incorrect_feedback]
        )
    low, high = best.bounds
    fraction = max(0.0, best.weight)
    if not unit_right:
        fraction = unit_penalised(question, fraction)
    detail = f"within {low:g}..{high:g}{unit_note}"
    return _graded(fraction, detail, [best.feedback])


def _match_with_unit(
    question: Question, value: float, unit_name: str
) -> tuple[NumericAnswer | None, bool]:
    """The best answer for ``value`` given in ``unit_name``, and whether the unit
    counts as right. As Moodle does: a known unit converts the value to the
    answers' unit; the number is also tried as written, with the unit wrong."""
    unit = next((u for u in question.units if u.name == unit_name), None)
    if unit is not None:
        best = _best_answer(question, value / unit.multiplier)
        if best is not None:
            return best, True
    return _best_answer(question, value), False


def unit_penalised(question: Question, fraction: float) -> float:
    """The mark of a right number whose unit is missing or unknown."""
    if question.unit_grading == "response":
        return max(0.0, fraction * (1 - question.unit_penalty))
    if question.unit_grading == "question":
        return max(0.0, fraction - question.unit_penalty)
    return fraction


_GRADERS: dict[str, Callable[[Question, Any], Grade]] = {
    "single": _grade_single,
    "scenario": _grade_single,
    "multiple": _grade_multiple,
    "truefalse": _grade_truefalse,
    "short": _grade_short,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
    "numerical": _grade_numerical,
}

"""Numerical units in GIFT. GIFT itself has no syntax for units (Moodle's GIFT
importer makes unit-less numerical questions), so the academy carries them in
the ``// [key:value]`` comment line, like its other fields:

    // [unit:m] [unit:cm*100] [unitgrading:response] [unitpenalty:10]

``[unit:NAME]`` or ``[unit:NAME*MULTIPLIER]``, once per unit, the first being the
answers' unit (multiplier 1); ``[unitgrading:optional|response|question]``
(default optional); ``[unitpenalty:PERCENT]``; ``[unitsleft:true]`` when the
unit stands before the number. Pure module: no Django import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from lms.quizzes.grading import parse_number
from lms.quizzes.questions import UNIT_GRADINGS, NumericUnit, Question

UNIT_KEYS = ("unit", "unitgrading", "unitpenalty", "unitsleft")


def apply_unit_metadata(
    question: Question,
    values: dict[str, list[str]],
    problem: Callable[[str], None],
) -> Question | None:
    """``question`` with the units of its comment line; ``None`` after a problem."""
    if not any(values.get(key) for key in UNIT_KEYS):
        return question
    if question.type != "numerical":
        problem("[unit:...] and the other unit keys only apply to numerical questions")
        return None
    units = [_unit(spec, problem) for spec in values.get("unit", [])]
    if any(unit is None for unit in units):
        return None
    if not units:
        problem("[unitgrading:], [unitpenalty:] or [unitsleft:] without any [unit:]")
        return None
    if units[0].multiplier != 1:  # type: ignore[union-attr]
        problem("the first [unit:] is the answers' unit: its multiplier must be 1")
        return None
    grading = _last(values, "unitgrading") or "optional"
    if grading not in UNIT_GRADINGS:
        problem(f"[unitgrading:{grading}] is not one of {', '.join(UNIT_GRADINGS)}")
        return None
    penalty_text = (_last(values, "unitpenalty") or "0").rstrip("%")
    penalty = parse_number(penalty_text)
    if penalty is None or not 0 <= penalty <= 100:
        problem(f"[unitpenalty:{penalty_text}] is not a percentage (0 to 100)")
        return None
    left = (_last(values, "unitsleft") or "false").lower()
    if left not in ("true", "false"):
        problem(f"[unitsleft:{left}] is not true or false")
        return None
    return replace(
        question,
        units=tuple(units),  # type: ignore[arg-type]
        unit_grading=grading,  # type: ignore[arg-type]
        unit_penalty=penalty / 100,
        units_left=left == "true",
    )


def _last(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key) or []
    return found[0] if found else None


def _unit(spec: str, problem: Callable[[str], None]) -> NumericUnit | None:
    name, star, multiplier_text = spec.rpartition("*")
    if not star:
        name = spec
    name = name.strip()
    multiplier = parse_number(multiplier_text) if star else 1.0
    if not name or multiplier is None or multiplier <= 0:
        problem(f"[unit:{spec}] is not a unit (NAME or NAME*MULTIPLIER)")
        return None
    return NumericUnit(name, multiplier)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def unit_tokens(question: Question) -> Sequence[tuple[str, str]]:
    """The (key, value) pairs that write ``question``'s units."""
    if not question.units:
        return ()
    tokens = [
        ("unit", u.name if u.multiplier == 1 else f"{u.name}*{_number(u.multiplier)}")
        for u in question.units
    ]
    if question.unit_grading != "optional":
        tokens.append(("unitgrading", question.unit_grading))
    if question.unit_penalty:
        tokens.append(("unitpenalty", _number(round(question.unit_penalty * 100, 7))))
    if question.units_left:
        tokens.append(("unitsleft", "true"))
    return tokens

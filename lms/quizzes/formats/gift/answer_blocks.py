"""Parsing of the inside of a GIFT answer block ``{...}``, one method per question
type (multiple choice, matching, true/false, short answer, numerical), with the
helpers that split answers at their ``=``/``~`` markers and read ``%w%`` weights
and ``#feedback``. ``AnswerBlockReader`` is the base of the GIFT reader: it turns
an answer block into a typed ``Question`` and records every problem through
``problem``. Pure module: no Django import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from lms.quizzes.grading import parse_number
from lms.quizzes.questions import (
    NumericAnswer,
    Option,
    Pair,
    Question,
    ShortAnswer,
    option_key,
)

from ..collecting import QuestionCollector
from .syntax import (
    TRUE_FALSE_WORDS,
    WEIGHT_RE,
    WEIGHT_SLACK,
    clean_text,
    restore_escapes,
)


def _split_marked(text: str, markers: str) -> tuple[str, list[tuple[str, str, int]]]:
    """Split at each marker character: (lead text, [(marker, text, offset)])."""
    parts: list[tuple[str, str, int]] = []
    lead_end = len(text)
    for i, ch in enumerate(text):
        if ch in markers:
            if not parts:
                lead_end = i
            else:
                marker, _, offset = parts[-1]
                parts[-1] = (marker, text[offset:i], offset)
            parts.append((ch, "", i + 1))
    if parts:
        marker, _, offset = parts[-1]
        parts[-1] = (marker, text[offset:], offset)
    return text[:lead_end], parts


def _accepted_answers(text: str) -> list[tuple[str, str, int]]:
    """Short answer, numerical: text before the first ``=`` is an answer too."""
    lead, parts = _split_marked(text, "=")
    if lead.strip():
        parts.insert(0, ("=", lead, 0))
    return parts


# Moodle's grade steps that have no exact decimal form, as Moodle stores them.
_REPEATING_STEPS = tuple(
    round(n / d, 7) for n, d in ((1, 3), (2, 3), (1, 6), (5, 6), (1, 7), (1, 9))
)


def _weight(chunk: str) -> tuple[float | None, str]:
    """The ``%w%`` weight at the start of an answer, as a fraction, and the rest.

    A weight within 0.1 point of a repeating step (33.3 → 33.33333, like Moodle's
    "nearest grade" import) is snapped to it, so three 33.3 % answers make 100 %.
    """
    match = WEIGHT_RE.match(chunk)
    if not match:
        return None, chunk
    weight = float(Decimal(match.group(1)) / 100)
    for step in _REPEATING_STEPS:
        if abs(abs(weight) - step) < 0.001:
            weight = step if weight > 0 else -step
    return weight, chunk[match.end() :]


def _feedback(chunk: str) -> tuple[str, str]:
    text, _, feedback = chunk.partition("#")
    return clean_text(text), clean_text(feedback)


class AnswerBlockReader(QuestionCollector):
    """Reads answer blocks into typed questions; problems go to the collector."""

    def read_answers(
        self, question: Question, inner: str, line_of: Callable[[int], int], line: int
    ) -> Question | None:
        body = inner.strip()
        if not body:
            self.skip(
                line,
                "an essay question (empty answer block {}) is not supported: "
                "every academy question is graded automatically",
            )
            return None
        if body.startswith("#"):
            return self.read_numerical(question, inner, line_of)
        if "~" in body:
            return self.read_choice(question, inner, line_of)
        if "=" in body and "->" in body:
            return self.read_matching(question, inner, line_of)
        word = body.split("#", 1)[0].strip()
        if word in TRUE_FALSE_WORDS:
            return self.read_truefalse(question, body)
        if word.upper() in TRUE_FALSE_WORDS:
            self.problem(
                line,
                f"{{{word}}}: write {{TRUE}}/{{FALSE}} (or {{T}}/{{F}}) in capitals "
                f"for a true/false question, or {{={word}}} for a short answer",
            )
            return None
        return self.read_short(question, inner, line_of)

    def no_lead(self, lead: str, line: int, what: str) -> bool:
        if lead.strip():
            self.problem(
                line,
                f"unexpected text {restore_escapes(lead.strip())!r} before the first "
                f"answer; every {what} answer starts with "
                + ("= or ~" if what == "multiple-choice" else "="),
            )
            return False
        return True

    def read_choice(
        self, question: Question, inner: str, line_of: Callable[[int], int]
    ) -> Question | None:
        lead, parts = _split_marked(inner, "~=")
        self.no_lead(lead, line_of(0), "multiple-choice")
        single = any(marker == "=" for marker, _, _ in parts)
        options: list[Option] = []
        for index, (marker, chunk, offset) in enumerate(parts):
            weight, rest = _weight(chunk.strip())
            if weight is None:
                weight = 1.0 if marker == "=" else 0.0
            elif not -1 <= weight <= 1:
                self.problem(
                    line_of(offset), f"weight {weight:.0%} is not in -100..100%"
                )
            text, feedback = _feedback(rest)
            if not text:
                self.problem(line_of(offset), "empty answer")
            correct = weight >= 1 - WEIGHT_SLACK if single else weight > 0
            options.append(Option(option_key(index), text, correct, weight, feedback))
        if len(options) < 2:
            self.problem(
                line_of(0), "a multiple-choice question needs at least 2 answers"
            )
        if single and not any(o.correct for o in options):
            self.problem(line_of(0), "no correct answer: mark the right answer with =")
        if not single:
            positive = sum(o.weight or 0 for o in options if (o.weight or 0) > 0)
            if positive <= 0:
                self.problem(
                    line_of(0),
                    "no correct answer: mark the right answer with =, or give the "
                    "right answers of a multiple-answer question positive %weights%",
                )
            elif abs(positive - 1) > 0.005:
                self.problem(
                    line_of(0),
                    f"the positive weights add up to {positive * 100:g}%, not 100%",
                )
        return replace(
            question,
            type="single" if single else "multiple",
            options=tuple(options),
            scoring="all_or_nothing" if single else "partial",
        )

    def read_matching(
        self, question: Question, inner: str, line_of: Callable[[int], int]
    ) -> Question | None:
        lead, parts = _split_marked(inner, "=")
        self.no_lead(lead, line_of(0), "matching")
        pairs: list[Pair] = []
        distractors: list[str] = []
        for _, chunk, offset in parts:
            if "#" in chunk:
                self.problem(
                    line_of(offset),
                    "matching pairs take no #feedback; write a literal # as \\#",
                )
                continue
            left, arrow, right = chunk.partition("->")
            if not arrow:
                self.problem(
                    line_of(offset), "matching answer without -> (=left -> right)"
                )
                continue
            left, right = clean_text(left), clean_text(right)
            if not right:
                self.problem(line_of(offset), "matching answer with nothing after ->")
            elif not left:
                distractors.append(right)
            elif any(p.left == left for p in pairs):
                self.problem(line_of(offset), f"{left!r} appears twice on the left")
            else:
                pairs.append(Pair(left, right))
        if len(pairs) < 2:
            self.problem(line_of(0), "a matching question needs at least 2 pairs")
        return replace(
            question,
            type="matching",
            pairs=tuple(pairs),
            distractors=tuple(distractors),
        )

    def read_truefalse(self, question: Question, body: str) -> Question:
        word, *feedback = body.split("#", 2)
        incorrect = clean_text(feedback[0]) if feedback else ""
        correct = clean_text(feedback[1]) if len(feedback) > 1 else ""
        return replace(
            question,
            type="truefalse",
            answer=TRUE_FALSE_WORDS[word.strip()],
            correct_feedback=correct,
            incorrect_feedback=incorrect,
        )

    def read_short(
        self, question: Question, inner: str, line_of: Callable[[int], int]
    ) -> Question | None:
        parts = _accepted_answers(inner)
        answers: list[ShortAnswer] = []
        for _, chunk, offset in parts:
            weight, rest = _weight(chunk.strip())
            text, feedback = _feedback(rest)
            if not text:
                self.problem(line_of(offset), "empty answer")
            answers.append(
                ShortAnswer(text, 1.0 if weight is None else weight, feedback)
            )
        if not answers:
            self.problem(line_of(0), "a short-answer question needs an answer")
        elif not any(a.weight >= 1 - WEIGHT_SLACK for a in answers):
            self.problem(line_of(0), "no answer gives full marks (=%100%)")
        return replace(question, type="short", answers=tuple(answers))

    def read_numerical(
        self, question: Question, inner: str, line_of: Callable[[int], int]
    ) -> Question | None:
        start = inner.index("#") + 1
        rest = inner[start:]
        incorrect = ""
        tilde = rest.find("~")
        if tilde >= 0:
            ignored, _, feedback = rest[tilde + 1 :].partition("#")
            if ignored.strip():
                self.problem(
                    line_of(start + tilde),
                    "a numerical question's ~ introduces the feedback for wrong "
                    "answers: write ~#feedback",
                )
            incorrect = clean_text(feedback)
            rest = rest[:tilde]
        parts = _accepted_answers(rest)
        answers: list[NumericAnswer] = []
        for _, chunk, offset in parts:
            weight, body = _weight(chunk.strip())
            spec, feedback = _feedback(body)
            answer = self.numeric_answer(spec, line_of(start + offset))
            if answer is not None:
                weight = 1.0 if weight is None else weight
                answers.append(replace(answer, weight=weight, feedback=feedback))
        if not parts:
            self.problem(line_of(0), "a numerical question needs an answer: {#3:0.5}")
        elif answers and not any(a.weight >= 1 - WEIGHT_SLACK for a in answers):
            self.problem(line_of(0), "no answer gives full marks (=%100%)")
        return replace(
            question,
            type="numerical",
            numeric_answers=tuple(answers),
            incorrect_feedback=incorrect,
        )

    def numeric_answer(self, spec: str, line: int) -> NumericAnswer | None:
        if ".." in spec[1:]:
            low_text, _, high_text = spec.partition("..")
            low, high = parse_number(low_text), parse_number(high_text)
            if low is None or high is None:
                self.problem(line, f"{spec!r} is not a range of numbers (low..high)")
                return None
            if low > high:
                self.problem(line, f"range {spec!r} runs backwards")
                return None
            return NumericAnswer((low + high) / 2, (high - low) / 2, range=(low, high))
        value_text, colon, tolerance_text = spec.partition(":")
        value = parse_number(value_text)
        tolerance = parse_number(tolerance_text) if colon else 0.0
        if value is None or tolerance is None:
            self.problem(line, f"{spec!r} is not a number (value or value:tolerance)")
            return None
        if tolerance < 0:
            self.problem(line, f"negative tolerance in {spec!r}")
            return None
        return NumericAnswer(value, tolerance)

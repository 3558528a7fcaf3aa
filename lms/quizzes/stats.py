"""Item statistics of a quiz, for trainers: how hard each question is, whether it
separates strong from weak attempts, which options people pick, and how scores
are spread.

Everything is computed in one pass over the quiz's finished attempts, read with a
fixed number of queries (attempts, their questions as plain values, the
questions), so the cost does not depend on the number of attempts in queries.
``summarise`` is the pure part and takes plain rows.

Definitions
-----------
- n: finished attempts that were given the question (random draws differ).
- facility: share of those n that answered it fully correct (``correct``).
- discrimination: facility among the top 27 % of attempts by attempt score minus
  facility among the bottom 27 %. The group size is ``round(0.27 × attempts)``,
  at least 1; attempts tied with the last one taken at the cut-off score join
  their group, so equal scores are never split by chance (if every attempt has
  the same score both groups hold all of them and the index is 0).
- option counts: choice types, per option key; truefalse, true and false;
  other types, answered. Every type also counts blank (no answer).
- score distribution: ten buckets 0–9, 10–19, … 80–89, 90–100.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .models import Attempt, AttemptQuestion, Question
from .questions import CHOICE_TYPES
from .questions import Question as QuestionDefinition
from .serialization import question_from_data

GROUP_SHARE = 0.27
BUCKETS = 10


@dataclass(frozen=True)
class OptionCount:
    """How often one answer was given: an option key, "true"/"false", "answered"."""

    key: str
    label: str
    count: int
    correct: bool = False


@dataclass
class QuestionStats:
    question_id: int
    qid: str
    type: str
    stem: str
    n: int = 0
    correct: int = 0
    blank: int = 0
    #: Share answered fully correct, 0–1; None before anyone answered.
    facility: float | None = None
    #: Upper-group facility minus lower-group facility, -1–1.
    discrimination: float | None = None
    options: list[OptionCount] = field(default_factory=list)


@dataclass
class QuizStats:
    attempts: int
    passed: int
    pass_rate: float | None
    mean: float | None
    median: float | None
    #: Attempts per score bucket: [0–9, 10–19, …, 90–100].
    distribution: list[int]
    questions: list[QuestionStats]


@dataclass(frozen=True)
class AttemptRow:
    id: int
    score: float
    passed: bool


@dataclass(frozen=True)
class ItemRow:
    attempt_id: int
    question_id: int
    response: Any
    correct: bool


@dataclass(frozen=True)
class QuestionRow:
    id: int
    qid: str
    definition: QuestionDefinition


def quiz_stats(*, quiz) -> QuizStats:
    """Statistics of ``quiz`` over its finished attempts, in three queries."""
    # Model orderings dropped: sorting every row would only cost time here.
    finished = Attempt.objects.finished().filter(quiz=quiz).order_by()
    attempts = [
        AttemptRow(pk, score or 0.0, bool(passed))
        for pk, score, passed in finished.values_list("id", "score", "passed")
    ]
    item_rows = (
        AttemptQuestion.objects.filter(attempt__in=finished)
        .order_by()
        .values_list("attempt_id", "question_id", "response", "correct")
    )
    items = [
        ItemRow(attempt_id, question_id, response, correct is True)
        for attempt_id, question_id, response, correct in item_rows
    ]
    question_ids = {item.question_id for item in items}
    questions = {
        pk: QuestionRow(pk, qid, question_from_data(data))
        for pk, qid, data in Question.objects.filter(id__in=question_ids).values_list(
            "id", "qid", "data"
        )
    }
    return summarise(attempts, items, questions)


def summarise(
    attempts: list[AttemptRow],
    items: Iterable[ItemRow],
    questions: Mapping[int, QuestionRow],
) -> QuizStats:
    """The statistics of plain rows (pure; see the module docstring)."""
    scores = [attempt.score for attempt in attempts]
    top, bottom = extreme_groups(attempts)
    tallies: dict[int, _Tally] = {}
    for item in items:
        tally = tallies.get(item.question_id)
        if tally is None:
            row = questions.get(item.question_id)
            kind = row.definition.type if row else ""
            tally = tallies[item.question_id] = _Tally(kind)
        tally.add(item, item.attempt_id in top, item.attempt_id in bottom)
    passed = sum(attempt.passed for attempt in attempts)
    rows = [
        tallies[pk].result(questions.get(pk), pk)
        for pk in sorted(tallies, key=lambda pk: _sort_key(questions.get(pk), pk))
    ]
    return QuizStats(
        attempts=len(attempts),
        passed=passed,
        pass_rate=passed / len(attempts) if attempts else None,
        mean=statistics.fmean(scores) if scores else None,
        median=statistics.median(scores) if scores else None,
        distribution=score_distribution(scores),
        questions=rows,
    )


def extreme_groups(attempts: list[AttemptRow]) -> tuple[set[int], set[int]]:
    """Ids of the top and bottom 27 % of attempts by score, ties at the cut kept."""
    if not attempts:
        return set(), set()
    size = max(1, int(GROUP_SHARE * len(attempts) + 0.5))
    ordered = sorted(attempt.score for attempt in attempts)
    low_cut, high_cut = ordered[size - 1], ordered[-size]
    top = {a.id for a in attempts if a.score >= high_cut}
    bottom = {a.id for a in attempts if a.score <= low_cut}
    return top, bottom


def score_distribution(scores: Iterable[float]) -> list[int]:
    buckets = [0] * BUCKETS
    for score in scores:
        buckets[min(max(int(score // 10), 0), BUCKETS - 1)] += 1
    return buckets


def _sort_key(row: QuestionRow | None, pk: int) -> tuple[str, int]:
    return (row.qid if row else "", pk)


def _is_blank(response: Any) -> bool:
    if isinstance(response, str):
        return not response.strip()
    return response is None or response in ([], {})


class _Tally:
    __slots__ = ("kind", "n", "correct", "blank", "top", "bottom", "chosen")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.n = self.correct = self.blank = 0
        self.top = [0, 0]  # attempts, of which correct
        self.bottom = [0, 0]
        self.chosen: Counter[str] = Counter()

    def add(self, item: ItemRow, in_top: bool, in_bottom: bool) -> None:
        self.n += 1
        self.correct += item.correct
        for group, member in ((self.top, in_top), (self.bottom, in_bottom)):
            if member:
                group[0] += 1
                group[1] += item.correct
        response = item.response
        if _is_blank(response):
            self.blank += 1
        elif self.kind in CHOICE_TYPES:
            values = response if isinstance(response, list) else [response]
            self.chosen.update(str(value) for value in values)
        elif self.kind == "truefalse" and isinstance(response, bool):
            self.chosen["true" if response else "false"] += 1
        else:
            self.chosen["answered"] += 1

    def result(self, row: QuestionRow | None, pk: int) -> QuestionStats:
        definition = row.definition if row else None
        stats = QuestionStats(
            question_id=pk,
            qid=row.qid if row else str(pk),
            type=self.kind,
            stem=definition.stem if definition else "",
            n=self.n,
            correct=self.correct,
            blank=self.blank,
            facility=self.correct / self.n if self.n else None,
            options=self._options(definition),
        )
        if self.top[0] and self.bottom[0]:
            stats.discrimination = (
                self.top[1] / self.top[0] - self.bottom[1] / self.bottom[0]
            )
        return stats

    def _options(self, definition: QuestionDefinition | None) -> list[OptionCount]:
        if definition is not None and self.kind in CHOICE_TYPES:
            known = [
                OptionCount(o.key, o.text, self.chosen[o.key], o.correct)
                for o in definition.options
            ]
            keys = {o.key for o in definition.options}
            # Keys no longer in the question (it was edited after these attempts).
            gone = [
                OptionCount(key, "?", count)
                for key, count in sorted(self.chosen.items())
                if key not in keys
            ]
            return known + gone
        if definition is not None and self.kind == "truefalse":
            return [
                OptionCount(key, key, self.chosen[key], definition.answer is value)
                for key, value in (("true", True), ("false", False))
            ]
        return [OptionCount("answered", "answered", sum(self.chosen.values()))]

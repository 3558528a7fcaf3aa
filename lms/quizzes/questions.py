"""The neutral, in-memory form of questions, banks and quiz definitions.

Every source (YAML banks, GIFT files, Moodle XML) is read into these dataclasses,
and the Django models, the grader and the GIFT writer all start from them.
Pure module: no Django import.

Conventions
-----------
- Option keys are stable strings ("a", "b", ... by position in the source). A
  learner's response stores keys, never option text.
- ``Option.weight`` is ``None`` for options written with ``correct: true/false``
  (YAML banks) and a fraction in -1..1 for options read from GIFT/Moodle, where
  every answer carries an explicit grade (``=`` is 100 %, ``~`` is 0 %).
- A missing-word question (GIFT answer block in the middle of the text) is an
  ordinary question whose stem holds ``MISSING_WORD_BLANK`` where the block was.
- ``source`` and ``line`` say where a record was read from; they are left out of
  equality so that the same question read from two files compares equal.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal, get_args

QuestionType = Literal[
    "single",
    "multiple",
    "truefalse",
    "short",
    "ordering",
    "matching",
    "scenario",
    "numerical",
]
Scoring = Literal["all_or_nothing", "partial"]
#: How a numerical question with units grades the unit (Moodle's unit handling):
#: ``optional`` — a unit is converted when given, never required; ``response`` —
#: a missing or unknown unit costs ``unit_penalty`` of the response's mark;
#: ``question`` — it costs ``unit_penalty`` of the question's full mark.
UnitGrading = Literal["optional", "response", "question"]
TextFormat = Literal["markdown", "html", "plain"]
Difficulty = Literal["easy", "medium", "hard"]
ReviewPolicy = Literal["immediate", "after_pass", "never"]

QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)
SCORINGS: tuple[str, ...] = get_args(Scoring)
TEXT_FORMATS: tuple[str, ...] = get_args(TextFormat)
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
REVIEW_POLICIES: tuple[str, ...] = get_args(ReviewPolicy)
UNIT_GRADINGS: tuple[str, ...] = get_args(UnitGrading)

#: Types whose response is one or more option keys.
CHOICE_TYPES: frozenset[str] = frozenset({"single", "multiple", "scenario"})

#: Placed in a stem where a GIFT missing-word answer block stood.
MISSING_WORD_BLANK = "____"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file, located as precisely as known."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        # Always path:line: (line 1 for the file as a whole), as editors expect.
        return f"{self.path}:{self.line or 1}: {self.message}"


class QuizSourceError(Exception):
    """A source could not be read; ``problems`` lists everything found wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def option_key(index: int) -> str:
    """Key of the option at ``index`` (0-based): a, b, ... z, then a27, a28 ..."""
    if index < 26:
        return chr(ord("a") + index)
    return f"a{index + 1}"


def derived_question_id(
    prefix: str, category: str | None, title: str | None, stem: str
) -> str:
    """Id for an imported question that has none: ``<prefix><10 hex digits>``.

    A hash of the category and title (or the text when untitled), so importing
    the same file again yields the same ids and updates instead of duplicating.
    """
    key = f"{category or ''}\x1f{title or stem}"
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def category_title(path: str) -> str:
    """Last segment of a Moodle category path; "//" is an escaped "/"."""
    segments = re.split(r"(?<!/)/(?!/)", path)
    return segments[-1].replace("//", "/").strip() or path


@dataclass(frozen=True)
class Option:
    """A choice of a single, multiple or scenario question."""

    key: str
    text: str
    correct: bool
    #: Grade of this option as a fraction (-1..1) when the source gives one
    #: (GIFT ``~%50%``); ``None`` when only ``correct`` is known.
    weight: float | None = None
    feedback: str = ""

    @property
    def fraction(self) -> float:
        """The option's own grade: its weight, else 1 when correct and 0 when not."""
        if self.weight is not None:
            return self.weight
        return 1.0 if self.correct else 0.0


@dataclass(frozen=True)
class ShortAnswer:
    """One accepted answer of a short-answer question."""

    text: str
    #: Fraction of the mark this answer earns (GIFT ``=%50%``); 1 by default.
    weight: float = 1.0
    feedback: str = ""


@dataclass(frozen=True)
class Pair:
    """One left/right pair of a matching question."""

    left: str
    right: str


@dataclass(frozen=True)
class NumericAnswer:
    """An accepted number of a numerical question: value ± tolerance, or a range."""

    value: float
    tolerance: float = 0.0
    weight: float = 1.0
    feedback: str = ""
    #: Set when the source wrote the answer as ``low..high``; then ``value`` is the
    #: midpoint and ``tolerance`` half the width.
    range: tuple[float, float] | None = None

    @property
    def bounds(self) -> tuple[float, float]:
        if self.range is not None:
            return self.range
        return (self.value - self.tolerance, self.value + self.tolerance)


@dataclass(frozen=True)
class NumericUnit:
    """A unit a numerical answer may be given in (Moodle's ``<unit>``).

    The answers are in the first unit (multiplier 1); another unit's multiplier
    is how many of it make one of the first (m = 1, cm = 100): a response in it
    is divided by the multiplier before it is compared.
    """

    name: str
    multiplier: float = 1.0


@dataclass(frozen=True)
class EmbeddedFile:
    """A file carried inside a question (Moodle XML ``<file encoding="base64">``),
    referenced from its texts as ``@@PLUGINFILE@@/<name>``."""

    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class Question:
    """A question of any type; fields that do not apply to the type stay empty.

    By type: single/multiple/scenario use ``options`` (multiple also
    ``scoring``); truefalse ``answer`` plus optional ``correct_feedback`` and
    ``incorrect_feedback``; short ``answers``; ordering ``items`` in the correct
    order; matching ``pairs`` (and ``distractors``: extra right-hand choices);
    numerical ``numeric_answers`` and optional ``incorrect_feedback``.
    """

    id: str
    type: QuestionType
    stem: str
    title: str | None = None
    format: TextFormat = "markdown"
    #: Shown in review, whatever the answer (GIFT/Moodle: general feedback).
    explanation: str = ""
    difficulty: Difficulty | None = None
    tags: tuple[str, ...] = ()
    #: ``<course-slug>/<lesson-slug>`` of the lesson the question tests.
    lesson: str | None = None
    #: Category id inside the bank (for GIFT without ``[id:]``: the category path).
    category: str | None = None
    #: Path relative to the quizzes/ directory.
    image: str | None = None
    options: tuple[Option, ...] = ()
    scoring: Scoring = "all_or_nothing"
    answer: bool | None = None
    correct_feedback: str = ""
    incorrect_feedback: str = ""
    answers: tuple[ShortAnswer, ...] = ()
    items: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    distractors: tuple[str, ...] = ()
    numeric_answers: tuple[NumericAnswer, ...] = ()
    #: Numerical: the units an answer may carry, the first being the answers'.
    units: tuple[NumericUnit, ...] = ()
    unit_grading: UnitGrading = "optional"
    #: Fraction (0..1) a missing or unknown unit costs when units are graded.
    unit_penalty: float = 0.0
    #: The unit stands before the number (¥100) rather than after it (100 元).
    units_left: bool = False
    #: Files embedded in the source; the importer stores each as a Wagtail image
    #: and points the texts at it. Not part of the question's data or equality.
    files: tuple[EmbeddedFile, ...] = field(default=(), compare=False, repr=False)
    source: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def general_feedback(self) -> str:
        """Moodle's name for ``explanation``."""
        return self.explanation

    @property
    def is_missing_word(self) -> bool:
        return MISSING_WORD_BLANK in self.stem

    def option(self, key: str) -> Option | None:
        for option in self.options:
            if option.key == key:
                return option
        return None

    @property
    def correct_keys(self) -> frozenset[str]:
        return frozenset(o.key for o in self.options if o.correct)


@dataclass(frozen=True)
class Category:
    """A group of questions inside a bank; random draws pick from one."""

    id: str
    title: str
    #: GIFT/Moodle category path (``$course$/top/千牛/设置``) when read from one.
    path: str | None = None


@dataclass(frozen=True, kw_only=True)
class Bank:
    """A question bank: one YAML file in quizzes/, or one imported GIFT file."""

    slug: str
    title: str
    course: str | None = None
    categories: tuple[Category, ...] = ()
    questions: tuple[Question, ...] = ()
    source: str | None = field(default=None, compare=False, repr=False)
    #: Questions left out on request (``--skip-unsupported``), each as the
    #: ``path:line: why`` problem that would otherwise have refused the file.
    skipped: tuple[Problem, ...] = field(default=(), compare=False, repr=False)

    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def category(self, category_id: str) -> Category | None:
        for category in self.categories:
            if category.id == category_id:
                return category
        return None

    def questions_in(self, category_id: str | None) -> list[Question]:
        """Questions of one category, or of the whole bank when ``None``."""
        if category_id is None:
            return list(self.questions)
        return [q for q in self.questions if q.category == category_id]

    def lesson_refs(self) -> set[str]:
        return {q.lesson for q in self.questions if q.lesson}


@dataclass(frozen=True)
class RandomDraw:
    """``count`` questions drawn at random from a bank or one of its categories."""

    bank: str
    count: int
    category: str | None = None


@dataclass(frozen=True, kw_only=True)
class QuizDefinition:
    """One entry of quizzes/quizzes.yaml."""

    id: str
    title: str
    #: Course slug for a course quiz; ``None`` for a standalone exam.
    course: str | None = None
    intro: str = ""
    #: Percent needed to pass (0–100).
    pass_mark: int
    #: 0 = untimed.
    time_limit_minutes: int = 0
    #: 0 = unlimited.
    attempts_allowed: int = 0
    cooldown_hours: int = 0
    shuffle_questions: bool = True
    shuffle_options: bool = True
    review: ReviewPolicy = "immediate"
    #: Fixed questions, by id, in order.
    questions: tuple[str, ...] = ()
    random: tuple[RandomDraw, ...] = ()
    source: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def question_count(self) -> int:
        return len(self.questions) + sum(d.count for d in self.random)

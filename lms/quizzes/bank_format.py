"""Load and validate question banks (quizzes/*.yaml) and quizzes/quizzes.yaml.

Pure module: no Django import.

A bank file holds ``bank`` (slug), ``title``, optional ``course`` and
``categories`` (``{id, title}``) and ``questions``. Every question has ``id``
(``<bank>-NNN``, unique across all banks), ``type``, ``difficulty``, ``lesson``
(``<course>/<lesson>``), ``stem`` and ``explanation``, optional ``category``,
``tags`` and ``image`` (relative to quizzes/, must exist), and by type:
``options`` (single, multiple, scenario: 3–5 ``{text, correct, feedback}``;
single and scenario exactly one correct, multiple two or more, scenario feedback
on every option), ``scoring`` (multiple: all_or_nothing | partial), ``answer``
(truefalse), ``answers`` (short), ``items`` (ordering, 3–6, correct order) or
``pairs`` (matching, 3–6 ``{left, right}``). Options get keys a, b, c... in the
order written. quizzes.yaml holds ``quizzes:``, a list of quiz definitions
(see ``QuizDefinition`` for the fields and their defaults).

Every loader collects ALL problems of a file, each with the line it comes from
(taken from the YAML node marks), and raises them together in one
``BankError``. Lesson references are only checked for shape here; the caller,
who knows the courses, checks that they exist with ``check_lesson_refs``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .questions import (
    DIFFICULTIES,
    REVIEW_POLICIES,
    SCORINGS,
    Bank,
    Category,
    Option,
    Pair,
    Problem,
    Question,
    QuizDefinition,
    QuizSourceError,
    RandomDraw,
    ShortAnswer,
    option_key,
)

QUIZZES_FILE = "quizzes.yaml"

BANK_FIELDS = ("bank", "title", "course", "categories", "questions")
COMMON_FIELDS = (
    "id",
    "type",
    "category",
    "difficulty",
    "tags",
    "lesson",
    "stem",
    "image",
    "explanation",
)
REQUIRED_QUESTION_FIELDS = ("id", "type", "difficulty", "lesson", "stem", "explanation")
#: The fields each YAML question type takes on top of COMMON_FIELDS (all required
#: but ``scoring``).
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "single": ("options",),
    "multiple": ("options", "scoring"),
    "scenario": ("options",),
    "truefalse": ("answer",),
    "short": ("answers",),
    "ordering": ("items",),
    "matching": ("pairs",),
}
OPTIONAL_TYPE_FIELDS = ("scoring",)
QUIZ_FIELDS = (
    "id",
    "title",
    "course",
    "intro",
    "pass_mark",
    "time_limit_minutes",
    "attempts_allowed",
    "cooldown_hours",
    "shuffle_questions",
    "shuffle_options",
    "review",
    "questions",
    "random",
)
OPTION_COUNT = (3, 5)
ITEM_COUNT = (3, 6)
PAIR_COUNT = (3, 6)

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LESSON_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class BankError(QuizSourceError):
    """A bank or quiz file is invalid; ``problems`` lists every problem found."""


@dataclass(frozen=True)
class QuizLibrary:
    """Everything under quizzes/: the banks and the quiz definitions."""

    banks: tuple[Bank, ...]
    quizzes: tuple[QuizDefinition, ...]

    def lesson_refs(self) -> set[str]:
        return set().union(*(bank.lesson_refs() for bank in self.banks))


def _line(node: Node) -> int:
    return node.start_mark.line + 1


class _Checker:
    """Reads YAML nodes into values, recording a Problem for everything wrong."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def fail(self, where: Node | int | None, message: str) -> None:
        line = _line(where) if isinstance(where, Node) else where
        self.problems.append(Problem(self.path, line, message))

    def compose(self, text: str) -> Node | None:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
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


# ---------------------------------------------------------------- banks


def _read_text(path: Path, checker: _Checker) -> str | None:
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


def load_bank(path: str | Path) -> Bank:
    """One bank file; raises ``BankError`` listing every problem in it."""
    path = Path(path)
    checker = _Checker(str(path))
    text = _read_text(path, checker)
    checker.raise_if_any()
    assert text is not None
    return parse_bank(text, str(path), image_root=path.parent)


def parse_bank(
    text: str, path: str = "<bank>", *, image_root: Path | None = None
) -> Bank:
    """A bank from YAML text; images are checked to exist under ``image_root``."""
    checker = _Checker(path)
    root = checker.compose(text)
    if root is None:
        checker.raise_if_any()
    assert root is not None
    fields = checker.mapping(
        root, "the bank", BANK_FIELDS, ("bank", "title", "questions")
    )
    if fields is None:
        checker.raise_if_any()
    assert fields is not None
    slug = checker.pattern(fields.get("bank"), "bank", _SLUG_RE, "a slug (a-z, 0-9, -)")
    title = checker.text(fields.get("title"), "title")
    course = checker.pattern(
        fields.get("course"), "course", _SLUG_RE, "a course slug (a-z, 0-9, -)"
    )
    categories = _categories(checker, fields.get("categories"))
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    question_nodes = []
    if "questions" in fields:
        question_nodes = checker.sequence(fields["questions"], "questions") or []
    for index, node in enumerate(question_nodes):
        question = _question(checker, node, index, slug, categories, image_root)
        if question is None:
            continue
        if question.id in first_line:
            checker.fail(
                node,
                f"duplicate question id {question.id!r} "
                f"(first used on line {first_line[question.id]})",
            )
            continue
        first_line[question.id] = _line(node)
        questions.append(question)
    if "questions" in fields and not questions and not checker.problems:
        checker.fail(fields["questions"], "the bank has no questions")
    checker.raise_if_any()
    assert slug is not None and title is not None
    return Bank(
        slug=slug,
        title=title,
        course=course,
        categories=tuple(categories or ()),
        questions=tuple(questions),
        source=path,
    )


def _categories(checker: _Checker, node: Node | None) -> list[Category] | None:
    if node is None:
        return None
    categories: list[Category] = []
    for item in checker.sequence(node, "categories") or []:
        fields = checker.mapping(item, "a category", ("id", "title"), ("id", "title"))
        if fields is None:
            continue
        category_id = checker.pattern(
            fields.get("id"), "category id", _ID_RE, "a plain id (a-z, 0-9, - and _)"
        )
        title = checker.text(fields.get("title"), "category title")
        if category_id is None or title is None:
            continue
        if any(c.id == category_id for c in categories):
            checker.fail(item, f"category {category_id!r} is declared twice")
            continue
        categories.append(Category(category_id, title))
    return categories


def _question(
    checker: _Checker,
    node: Node,
    index: int,
    bank: str | None,
    categories: list[Category] | None,
    image_root: Path | None,
) -> Question | None:
    everything = COMMON_FIELDS + tuple(dict.fromkeys(sum(TYPE_FIELDS.values(), ())))
    before = len(checker.problems)
    fields = checker.mapping(node, f"question #{index + 1}", everything)
    if fields is None:
        return None
    question_id = checker.text(fields.get("id"), f"question #{index + 1}: id")
    what = f"question {question_id}" if question_id else f"question #{index + 1}"
    for key in REQUIRED_QUESTION_FIELDS:
        if key not in fields:
            checker.fail(node, f"{what}: missing required field {key!r}")
    if (
        question_id
        and bank
        and not re.fullmatch(rf"{re.escape(bank)}-\d{{3,}}", question_id)
    ):
        checker.fail(
            fields["id"], f"{what}: id must be {bank}-NNN (the bank slug, 3 digits)"
        )
    kind = checker.choice(fields.get("type"), f"{what}: type", tuple(TYPE_FIELDS))
    if kind is not None:
        for key in TYPE_FIELDS[kind]:
            if key not in fields and key not in OPTIONAL_TYPE_FIELDS:
                checker.fail(node, f"{what}: {kind} questions need {key!r}")
        for key in fields:
            if key not in COMMON_FIELDS and key not in TYPE_FIELDS[kind]:
                checker.fail(
                    fields[key], f"{what}: {key!r} does not apply to {kind} questions"
                )
    category = checker.text(fields.get("category"), f"{what}: category")
    if category is not None:
        known = [c.id for c in categories or ()]
        if category not in known:
            declared = ", ".join(known) if known else "none declared"
            checker.fail(
                fields["category"],
                f"{what}: unknown category {category!r} (categories: {declared})",
            )
    difficulty = checker.choice(
        fields.get("difficulty"), f"{what}: difficulty", DIFFICULTIES
    )
    tags = checker.texts(fields.get("tags"), f"{what}: tags") or []
    lesson = checker.pattern(
        fields.get("lesson"),
        f"{what}: lesson",
        _LESSON_RE,
        "<course-slug>/<lesson-slug>",
    )
    stem = checker.text(fields.get("stem"), f"{what}: stem")
    explanation = checker.text(fields.get("explanation"), f"{what}: explanation")
    image = _image(checker, fields.get("image"), what, image_root)
    by_type: dict[str, Any] = {}
    if kind is not None:
        by_type = _type_fields(checker, kind, fields, what)
    if len(checker.problems) > before or kind is None:
        return None
    assert question_id is not None and stem is not None
    return Question(
        id=question_id,
        type=kind,  # type: ignore[arg-type]
        stem=stem,
        explanation=explanation or "",
        difficulty=difficulty,  # type: ignore[arg-type]
        tags=tuple(tags),
        lesson=lesson,
        category=category,
        image=image,
        source=checker.path,
        line=_line(node),
        **by_type,
    )


def _image(
    checker: _Checker, node: Node | None, what: str, image_root: Path | None
) -> str | None:
    image = checker.text(node, f"{what}: image")
    if image is None:
        return None
    parts = Path(image).parts
    if image.startswith(("/", "\\")) or ".." in parts or ":" in image:
        checker.fail(
            node, f"{what}: image must be a path inside quizzes/, like images/x.png"
        )
        return None
    if image_root is not None and not (image_root / image).is_file():
        checker.fail(node, f"{what}: image {image!r} not found in {image_root}")
        return None
    return image


def _type_fields(
    checker: _Checker, kind: str, fields: dict[str, Node], what: str
) -> dict[str, Any]:
    if kind in ("single", "multiple", "scenario") and "options" in fields:
        options = _options(checker, fields["options"], kind, what)
        result: dict[str, Any] = {"options": options}
        if kind == "multiple":
            scoring = fields.get("scoring")
            result["scoring"] = (
                checker.choice(scoring, f"{what}: scoring", SCORINGS)
                or "all_or_nothing"
            )
        return result
    if kind == "truefalse" and "answer" in fields:
        return {"answer": checker.boolean(fields["answer"], f"{what}: answer")}
    if kind == "short" and "answers" in fields:
        node = fields["answers"]
        answers = checker.texts(node, f"{what}: answers") or []
        if isinstance(node, SequenceNode) and not node.value:
            checker.fail(node, f"{what}: answers needs at least one accepted answer")
        return {"answers": tuple(ShortAnswer(a) for a in answers)}
    if kind == "ordering" and "items" in fields:
        node = fields["items"]
        items = checker.texts(node, f"{what}: items") or []
        if isinstance(node, SequenceNode):
            checker.counted(node, f"{what}: items", len(node.value), ITEM_COUNT)
        _no_duplicates(checker, node, items, f"{what}: item")
        return {"items": tuple(items)}
    if kind == "matching" and "pairs" in fields:
        return {"pairs": _pairs(checker, fields["pairs"], what)}
    return {}


def _no_duplicates(checker: _Checker, node: Node, values: list[str], what: str) -> None:
    for value, count in Counter(values).items():
        if count > 1:
            checker.fail(node, f"{what} {value!r} appears {count} times")


def _options(checker: _Checker, node: Node, kind: str, what: str) -> tuple[Option, ...]:
    items = checker.sequence(node, f"{what}: options") or []
    checker.counted(node, f"{what}: options", len(items), OPTION_COUNT)
    options: list[Option] = []
    for index, item in enumerate(items):
        label = f"{what}: option {index + 1}"
        fields = checker.mapping(
            item, label, ("text", "correct", "feedback"), ("text",)
        )
        if fields is None:
            continue
        text = checker.text(fields.get("text"), f"{label} text")
        correct = False
        if "correct" in fields:
            correct = bool(checker.boolean(fields["correct"], f"{label}: correct"))
        feedback = ""
        if "feedback" in fields:
            feedback = checker.text(fields["feedback"], f"{label}: feedback") or ""
        if kind == "scenario" and not feedback and "feedback" not in fields:
            checker.fail(
                item, f"{label}: every option of a scenario question needs feedback"
            )
        if text is not None:
            options.append(Option(option_key(index), text, correct, None, feedback))
    _no_duplicates(checker, node, [o.text for o in options], f"{what}: option")
    right = sum(o.correct for o in options)
    if kind in ("single", "scenario") and right != 1:
        checker.fail(
            node,
            f"{what}: a {kind} question needs exactly one correct option, has {right}",
        )
    if kind == "multiple" and right < 2:
        checker.fail(
            node,
            f"{what}: a multiple question needs two or more correct options, "
            f"has {right}",
        )
    return tuple(options)


def _pairs(checker: _Checker, node: Node, what: str) -> tuple[Pair, ...]:
    items = checker.sequence(node, f"{what}: pairs") or []
    checker.counted(node, f"{what}: pairs", len(items), PAIR_COUNT)
    pairs: list[Pair] = []
    for index, item in enumerate(items):
        label = f"{what}: pair {index + 1}"
        fields = checker.mapping(item, label, ("left", "right"), ("left", "right"))
        if fields is None:
            continue
        left = checker.text(fields.get("left"), f"{label} left")
        right = checker.text(fields.get("right"), f"{label} right")
        if left is not None and right is not None:
            pairs.append(Pair(left, right))
    _no_duplicates(checker, node, [p.left for p in pairs], f"{what}: left item")
    return tuple(pairs)


def check_banks(paths: Iterable[str | Path]) -> list[Bank]:
    """Load every bank; raise one ``BankError`` with the problems of all of them,
    including bank slugs and question ids used in more than one file."""
    banks: list[Bank] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            banks.append(load_bank(path))
        except BankError as error:
            problems.extend(error.problems)
    slug_source: dict[str, str] = {}
    id_source: dict[str, Question] = {}
    for bank in banks:
        if bank.slug in slug_source:
            problems.append(
                Problem(
                    bank.source or "?",
                    1,
                    f"bank slug {bank.slug!r} is also used by {slug_source[bank.slug]}",
                )
            )
        slug_source.setdefault(bank.slug, bank.source or "?")
        for question in bank.questions:
            first = id_source.get(question.id)
            if first is not None and first.source != question.source:
                problems.append(
                    Problem(
                        question.source or "?",
                        question.line,
                        f"duplicate question id {question.id!r}: also in "
                        f"{first.source}:{first.line}",
                    )
                )
            id_source.setdefault(question.id, question)
    if problems:
        raise BankError(problems)
    return banks


def check_lesson_refs(
    banks: Iterable[Bank], known_lessons: Collection[str]
) -> list[Problem]:
    """A problem for every question whose lesson is not in ``known_lessons``."""
    return [
        Problem(
            q.source or bank.source or "?",
            q.line,
            f"question {q.id}: unknown lesson {q.lesson!r}",
        )
        for bank in banks
        for q in bank.questions
        if q.lesson and q.lesson not in known_lessons
    ]


# ---------------------------------------------------------------- quizzes


def load_quiz_definitions(
    path: str | Path, banks: Sequence[Bank] | None = None
) -> list[QuizDefinition]:
    """The quizzes of quizzes.yaml; with ``banks``, references are checked too."""
    path = Path(path)
    checker = _Checker(str(path))
    text = _read_text(path, checker)
    checker.raise_if_any()
    assert text is not None
    return parse_quiz_definitions(text, str(path), banks)


def parse_quiz_definitions(
    text: str, path: str = "<quizzes>", banks: Sequence[Bank] | None = None
) -> list[QuizDefinition]:
    checker = _Checker(path)
    root = checker.compose(text)
    if root is None:
        checker.raise_if_any()
    assert root is not None
    fields = checker.mapping(root, "quizzes.yaml", ("quizzes",), ("quizzes",))
    checker.raise_if_any()
    assert fields is not None
    quizzes: list[QuizDefinition] = []
    seen: dict[str, int] = {}
    for node in checker.sequence(fields["quizzes"], "quizzes") or []:
        quiz = _quiz(checker, node, banks)
        if quiz is None:
            continue
        if quiz.id in seen:
            checker.fail(
                node, f"quiz id {quiz.id!r} is also used on line {seen[quiz.id]}"
            )
            continue
        seen[quiz.id] = _line(node)
        quizzes.append(quiz)
    checker.raise_if_any()
    return quizzes


def _quiz(
    checker: _Checker, node: Node, banks: Sequence[Bank] | None
) -> QuizDefinition | None:
    before = len(checker.problems)
    fields = checker.mapping(node, "a quiz", QUIZ_FIELDS, ("id", "title", "pass_mark"))
    if fields is None:
        return None
    quiz_id = checker.pattern(
        fields.get("id"), "quiz id", _SLUG_RE, "a slug (a-z, 0-9, -)"
    )
    what = f"quiz {quiz_id}" if quiz_id else "a quiz"
    title = checker.text(fields.get("title"), f"{what}: title")
    course = checker.pattern(
        fields.get("course"), f"{what}: course", _SLUG_RE, "a course slug"
    )
    intro = checker.text(fields["intro"], f"{what}: intro") if "intro" in fields else ""
    pass_mark = checker.integer(fields.get("pass_mark"), f"{what}: pass_mark", 0, 100)
    settings: dict[str, Any] = {}
    for key in ("time_limit_minutes", "attempts_allowed", "cooldown_hours"):
        if key in fields:
            settings[key] = checker.integer(fields[key], f"{what}: {key}", 0)
    for key in ("shuffle_questions", "shuffle_options"):
        if key in fields:
            settings[key] = checker.boolean(fields[key], f"{what}: {key}")
    if "review" in fields:
        settings["review"] = checker.choice(
            fields["review"], f"{what}: review", REVIEW_POLICIES
        )
    fixed: list[str] = []
    if "questions" in fields:
        fixed = checker.texts(fields["questions"], f"{what}: questions") or []
        _no_duplicates(checker, fields["questions"], fixed, f"{what}: question")
    draws: list[tuple[RandomDraw, Node]] = []
    if "random" in fields:
        for item in checker.sequence(fields["random"], f"{what}: random") or []:
            draw = _draw(checker, item, what)
            if draw is not None:
                draws.append((draw, item))
    if not fixed and not draws and "questions" not in fields and "random" not in fields:
        checker.fail(node, f"{what}: needs questions, random draws or both")
    elif not fixed and not draws and len(checker.problems) == before:
        checker.fail(node, f"{what}: has no questions")
    if banks is not None:
        _check_references(checker, fields, fixed, draws, banks, what)
    if len(checker.problems) > before:
        return None
    assert quiz_id is not None and title is not None and pass_mark is not None
    return QuizDefinition(
        id=quiz_id,
        title=title,
        course=course,
        intro=intro or "",
        pass_mark=pass_mark,
        questions=tuple(fixed),
        random=tuple(draw for draw, _ in draws),
        source=checker.path,
        line=_line(node),
        **settings,
    )


def _draw(checker: _Checker, node: Node, what: str) -> RandomDraw | None:
    fields = checker.mapping(
        node, f"{what}: random draw", ("bank", "category", "count"), ("bank", "count")
    )
    if fields is None:
        return None
    bank = checker.text(fields.get("bank"), f"{what}: random bank")
    category = checker.text(fields.get("category"), f"{what}: random category")
    count = checker.integer(fields.get("count"), f"{what}: random count", 1)
    if bank is None or count is None or ("category" in fields and category is None):
        return None
    return RandomDraw(bank, count, category)


def _check_references(
    checker: _Checker,
    fields: dict[str, Node],
    fixed: list[str],
    draws: list[tuple[RandomDraw, Node]],
    banks: Sequence[Bank],
    what: str,
) -> None:
    by_slug = {bank.slug: bank for bank in banks}
    known_ids = {q.id for bank in banks for q in bank.questions}
    for question_id in fixed:
        if question_id not in known_ids:
            checker.fail(
                fields["questions"], f"{what}: unknown question {question_id!r}"
            )
    fixed_set = set(fixed)
    requested: Counter[tuple[str, str | None]] = Counter()
    overdrawn: set[str] = set()
    for draw, node in draws:
        bank = by_slug.get(draw.bank)
        if bank is None:
            checker.fail(node, f"{what}: unknown bank {draw.bank!r}")
            continue
        if draw.category is not None and bank.category(draw.category) is None:
            checker.fail(
                node, f"{what}: bank {draw.bank} has no category {draw.category!r}"
            )
            continue
        requested[(draw.bank, draw.category)] += draw.count
        requested_here = requested[(draw.bank, draw.category)]
        pool = [q for q in bank.questions_in(draw.category) if q.id not in fixed_set]
        if requested_here > len(pool):
            overdrawn.add(draw.bank)
            where = f"{draw.bank}/{draw.category}" if draw.category else draw.bank
            checker.fail(
                node,
                f"{what}: asks for {requested_here} random questions from {where}, "
                f"which holds only {len(pool)} (fixed questions left out)",
            )
    for bank_slug in sorted({slug for slug, _ in requested} - overdrawn):
        total = sum(n for (slug, _), n in requested.items() if slug == bank_slug)
        pool = [q for q in by_slug[bank_slug].questions if q.id not in fixed_set]
        if total > len(pool):
            checker.fail(
                fields["random"],
                f"{what}: draws {total} random questions from bank {bank_slug}, "
                f"which holds only {len(pool)} (fixed questions left out)",
            )


def load_quiz_library(
    directory: str | Path, *, known_lessons: Collection[str] | None = None
) -> QuizLibrary:
    """Every bank in ``directory`` plus its quizzes.yaml, checked together.

    Raises one ``BankError`` with the problems of all files; with
    ``known_lessons`` the lesson of every question is checked as well.
    """
    directory = Path(directory)
    paths = sorted(p for p in directory.glob("*.yaml") if p.name != QUIZZES_FILE)
    problems: list[Problem] = []
    banks: list[Bank] = []
    try:
        banks = check_banks(paths)
    except BankError as error:
        problems.extend(error.problems)
    if known_lessons is not None:
        problems.extend(check_lesson_refs(banks, known_lessons))
    quizzes: list[QuizDefinition] = []
    quiz_file = directory / QUIZZES_FILE
    if quiz_file.exists() and not problems:
        try:
            quizzes = load_quiz_definitions(quiz_file, banks)
        except BankError as error:
            problems.extend(error.problems)
    elif quiz_file.exists():
        try:
            load_quiz_definitions(quiz_file)
        except BankError as error:
            problems.extend(error.problems)
    if problems:
        raise BankError(problems)
    return QuizLibrary(tuple(banks), tuple(quizzes))

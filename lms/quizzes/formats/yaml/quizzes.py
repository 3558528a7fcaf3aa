"""Quiz definitions (quizzes/quizzes.yaml) read into ``QuizDefinition``s:
``QUIZ_FIELDS``, ``load_quiz_definitions``/``parse_quiz_definitions``, the
parsing of one quiz and its random draws, and, when the banks are given, the
check that every fixed question, bank and category exists and that no draw asks
for more questions than its pool holds. Pure module: no Django import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from lms.quizzes.questions import REVIEW_POLICIES, Bank, QuizDefinition, RandomDraw

from .checker import (
    SLUG_RE,
    YamlChecker,
    node_line,
    read_source_text,
    report_duplicates,
)

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

# Upper limits within what the columns hold (2,147,483,647) and what a deadline
# or next-attempt date can reach (year 9999): 0 already means untimed,
# unlimited or no wait, so a bigger number is a typo.
SETTING_LIMITS = {
    "time_limit_minutes": 7 * 24 * 60,  # a week
    "attempts_allowed": 1000,
    "cooldown_hours": 365 * 24,  # a year
}


def load_quiz_definitions(
    path: str | Path, banks: Sequence[Bank] | None = None
) -> list[QuizDefinition]:
    """The quizzes of quizzes.yaml; with ``banks``, references are checked too."""
    path = Path(path)
    checker = YamlChecker(str(path))
    text = read_source_text(path, checker)
    checker.raise_if_any()
    assert text is not None
    return parse_quiz_definitions(text, str(path), banks)


def parse_quiz_definitions(
    text: str, path: str = "<quizzes>", banks: Sequence[Bank] | None = None
) -> list[QuizDefinition]:
    checker = YamlChecker(path)
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
        seen[quiz.id] = node_line(node)
        quizzes.append(quiz)
    checker.raise_if_any()
    return quizzes


def _quiz(
    checker: YamlChecker, node: Node, banks: Sequence[Bank] | None
) -> QuizDefinition | None:
    before = len(checker.problems)
    fields = checker.mapping(node, "a quiz", QUIZ_FIELDS, ("id", "title", "pass_mark"))
    if fields is None:
        return None
    quiz_id = checker.pattern(
        fields.get("id"), "quiz id", SLUG_RE, "a slug (a-z, 0-9, -)"
    )
    what = f"quiz {quiz_id}" if quiz_id else "a quiz"
    title = checker.text(fields.get("title"), f"{what}: title")
    course = checker.pattern(
        fields.get("course"), f"{what}: course", SLUG_RE, "a course slug"
    )
    intro = checker.text(fields["intro"], f"{what}: intro") if "intro" in fields else ""
    pass_mark = checker.integer(fields.get("pass_mark"), f"{what}: pass_mark", 0, 100)
    settings: dict[str, Any] = {}
    for key, high in SETTING_LIMITS.items():
        if key in fields:
            settings[key] = checker.integer(fields[key], f"{what}: {key}", 0, high)
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
        report_duplicates(checker, fields["questions"], fixed, f"{what}: question")
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
        line=node_line(node),
        **settings,
    )


def _draw(checker: YamlChecker, node: Node, what: str) -> RandomDraw | None:
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
    checker: YamlChecker,
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

"""Bank files (quizzes/<bank>.yaml) read into a ``Bank``: the fields a bank and
each question type take (``TYPE_FIELDS`` and the other field constants),
``load_bank``/``parse_bank``, and the parsing of categories, questions, images,
options, ordering items and matching pairs, every problem recorded through the
``YamlChecker``.
Pure module: no Django import; see the package docstring for the format.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from yaml.nodes import Node, SequenceNode

from lms.quizzes.questions import (
    DIFFICULTIES,
    SCORINGS,
    Bank,
    Category,
    Option,
    Pair,
    Question,
    ShortAnswer,
    option_key,
)

from .checker import (
    SLUG_RE,
    YamlChecker,
    node_line,
    read_source_text,
    report_duplicates,
)

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
OPTION_COUNT = (3, 5)
ITEM_COUNT = (3, 6)
PAIR_COUNT = (3, 6)

_LESSON_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def load_bank(path: str | Path) -> Bank:
    """One bank file; raises ``BankError`` listing every problem in it."""
    path = Path(path)
    checker = YamlChecker(str(path))
    text = read_source_text(path, checker)
    checker.raise_if_any()
    assert text is not None
    return parse_bank(text, str(path), image_root=path.parent)


def parse_bank(
    text: str, path: str = "<bank>", *, image_root: Path | None = None
) -> Bank:
    """A bank from YAML text; images are checked to exist under ``image_root``."""
    checker = YamlChecker(path)
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
    slug = checker.pattern(fields.get("bank"), "bank", SLUG_RE, "a slug (a-z, 0-9, -)")
    title = checker.text(fields.get("title"), "title")
    course = checker.pattern(
        fields.get("course"), "course", SLUG_RE, "a course slug (a-z, 0-9, -)"
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
        first_line[question.id] = node_line(node)
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


def _categories(checker: YamlChecker, node: Node | None) -> list[Category] | None:
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
    checker: YamlChecker,
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
        line=node_line(node),
        **by_type,
    )


def _image(
    checker: YamlChecker, node: Node | None, what: str, image_root: Path | None
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
    checker: YamlChecker, kind: str, fields: dict[str, Node], what: str
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
        report_duplicates(checker, node, items, f"{what}: item")
        return {"items": tuple(items)}
    if kind == "matching" and "pairs" in fields:
        return {"pairs": _pairs(checker, fields["pairs"], what)}
    return {}


def _options(
    checker: YamlChecker, node: Node, kind: str, what: str
) -> tuple[Option, ...]:
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
    report_duplicates(checker, node, [o.text for o in options], f"{what}: option")
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


def _pairs(checker: YamlChecker, node: Node, what: str) -> tuple[Pair, ...]:
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
    report_duplicates(checker, node, [p.left for p in pairs], f"{what}: left item")
    return tuple(pairs)

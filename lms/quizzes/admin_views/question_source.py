"""A question as the admin form edits it: common fields plus the type-specific
part ("answer part") written in exactly the bank format's YAML.

The form's values are composed into a one-question bank text and read with
``formats.yaml.parse_bank``, so the admin applies the same rules, and the same
messages, as ``lms quizzes import --check``. Every problem is mapped back to the
form field it came from; problems inside the answer part keep their line number
counted from the first line of that textarea.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from ..formats.yaml import TYPE_FIELDS, BankError, parse_bank
from ..questions import CHOICE_TYPES, Problem, Question

#: Where the answer part starts inside the composed question mapping.
_INDENT = "    "
#: Common YAML keys → the admin form field holding them.
FORM_FIELDS = {
    "id": "qid",
    "type": "type",
    "category": "category",
    "difficulty": "difficulty",
    "tags": "tags",
    "lesson": "lesson_ref",
    "stem": "stem",
    "explanation": "explanation",
}
SPEC_FIELD = "spec"
SPEC_KEYS = frozenset(key for keys in TYPE_FIELDS.values() for key in keys)
_TAG_SPLIT = re.compile(r"[,，、;；]")
_PREFIX = re.compile(r"^question (?:#\d+|[^:]+): ")
_MISSING = re.compile(r"missing required field '(\w+)'|need '(\w+)'")
_MARK = re.compile(r"line (\d+), column (\d+)")
_NOISE = re.compile(r'in "<unicode string>", ')


@dataclass(frozen=True)
class CommonFields:
    """The admin form's common fields, as text; empty means not given."""

    qid: str
    bank: str
    type: str = ""
    category: str = ""
    difficulty: str = ""
    tags: tuple[str, ...] = ()
    lesson: str = ""
    stem: str = ""
    explanation: str = ""


@dataclass
class FieldProblem:
    #: Form field name, or None for the form as a whole.
    field: str | None
    message: str


@dataclass
class ReadResult:
    question: Question | None
    problems: list[FieldProblem] = field(default_factory=list)


def split_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "a, b" (full-width commas and 、 accepted)."""
    return tuple(tag.strip() for tag in _TAG_SPLIT.split(text or "") if tag.strip())


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, on one line.
    return json.dumps(text, ensure_ascii=False)


def _flag(value: bool | None) -> str:
    return "true" if value else "false"


def spec_text(question: Question) -> str:
    """The type-specific part of ``question`` in bank-format YAML."""
    lines: list[str] = []
    if question.type in CHOICE_TYPES:
        if question.type == "multiple":
            lines.append(f"scoring: {question.scoring}")
        lines.append("options:")
        for option in question.options:
            text, correct = _quoted(option.text), _flag(option.correct)
            if option.feedback:
                lines += [
                    f"  - text: {text}",
                    f"    correct: {correct}",
                    f"    feedback: {_quoted(option.feedback)}",
                ]
            else:
                lines.append(f"  - {{text: {text}, correct: {correct}}}")
    elif question.type == "truefalse":
        lines.append(f"answer: {_flag(question.answer)}")
    elif question.type == "short":
        answers = ", ".join(_quoted(answer.text) for answer in question.answers)
        lines.append(f"answers: [{answers}]")
    elif question.type == "ordering":
        lines.append("items:")
        lines += [f"  - {_quoted(item)}" for item in question.items]
    elif question.type == "matching":
        lines.append("pairs:")
        lines += [
            f"  - {{left: {_quoted(p.left)}, right: {_quoted(p.right)}}}"
            for p in question.pairs
        ]
    return "\n".join(lines) + "\n" if lines else ""


def unsupported_features(question: Question) -> list[str]:
    """What of ``question`` the bank format cannot hold (GIFT/Moodle imports).

    Saving such a question from the admin form would silently drop these, so
    the form refuses and says why.
    """
    found = []
    if question.type not in TYPE_FIELDS:
        found.append(_("the question type %(type)s") % {"type": question.type})
    if question.format != "markdown":
        found.append(_("the text format %(format)s") % {"format": question.format})
    if question.title:
        found.append(_("a question title"))
    exact = {"single", "scenario"}
    if any(
        o.weight is not None
        and (question.type not in exact or o.weight != (1.0 if o.correct else 0.0))
        for o in question.options
    ):
        found.append(_("graded option weights"))
    if any(a.weight != 1.0 or a.feedback for a in question.answers):
        found.append(_("weighted answers or answer feedback"))
    if question.distractors:
        found.append(_("extra right-hand choices"))
    if question.correct_feedback or question.incorrect_feedback:
        found.append(_("feedback for right and wrong answers"))
    return found


def read_question(
    common: CommonFields,
    spec: str,
    *,
    categories: dict[str, str] | None = None,
    check_id: bool = True,
) -> ReadResult:
    """The question the form describes, or every problem with its form field.

    ``categories`` maps the bank's category slugs to titles. ``check_id=False``
    is for an existing question, whose id cannot change: its id is not held to
    the ``<bank>-NNN`` rule (questions imported from GIFT may have others).
    """
    checked = common if check_id else replace(common, qid=f"{common.bank}-000")
    lines, field_lines = _compose(checked, categories or {})
    spec_start = len(lines)
    lines += [_INDENT + line if line.strip() else "" for line in spec.splitlines()]
    try:
        bank = parse_bank("\n".join(lines) + "\n", "admin")
    except BankError as error:
        return ReadResult(
            None, [_locate(p, field_lines, spec_start) for p in error.problems]
        )
    return ReadResult(replace(bank.questions[0], id=common.qid))


def _compose(
    common: CommonFields, categories: dict[str, str]
) -> tuple[list[str], dict[int, str]]:
    """Bank text lines up to the answer part, and form field by line number."""
    lines = [f"bank: {_quoted(common.bank)}", 'title: "admin"', "categories: []"]
    if categories:
        lines[-1] = "categories:"
        lines += [
            f"  - {{id: {_quoted(slug)}, title: {_quoted(title or slug)}}}"
            for slug, title in categories.items()
        ]
    lines.append("questions:")
    values = {
        "id": common.qid,
        "type": common.type,
        "category": common.category,
        "difficulty": common.difficulty,
        "tags": common.tags,
        "lesson": common.lesson,
        "stem": common.stem,
        "explanation": common.explanation,
    }
    field_lines: dict[int, str] = {}
    for key, value in values.items():
        if not value:
            continue
        if isinstance(value, tuple):
            text = "[" + ", ".join(_quoted(item) for item in value) + "]"
        else:
            text = _quoted(value)
        lead = _INDENT if field_lines else "  - "
        lines.append(f"{lead}{key}: {text}")
        field_lines[len(lines)] = FORM_FIELDS[key]
    if not field_lines:  # nothing given at all: the question is still a mapping
        lines.append("  - {}")
    return lines, field_lines


def _locate(
    problem: Problem, field_lines: dict[int, str], spec_start: int
) -> FieldProblem:
    """The form field a problem of the composed bank text belongs to."""
    message = _NOISE.sub("", _PREFIX.sub("", problem.message))
    line = problem.line
    if line is not None and line > spec_start:
        message = _MARK.sub(lambda m: _relative_mark(m, spec_start), message)
        return FieldProblem(
            SPEC_FIELD,
            _("Line %(line)s: %(message)s")
            % {"line": line - spec_start, "message": message},
        )
    # "missing field" problems sit on the question's first line: name the field.
    missing = _MISSING.search(message)
    if missing:
        key = missing.group(1) or missing.group(2)
        if key in SPEC_KEYS:
            return FieldProblem(SPEC_FIELD, message)
        if key in FORM_FIELDS:
            return FieldProblem(FORM_FIELDS[key], message)
    if line is not None and line in field_lines:
        return FieldProblem(field_lines[line], message)
    return FieldProblem(None, message)


def _relative_mark(match: re.Match[str], spec_start: int) -> str:
    """A YAML error's "line L, column C", counted inside the answer part."""
    line = int(match.group(1))
    if line <= spec_start:
        return match.group(0)
    column = max(int(match.group(2)) - len(_INDENT), 1)
    return f"line {line - spec_start}, column {column}"

"""Writing a bank as Moodle XML (what Moodle's question bank imports).

Categories become ``<question type="category">`` entries, each question carries
its id as ``<idnumber>`` (so importing the file again, here or in Moodle, keeps
it), its title as ``<name>``, its explanation as ``<generalfeedback>`` and its
embedded images as base64 ``<file>``s. Multiple-answer questions without
weights get +100/n % per right and −100/n % per wrong answer, as in GIFT.
What Moodle XML cannot hold: ordering questions (skipped and listed, like the
GIFT export); scenario questions are written as single-answer multichoice and
all-or-nothing multiple-answer questions with their weights; lesson, difficulty
and image path are left out. Reading the file back gives the questions read
from a Moodle file (``parse(write(parse(x))) == parse(x)``).
Pure module: no Django import.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from lms.quizzes.questions import Bank, Question

from ..skipped import SkippedQuestion

_FORMATS = {"html": "html", "markdown": "markdown", "plain": "plain_text"}
_UNIT_GRADINGS = {"optional": "0", "response": "1", "question": "2"}
SKIPPED_ORDERING = "Moodle XML has no ordering type (without a plugin)"


@dataclass(frozen=True)
class MoodleXmlExport:
    text: str
    skipped: tuple[SkippedQuestion, ...] = ()


def _number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.7f}".rstrip("0").rstrip(".")


def _text(tag: str, text: str, text_format: str | None = None, extra: str = "") -> str:
    attrs = f" format={quoteattr(_FORMATS[text_format])}" if text_format else ""
    return f"<{tag}{attrs}><text>{escape(text)}</text>{extra}</{tag}>"


def _files(question: Question) -> str:
    return "".join(
        f'<file name={quoteattr(f.name)} path="/" encoding="base64">'
        f"{base64.b64encode(f.data).decode('ascii')}</file>"
        for f in question.files
    )


def _answer(
    fraction: float, text: str, feedback: str, fmt: str, extra: str = ""
) -> str:
    return (
        f'    <answer fraction="{_percent(fraction)}" format="{_FORMATS[fmt]}">'
        f"<text>{escape(text)}</text>{_text('feedback', feedback, fmt)}{extra}"
        "</answer>"
    )


def _choice_lines(question: Question) -> list[str]:
    options = question.options
    weights = [o.fraction for o in options]
    if question.type == "multiple" and all(o.weight is None for o in options):
        right = sum(o.correct for o in options) or 1
        weights = [(1 if o.correct else -1) / right for o in options]
    single = "false" if question.type == "multiple" else "true"
    lines = [
        f"    <single>{single}</single>",
        "    <shuffleanswers>true</shuffleanswers>",
    ]
    lines += [
        _answer(w, o.text, o.feedback, question.format)
        for o, w in zip(options, weights, strict=True)
    ]
    return lines


def _numerical_lines(question: Question) -> list[str]:
    fmt = question.format
    lines = [
        _answer(
            a.weight,
            _number(a.value),
            a.feedback,
            fmt,
            f"<tolerance>{_number(a.tolerance)}</tolerance>",
        )
        for a in question.numeric_answers
    ]
    if question.incorrect_feedback:
        lines.append(
            _answer(
                0, "*", question.incorrect_feedback, fmt, "<tolerance>0</tolerance>"
            )
        )
    if question.units:
        units = "".join(
            f"<unit><multiplier>{_number(u.multiplier)}</multiplier>"
            f"<unit_name>{escape(u.name)}</unit_name></unit>"
            for u in question.units
        )
        lines += [
            f"    <units>{units}</units>",
            f"    <unitgradingtype>{_UNIT_GRADINGS[question.unit_grading]}"
            "</unitgradingtype>",
            f"    <unitpenalty>{_number(question.unit_penalty)}</unitpenalty>",
            "    <showunits>0</showunits>",
            f"    <unitsleft>{int(question.units_left)}</unitsleft>",
        ]
    return lines


def _answer_lines(question: Question) -> list[str]:
    fmt = question.format
    if question.type in ("single", "multiple", "scenario"):
        return _choice_lines(question)
    if question.type == "truefalse":
        right, wrong = ("true", "false") if question.answer else ("false", "true")
        return [
            _answer(1, right, question.correct_feedback, fmt),
            _answer(0, wrong, question.incorrect_feedback, fmt),
        ]
    if question.type == "short":
        return ["    <usecase>0</usecase>"] + [
            _answer(a.weight, a.text, a.feedback, fmt) for a in question.answers
        ]
    if question.type == "numerical":
        return _numerical_lines(question)
    if question.type == "matching":
        pairs = [(p.left, p.right) for p in question.pairs]
        pairs += [("", right) for right in question.distractors]
        return ["    <shuffleanswers>true</shuffleanswers>"] + [
            f"    {_text('subquestion', left, fmt, _text('answer', right))}"
            for left, right in pairs
        ]
    raise ValueError(f"cannot write {question.type} questions as Moodle XML")


_KINDS = {
    "single": "multichoice",
    "multiple": "multichoice",
    "scenario": "multichoice",
    "truefalse": "truefalse",
    "short": "shortanswer",
    "numerical": "numerical",
    "matching": "matching",
}


def _question_lines(question: Question) -> list[str]:
    fmt = question.format
    lines = [
        f'  <question type="{_KINDS[question.type]}">',
        f"    {_text('name', question.title or '')}",
        f"    {_text('questiontext', question.stem, fmt, _files(question))}",
        f"    {_text('generalfeedback', question.explanation, fmt)}",
        "    <defaultgrade>1</defaultgrade>",
        f"    <idnumber>{escape(question.id)}</idnumber>",
        *_answer_lines(question),
    ]
    if question.tags:
        tags = "".join(_text("tag", tag) for tag in question.tags)
        lines.append(f"    <tags>{tags}</tags>")
    return [*lines, "  </question>"]


def export_moodle_xml(bank: Bank) -> MoodleXmlExport:
    """The bank as Moodle XML, with the questions it cannot hold listed."""
    categories = {c.id: c for c in bank.categories}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<!-- {escape(bank.title).replace('--', '- -')} [{bank.slug}]: "
        "exported from Kefu Academy -->",
        "<quiz>",
    ]
    skipped: list[SkippedQuestion] = []
    current: str | None = None
    for question in sorted(bank.questions, key=lambda q: q.category is not None):
        if question.type not in _KINDS:
            skipped.append(SkippedQuestion(question.id, SKIPPED_ORDERING))
            continue
        if question.category is not None and question.category != current:
            category = categories.get(question.category)
            path = question.category
            if category is not None:
                path = category.path or "/".join(
                    t.replace("/", "//") for t in (bank.title, category.title)
                )
            lines += [
                '  <question type="category">',
                f"    {_text('category', path)}",
                f"    <idnumber>{escape(question.category)}</idnumber>",
                "  </question>",
            ]
            current = question.category
        lines += _question_lines(question)
    lines.append("</quiz>")
    return MoodleXmlExport("\n".join(lines) + "\n", tuple(skipped))


def write_moodle_xml(bank: Bank) -> str:
    return export_moodle_xml(bank).text

"""Writing a bank as GIFT text: ``export_gift`` returns a ``GiftExport`` (the text
and the questions GIFT cannot hold, each a ``SkippedQuestion``), ``write_gift``
just the text. Texts are escaped, weights written only where they differ from
the default, and the academy fields carried as ``// [key:value]`` comment lines.
Pure module: no Django import; see the package docstring for the format.
"""

from __future__ import annotations

from dataclasses import dataclass

from lms.quizzes.questions import MISSING_WORD_BLANK, Bank, Question

from ..skipped import SkippedQuestion
from .syntax import FORMAT_RE, WEIGHT_RE, WEIGHT_SLACK
from .units import unit_tokens

SKIPPED_ORDERING = "GIFT has no ordering type"


@dataclass(frozen=True)
class GiftExport:
    text: str
    skipped: tuple[SkippedQuestion, ...] = ()


def _escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _answer_text(text: str, text_format: str) -> str:
    """An escaped answer text; a leading "[html]" is shielded by our own marker."""
    prefix = f"[{text_format}]" if FORMAT_RE.match(text.strip()) else ""
    return prefix + _escape(text)


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _weighted(marker: str, fraction: float, default: float, text: str) -> str:
    """``marker`` plus ``%w%`` unless the weight is the default and unambiguous."""
    if abs(fraction - default) < 1e-12 and not WEIGHT_RE.match(text):
        return marker
    return f"{marker}%{_percent(fraction)}%"


def _with_feedback(text: str, feedback: str, text_format: str) -> str:
    return text + (f"#{_answer_text(feedback, text_format)}" if feedback else "")


def _meta(key: str, value: str) -> str:
    return f"[{key}:{value.replace(']', chr(92) + ']')}]"


def _unwritable(question: Question) -> str | None:
    if question.type == "ordering":
        return SKIPPED_ORDERING
    if question.type == "matching" and any("->" in p.left for p in question.pairs):
        return "a left item contains ->, which GIFT cannot escape"
    if question.type == "short" and any(
        "->" in a.text + a.feedback for a in question.answers
    ):
        return "an answer contains ->, which GIFT would read as a matching question"
    if question.type == "truefalse" and question.answer is None:
        return "true/false question without an answer"
    if question.type in ("single", "scenario") and all(
        o.fraction >= 1 - WEIGHT_SLACK for o in question.options
    ):
        return "every option is fully correct, which GIFT would read as a short answer"
    return None


def _choice_lines(question: Question) -> list[str]:
    options = question.options
    weights = [o.fraction for o in options]
    if question.type == "multiple" and all(o.weight is None for o in options):
        right = sum(o.correct for o in options) or 1
        weights = [(1 if o.correct else -1) / right for o in options]
    lines = []
    for option, weight in zip(options, weights, strict=True):
        text = _answer_text(option.text, question.format)
        if question.type != "multiple" and weight >= 1 - WEIGHT_SLACK:
            marker = _weighted("=", weight, 1.0, text)
        else:
            marker = _weighted("~", weight, 0.0, text)
        lines.append(marker + _with_feedback(text, option.feedback, question.format))
    return lines


def _answer_lines(question: Question) -> list[str]:
    fmt = question.format
    if question.type in ("single", "multiple", "scenario"):
        return _choice_lines(question)
    if question.type == "short":
        lines = []
        for answer in question.answers:
            text = _answer_text(answer.text, fmt)
            marker = _weighted("=", answer.weight, 1.0, text)
            lines.append(marker + _with_feedback(text, answer.feedback, fmt))
        return lines
    if question.type == "matching":
        lines = [
            f"={_answer_text(p.left, fmt)} -> {_answer_text(p.right, fmt)}"
            for p in question.pairs
        ]
        return lines + [f"= -> {_answer_text(r, fmt)}" for r in question.distractors]
    if question.type == "numerical":
        lines = []
        for answer in question.numeric_answers:
            if answer.range is not None:
                spec = f"{_number(answer.range[0])}..{_number(answer.range[1])}"
            elif answer.tolerance:
                spec = f"{_number(answer.value)}:{_number(answer.tolerance)}"
            else:
                spec = _number(answer.value)
            marker = _weighted("=", answer.weight, 1.0, spec)
            lines.append(marker + _with_feedback(spec, answer.feedback, fmt))
        if question.incorrect_feedback:
            lines.append(f"~#{_answer_text(question.incorrect_feedback, fmt)}")
        return lines
    raise ValueError(f"cannot write {question.type} questions as GIFT")


def _question_lines(question: Question) -> list[str]:
    fmt = question.format
    tokens = [_meta("id", question.id)]
    tokens += [_meta("tag", tag) for tag in question.tags]
    if question.type == "scenario":
        tokens.append(_meta("type", "scenario"))
    if question.type == "multiple" and question.scoring != "partial":
        tokens.append(_meta("scoring", question.scoring))
    tokens += [_meta(key, value) for key, value in unit_tokens(question)]
    for key in ("lesson", "difficulty", "image"):
        value = getattr(question, key)
        if value:
            tokens.append(_meta(key, value))
    head = f"::{_escape(question.title)}::" if question.title else ""
    head += f"[{fmt}]"
    stem, tail = question.stem, ""
    before, blank, after = stem.partition(MISSING_WORD_BLANK)
    if blank and after.strip():
        stem, tail = before, after
    head += _escape(stem)
    general = f"####{_answer_text(question.explanation, fmt)}"
    if question.type == "truefalse":
        block = "TRUE" if question.answer else "FALSE"
        if question.incorrect_feedback or question.correct_feedback:
            block += f"#{_answer_text(question.incorrect_feedback, fmt)}"
        if question.correct_feedback:
            block += f"#{_answer_text(question.correct_feedback, fmt)}"
        if question.explanation:
            block += general
        return ["// " + " ".join(tokens), head + "{" + block + "}" + _escape(tail)]
    body = [f"\t{line}" for line in _answer_lines(question)]
    if question.type == "numerical":
        head += "{#"
    else:
        head += "{"
    if question.explanation:
        body.append(f"\t{general}")
    return ["// " + " ".join(tokens), head, *body, "}" + _escape(tail)]


def export_gift(bank: Bank) -> GiftExport:
    """The bank as GIFT text, with the questions GIFT cannot hold listed."""
    categories = {c.id: c for c in bank.categories}
    lines = [f"// {bank.title} [{bank.slug}]: exported from Kefu Academy", ""]
    skipped: list[SkippedQuestion] = []
    current: str | None = None
    ordered = sorted(bank.questions, key=lambda q: q.category is not None)
    for question in ordered:
        reason = _unwritable(question)
        if reason:
            lines += [
                f"// skipped {question.type} question {question.id}: {reason}",
                "",
            ]
            skipped.append(SkippedQuestion(question.id, reason))
            continue
        if question.category is not None and question.category != current:
            category = categories.get(question.category)
            if category is None:
                path = question.category
            else:
                path = category.path or "/".join(
                    t.replace("/", "//") for t in (bank.title, category.title)
                )
            if question.category != path:
                lines.append(f"// {_meta('id', question.category)}")
            lines += [f"$CATEGORY: {path}", ""]
            current = question.category
        lines += [*_question_lines(question), ""]
    return GiftExport("\n".join(lines), tuple(skipped))


def write_gift(bank: Bank) -> str:
    """The bank as GIFT text; see ``export_gift`` for the skipped questions."""
    return export_gift(bank).text

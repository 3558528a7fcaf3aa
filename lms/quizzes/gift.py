"""Read and write Moodle's GIFT question format. Pure module: no Django import.

Reading follows Moodle's own importer (question/format/gift/format.php): questions
are separated by blank lines, ``//`` starts a comment line, ``::title::``,
``[markdown]``/``[html]``/``[plain]``/``[moodle]`` format markers, ``{...}``
answer blocks with ``=`` right / ``~`` wrong answers, ``%50%`` weights, ``#``
feedback, ``####`` general feedback, ``\\`` escapes of ``: = ~ # { } \\`` and
``\\n``, ``$CATEGORY:`` lines, true/false, short answer, matching (``=a -> b``),
numerical (``{#3:2}``, ``{#1..5}``, several weighted answers, ``~#`` feedback for
wrong answers) and missing-word questions (answer block inside the sentence:
the stem keeps ``MISSING_WORD_BLANK`` in its place). Unlike Moodle it refuses
instead of guessing: every problem (unclosed brace, no correct answer, unknown
construct, ...) is collected and raised together in one ``GiftError``.

Not supported, and refused with a message saying so: descriptions (text with no
answer block) and essays (``{}``), because every academy question is graded
automatically; Moodle's short-answer ``*`` wildcard is read as a literal star.

Where the academy model differs from Moodle:

- ``[moodle]`` (Moodle's auto-format: text with optional HTML) and text with no
  marker are read as Markdown, the closest format the academy renders. The
  writer always writes an explicit marker.
- ``{t}``/``{true}`` in lower case is refused (Moodle would silently make it a
  short-answer question expecting the word "true"); write ``{TRUE}``, or
  ``{=true}`` for a short answer.
- ``=%50%answer`` in a multiple-choice block means a 50 % answer (Moodle would
  keep "%50%" in the answer text).
- A weight within 0.1 point of 33.33333, 66.66667, 16.66667, 83.33333, 14.28571
  or 11.11111 % is read as that value (Moodle's "nearest grade" import).
- A matching answer may not carry ``#feedback`` (Moodle keeps it as text).

Identity and academy metadata ride in comment lines, in Moodle's own
``[key:value]`` notation (Moodle ≥ 3.6 reads ``[id:...]`` as the question's ID
number and ``[tag:...]`` as tags, and ignores the rest)::

    // [id:qianniu-001] [tag:自动回复] [lesson:qianniu/auto-reply] [difficulty:easy]
    ::设置自动回复::[markdown]设置自动回复时……{
        =……#……
        ~……
        ####解析……
    }

- ``[id:...]`` is the question id, so re-importing an exported file updates the
  questions instead of duplicating them. A question without one gets
  ``<id_prefix><10 hex digits>``, a hash of its category and title (or of its
  text when untitled): stable across re-imports of the same file.
- ``[lesson:]``, ``[difficulty:]``, ``[image:]`` carry the academy fields;
  ``[type:scenario]`` marks a scenario question, written as a single-answer
  multiple choice with per-option feedback; ``[scoring:all_or_nothing]`` marks an
  all-or-nothing multiple-answer question (Moodle grades it with the weights).
- A ``$CATEGORY:`` block may carry ``// [id:settings]``: the category id inside
  the bank. Without it the category id is the path itself.
- The explanation is the general feedback (``####``); the title is ``::title::``.
- ``]`` inside a value is written ``\\]``.

Writing (``export_gift``/``write_gift``): categories become ``$CATEGORY:`` blocks
(the category's GIFT path, else ``<bank title>/<category title>``), uncategorised
questions come first. Multiple-answer questions without weights are written with
+100/n % per correct and −100/n % per wrong option, which Moodle grades exactly
like the academy's partial scoring. Ordering questions have no GIFT equivalent:
they are skipped with a comment line and listed in ``GiftExport.skipped``.
Round trip: ``parse(write(parse(x))) == parse(x)`` for every construct above.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from .grading import parse_number
from .questions import (
    MISSING_WORD_BLANK,
    QUESTION_TYPES,
    Bank,
    Category,
    NumericAnswer,
    Option,
    Pair,
    Problem,
    Question,
    QuizSourceError,
    ShortAnswer,
    category_title,
    derived_question_id,
    option_key,
)


class GiftError(QuizSourceError):
    """A GIFT file could not be read; ``problems`` lists every problem found."""


@dataclass(frozen=True)
class SkippedQuestion:
    id: str
    reason: str


@dataclass(frozen=True)
class GiftExport:
    text: str
    skipped: tuple[SkippedQuestion, ...] = ()


# Escaped characters are swapped for private-use placeholders before parsing, so
# that "\{" never opens a block, and swapped back in the finished texts.
_ESCAPABLE = {
    "\\": "\ue05c",
    ":": "\ue03a",
    "#": "\ue023",
    "=": "\ue03d",
    "{": "\ue07b",
    "}": "\ue07d",
    "~": "\ue07e",
    "n": "\ue00a",
}
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _ESCAPABLE.items()})

_FORMATS = {
    "markdown": "markdown",
    "html": "html",
    "plain": "plain",
    "moodle": "markdown",
}
_FORMAT_RE = re.compile(r"^\[(markdown|html|plain|moodle)\]")
_WEIGHT_RE = re.compile(r"^%\s*(-?\d+(?:\.\d*)?)\s*%")
_META_RE = re.compile(
    r"\[(id|tag|lesson|difficulty|type|scoring|image):((?:\\\]|[^\]])*)\]"
)
_TF_WORDS = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_SNAP = 1e-5
SKIPPED_ORDERING = "GIFT has no ordering type"


def _protect(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            out.append(_ESCAPABLE[text[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _clean(text: str) -> str:
    """A finished text: format marker dropped, escapes restored, trimmed."""
    return _restore(_FORMAT_RE.sub("", text.strip(), count=1)).strip()


# ---------------------------------------------------------------- reading


@dataclass
class _Block:
    start: int
    text: str  # comment lines blanked, escapes protected
    comments: str

    def line_at(self, pos: int) -> int:
        return self.start + self.text.count("\n", 0, max(pos, 0))


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    lines: list[str] = []
    comments: list[str] = []
    start = 0
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            if not lines:
                start = number
            is_comment = line.strip().startswith("//")
            lines.append("" if is_comment else line)
            if is_comment:
                comments.append(line.strip()[2:])
        elif lines:
            blocks.append(
                _Block(start, _protect("\n".join(lines)), "\n".join(comments))
            )
            lines, comments = [], []
    return blocks


@dataclass
class _Meta:
    id: str | None = None
    tags: tuple[str, ...] = ()
    lesson: str | None = None
    difficulty: str | None = None
    type: str | None = None
    scoring: str | None = None
    image: str | None = None


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


# Moodle's grade steps that have no exact decimal form, as Moodle stores them.
_REPEATING_STEPS = tuple(
    round(n / d, 7) for n, d in ((1, 3), (2, 3), (1, 6), (5, 6), (1, 7), (1, 9))
)


def _weight(chunk: str) -> tuple[float | None, str]:
    """The ``%w%`` weight at the start of an answer, as a fraction, and the rest.

    A weight within 0.1 point of a repeating step (33.3 → 33.33333, like Moodle's
    "nearest grade" import) is snapped to it, so three 33.3 % answers make 100 %.
    """
    match = _WEIGHT_RE.match(chunk)
    if not match:
        return None, chunk
    weight = float(Decimal(match.group(1)) / 100)
    for step in _REPEATING_STEPS:
        if abs(abs(weight) - step) < 0.001:
            weight = step if weight > 0 else -step
    return weight, chunk[match.end() :]


def _feedback(chunk: str) -> tuple[str, str]:
    text, _, feedback = chunk.partition("#")
    return _clean(text), _clean(feedback)


class _Reader:
    def __init__(self, path: str, id_prefix: str) -> None:
        self.path = path
        self.id_prefix = id_prefix
        self.problems: list[Problem] = []
        self.questions: list[Question] = []
        self.categories: list[Category] = []
        self.category: str | None = None
        self.seen_ids: dict[str, int] = {}

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def read(self, text: str) -> None:
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        for block in _blocks(text):
            self.read_block(block)

    def metadata(self, block: _Block) -> _Meta:
        meta = _Meta()
        tags: list[str] = []
        for key, raw in _META_RE.findall(block.comments):
            value = raw.replace("\\]", "]").strip()
            if key == "tag":
                tags.append(value)
            elif getattr(meta, key) is None:
                setattr(meta, key, value)
        meta.tags = tuple(tags)
        allowed = {
            "difficulty": ("easy", "medium", "hard"),
            "scoring": ("all_or_nothing", "partial"),
            "type": QUESTION_TYPES,
        }
        for key, values in allowed.items():
            value = getattr(meta, key)
            if value is not None and value not in values:
                self.problem(
                    block.start, f"[{key}:{value}] is not one of {', '.join(values)}"
                )
                setattr(meta, key, None)
        return meta

    def read_block(self, block: _Block) -> None:
        s = block.text
        lo = len(s) - len(s.lstrip())
        hi = len(s.rstrip())
        if lo >= hi:
            return  # only comments
        meta = self.metadata(block)
        first = block.line_at(lo)
        if s.startswith("$CATEGORY:", lo):
            self.read_category(block, s[lo + len("$CATEGORY:") : hi], meta, first)
            return
        title = None
        if s.startswith("::", lo):
            end = s.find("::", lo + 2, hi)
            if end < 0:
                self.problem(first, "the title opened with :: is never closed")
                return
            title = _restore(s[lo + 2 : end]).strip() or None
            lo = end + 2
        opening = s.find("{", lo, hi)
        closing = s.find("}", lo, hi)
        if opening < 0 and closing < 0:
            self.problem(
                first,
                "no answer block {...}: GIFT descriptions (text without answers) "
                "are not supported",
            )
            return
        if closing >= 0 and (opening < 0 or closing < opening):
            self.problem(block.line_at(closing), "} without a matching {")
            return
        if closing < 0:
            self.problem(block.line_at(opening), "unclosed brace: { is never closed")
            return
        nested = s.find("{", opening + 1, closing)
        if nested >= 0:
            self.problem(
                block.line_at(nested),
                "{ inside an answer block (unclosed brace?); "
                "write a literal brace as \\{",
            )
            return
        extra = max(s.find("{", closing, hi), s.find("}", closing + 1, hi))
        if extra >= 0:
            self.problem(
                block.line_at(extra),
                "more than one answer block in a question; write literal braces "
                "as \\{ and \\}, and leave a blank line between questions",
            )
            return
        before, after = s[lo:opening], s[closing + 1 : hi]
        stem_raw = before + MISSING_WORD_BLANK + after if after.strip() else before
        stem_raw = stem_raw.strip()
        match = _FORMAT_RE.match(stem_raw)
        text_format = _FORMATS[match.group(1)] if match else "markdown"
        stem = _clean(stem_raw)
        if not stem:
            self.problem(first, "the question has no text")
            return
        inner = s[opening + 1 : closing]
        explanation = ""
        general = inner.rfind("####")
        if general >= 0:
            explanation = _clean(inner[general + 4 :])
            inner = inner[:general]
        question = Question(
            id="",
            type="short",
            stem=stem,
            title=title,
            format=text_format,
            explanation=explanation,
            difficulty=meta.difficulty,  # type: ignore[arg-type]
            tags=meta.tags,
            lesson=meta.lesson or None,
            category=self.category,
            image=meta.image or None,
            source=self.path,
            line=first,
        )
        count = len(self.problems)

        def line_of(offset: int) -> int:
            return block.line_at(opening + 1 + offset)

        built = self.read_answers(question, inner, line_of, first)
        if built is None or len(self.problems) > count:
            return
        built = self.apply_type_metadata(built, meta, first)
        if built is None:
            return
        self.add(built, meta, first)

    def read_category(self, block: _Block, raw: str, meta: _Meta, line: int) -> None:
        if "\n" in raw.strip():
            self.problem(
                line,
                "$CATEGORY must stand alone: leave a blank line before the "
                "question that follows it",
            )
            return
        path = _restore(raw).strip()
        if not path:
            self.problem(line, "$CATEGORY without a category path")
            return
        category_id = meta.id or path
        for known in self.categories:
            if known.id == category_id and known.path != path:
                self.problem(
                    line,
                    f"category id {category_id!r} is already used for {known.path!r}",
                )
                return
        if all(known.id != category_id for known in self.categories):
            self.categories.append(Category(category_id, category_title(path), path))
        self.category = category_id

    def add(self, question: Question, meta: _Meta, line: int) -> None:
        question_id = meta.id or derived_question_id(
            self.id_prefix, question.category, question.title, question.stem
        )
        if question_id in self.seen_ids:
            hint = "" if meta.id else " (same category and title: add [id:...])"
            self.problem(
                line,
                f"duplicate question id {question_id!r}, first used at line "
                f"{self.seen_ids[question_id]}{hint}",
            )
            return
        self.seen_ids[question_id] = line
        self.questions.append(replace(question, id=question_id))

    def read_answers(
        self, question: Question, inner: str, line_of: Callable[[int], int], line: int
    ) -> Question | None:
        body = inner.strip()
        if not body:
            self.problem(
                line,
                "empty answer block {}: GIFT essay questions are not supported "
                "(every academy question is graded automatically)",
            )
            return None
        if body.startswith("#"):
            return self.read_numerical(question, inner, line_of)
        if "~" in body:
            return self.read_choice(question, inner, line_of)
        if "=" in body and "->" in body:
            return self.read_matching(question, inner, line_of)
        word = body.split("#", 1)[0].strip()
        if word in _TF_WORDS:
            return self.read_truefalse(question, body)
        if word.upper() in _TF_WORDS:
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
                f"unexpected text {_restore(lead.strip())!r} before the first "
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
            correct = weight >= 1 - _SNAP if single else weight > 0
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
            left, right = _clean(left), _clean(right)
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
        incorrect = _clean(feedback[0]) if feedback else ""
        correct = _clean(feedback[1]) if len(feedback) > 1 else ""
        return replace(
            question,
            type="truefalse",
            answer=_TF_WORDS[word.strip()],
            correct_feedback=correct,
            incorrect_feedback=incorrect,
        )

    def read_short(
        self, question: Question, inner: str, line_of: Callable[[int], int]
    ) -> Question | None:
        lead, parts = _split_marked(inner, "=")
        if lead.strip():
            parts.insert(0, ("=", lead, 0))
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
        elif not any(a.weight >= 1 - _SNAP for a in answers):
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
            incorrect = _clean(feedback)
            rest = rest[:tilde]
        lead, parts = _split_marked(rest, "=")
        if lead.strip():
            parts.insert(0, ("=", lead, 0))
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
        elif answers and not any(a.weight >= 1 - _SNAP for a in answers):
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

    def apply_type_metadata(
        self, question: Question, meta: _Meta, line: int
    ) -> Question | None:
        if meta.scoring is not None:
            if question.type != "multiple":
                self.problem(
                    line, "[scoring:...] only applies to multiple-answer questions"
                )
                return None
            question = replace(question, scoring=meta.scoring)  # type: ignore[arg-type]
        if meta.type is None or meta.type == question.type:
            return question
        if meta.type == "scenario" and question.type == "single":
            if sum(o.correct for o in question.options) != 1:
                self.problem(
                    line, "a scenario question needs exactly one correct reply"
                )
                return None
            if any(not o.feedback for o in question.options):
                self.problem(line, "every reply of a scenario question needs #feedback")
                return None
            return replace(question, type="scenario")
        self.problem(
            line,
            f"[type:{meta.type}] does not fit the answers, which make a "
            f"{question.type} question",
        )
        return None


def _read(text: str, path: str, id_prefix: str) -> _Reader:
    reader = _Reader(path, id_prefix)
    reader.read(text)
    if reader.problems:
        raise GiftError(reader.problems)
    return reader


def parse_gift(
    text: str, path: str = "<gift>", *, id_prefix: str = "gift-"
) -> list[Question]:
    """Every question of a GIFT text; raises ``GiftError`` listing all problems."""
    return _read(text, path, id_prefix).questions


def parse_gift_bank(
    text: str,
    path: str = "<gift>",
    *,
    slug: str,
    title: str,
    course: str | None = None,
) -> Bank:
    """A GIFT text as a bank; its ``$CATEGORY`` blocks become the categories.

    Questions without ``[id:...]`` get ids ``<slug>-<hash>``.
    """
    reader = _read(text, path, f"{slug}-")
    return Bank(
        slug=slug,
        title=title,
        course=course,
        categories=tuple(reader.categories),
        questions=tuple(reader.questions),
        source=path,
    )


def read_gift_text(path: str | Path) -> str:
    """The text of a GIFT file; a file that is not UTF-8 is refused (BOM allowed)."""
    data = Path(path).read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        utf16 = data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        hint = " (it looks like UTF-16)" if utf16 else ""
        message = (
            f"{path} is not valid UTF-8{hint}: byte 0x{data[error.start]:02x} on "
            f"line {line} cannot be decoded. Save the file as UTF-8 and import it "
            "again."
        )
        raise GiftError([Problem(str(path), line, message)]) from None


def load_gift_file(path: str | Path, *, id_prefix: str = "gift-") -> list[Question]:
    return parse_gift(read_gift_text(path), str(path), id_prefix=id_prefix)


def load_gift_bank(
    path: str | Path, *, slug: str, title: str, course: str | None = None
) -> Bank:
    return parse_gift_bank(
        read_gift_text(path), str(path), slug=slug, title=title, course=course
    )


# ---------------------------------------------------------------- writing


def _escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _answer_text(text: str, text_format: str) -> str:
    """An escaped answer text; a leading "[html]" is shielded by our own marker."""
    prefix = f"[{text_format}]" if _FORMAT_RE.match(text.strip()) else ""
    return prefix + _escape(text)


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _weighted(marker: str, fraction: float, default: float, text: str) -> str:
    """``marker`` plus ``%w%`` unless the weight is the default and unambiguous."""
    if abs(fraction - default) < 1e-12 and not _WEIGHT_RE.match(text):
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
        o.fraction >= 1 - _SNAP for o in question.options
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
        if question.type != "multiple" and weight >= 1 - _SNAP:
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

"""Reading GIFT text into questions and banks: the text is cut into blocks at
blank lines, comment lines give the ``[key:value]`` metadata, ``$CATEGORY:``
blocks set the category, and each question's title, format marker, stem and
answer block are taken apart (the answer block itself by ``AnswerBlockReader``).
Every problem is collected and raised together in one ``GiftError``. Holds
``parse_gift``, ``parse_gift_bank``, ``read_gift_text``, ``load_gift_file`` and
``load_gift_bank``.
Pure module: no Django import; see the package docstring for the format.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field, replace
from pathlib import Path

from lms.core.source_text import NUL, NUL_MESSAGE, nul_lines
from lms.quizzes.questions import (
    MISSING_WORD_BLANK,
    QUESTION_TYPES,
    Bank,
    Problem,
    Question,
)

from .answer_blocks import AnswerBlockReader
from .syntax import (
    FORMAT_MARKERS,
    FORMAT_RE,
    META_RE,
    GiftError,
    clean_text,
    protect_escapes,
    restore_escapes,
)
from .units import UNIT_KEYS, apply_unit_metadata


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
                _Block(start, protect_escapes("\n".join(lines)), "\n".join(comments))
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
    #: ``[unit:]`` and the other unit keys, each with its values in order.
    units: dict[str, list[str]] = field(default_factory=dict)


class _Reader(AnswerBlockReader):
    def read(self, text: str) -> None:
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        for block in _blocks(text):
            self.read_block(block)

    def metadata(self, block: _Block) -> _Meta:
        meta = _Meta()
        tags: list[str] = []
        for key, raw in META_RE.findall(block.comments):
            value = raw.replace("\\]", "]").strip()
            if key == "tag":
                tags.append(value)
            elif key in UNIT_KEYS:
                meta.units.setdefault(key, []).append(value)
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
            title = restore_escapes(s[lo + 2 : end]).strip() or None
            lo = end + 2
        opening = s.find("{", lo, hi)
        closing = s.find("}", lo, hi)
        if opening < 0 and closing < 0:
            self.skip(
                first,
                "a description (text without an answer block {...}) is not "
                "supported: every academy question is graded automatically",
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
        match = FORMAT_RE.match(stem_raw)
        text_format = FORMAT_MARKERS[match.group(1)] if match else "markdown"
        stem = clean_text(stem_raw)
        if not stem:
            self.problem(first, "the question has no text")
            return
        inner = s[opening + 1 : closing]
        explanation = ""
        general = inner.rfind("####")
        if general >= 0:
            explanation = clean_text(inner[general + 4 :])
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
        path = restore_escapes(raw).strip()
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
        self.enter_category(category_id, path)

    def add(self, question: Question, meta: _Meta, line: int) -> None:
        self.collect(question, line=line, given_id=meta.id)

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
        question = apply_unit_metadata(
            question, meta.units, lambda message: self.problem(line, message)
        )
        if question is None:
            return None
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


def _read(text: str, path: str, id_prefix: str, skip_unsupported: bool) -> _Reader:
    reader = _Reader(path, id_prefix)
    reader.read(text)
    problems = reader.all_problems(skip_unsupported=skip_unsupported)
    if problems:
        raise GiftError(problems)
    return reader


def parse_gift(
    text: str,
    path: str = "<gift>",
    *,
    id_prefix: str = "gift-",
    skip_unsupported: bool = False,
) -> list[Question]:
    """Every question of a GIFT text; raises ``GiftError`` listing all problems.

    Descriptions and essays refuse the text unless ``skip_unsupported``.
    """
    return _read(text, path, id_prefix, skip_unsupported).questions


def parse_gift_bank(
    text: str,
    path: str = "<gift>",
    *,
    slug: str,
    title: str,
    course: str | None = None,
    skip_unsupported: bool = False,
) -> Bank:
    """A GIFT text as a bank; its ``$CATEGORY`` blocks become the categories.

    Questions without ``[id:...]`` get ids ``<slug>-<hash>``. With
    ``skip_unsupported``, descriptions and essays are left out and listed in
    ``Bank.skipped``.
    """
    return _read(text, path, f"{slug}-", skip_unsupported).bank(
        slug=slug, title=title, course=course, skip_unsupported=skip_unsupported
    )


def read_gift_text(path: str | Path) -> str:
    """The text of a GIFT file; a file that is not UTF-8 is refused (BOM allowed)."""
    data = Path(path).read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
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
    if NUL in text:
        lines = nul_lines(text)
        raise GiftError([Problem(str(path), line, NUL_MESSAGE) for line in lines])
    return text


def load_gift_file(path: str | Path, *, id_prefix: str = "gift-") -> list[Question]:
    return parse_gift(read_gift_text(path), str(path), id_prefix=id_prefix)


def load_gift_bank(
    path: str | Path,
    *,
    slug: str,
    title: str,
    course: str | None = None,
    skip_unsupported: bool = False,
) -> Bank:
    return parse_gift_bank(
        read_gift_text(path),
        str(path),
        slug=slug,
        title=title,
        course=course,
        skip_unsupported=skip_unsupported,
    )

"""Import questions from Moodle XML (question bank export). Pure module.

Import only. Reads the question types the academy can grade: multichoice
(single and multiple answer), truefalse, shortanswer, numerical and matching,
plus ``category`` entries (their ``<idnumber>`` becomes the category id). Every
other type (essay, description, cloze, drag and drop, ...) is reported as a
problem, and all problems of a file are raised together in ``MoodleXmlError``
with the line of the ``<question>`` element.

Mapping, the same as for GIFT so that a bank exported by Moodle in either
format reads the same: ``<name>`` is the title, ``<idnumber>`` the id (else a
stable hash, see ``derived_question_id``), ``<generalfeedback>`` the
explanation, ``<tags>`` the tags, answer ``fraction`` the option weight.
Formats: html → html, markdown → markdown, plain_text → plain,
moodle_auto_format → markdown. A numerical answer ``*`` carries the feedback for
wrong answers. Moodle stores no range, only value ± tolerance.

DOCTYPE and entity declarations are refused: a question bank never needs them,
and refusing them rules out entity-expansion attacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.parsers import expat

from .collecting import QuestionCollector
from .grading import parse_number
from .questions import (
    Bank,
    NumericAnswer,
    Option,
    Pair,
    Question,
    QuizSourceError,
    ShortAnswer,
    option_key,
)

_FORMATS = {
    "html": "html",
    "markdown": "markdown",
    "plain_text": "plain",
    "moodle_auto_format": "markdown",
}
_SUPPORTED = ("multichoice", "truefalse", "shortanswer", "numerical", "matching")
_SNAP = 1e-5


class MoodleXmlError(QuizSourceError):
    """A Moodle XML file could not be read; ``problems`` lists every problem."""


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[_Element] = field(default_factory=list)

    def child(self, tag: str) -> _Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[_Element]:
        return [c for c in self.children if c.tag == tag]

    def text_of(self, tag: str) -> str:
        """``<tag><text>…</text></tag>`` (or ``<tag>…</tag>``), trimmed."""
        element = self.child(tag)
        if element is None:
            return ""
        inner = element.child("text")
        return (inner.text if inner is not None else element.text).strip()


class _Refused(Exception):
    pass


def _parse_xml(data: bytes) -> _Element:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Element] = []
    roots: list[_Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = _Element(tag, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].text += data

    def refuse(*args: object) -> None:
        raise _Refused(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.Parse(data, True)
    return roots[0]


class _Reader(QuestionCollector):
    def read(self, data: bytes) -> None:
        try:
            root = _parse_xml(data)
        except _Refused as refused:
            line = refused.args[0]
            self.problem(line, "DOCTYPE and entity declarations are not accepted")
            return
        except expat.ExpatError as error:
            self.problem(error.lineno, f"not well-formed XML: {error}")
            return
        if root.tag != "quiz":
            self.problem(root.line, f"expected a <quiz> document, found <{root.tag}>")
            return
        for element in root.all("question"):
            kind = element.attrs.get("type", "")
            if kind == "category":
                self.read_category(element)
            elif kind not in _SUPPORTED:
                self.problem(
                    element.line,
                    f"{kind or 'untyped'} questions are not supported "
                    f"(supported: {', '.join(_SUPPORTED)})",
                )
            else:
                self.read_question(element, kind)

    def read_category(self, element: _Element) -> None:
        path = element.text_of("category")
        if not path:
            self.problem(element.line, "category without a path")
            return
        self.enter_category(element.text_of("idnumber") or path, path)

    def read_question(self, element: _Element, kind: str) -> None:
        text = element.child("questiontext")
        text_format = _FORMATS.get(text.attrs.get("format", "") if text else "", "html")
        stem = element.text_of("questiontext")
        if not stem:
            self.problem(element.line, "question without text")
            return
        tags = element.child("tags")
        question = Question(
            id="",
            type="short",
            stem=stem,
            title=element.text_of("name") or None,
            format=text_format,  # type: ignore[arg-type]
            explanation=element.text_of("generalfeedback"),
            tags=tuple(t.text_of("text") for t in tags.all("tag")) if tags else (),
            category=self.category,
            source=self.path,
            line=element.line,
        )
        before = len(self.problems)
        reader = getattr(self, f"read_{kind}")
        built: Question = reader(question, element)
        if len(self.problems) > before:
            return
        self.collect(
            built, line=element.line, given_id=element.text_of("idnumber") or None
        )

    def answers(self, element: _Element) -> list[tuple[float, str, str]]:
        found = []
        for answer in element.all("answer"):
            fraction = parse_number(answer.attrs.get("fraction", "0"))
            if fraction is None:
                self.problem(answer.line, "answer fraction is not a number")
                continue
            text = answer.text_of("text")
            found.append((fraction / 100, text, answer.text_of("feedback")))
        return found

    def read_multichoice(self, question: Question, element: _Element) -> Question:
        single = element.text_of("single").lower() in ("true", "1")
        options = []
        for index, (weight, text, feedback) in enumerate(self.answers(element)):
            correct = weight >= 1 - _SNAP if single else weight > 0
            options.append(Option(option_key(index), text, correct, weight, feedback))
        if len(options) < 2:
            self.problem(element.line, "a multiple-choice question needs 2 answers")
        elif not any(o.correct for o in options):
            self.problem(element.line, "no correct answer")
        kind = "single" if single else "multiple"
        scoring = "all_or_nothing" if single else "partial"
        return replace(question, type=kind, options=tuple(options), scoring=scoring)

    def read_truefalse(self, question: Question, element: _Element) -> Question:
        answer = None
        correct_feedback = incorrect_feedback = ""
        for weight, text, feedback in self.answers(element):
            if weight >= 1 - _SNAP:
                answer = text.lower() == "true"
                correct_feedback = feedback
            else:
                incorrect_feedback = feedback
        if answer is None:
            self.problem(element.line, "true/false question without a right answer")
        return replace(
            question,
            type="truefalse",
            answer=answer,
            correct_feedback=correct_feedback,
            incorrect_feedback=incorrect_feedback,
        )

    def read_shortanswer(self, question: Question, element: _Element) -> Question:
        answers = tuple(
            ShortAnswer(text, weight, feedback)
            for weight, text, feedback in self.answers(element)
            if text
        )
        if not any(a.weight >= 1 - _SNAP for a in answers):
            self.problem(element.line, "no answer gives full marks")
        return replace(question, type="short", answers=answers)

    def read_numerical(self, question: Question, element: _Element) -> Question:
        found: list[NumericAnswer] = []
        incorrect = ""
        for answer in element.all("answer"):
            text = answer.text_of("text")
            if text == "*":
                incorrect = answer.text_of("feedback")
                continue
            value = parse_number(text)
            tolerance = parse_number(answer.text_of("tolerance") or "0")
            weight = parse_number(answer.attrs.get("fraction", "0"))
            if value is None or tolerance is None or weight is None:
                self.problem(answer.line, f"numerical answer {text!r} is not a number")
                continue
            feedback = answer.text_of("feedback")
            found.append(NumericAnswer(value, abs(tolerance), weight / 100, feedback))
        if not any(a.weight >= 1 - _SNAP for a in found):
            self.problem(element.line, "no answer gives full marks")
        return replace(
            question,
            type="numerical",
            numeric_answers=tuple(found),
            incorrect_feedback=incorrect,
        )

    def read_matching(self, question: Question, element: _Element) -> Question:
        pairs: list[Pair] = []
        distractors: list[str] = []
        for sub in element.all("subquestion"):
            left, right = sub.text_of("text"), sub.text_of("answer")
            if not right:
                self.problem(sub.line, "matching subquestion without an answer")
            elif left:
                pairs.append(Pair(left, right))
            else:
                distractors.append(right)
        if len(pairs) < 2:
            self.problem(element.line, "a matching question needs at least 2 pairs")
        return replace(
            question,
            type="matching",
            pairs=tuple(pairs),
            distractors=tuple(distractors),
        )


def _read(data: bytes | str, path: str, id_prefix: str) -> _Reader:
    reader = _Reader(path, id_prefix)
    reader.read(data.encode("utf-8") if isinstance(data, str) else data)
    if reader.problems:
        raise MoodleXmlError(reader.problems)
    return reader


def parse_moodle_xml(
    data: bytes | str, path: str = "<xml>", *, id_prefix: str = "moodle-"
) -> list[Question]:
    """Every question of a Moodle XML export; raises ``MoodleXmlError``."""
    return _read(data, path, id_prefix).questions


def parse_moodle_xml_bank(
    data: bytes | str,
    path: str = "<xml>",
    *,
    slug: str,
    title: str,
    course: str | None = None,
) -> Bank:
    """A Moodle XML export as a bank; ids without ``<idnumber>`` get ``<slug>-``."""
    reader = _read(data, path, f"{slug}-")
    return Bank(
        slug=slug,
        title=title,
        course=course,
        categories=tuple(reader.categories),
        questions=tuple(reader.questions),
        source=path,
    )


def load_moodle_xml_bank(
    path: str | Path, *, slug: str, title: str, course: str | None = None
) -> Bank:
    return parse_moodle_xml_bank(
        Path(path).read_bytes(), str(path), slug=slug, title=title, course=course
    )

"""Read questions from Moodle XML (question bank export). Pure module.

Reads the question types the academy can grade: multichoice (single and
multiple answer), truefalse, shortanswer, numerical (with its units) and
matching, plus ``category`` entries (their ``<idnumber>`` becomes the category
id). Every other type (essay, description, cloze, drag and drop, ...) and a
question embedding a file that is not an image are unsupported: they refuse
the file, or are left out and listed with ``skip_unsupported``. All problems of
a file are raised together in ``MoodleXmlError`` with the line of the element.
Embedded images are kept on the question (see ``files``).

Mapping, the same as for GIFT so that a bank exported by Moodle in either
format reads the same: ``<name>`` is the title, ``<idnumber>`` the id (else a
stable hash, see ``derived_question_id``), ``<generalfeedback>`` the
explanation, ``<tags>`` the tags, answer ``fraction`` the option weight.
Formats: html → html, markdown → markdown, plain_text → plain,
moodle_auto_format → markdown. A numerical answer ``*`` carries the feedback for
wrong answers. Moodle stores no range, only value ± tolerance.
Units: ``<units>`` become ``Question.units``; ``<unitgradingtype>`` 0 is
"optional", 1 "response" (penalty × the response's mark), 2 "question";
``<unitpenalty>`` is already a fraction; ``<unitsleft>`` 1 puts the unit first.
``<showunits>`` (text box, radio buttons, menu, none) is not kept: the academy
always asks for a numerical answer in a text box.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from xml.parsers import expat

from lms.quizzes.grading import parse_number
from lms.quizzes.questions import (
    Bank,
    NumericAnswer,
    NumericUnit,
    Option,
    Pair,
    Question,
    QuizSourceError,
    ShortAnswer,
    option_key,
)

from ..collecting import QuestionCollector
from .files import read_files
from .tree import Element, Refused, parse_xml

_FORMATS = {
    "html": "html",
    "markdown": "markdown",
    "plain_text": "plain",
    "moodle_auto_format": "markdown",
}
_SUPPORTED = ("multichoice", "truefalse", "shortanswer", "numerical", "matching")
_SNAP = 1e-5
_UNIT_GRADINGS = {"0": "optional", "1": "response", "2": "question"}


class MoodleXmlError(QuizSourceError):
    """A Moodle XML file could not be read; ``problems`` lists every problem."""


class _Reader(QuestionCollector):
    def read(self, data: bytes) -> None:
        try:
            root = parse_xml(data)
        except Refused as refused:
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
                self.skip(
                    element.line,
                    f"{kind or 'untyped'} questions are not supported "
                    f"(supported: {', '.join(_SUPPORTED)})",
                )
            else:
                self.read_question(element, kind)

    def read_category(self, element: Element) -> None:
        path = element.text_of("category")
        if not path:
            self.problem(element.line, "category without a path")
            return
        self.enter_category(element.text_of("idnumber") or path, path)

    def read_question(self, element: Element, kind: str) -> None:
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
        files = read_files(element, self.problem, self.skip)
        if files is None:
            return
        reader = getattr(self, f"read_{kind}")
        built: Question = reader(replace(question, files=files), element)
        if len(self.problems) > before:
            return
        self.collect(
            built, line=element.line, given_id=element.text_of("idnumber") or None
        )

    def answers(self, element: Element) -> list[tuple[float, str, str]]:
        found = []
        for answer in element.all("answer"):
            fraction = parse_number(answer.attrs.get("fraction", "0"))
            if fraction is None:
                self.problem(answer.line, "answer fraction is not a number")
                continue
            text = answer.text_of("text")
            found.append((fraction / 100, text, answer.text_of("feedback")))
        return found

    def read_multichoice(self, question: Question, element: Element) -> Question:
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

    def read_truefalse(self, question: Question, element: Element) -> Question:
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

    def read_shortanswer(self, question: Question, element: Element) -> Question:
        answers = tuple(
            ShortAnswer(text, weight, feedback)
            for weight, text, feedback in self.answers(element)
            if text
        )
        if not any(a.weight >= 1 - _SNAP for a in answers):
            self.problem(element.line, "no answer gives full marks")
        return replace(question, type="short", answers=answers)

    def read_numerical(self, question: Question, element: Element) -> Question:
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
        return self.read_units(
            replace(
                question,
                type="numerical",
                numeric_answers=tuple(found),
                incorrect_feedback=incorrect,
            ),
            element,
        )

    def read_units(self, question: Question, element: Element) -> Question:
        units: list[NumericUnit] = []
        holder = element.child("units")
        for unit in holder.all("unit") if holder else []:
            name = unit.text_of("unit_name")
            multiplier = parse_number(unit.text_of("multiplier") or "1")
            if not name or multiplier is None or multiplier <= 0:
                self.problem(unit.line, "a unit needs a name and a positive multiplier")
            elif any(u.name == name for u in units):
                self.problem(unit.line, f"unit {name!r} appears twice")
            else:
                units.append(NumericUnit(name, multiplier))
        if not units:
            return question
        if abs(units[0].multiplier - 1) > _SNAP:
            self.problem(holder.line, "the first unit's multiplier must be 1")  # type: ignore[union-attr]
        grading = _UNIT_GRADINGS.get(element.text_of("unitgradingtype") or "0")
        penalty = parse_number(element.text_of("unitpenalty") or "0")
        if grading is None:
            self.problem(element.line, "<unitgradingtype> is not 0, 1 or 2")
        if penalty is None or not 0 <= penalty <= 1:
            self.problem(element.line, "<unitpenalty> is not a fraction from 0 to 1")
        return replace(
            question,
            units=tuple(units),
            unit_grading=grading or "optional",  # type: ignore[arg-type]
            unit_penalty=penalty or 0.0,
            units_left=element.text_of("unitsleft") in ("1", "true"),
        )

    def read_matching(self, question: Question, element: Element) -> Question:
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


def _read(
    data: bytes | str, path: str, id_prefix: str, skip_unsupported: bool
) -> _Reader:
    reader = _Reader(path, id_prefix)
    reader.read(data.encode("utf-8") if isinstance(data, str) else data)
    problems = reader.all_problems(skip_unsupported=skip_unsupported)
    if problems:
        raise MoodleXmlError(problems)
    return reader


def parse_moodle_xml(
    data: bytes | str,
    path: str = "<xml>",
    *,
    id_prefix: str = "moodle-",
    skip_unsupported: bool = False,
) -> list[Question]:
    """Every question of a Moodle XML export; raises ``MoodleXmlError``."""
    return _read(data, path, id_prefix, skip_unsupported).questions


def parse_moodle_xml_bank(
    data: bytes | str,
    path: str = "<xml>",
    *,
    slug: str,
    title: str,
    course: str | None = None,
    skip_unsupported: bool = False,
) -> Bank:
    """A Moodle XML export as a bank; ids without ``<idnumber>`` get ``<slug>-``.

    With ``skip_unsupported`` the questions the academy cannot hold are left out
    and listed in ``Bank.skipped``; without it they refuse the file.
    """
    return _read(data, path, f"{slug}-", skip_unsupported).bank(
        slug=slug, title=title, course=course, skip_unsupported=skip_unsupported
    )


def load_moodle_xml_bank(
    path: str | Path,
    *,
    slug: str,
    title: str,
    course: str | None = None,
    skip_unsupported: bool = False,
) -> Bank:
    return parse_moodle_xml_bank(
        Path(path).read_bytes(),
        str(path),
        slug=slug,
        title=title,
        course=course,
        skip_unsupported=skip_unsupported,
    )

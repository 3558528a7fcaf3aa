"""What a reader of a foreign question format (GIFT, Moodle XML) collects.

``QuestionCollector`` holds the file's problems, the questions it could not take
(``unsupported``: essays, descriptions, ... which ``--skip-unsupported`` leaves
out instead of refusing the file), its categories, the category the next
question belongs to, and the questions themselves, each with its id.

A question without an id of its own gets one derived from its category and
title (see ``derived_question_id``). Moodle lets two questions share a name, so
when that id is taken the stem joins the hash, and when even the stem is the
same, the question's rank among its twins: every question gets a distinct id,
and the same file read again gives the same ids. Pure module: no Django import.
"""

from __future__ import annotations

from dataclasses import replace

from lms.quizzes.questions import (
    Bank,
    Category,
    Problem,
    Question,
    category_title,
    derived_question_id,
)

SKIP_HINT = "; run the import with --skip-unsupported to import the other questions"


class QuestionCollector:
    def __init__(self, path: str, id_prefix: str) -> None:
        self.path = path
        self.id_prefix = id_prefix
        self.problems: list[Problem] = []
        self.unsupported: list[Problem] = []
        self.questions: list[Question] = []
        self.categories: list[Category] = []
        self.category: str | None = None
        self._id_lines: dict[str, int] = {}

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def skip(self, line: int, message: str) -> None:
        """A question the academy cannot hold; the rest of the file may still be."""
        self.unsupported.append(Problem(self.path, line, message))

    def bank(
        self, *, slug: str, title: str, course: str | None, skip_unsupported: bool
    ) -> Bank:
        """What was read, as a bank; skipped questions listed when skipping."""
        return Bank(
            slug=slug,
            title=title,
            course=course,
            categories=tuple(self.categories),
            questions=tuple(self.questions),
            source=self.path,
            skipped=tuple(self.unsupported) if skip_unsupported else (),
        )

    def all_problems(self, *, skip_unsupported: bool) -> list[Problem]:
        """The problems that refuse the file: unsupported questions count unless
        they are to be skipped, and then say how to skip them."""
        if skip_unsupported:
            return list(self.problems)
        refused = [replace(p, message=p.message + SKIP_HINT) for p in self.unsupported]
        return sorted(self.problems + refused, key=lambda p: p.line or 0)

    def enter_category(self, category_id: str, path: str) -> None:
        """The questions that follow belong to this category."""
        if all(known.id != category_id for known in self.categories):
            self.categories.append(Category(category_id, category_title(path), path))
        self.category = category_id

    def derived_id(self, question: Question) -> str:
        category, title, stem = question.category, question.title, question.stem
        question_id = derived_question_id(self.id_prefix, category, title, stem)
        if question_id not in self._id_lines:
            return question_id
        # A second question of the same name: the stem tells the twins apart.
        key = f"{title or ''}\x1f{stem}"
        question_id = derived_question_id(self.id_prefix, category, key, stem)
        rank = 1
        while question_id in self._id_lines:
            rank += 1
            question_id = derived_question_id(
                self.id_prefix, category, f"{key}\x1f{rank}", stem
            )
        return question_id

    def collect(
        self, question: Question, *, line: int, given_id: str | None, hint: str = ""
    ) -> None:
        """Keep ``question`` under its given or derived id, unless that id is taken."""
        question_id = given_id or self.derived_id(question)
        if question_id in self._id_lines:
            self.problem(
                line,
                f"duplicate question id {question_id!r}, first used at line "
                f"{self._id_lines[question_id]}{hint}",
            )
            return
        self._id_lines[question_id] = line
        self.questions.append(replace(question, id=question_id))

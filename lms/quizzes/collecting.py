"""What a reader of a foreign question format (GIFT, Moodle XML) collects.

``QuestionCollector`` holds the file's problems, its categories, the category
the next question belongs to, and the questions themselves, each with its id
(given, or derived from category, title and stem) checked for duplicates.
Pure module: no Django import.
"""

from __future__ import annotations

from dataclasses import replace

from .questions import Category, Problem, Question, category_title, derived_question_id


class QuestionCollector:
    def __init__(self, path: str, id_prefix: str) -> None:
        self.path = path
        self.id_prefix = id_prefix
        self.problems: list[Problem] = []
        self.questions: list[Question] = []
        self.categories: list[Category] = []
        self.category: str | None = None
        self._id_lines: dict[str, int] = {}

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def enter_category(self, category_id: str, path: str) -> None:
        """The questions that follow belong to this category."""
        if all(known.id != category_id for known in self.categories):
            self.categories.append(Category(category_id, category_title(path), path))
        self.category = category_id

    def collect(
        self, question: Question, *, line: int, given_id: str | None, hint: str = ""
    ) -> None:
        """Keep ``question`` under its given or derived id, unless that id is taken."""
        question_id = given_id or derived_question_id(
            self.id_prefix, question.category, question.title, question.stem
        )
        if question_id in self._id_lines:
            self.problem(
                line,
                f"duplicate question id {question_id!r}, first used at line "
                f"{self._id_lines[question_id]}{hint}",
            )
            return
        self._id_lines[question_id] = line
        self.questions.append(replace(question, id=question_id))

"""Whether banks and quizzes read from files fit the database, before any write.

Every format (YAML, GIFT, Moodle XML) is read into the neutral form of
questions.py first; this check stands between that form and the tables, so
``lms quizzes import --check`` refuses what the import could not store: text
longer than its column, a number JSON cannot hold (``1e999`` reads as
infinity), a NUL character (PostgreSQL cannot store U+0000). The column sizes
are read from the models, so they are stated once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from lms.core.source_text import NUL, NUL_MESSAGE

from .models import Question, QuestionBank, QuestionCategory, Quiz
from .questions import Bank, Problem, QuizDefinition
from .serialization import question_to_data


def _too_long(value: str, model, field: str, what: str) -> str | None:
    limit = model._meta.get_field(field).max_length
    if len(value) > limit:
        return f"{what} is longer than {limit} characters"
    return None


def storage_problems(
    banks: Iterable[Bank], quizzes: Iterable[QuizDefinition] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    for bank in banks:
        path = bank.source or bank.slug
        found = [
            _too_long(bank.slug, QuestionBank, "slug", "bank slug"),
            _too_long(bank.title, QuestionBank, "title", "bank title"),
        ]
        for category in bank.categories:
            found.append(_too_long(category.id, QuestionCategory, "slug", "category"))
            found.append(
                _too_long(category.title, QuestionCategory, "title", "category title")
            )
        problems += [Problem(path, None, message) for message in found if message]
        for question in bank.questions:
            what = f"question {question.id[:40]}"
            found = [
                _too_long(question.id, Question, "qid", f"{what}: id"),
                _too_long(", ".join(question.tags), Question, "tags", f"{what}: tags"),
                _too_long(
                    question.lesson or "", Question, "lesson_ref", f"{what}: lesson"
                ),
                _data_problem(question_to_data(question), what),
            ]
            problems += [
                Problem(path, question.line, message) for message in found if message
            ]
    for quiz in quizzes:
        what = f"quiz {quiz.id[:40]}"
        found = [
            _too_long(quiz.id, Quiz, "slug", f"{what}: id"),
            _too_long(quiz.title, Quiz, "title", f"{what}: title"),
        ]
        problems += [
            Problem(quiz.source or quiz.id, quiz.line, message)
            for message in found
            if message
        ]
    return problems


def _data_problem(data: object, what: str) -> str | None:
    """Why the question data cannot be stored as JSON, or ``None``."""
    pending = [data]
    while pending:  # no recursion: data nests as deep as the source did
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
        elif isinstance(value, float) and not math.isfinite(value):
            return f"{what}: a number is too large to store ({value})"
        elif isinstance(value, str) and NUL in value:
            return f"{what}: {NUL_MESSAGE}"
    return None

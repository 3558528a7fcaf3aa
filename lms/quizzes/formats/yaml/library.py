"""Everything under quizzes/ checked together: ``load_quiz_library`` loads every
bank and quizzes.yaml into a ``QuizLibrary``, ``check_banks`` finds bank slugs
and question ids used in more than one file, and ``check_lesson_refs`` the
questions whose lesson does not exist. Problems of all files are raised together
in one ``BankError``. Pure module: no Django import.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from lms.quizzes.questions import Bank, Problem, Question, QuizDefinition

from .banks import load_bank
from .checker import BankError
from .quizzes import load_quiz_definitions

QUIZZES_FILE = "quizzes.yaml"


@dataclass(frozen=True)
class QuizLibrary:
    """Everything under quizzes/: the banks and the quiz definitions."""

    banks: tuple[Bank, ...]
    quizzes: tuple[QuizDefinition, ...]

    def lesson_refs(self) -> set[str]:
        return set().union(*(bank.lesson_refs() for bank in self.banks))


def check_banks(paths: Iterable[str | Path]) -> list[Bank]:
    """Load every bank; raise one ``BankError`` with the problems of all of them,
    including bank slugs and question ids used in more than one file."""
    banks: list[Bank] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            banks.append(load_bank(path))
        except BankError as error:
            problems.extend(error.problems)
    problems.extend(bank_duplicates(banks))
    if problems:
        raise BankError(problems)
    return banks


def bank_duplicates(banks: Iterable[Bank]) -> list[Problem]:
    """Bank slugs and question ids that more than one file uses (a file's own
    duplicates are its parser's to report)."""
    problems: list[Problem] = []
    slug_source: dict[str, str] = {}
    id_source: dict[str, Question] = {}
    for bank in banks:
        if bank.slug in slug_source:
            problems.append(
                Problem(
                    bank.source or "?",
                    1,
                    f"bank slug {bank.slug!r} is also used by {slug_source[bank.slug]}",
                )
            )
        slug_source.setdefault(bank.slug, bank.source or "?")
        for question in bank.questions:
            first = id_source.get(question.id)
            if first is not None and first.source != question.source:
                problems.append(
                    Problem(
                        question.source or bank.source or "?",
                        question.line,
                        f"duplicate question id {question.id!r}: also in "
                        f"{first.source}:{first.line}",
                    )
                )
            id_source.setdefault(question.id, question)
    return problems


def check_lesson_refs(
    banks: Iterable[Bank], known_lessons: Collection[str]
) -> list[Problem]:
    """A problem for every question whose lesson is not in ``known_lessons``."""
    return [
        Problem(
            q.source or bank.source or "?",
            q.line,
            f"question {q.id}: unknown lesson {q.lesson!r}",
        )
        for bank in banks
        for q in bank.questions
        if q.lesson and q.lesson not in known_lessons
    ]


def load_quiz_library(
    directory: str | Path, *, known_lessons: Collection[str] | None = None
) -> QuizLibrary:
    """Every bank in ``directory`` plus its quizzes.yaml, checked together.

    Raises one ``BankError`` with the problems of all files; with
    ``known_lessons`` the lesson of every question is checked as well.
    """
    directory = Path(directory)
    paths = sorted(p for p in directory.glob("*.yaml") if p.name != QUIZZES_FILE)
    problems: list[Problem] = []
    banks: list[Bank] = []
    try:
        banks = check_banks(paths)
    except BankError as error:
        problems.extend(error.problems)
    if known_lessons is not None:
        problems.extend(check_lesson_refs(banks, known_lessons))
    quizzes: list[QuizDefinition] = []
    quiz_file = directory / QUIZZES_FILE
    if quiz_file.exists() and not problems:
        try:
            quizzes = load_quiz_definitions(quiz_file, banks)
        except BankError as error:
            problems.extend(error.problems)
    elif quiz_file.exists():
        try:
            load_quiz_definitions(quiz_file)
        except BankError as error:
            problems.extend(error.problems)
    if problems:
        raise BankError(problems)
    return QuizLibrary(tuple(banks), tuple(quizzes))

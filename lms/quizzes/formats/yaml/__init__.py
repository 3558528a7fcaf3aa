"""Load and validate question banks (quizzes/*.yaml) and quizzes/quizzes.yaml.

Pure module: no Django import.

A bank file holds ``bank`` (slug), ``title``, optional ``course`` and
``categories`` (``{id, title}``) and ``questions``. Every question has ``id``
(``<bank>-NNN``, unique across all banks), ``type``, ``difficulty``, ``lesson``
(``<course>/<lesson>``), ``stem`` and ``explanation``, optional ``category``,
``tags`` and ``image`` (relative to quizzes/, must exist), and by type:
``options`` (single, multiple, scenario: 3–5 ``{text, correct, feedback}``;
single and scenario exactly one correct, multiple two or more, scenario feedback
on every option), ``scoring`` (multiple: all_or_nothing | partial), ``answer``
(truefalse), ``answers`` (short), ``items`` (ordering, 3–6, correct order) or
``pairs`` (matching, 3–6 ``{left, right}``). Options get keys a, b, c... in the
order written. quizzes.yaml holds ``quizzes:``, a list of quiz definitions
(see ``QuizDefinition`` for the fields and their defaults).

Every loader collects ALL problems of a file, each with the line it comes from
(taken from the YAML node marks), and raises them together in one
``BankError``. Lesson references are only checked for shape here; the caller,
who knows the courses, checks that they exist with ``check_lesson_refs``.

The code lives in focused modules, re-exported here: ``checker`` (the node
checker and ``BankError``), ``banks`` (bank files and their questions),
``quizzes`` (quizzes.yaml) and ``library`` (everything checked
together).
"""

from __future__ import annotations

from .banks import (
    BANK_FIELDS,
    COMMON_FIELDS,
    ITEM_COUNT,
    OPTION_COUNT,
    OPTIONAL_TYPE_FIELDS,
    PAIR_COUNT,
    REQUIRED_QUESTION_FIELDS,
    TYPE_FIELDS,
    load_bank,
    parse_bank,
)
from .checker import BankError
from .library import (
    QUIZZES_FILE,
    QuizLibrary,
    bank_duplicates,
    check_banks,
    check_lesson_refs,
    load_quiz_library,
)
from .quizzes import QUIZ_FIELDS, load_quiz_definitions, parse_quiz_definitions

__all__ = [
    "BANK_FIELDS",
    "COMMON_FIELDS",
    "ITEM_COUNT",
    "OPTIONAL_TYPE_FIELDS",
    "OPTION_COUNT",
    "PAIR_COUNT",
    "QUIZZES_FILE",
    "QUIZ_FIELDS",
    "REQUIRED_QUESTION_FIELDS",
    "TYPE_FIELDS",
    "BankError",
    "QuizLibrary",
    "bank_duplicates",
    "check_banks",
    "check_lesson_refs",
    "load_bank",
    "load_quiz_definitions",
    "load_quiz_library",
    "parse_bank",
    "parse_quiz_definitions",
]

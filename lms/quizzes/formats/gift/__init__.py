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

Not supported: descriptions (text with no answer block) and essays (``{}``),
because every academy question is graded automatically. They refuse the file
with a message naming ``--skip-unsupported``; with ``skip_unsupported=True`` the
other questions are read and these listed in ``Bank.skipped``. Moodle's
short-answer ``*`` wildcard is read as a literal star. The file's name does not
matter (Moodle downloads GIFT as ``.txt``): see ``formats.detect``.

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
  text when untitled): stable across re-imports of the same file. Moodle lets
  questions share a name; the second one's hash takes in its text too, and
  identical twins their rank (see ``formats.collecting``). Two questions with
  the same ``[id:...]`` are still a problem.
- ``[unit:kg] [unit:g*1000] [unitgrading:response] [unitpenalty:20]`` carry a
  numerical question's units, which GIFT has no syntax for (see ``units``).
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

The code lives in focused modules, re-exported here: ``syntax`` (escapes,
markers, ``GiftError``), ``reader`` and ``answer_blocks`` (reading),
``units`` (the unit comment keys), ``writer`` (writing).
"""

from __future__ import annotations

from .reader import (
    load_gift_bank,
    load_gift_file,
    parse_gift,
    parse_gift_bank,
    read_gift_text,
)
from .syntax import GiftError
from .writer import (
    SKIPPED_ORDERING,
    GiftExport,
    SkippedQuestion,
    export_gift,
    write_gift,
)

__all__ = [
    "SKIPPED_ORDERING",
    "GiftError",
    "GiftExport",
    "SkippedQuestion",
    "export_gift",
    "load_gift_bank",
    "load_gift_file",
    "parse_gift",
    "parse_gift_bank",
    "read_gift_text",
    "write_gift",
]

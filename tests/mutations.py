"""Mutated source files for fuzzing the importers (courses, quizzes, drills).

A mutation is a short list of edits to a valid seed file: a NUL or stray syntax
put somewhere, a value swapped for an awkward one (a huge number, a nesting
1,000 deep, an empty string), a line dropped or doubled, the file cut short or
emptied, bytes that are not UTF-8. The edits are plain data drawn by
hypothesis, so a failing file shrinks to the few edits that matter.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DEEP = 1000
# Values put in place of a `key: value` or inserted anywhere in the text.
AWKWARD = [
    "\x00",
    "a\x00b",
    "99999999999999",
    "9223372036854775808",
    "2147483648",
    "-1",
    "0",
    "1e999",
    ".inf",
    ".nan",
    "~",
    "''",
    "[]",
    "{}",
    "true",
    "2024-02-30",
    "2024-01-01",
    "12:30:00",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system ['true']",
    "&a [*a, *a]",
    "*nowhere",
    "[" * DEEP + "]" * DEEP,
    "{a: " * DEEP + "1" + "}" * DEEP,
    "x" * 5000,
    "'unterminated",
    '"\\x00"',
    "- - -",
    ": :",
    "```",
    "````",
    "---",
    "\t",
    "<![CDATA[",
    "]]>",
    "</question>",
    "&#0;",
    "&undefined;",
    "{",
    "}",
    "~",
    "=",
    "#",
    "%",
    "\\",
    "::",
    "[id:x]",
    "\ufeff",
    "\u2028",
    "😀",
]
# Put in place of a whole number already in the file (a pass mark, a limit).
NUMBERS = [
    "99999999999999",
    "9223372036854775808",
    "2147483648",
    "2147483647",
    "100000",
    "-1",
    "0",
    "1.5",
    "1e999",
]
NOT_UTF8 = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"]
# What every problem prints: ``path:line: message``.
PROBLEM_LINE = re.compile(r"^[^\n]+:\d+: \S")
_KEY_VALUE = re.compile(rb"^(\s*-?\s*[\w-]+:)[ \t]*\S.*$", re.MULTILINE)
_NUMBER = re.compile(rb"(?<![\w.-])\d+(?![\w.])")

edits = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(AWKWARD)),
    st.tuples(st.just("value"), st.integers(0, 200), st.sampled_from(AWKWARD)),
    st.tuples(st.just("number"), st.integers(0, 200), st.sampled_from(NUMBERS)),
    st.tuples(st.just("drop_line"), st.floats(0, 1), st.none()),
    st.tuples(st.just("double_line"), st.floats(0, 1), st.none()),
    st.tuples(st.just("cut"), st.floats(0, 1), st.none()),
    st.tuples(st.just("bytes"), st.floats(0, 1), st.sampled_from(NOT_UTF8)),
    st.tuples(st.just("replace_all"), st.just(0.0), st.sampled_from(["", "\n", " "])),
)
mutations = st.lists(edits, min_size=1, max_size=3)

# Deterministic and bounded: the same files on every run and every machine.
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=300,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def _at(data: bytes, fraction: float) -> int:
    return min(int(len(data) * fraction), len(data))


def _line_span(data: bytes, fraction: float) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, _at(data, fraction)) + 1
    end = data.find(b"\n", start)
    return start, (len(data) if end < 0 else end + 1)


def mutate(data: bytes, edits_: list[tuple]) -> bytes:
    """Apply the edits in order; each one leaves bytes (not always UTF-8)."""
    for kind, where, value in edits_:
        if kind == "insert":
            at = _at(data, where)
            data = data[:at] + value.encode() + data[at:]
        elif kind == "value":
            found = list(_KEY_VALUE.finditer(data))
            if found:
                match = found[where % len(found)]
                new = match.group(1) + b" " + value.encode()
                data = data[: match.start()] + new + data[match.end() :]
        elif kind == "number":
            found = list(_NUMBER.finditer(data))
            if found:
                match = found[where % len(found)]
                data = data[: match.start()] + value.encode() + data[match.end() :]
        elif kind == "drop_line":
            start, end = _line_span(data, where)
            data = data[:start] + data[end:]
        elif kind == "double_line":
            start, end = _line_span(data, where)
            data = data[:end] + data[start:end] + data[end:]
        elif kind == "cut":
            data = data[: _at(data, where)]
        elif kind == "bytes":
            at = _at(data, where)
            data = data[:at] + value + data[at:]
        else:
            data = value.encode()
    return data


def fuzz_importer(*, seed: Path, files: list[str], check, load, refused) -> int:
    """Mutate one file of a copy of ``seed`` per example, then check and load it.

    ``check(root)`` returns the problems (it must never raise); with none,
    ``load(root)`` must succeed, and with some it must refuse by raising
    ``refused``. Each load runs in a savepoint that is rolled back, so every
    example starts from the same database. Returns how many files were tried.
    """
    tried = []

    @FUZZ
    @given(name=st.sampled_from(files), edits_=mutations)
    def example(name, edits_):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / seed.name
            shutil.copytree(seed, root)
            target = root / name
            target.write_bytes(mutate(target.read_bytes(), edits_))
            problems = check(root)
            for problem in problems:
                assert PROBLEM_LINE.match(str(problem)), str(problem)
            with transaction.atomic():
                if problems:
                    with pytest.raises(refused):
                        load(root)
                else:
                    load(root)
                transaction.set_rollback(True)
        tried.append(name)

    example()
    return len(tried)

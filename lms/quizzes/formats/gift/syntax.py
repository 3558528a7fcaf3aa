"""The lexical pieces of GIFT shared by its reader and writer: ``GiftError``, the
backslash escapes (swapped for placeholders while parsing, restored after), the
``[markdown]``-style format markers, the ``%w%`` weight and ``[key:value]``
metadata patterns, the true/false words and the slack within which a weight
counts as full marks.
Pure module: no Django import; see the package docstring for the format.
"""

from __future__ import annotations

import re

from lms.quizzes.questions import QuizSourceError


class GiftError(QuizSourceError):
    """A GIFT file could not be read; ``problems`` lists every problem found."""


# Escaped characters are swapped for private-use placeholders before parsing, so
# that "\{" never opens a block, and swapped back in the finished texts.
_ESCAPABLE = {
    "\\": "\ue05c",
    ":": "\ue03a",
    "#": "\ue023",
    "=": "\ue03d",
    "{": "\ue07b",
    "}": "\ue07d",
    "~": "\ue07e",
    "n": "\ue00a",
}
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _ESCAPABLE.items()})

#: GIFT's format markers and the academy format each is read as.
FORMAT_MARKERS = {
    "markdown": "markdown",
    "html": "html",
    "plain": "plain",
    "moodle": "markdown",
}
FORMAT_RE = re.compile(r"^\[(markdown|html|plain|moodle)\]")
WEIGHT_RE = re.compile(r"^%\s*(-?\d+(?:\.\d*)?)\s*%")
META_RE = re.compile(
    r"\[(id|tag|lesson|difficulty|type|scoring|image|unit|unitgrading|unitpenalty"
    r"|unitsleft):((?:\\\]|[^\]])*)\]"
)
TRUE_FALSE_WORDS = {"T": True, "TRUE": True, "F": False, "FALSE": False}
#: A weight within this of 1 gives full marks.
WEIGHT_SLACK = 1e-5


def protect_escapes(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            out.append(_ESCAPABLE[text[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def restore_escapes(text: str) -> str:
    return text.translate(_RESTORE)


def clean_text(text: str) -> str:
    """A finished text: format marker dropped, escapes restored, trimmed."""
    return restore_escapes(FORMAT_RE.sub("", text.strip(), count=1)).strip()

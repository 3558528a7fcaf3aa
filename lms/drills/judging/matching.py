"""Compiled literal and regex patterns, matched negation-aware on a reply.

Literal patterns are normalised like the reply (简体, half-width, lower case, no
spaces or punctuation); regexes run as written, case-insensitively, on the
normalised reply (clauses separated by ``normalise.SEP``). Pure module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lms.drills.judging.negation import is_negated
from lms.drills.judging.normalise import NormText, normalise_pattern

# A reply of several thousand characters must not produce thousands of spans.
MAX_HITS = 20


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in the normalised text; ``negated`` when the reply denies it."""

    start: int
    end: int
    negated: bool


class PatternSet:
    """The ``any`` literals and ``regex`` expressions of one item, compiled once."""

    __slots__ = ("_literal_re", "_regexes", "empty")

    def __init__(self, literals: Iterable[str] = (), regexes: Iterable[str] = ()):
        normalised = {normalise_pattern(lit) for lit in literals}
        words = sorted((w for w in normalised if w), key=lambda w: (-len(w), w))
        self._literal_re = (
            re.compile("|".join(re.escape(w) for w in words)) if words else None
        )
        self._regexes = tuple(re.compile(r, re.IGNORECASE) for r in regexes)
        self.empty = self._literal_re is None and not self._regexes

    def hits(self, norm: NormText, *, negation: bool = True) -> list[Hit]:
        """Every match, in text order, each marked negated or not."""
        text = norm.text
        if not text or self.empty:
            return []
        spans: set[tuple[int, int]] = set()
        if self._literal_re is not None:
            for found in self._literal_re.finditer(text):
                spans.add(found.span())
                if len(spans) >= MAX_HITS:
                    break
        for regex in self._regexes:
            for found in regex.finditer(text):
                if found.end() > found.start():
                    spans.add(found.span())
                if len(spans) >= 2 * MAX_HITS:
                    break
        ordered = sorted(spans)[:MAX_HITS]
        return [Hit(s, e, negation and is_negated(text, s, e)) for s, e in ordered]


def positive(hits: Iterable[Hit]) -> list[Hit]:
    return [h for h in hits if not h.negated]


def original_spans(norm: NormText, hits: Iterable[Hit]) -> list[tuple[int, int]]:
    """The hits as [start, end) offsets into the reply the trainee typed."""
    spans: list[tuple[int, int]] = []
    for hit in hits:
        span = norm.original_span(hit.start, hit.end)
        if span not in spans:
            spans.append(span)
    return spans

"""Named concept lexicons and the dodge-resistant text they are matched on.

A concept is a meaning ("an incentive", "a review", "a contact channel") given by
literal phrases, regexes and, for words people disguise, readings: ``pinyin:
["wei xin"]`` matches 微信, 薇信, 威信, 微芯 … (any characters read that way, from
pypinyin's dictionary). Rules combine concepts by proximity (rules.py).

Matching runs on a *lint view* of the normalised reply that undoes the usual
dodges: separators between single characters are closed up ("w e i x i n",
"加.微.信" → "weixin", "加微信"), and a run of Chinese numerals reads as digits
("一三八 零五七一" → "1380571"). Every view character maps back to the reply,
so a finding still quotes what the trainee typed. Pure module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lms.drills.judging.matching import Hit
from lms.drills.judging.negation import is_negated
from lms.drills.judging.normalise import SEP, NormText, normalise_pattern

_NUMERALS = str.maketrans("零〇一二三四五六七八九幺", "001234567891")
_NUMERAL_RUN_RE = re.compile(r"[零〇一二三四五六七八九幺0-9]{5,}")
# A clause this short next to another this short is a dodge, not a sentence.
_FRAGMENT = 2
_SYLLABLE_RE = re.compile(r"^[a-z]+$")
_TONE_MARKS = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm"
)


@dataclass(frozen=True, slots=True)
class Concept:
    """One meaning, as authored under ``concepts:`` in rules.yaml."""

    name: str
    label: str
    any: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    pinyin: tuple[str, ...] = ()
    # Matches that are exactly one of these words are not the concept ("为新客").
    not_: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LintText:
    """The lint view of a reply: ``text`` and, per character, its ``norm`` index."""

    norm: NormText
    text: str
    index: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return (0, 0)
        return self.norm.original_span(self.index[start], self.index[end - 1] + 1)


def lint_view(norm: NormText) -> LintText:
    """Close up fragment separators and read numeral runs as digits."""
    text = norm.text
    keep: list[int] = []
    clauses = text.split(SEP)
    pos = 0
    for n, clause in enumerate(clauses):
        if n:
            sep_at = pos - 1
            if not (len(clause) <= _FRAGMENT and len(clauses[n - 1]) <= _FRAGMENT):
                keep.append(sep_at)
        keep.extend(range(pos, pos + len(clause)))
        pos += len(clause) + 1
    view = "".join(text[i] for i in keep)
    view = _NUMERAL_RUN_RE.sub(lambda m: m.group().translate(_NUMERALS), view)
    return LintText(norm, view, tuple(keep))


@lru_cache(maxsize=1)
def _readings() -> dict[str, frozenset[str]]:
    """Toneless syllable → the characters that can be read that way."""
    from pypinyin.pinyin_dict import pinyin_dict

    table: dict[str, set[str]] = {}
    for code, readings in pinyin_dict.items():
        char = chr(code)
        for reading in readings.split(","):
            syllable = reading.strip().translate(_TONE_MARKS)
            if _SYLLABLE_RE.match(syllable):
                table.setdefault(syllable, set()).add(char)
    return {k: frozenset(v) for k, v in table.items()}


def reading_regex(spec: str) -> str:
    """``"wei xin"`` → a regex of two character classes (plus the Latin letters)."""
    parts = []
    for syllable in spec.lower().split():
        chars = "".join(sorted(_readings().get(syllable, frozenset())))
        if not chars:
            raise ValueError(f"no character reads '{syllable}'")
        parts.append(f"(?:[{re.escape(chars)}]|{re.escape(syllable)})")
    return "".join(parts)


class ConceptMatcher:
    """A concept compiled: every un-negated place it occurs in a lint view."""

    __slots__ = ("name", "label", "_re", "_not")

    def __init__(self, concept: Concept) -> None:
        self.name = concept.name
        self.label = concept.label
        literals = sorted(
            {w for w in (normalise_pattern(p) for p in concept.any) if w},
            key=lambda w: (-len(w), w),
        )
        parts = [re.escape(w) for w in literals]
        parts += [f"(?:{r})" for r in concept.regex]
        parts += [reading_regex(p) for p in concept.pinyin]
        self._re = re.compile("|".join(parts), re.IGNORECASE) if parts else None
        self._not = frozenset(normalise_pattern(w) for w in concept.not_)

    def hits(self, view: LintText) -> list[Hit]:
        if self._re is None:
            return []
        found: list[Hit] = []
        for match in self._re.finditer(view.text):
            start, end = match.span()
            if end <= start or match.group() in self._not:
                continue
            found.append(Hit(start, end, is_negated(view.text, start, end)))
            if len(found) >= 20:
                break
        return found


@lru_cache(maxsize=256)
def compile_concept(concept: Concept) -> ConceptMatcher:
    return ConceptMatcher(concept)

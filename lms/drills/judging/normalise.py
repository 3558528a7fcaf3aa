"""Normalisation of chat replies, keeping a map back to the original string.

The scorer matches patterns on a normalised copy of the reply (简体, half-width,
lower case, no spaces, emoji and 千牛 emoticon codes removed) but must highlight
spans in the string the trainee typed. Every normalised character therefore
remembers which original characters it came from.

Clause boundaries (，。！？；,.!?; ~ … line breaks, emoji, spaces between Chinese
characters) become a single ``SEP`` so that matching and negation stay inside one
clause. Other punctuation and symbols are dropped.

Offsets are Python string indices (code points) into the original reply.
Pure module: no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from lms.core.textnorm import to_simplified

SEP = "|"

_CLAUSE_PUNCT = frozenset(",.!?;~|\n\r\t。，！？；…/→⇒➡")
_KEEP_SYMBOLS = frozenset("%+")
# Symbols that stand for a word in reviews ("五⭐好评"): read as the word.
_WORD_SYMBOLS = {"⭐": "星", "🌟": "星", "★": "星", "☆": "星"}

# 千牛/旺旺 emoticon codes (/:^_^ /:087 /:-O /:(OK) ...), bracketed emoji names
# ([微笑]) and the most common text emoticons. They read as a clause break.
_EMOTICON_RE = re.compile(
    r"[/／][:：](?:\d{3}|\([A-Za-z]{1,4}\)|[^\s\u3400-\u9fff，。！？；/／]{1,4})"
    r"|[\[［][\u4e00-\u9fffA-Za-z]{1,4}[\]］]"
    r"|[oO]\([^()\u3400-\u9fff]{1,6}\)[oO]"
    r"|[(（][\^*>≧ｏoO•◕╥￣][^()（）\u3400-\u9fff]{0,6}[)）]"
    r"|\^[_oO.\-]?\^|T_T|:-?[)(DPp]"
)


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised reply and, per normalised character, its original range."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of ``text`` to a range of ``original``."""
        if end <= start or not self.text:
            return (0, 0)
        return (self.starts[start], self.ends[end - 1])

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """[start, end) of the clause that contains ``pos`` in ``text``."""
        left = self.text.rfind(SEP, 0, pos) + 1
        right = self.text.find(SEP, pos)
        return left, (len(self.text) if right < 0 else right)

    def clauses(self) -> list[tuple[int, int]]:
        """[start, end) of every clause, in order."""
        bounds: list[tuple[int, int]] = []
        pos = 0
        for part in self.text.split(SEP):
            if part:
                bounds.append((pos, pos + len(part)))
            pos += len(part) + 1
        return bounds


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0x200D, 0xFE0F, 0x20E3)
    )


def _classify(ch: str) -> str:
    """'k' keep, 's' clause separator, 'w' whitespace, 'd' drop."""
    if ch.isalnum():
        return "k"
    if ch in _CLAUSE_PUNCT:
        return "s"
    if ch.isspace():
        return "w"
    if ch in _KEEP_SYMBOLS:
        return "k"
    if _is_emoji(ch) or unicodedata.category(ch) == "So":
        return "s"
    return "d"


def _emoticon_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _EMOTICON_RE.finditer(text)]


@lru_cache(maxsize=8192)
def normalise(text: str) -> NormText:
    """Normalise a reply for matching; see the module docstring."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []

    def emit(ch: str, kind: str, start: int, end: int) -> None:
        chars.append(ch)
        kinds.append(kind)
        starts.append(start)
        ends.append(end)

    emoticons = _emoticon_ranges(text)
    next_emoticon = 0
    i = 0
    length = len(text)
    while i < length:
        if next_emoticon < len(emoticons) and emoticons[next_emoticon][0] == i:
            start, end = emoticons[next_emoticon]
            emit(SEP, "s", start, end)
            next_emoticon += 1
            i = end
            continue
        ch = _WORD_SYMBOLS.get(text[i], text[i])
        folded = ch if ch.isascii() else unicodedata.normalize("NFKC", ch)
        for piece in folded.casefold():
            emit(piece, _classify(piece), i, i + 1)
        i += 1

    out_chars: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    count = len(chars)
    for k in range(count):
        kind = kinds[k]
        ch = chars[k]
        if kind == "d":
            continue
        if kind == "k":
            out_chars.append(ch)
        else:
            if kind == "w" and not _space_separates(chars, kinds, k):
                continue
            if ch == "." and _between_digits(chars, k):
                out_chars.append(".")
                out_starts.append(starts[k])
                out_ends.append(ends[k])
                continue
            if not out_chars or out_chars[-1] == SEP:
                continue
            out_chars.append(SEP)
        out_starts.append(starts[k])
        out_ends.append(ends[k])
    while out_chars and out_chars[-1] == SEP:
        out_chars.pop()
        out_starts.pop()
        out_ends.pop()

    joined = "".join(out_chars)
    simplified = to_simplified(joined)
    if len(simplified) != len(joined):
        simplified = "".join(to_simplified(c) for c in joined)
        if len(simplified) != len(joined):  # pragma: no cover - defensive
            simplified = joined
    return NormText(text, simplified, tuple(out_starts), tuple(out_ends))


def _space_separates(chars: list[str], kinds: list[str], k: int) -> bool:
    """A space between two Chinese characters separates clauses, else it goes."""
    before = k - 1
    while before >= 0 and kinds[before] in ("w", "d"):
        before -= 1
    after = k + 1
    while after < len(chars) and kinds[after] in ("w", "d"):
        after += 1
    if before < 0 or after >= len(chars):
        return False
    return _is_cjk(chars[before]) and _is_cjk(chars[after])


def _between_digits(chars: list[str], k: int) -> bool:
    return 0 < k < len(chars) - 1 and chars[k - 1].isdigit() and chars[k + 1].isdigit()


@lru_cache(maxsize=4096)
def normalise_pattern(pattern: str) -> str:
    """Normalise a literal pattern the same way, without clause separators."""
    return normalise(pattern).text.replace(SEP, "")


@lru_cache(maxsize=4096)
def verbatim(text: str) -> NormText:
    """Already-normalised text as a :class:`NormText` mapping onto itself."""
    positions = tuple(range(len(text)))
    return NormText(text, text, positions, tuple(p + 1 for p in positions))

"""Normalisation of Chinese text shared by quiz grading, drill scoring and search.

Pure module: no Django import, so it is tested and benchmarked without a database.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional → Simplified characters (繁体 → 简体)."""
    return _T2S.convert(text)


def fold_width(text: str) -> str:
    """NFKC: full-width letters, digits and punctuation become half-width."""
    return unicodedata.normalize("NFKC", text)


def strip_punctuation(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))


def normalize_answer(text: str) -> str:
    """Key for comparing short answers.

    Width, case, spaces, punctuation and 繁/简 are ignored: "３００。" is "300".
    """
    text = to_simplified(fold_width(text or ""))
    return strip_punctuation(_SPACE_RE.sub("", text)).casefold()

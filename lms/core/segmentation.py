"""Chinese text → search tokens. Pure: no Django.

Wagtail's database backends split words at spaces and punctuation, so an
unbroken run of Chinese is one "word" and "自动回复" would never match inside
"设置自动回复的步骤". Indexed text and queries both go through this module:
each run of Chinese becomes its overlapping character bigrams (自动 动回 回复),
which is dictionary-free and finds any word of two or more characters inside a
sentence when the query's bigrams are AND-ed.

Digits and Latin letters are runs of their own even when glued to Chinese
("7天无理由" → 7 天无 无理 理由), so "48小时" is found in "48小时内发货". The index
also keeps the first and last character of every Chinese run, so a
one-character word next to a number ("7天", "满2件") is found as well.
"""

from __future__ import annotations

import re

from .textnorm import fold_width, to_simplified

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_RE = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
_CJK_RE = re.compile(rf"[{_CJK}]")


def segment(text: str) -> str:
    """Query tokens, space-separated: Chinese bigrams, other words as they are."""
    return " ".join(_tokens(text, edges=False))


def segment_for_index(text: str) -> str:
    """Indexed tokens: those of `segment()` plus each Chinese run's edge characters."""
    return " ".join(_tokens(text, edges=True))


def _tokens(text: str, *, edges: bool) -> list[str]:
    text = to_simplified(fold_width(text or "")).lower()
    tokens: list[str] = []
    for run in _RUN_RE.findall(text):
        if not _CJK_RE.match(run):
            tokens.append(run)
        elif len(run) == 1:
            tokens.append(run)
        else:
            if edges:
                tokens.extend((run[0], run[-1]))
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens

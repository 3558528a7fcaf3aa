"""Chinese text → search tokens. Pure: no Django.

Wagtail's database backends split words at spaces and punctuation, so an
unbroken run of Chinese is one "word" and "自动回复" would never match inside
"设置自动回复的步骤". Indexed text and queries both go through `segment()`:
each run of Chinese becomes its overlapping character bigrams (自动 动回 回复),
which is dictionary-free and finds any word of two or more characters inside a
sentence when the query's bigrams are AND-ed.
"""

from __future__ import annotations

import re

from .textnorm import fold_width, to_simplified

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_RE = re.compile(rf"[{_CJK}]+|[^\W_]+", re.UNICODE)
_CJK_RE = re.compile(rf"[{_CJK}]")


def segment(text: str) -> str:
    """Space-separated tokens: Chinese bigrams, other words as they are."""
    text = to_simplified(fold_width(text or "")).lower()
    tokens: list[str] = []
    for run in _RUN_RE.findall(text):
        if _CJK_RE.match(run):
            if len(run) == 1:
                tokens.append(run)
            else:
                tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return " ".join(tokens)

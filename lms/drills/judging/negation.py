"""Is a match in a reply negated? Clause-aware, both directions, double negatives.

"不包邮" does not satisfy 包邮, and "我们不能做好评返现" is a refusal, not a
violation. A match is negated when an odd number of negators stands shortly
before it in the same clause (so "不会不包邮" counts as positive), or when a
negating predicate follows it in the clause ("包邮是不可能的", "返现属于违规").

Fixed expressions that contain a negator character but do not negate what
follows ("不好意思", "不客气", "没问题", "能不能", "七天无理由" ...) are masked
first. A new predicate ("但是", "可以", "我们", "的话" ...) ends a negator's scope:
"不满意可以退换" keeps 退换 positive.

Works on the normalised text (see normalise.py). Pure module.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lms.drills.judging.normalise import SEP

# How far before / after a match a negator may stand, in normalised characters.
PRE_WINDOW = 10
POST_WINDOW = 8
COLLECTIVE_WINDOW = 24

_MASKED = tuple(
    (
        "不好意思 不客气 不用客气 不错 不仅 不但 不管 不论 无论 不过 "
        "不断 不少 不久 不妨 不时 不停 不同 不得不 不见不散 不打扰 "
        "不麻烦 不辛苦 毫不 不满意 不合适 不喜欢 不合身 不舒服 不方便 "
        "不便 不清楚的地方 没问题 没有问题 没关系 没事 没错 别担心 别着急 "
        "别急 不用担心 不要担心 不必担心 不用着急 不要着急 不必着急 不着急 "
        "无理由 非常 未来 别的 别人 特别 区别 分别 级别 类别 个别 识别 "
        "能不能 是不是 有没有 会不会 可不可以 要不要 好不好 行不行 对不对 "
        "包不包 算不算 并不影响 不影响 要不 要不然 不如 别以为 穿不进去 穿不进 "
        "穿不下 穿不上 看不懂 听不懂 买不起"
    ).split()
)
_NEGATORS = tuple(
    (
        "不可以 不可能 不允许 不支持 不提供 不接受 不包括 不包含 不能够 "
        "没办法 不能 不会 不要 不用 不是 不行 不可 不做 没有 没法 无法 "
        "无须 无需 禁止 拒绝 严禁 杜绝 并非 从不 从来不 从没 决不 绝不 "
        "未 没 别 勿 莫 不"
    ).split()
)
# A new predicate or subject: a negator before it does not reach past it.
_SCOPE_BREAKERS = tuple(
    (
        "但是 但 可是 然而 而且 并且 所以 因此 只是 如果 要是 的话 "
        "然后 可以 我们 咱们 就 也 都 还 请 再 能 会"
    ).split()
)
# Negating predicates that follow the matched act. Intransitive ones ("返现属于
# 违规", "返现违反平台规则") negate wherever they stand; transitive ones only when
# they end the clause ("返现是不允许的"), because "平台规则不允许私下转账" has
# its object after the verb and leaves the match itself positive.
_PARTICLES = "[的哦呢啊呀了哈噢喔滴啦嘛]*"
_POST_NEGATORS = (
    r"(是|属于|算|都是|就是)?(违规|违法|不合规|违反|犯规)",
    rf"(是|就|也|都)?不(被)?(允许|可以|行|能|可能|支持|提供|接受|做|了|给)"
    rf"{_PARTICLES}(?=\||$)",
    # Not a bare clause-final 没: "收到短信没？" asks, it does not negate.
    rf"(是|就|也|都)?(被)?(禁止|没有|不存在){_PARTICLES}(?=\||$)",
)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MASK_RE = re.compile(_alternation(_MASKED))
_TOKEN_RE = re.compile(
    f"(?P<neg>{_alternation(_NEGATORS)})|(?P<brk>{_alternation(_SCOPE_BREAKERS)})"
)
_POST_RE = re.compile("|".join(f"(?:{p})" for p in _POST_NEGATORS))
_POST_BREAK_RE = re.compile("但|可是|而且|所以|如果|的话|只要|然后")
_MASK_CHAR = "#"
_COLLECTIVE_RE = re.compile("都是|都|均|全都|统统|一律|这些|这类|这种")


@lru_cache(maxsize=8192)
def negation_view(text: str) -> str:
    """``text`` with the fixed non-negating expressions blanked out."""
    return _MASK_RE.sub(lambda m: _MASK_CHAR * len(m.group()), text)


def is_negated(text: str, start: int, end: int) -> bool:
    """Is the match ``text[start:end]`` (normalised text) negated?"""
    view = negation_view(text)
    clause_start = text.rfind(SEP, 0, start) + 1
    clause_end = text.find(SEP, end)
    if clause_end < 0:
        clause_end = len(text)
    return _negated_before(view, clause_start, start) or _negated_after(
        view, end, clause_end
    )


def _negated_before(view: str, clause_start: int, start: int) -> bool:
    count = 0
    window_start = start - PRE_WINDOW
    for token in _TOKEN_RE.finditer(view, clause_start, start):
        if token.lastgroup == "brk":
            count = 0
        elif token.start() >= window_start:
            count += 1
    return count % 2 == 1


def _negated_after(view: str, end: int, clause_end: int) -> bool:
    """A negating predicate a few characters on ("返现这种是不允许的")."""
    if end >= clause_end:
        return False
    found = _POST_RE.search(view, end, clause_end)
    if found is None:
        return False
    # "私下转账、拿钱换好评都是平台不允许的": a list ends in one predicate.
    reach = COLLECTIVE_WINDOW if _COLLECTIVE_RE.search(view, end, found.start()) else 0
    if found.start() > end + max(POST_WINDOW, reach):
        return False
    return _POST_BREAK_RE.search(view, end, found.start()) is None


def has_negator(text: str) -> bool:
    """Does ``text`` (normalised) contain a negator outside fixed expressions?"""
    return any(t.lastgroup == "neg" for t in _TOKEN_RE.finditer(negation_view(text)))

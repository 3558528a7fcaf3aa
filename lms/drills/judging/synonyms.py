"""Words that mean the same thing in a shop's chat, so a key point hears them all.

A trainer writes ``any: ["备注"]``; a trainee writes "给仓库留言". Each group
below is one meaning in customer-service Chinese. A key-point phrase that
contains a word of a group also matches with that word swapped for any other
member ("写进备注" → "写进留言"), and a phrase that *is* a service act (an
apology, thanks, a greeting, a follow-up promise ...) matches the act's whole
lexicon (acts.py). Expansion happens once per scenario, not per reply.
Pure module.
"""

from __future__ import annotations

from collections.abc import Iterable

from lms.drills.judging.normalise import normalise_pattern

# One meaning per line; the first word is the usual one. Short, unambiguous
# words only: a group is swapped inside longer phrases.
GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(line.split())
    for line in (
        "备注 留言 标注 登记 记下 记上 记好 写上 写好",
        "运费 邮费 快递费 来回运费",
        "承担 出 负责 报销 包",
        "照片 图片 相片 图 视频",
        "拍照 拍一下 拍几张 拍张 拍个 拍下来",
        "退款 退钱 退给您 退回",
        "换货 换一双 换新 调换 更换",
        "退货 退回来 寄回",
        "发货 发出 寄出 出库",
        "有货 有现货 还有 能发",
        "没货 缺货 断码 卖完 售罄",
        "联系 找 问 催 核实 对接",
        "快递 物流",
        "马上 立刻 立即 第一时间 这就 现在就",
        "稍等 请等 等我",
        "凑单 搭配 加购 搭一",
        "推荐 建议",
        "尺码 码数 码",
        "地址 收货地址",
        "修改 改",
        "确认 核对 核实 对一下",
        "顾客 买家 亲",
        "不超过 以内 之内",
        "签收 收到货",
        "申请 提交",
        "跟进 盯着 关注",
    )
)

_INDEX: dict[str, tuple[str, ...]] = {}
for _group in GROUPS:
    for _word in _group:
        _INDEX.setdefault(_word, _group)


def expand(
    phrases: Iterable[str], acts: Iterable[tuple[str, ...]] = ()
) -> tuple[str, ...]:
    """``phrases`` plus their synonym variants (one swap per variant)."""
    out: dict[str, None] = {}
    lexicons = [tuple(a) for a in acts]
    for phrase in phrases:
        out[phrase] = None
        norm = normalise_pattern(phrase)
        for lexicon in lexicons:
            if any(normalise_pattern(w) == norm for w in lexicon):
                out.update(dict.fromkeys(lexicon))
        for word, group in _INDEX.items():
            if len(word) < 2 or word not in phrase:
                continue
            for other in group:
                if other != word:
                    out[phrase.replace(word, other, 1)] = None
    return tuple(out)

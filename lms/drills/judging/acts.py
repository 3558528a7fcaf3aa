"""Service acts and tone: greeting, apology, thanks, closing, dismissive phrasing.

Built-in phrase lists, matched like key points (normalised, negation-aware).
Whether a turn *expects* a greeting, an apology or a closing is decided once per
turn (turnmodel.py): first turn, a complaining customer, a turn the drill can
end on — and only when all the turn's model answers show it too. The trainer's
exemplar is the reference, so a heuristic never demands what it leaves out.
Pure module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from lms.drills.judging.matching import PatternSet, original_spans, positive
from lms.drills.judging.normalise import SEP, NormText, normalise
from lms.drills.judging.results import ETIQUETTE, Reason

if TYPE_CHECKING:
    from lms.drills.judging.turnmodel import Expectations

DISMISSIVE_POINTS = 25.0
MISSING_GREETING_POINTS = 5.0
MISSING_APOLOGY_POINTS = 8.0
MISSING_CLOSING_POINTS = 5.0


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The common wordings of each service act. A key point whose phrase is one of
# these words is the act itself and hears all of them (synonyms.py).
GREETING_WORDS = _words(
    "您好 你好 欢迎 在的 在呢 我在 哈喽 hello hi 早上好 上午好 中午好 下午好 "
    "晚上好 很高兴为您服务 为您服务 亲在的 亲亲在的"
)
APOLOGY_WORDS = _words(
    "抱歉 对不起 不好意思 歉意 致歉 道歉 sorry 添麻烦 添了麻烦 久等 见谅 谅解 "
    "委屈您 让您受委屈 给您带来不便 带来的不便 理解您的心情 非常理解 特别理解 "
    "能理解 理解您 辛苦您 对不住 是我们的不是 我们的错 我们的问题 我们的责任 "
    "抱谦 报歉 过意不去 让您失望 心疼"
)
THANKS_WORDS = _words("谢谢 感谢 多谢 谢啦 thanks thank 谢了 辛苦了 感恩")
CLOSING_WORDS = _words(
    "祝您 祝你 期待 欢迎再次 欢迎下次 欢迎常来 再见 拜拜 感谢 谢谢 随时联系 "
    "随时找 随时来 随时咨询 随时留言 随时戳 购物愉快 生活愉快 愉快 还有什么 "
    "还有其他 有问题随时 有任何问题 回头见 欢迎回来"
)
FOLLOW_UP_WORDS = _words(
    "跟进 有消息 有进展 有动态 有结果 第一时间告诉 第一时间通知 马上告诉 通知您 "
    "告诉您 回复您 答复您 联系您 同步给您 随时告诉 盯着 帮您盯 给您回话"
)
EVIDENCE_WORDS = _words(
    "拍照 拍一下 拍张 拍几张 照片 图片 视频 截图 拍个 上传 发我看看 发过来看看"
)
CONFIRM_WORDS = _words(
    "对吗 对吧 是吗 没错吧 核对 确认一下 您确认 对一下 有没有问题 没问题的话 "
    "是这个吗 对不对 可以吗"
)
ACT_LEXICONS = (
    GREETING_WORDS, APOLOGY_WORDS, THANKS_WORDS, FOLLOW_UP_WORDS,
    EVIDENCE_WORDS, CONFIRM_WORDS,
)  # fmt: skip

GREETING = PatternSet(GREETING_WORDS)
APOLOGY = PatternSet(APOLOGY_WORDS)
CLOSING = PatternSet(CLOSING_WORDS)
# Clauses that are only courtesy ("您好", "谢谢") are not content.
COURTESY = PatternSet(
    (*GREETING_WORDS, *APOLOGY_WORDS, *THANKS_WORDS, *CLOSING_WORDS, "亲", "亲亲")
)
# Dismissive, blaming or impatient phrasing that the store rules may not cover.
DISMISSIVE = PatternSet(
    _words(
        "自己看 自己去看 自己查 自己去查 自己找 你自己 没看到吗 看不懂吗 听不懂吗 "
        "说过了 回答你了 回答过了 还要怎样 还想怎样 烦不烦 有完没完 急什么 催什么 "
        "不买就算 爱买不买 随便你 随你便 您随意 你随意 关我什么事 跟我没关系 "
        "不关我们的事 不关我事 不归我管 不是我负责 找快递去 去找快递 你的问题 你的错 "
        "你想多了 凭什么 我也没办法 那没办法 没办法了 问那么多 都要问 早说啊 "
        "又不是只有你 不是只有你一个 改来改去 你到底 终于走了 规定就是这样 "
        "自己的问题 急也没用 这都不会 百度一下 不会看吗 随便给 敲诈 勒索 讹人 碰瓷 "
        "看着办 规则就是规则 不止您一个 不止你一个 穿法不对 还想退 怎么又 就去投诉 "
        "随便您投诉 随便你投诉 要投诉就 爱投诉 很正常的 也没办法 没辙 不关我们"
    ),
    (
        r"(我|也|都|这个|那个|真)不(知道|清楚)",
        r"(^|\|)不(知道|清楚)(呢|啊|哦|诶|哎|了)?($|\|)",
        r"(您|你)(自己)?(怎么|为什么|干嘛|干吗)(不|没)",
        r"(您|你)自己(打|问|去|查|找|联系|看)",
        r"(不是|刚)(刚)?(说|讲)(过|了).{0,6}(吗|么)",
        r"(^|\|)(不可能|没门|随你|随便)($|\|)",
        r"([\u4e00-\u9fff])啥\1",
    ),
)
# A reply that is nothing but a grunt ("嗯", "哦。") brushes the customer off.
# So is a bare acknowledgement ("好的", "收到", "稍等") that tells them nothing.
_INTERJECTION_RE = re.compile(
    r"^(?:(?:嗯|恩|哦|噢|喔|呵|额|唔|emm+|en|o|好的?|好滴|好嘞|收到了?|知道了|"
    r"明白了?|ok|okay|稍等(?:一下)?|亲|哈+|啦|呢|了|呀)\|?)+$"
)
# A customer message that complains or is upset: the reply owes an apology.
_COMPLAINT_RE = re.compile(
    "怎么(还|又|都)?(没|不)|还没(到|发|收到|动|更新|回)|太慢|慢死|等了|几天了|好几天|"
    "坏了|破损|破了|损坏|压坏|划痕|质量(问题|太差|不好)|差评|投诉|骗|垃圾|生气|失望|"
    "气死|什么情况|搞什么|怎么回事|怎么搞|漏发|少发|发错|错发|不对|脱胶|开胶|掉色|"
    "起球|不满意|太差|差劲|举报|12315|糟糕|有没有人|人呢|回复.{0,2}慢|不回|没人|"
    "烂|坑|退钱|赔|!!|\\?\\?|!\\?|\\?!"
)


def is_interjection(norm: NormText) -> bool:
    return bool(norm.text) and _INTERJECTION_RE.match(norm.text) is not None


def complains(messages: Iterable[str]) -> bool:
    """Do the customer's messages complain or sound upset?"""
    for message in messages:
        folded = normalise(message).text.replace(SEP, "")
        raw = message.replace("！", "!").replace("？", "?")
        if _COMPLAINT_RE.search(folded) or _COMPLAINT_RE.search(raw):
            return True
    return False


def _overlaps(spans: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]):
    return any(a < d and c < b for a, b in spans for c, d in taken)


def etiquette_reasons(
    expects: Expectations,
    norm: NormText,
    taken: Sequence[tuple[int, int]],
) -> tuple[float, float, list[Reason]]:
    """Tone deductions and reasons; ``taken`` spans were already deducted.

    Returns (rudeness, missing courtesies, reasons): rudeness harms the customer,
    a missing greeting/apology/closing only makes the reply weaker.
    """
    rudeness = missing = 0.0
    reasons: list[Reason] = []
    rude = positive(DISMISSIVE.hits(norm))
    if rude or is_interjection(norm):
        spans = tuple(original_spans(norm, rude)) or ((0, len(norm.original)),)
        points = 0.0 if _overlaps(spans, taken) else DISMISSIVE_POINTS
        rudeness += points
        reasons.append(
            Reason(
                ETIQUETTE, "dismissive", "broken", "敷衍或不耐烦",
                "敷衍、推脱、指责或不耐烦的说法会让顾客觉得不被重视", -points,
                severity="major", lesson="communication/calming", spans=spans,
            )
        )  # fmt: skip
    apologised = positive(APOLOGY.hits(norm))
    checks = (
        (expects.greeting, GREETING, "greeting", "问候", MISSING_GREETING_POINTS,
         "第一句回复要先问候顾客", "communication/welcome"),
        (expects.apology, APOLOGY, "apology", "致歉与安抚", MISSING_APOLOGY_POINTS,
         "顾客在抱怨,先道歉、表示理解再解决问题", "communication/calming"),
        (expects.closing, CLOSING, "closing", "结束语", MISSING_CLOSING_POINTS,
         "对话结束前要有礼貌的结束语", "communication/farewell"),
    )  # fmt: skip
    for expected, patterns, cid, label, points, advice, lesson in checks:
        if not expected:
            continue
        found = positive(patterns.hits(norm))
        if not found and cid == "greeting" and expects.apology:
            found = apologised  # an upset customer is rightly greeted with an apology
        if found:
            reasons.append(
                Reason(
                    ETIQUETTE, cid, "ok", label, f"有{label}",
                    spans=tuple(original_spans(norm, found)),
                )
            )  # fmt: skip
            continue
        missing += points
        reasons.append(
            Reason(
                ETIQUETTE, cid, "missing", label, advice, -points,
                severity="minor", lesson=lesson,
            )
        )  # fmt: skip
    return rudeness, missing, reasons

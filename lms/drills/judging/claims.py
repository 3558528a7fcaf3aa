"""Facts a reply asserts that the turn's own answers and side panel do not.

Three checks, all against what the scenario itself says (model answers, the
customer's messages and the side-panel context), so no rubric has to list them:

* **stance claims**: "没货了", "运费您自己出", "不能退", "改不了", "已经签收" …
  A reply asserting one that no model answer asserts contradicts the turn.
* **figures**: a price, fee, threshold, size or duration ("满199包邮", "加20元",
  "XL码", "3到5天发货") that appears nowhere in the scenario is made up.
* **keyword lists**: "满减 新客券 凑单" covers the rubric but is not a sentence
  to a customer; it is weak however many key points it names.

Pure module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from lms.drills.judging.matching import PatternSet, positive
from lms.drills.judging.normalise import SEP, NormText, normalise, verbatim

# Each stance in its common wordings; negated mentions do not assert it.
STANCES: dict[str, tuple[str, ...]] = {
    "out-of-stock": ("没货了", "缺货", "断码了", "卖完了", "售罄", "没库存", "无货"),
    "buyer-pays": (
        "运费您出", "运费你出", "您自己出", "你自己出", "您自己承担", "你自己承担",
        "运费需要您", "运费得您", "运费要您", "您承担运费", "您出运费",
        "需要您自己承担",
        "运费由您", "您自付", "自费寄回", "运费是您",
    ),
    "in-stock": ("有货", "有现货", "现货"),
    "delivered": ("已经签收", "显示签收", "已签收"),
    "no-return-needed": ("不用寄回", "不用退回", "鞋子您留着", "不用退货"),
    "machine-wash": ("机洗", "洗衣机", "放太阳底下", "暴晒"),
    "waterproof": ("完全防水", "防水的", "暴雨", "不用带伞", "大雨也", "雨衣一样"),
}  # fmt: skip
_STANCE_SETS = {k: PatternSet(v) for k, v in STANCES.items()}

# A figure with the unit that makes it a fact of the shop; "1–2 天" is a range.
_UNIT_KINDS = {
    "元": "money", "块": "money", "码": "size", "天": "days", "日": "days",
    "个工作日": "days", "工作日": "days", "小时": "hours", "h": "hours",
    "cm": "cm", "厘米": "cm", "%": "percent", "折": "discount", "℃": "celsius",
    "度": "celsius",
}  # fmt: skip
_FIGURE_RE = re.compile(
    r"(?<![0-9.])(?P<a>[0-9]+(?:\.[0-9]+)?)"
    r"(?:\s*[-–—~〜到至]\s*(?P<b>[0-9]+(?:\.[0-9]+)?))?\s*"
    r"(?P<unit>个工作日|工作日|小时|厘米|元|块|码|天|日|cm|%|折|℃|度|h(?![a-z]))"
)
# "满199包邮", "满300减20": a threshold needs no unit to be a fact.
_THRESHOLD_RE = re.compile(r"满\s*([0-9]+)(?![0-9.]*\s*(元|块|码|天|小时|cm|%))")
_LETTER_RE = re.compile(r"(?<![a-z])(xxxl|xxl|xl|xs|s|m|l)(?![a-z])")
_LETTER_SIZE_RE = re.compile(r"(?<![a-z])(xxxl|xxl|xl|xs|s|m|l)\s*码")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")

# Words that make a clause a sentence to someone, not a keyword.
_SENTENCE_MARKERS = re.compile(
    "[您你我咱们的了吗呢吧啊哈呀哦噢是能会要给帮请已在有就都还也没不很太再把被让对嘛啦这那比更偏可]"
    "|建议"
    "|可以|什么|怎么"
)
KEYWORD_CLAUSE_MAX = 8
# Two bare clauses can be a terse answer ("飞织网布鞋面，透气"); three are a list.
MIN_CLAUSES = 3


@dataclass(frozen=True, slots=True)
class Facts:
    """What the scenario says, precomputed once per turn."""

    stances: frozenset[str]
    numbers: frozenset[str]  # every number, for prices (often written bare)
    figures: frozenset[tuple[str, str]]  # (number, unit kind) stated with a unit
    sizes: frozenset[str]  # sizes the model answers name
    letters: frozenset[str] = frozenset()  # letter sizes anywhere in the scenario


def turn_facts(answers: Iterable[str], context_texts: Iterable[str]) -> Facts:
    answers = list(answers)
    answer_norms = [normalise(a) for a in answers]
    stances = frozenset(
        name
        for name, patterns in _STANCE_SETS.items()
        if any(positive(patterns.hits(n)) for n in answer_norms)
    )
    raw = _fold(" ".join([*answers, *context_texts]))
    sizes = frozenset(
        value
        for answer in answers
        for value, kind, _ in _figures(_fold(answer))
        if kind == "size"
    ) | frozenset(
        m.group(1) for n in answer_norms for m in _LETTER_SIZE_RE.finditer(n.text)
    )
    # Letter sizes the side panel names ("L 适合 40–45 码") are facts too.
    letters = frozenset(m.group(1) for m in _LETTER_RE.finditer(raw))
    return Facts(
        stances,
        frozenset(_NUMBER_RE.findall(raw)),
        frozenset((v, k) for v, k, _ in _figures(raw)),
        sizes,
        letters,
    )


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str  # "stance" | "figure"
    name: str
    spans: tuple[tuple[int, int], ...]  # offsets into the original reply


def unsupported_claims(norm: NormText, facts: Facts) -> list[Claim]:
    """Stances and figures in the reply that the scenario never states."""
    claims: list[Claim] = []
    for name, patterns in _STANCE_SETS.items():
        if name in facts.stances:
            continue
        hits = positive(patterns.hits(norm))
        if hits:
            spans = tuple(norm.original_span(h.start, h.end) for h in hits)
            claims.append(Claim("stance", name, spans))
    folded = _fold(norm.original)
    for value, kind, span in _figures(folded):
        if kind == "money":
            known = value in facts.numbers
        elif kind == "size":
            known = (
                not facts.sizes
                or value in facts.sizes
                or (value, kind) in facts.figures
            )
        else:
            known = (value, kind) in facts.figures
        if not known and all(span not in c.spans for c in claims):
            claims.append(Claim("figure", folded[span[0] : span[1]], (span,)))
    for match in _THRESHOLD_RE.finditer(folded):
        if match.group(1) not in facts.numbers:
            claims.append(Claim("figure", match.group(), (match.span(),)))
    if facts.sizes:
        for match in _LETTER_SIZE_RE.finditer(folded):
            if match.group(1) not in facts.sizes | facts.letters:
                claims.append(Claim("figure", match.group(), (match.span(),)))
    return claims


def _fold(text: str) -> str:
    """Half-width, lower case, one character for one: offsets stay the reply's."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch).lower()
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def _figures(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(number, unit kind, span) for every figure; a range gives both ends."""
    found = []
    for match in _FIGURE_RE.finditer(text):
        kind = _UNIT_KINDS[match.group("unit")]
        for value in (match.group("a"), match.group("b")):
            if value:
                found.append((value, kind, match.span()))
    return found


def is_keyword_list(norm: NormText, courtesy: PatternSet) -> bool:
    """Two or more bare fragments and hardly a sentence among them."""
    clauses = norm.clauses()
    if len(clauses) < MIN_CLAUSES:
        return False
    fragments = [
        norm.text[s:e]
        for s, e in clauses
        if not _only_courtesy(norm.text[s:e], courtesy)
    ]
    if len(fragments) < 2:
        return False
    if sum(len(f) for f in fragments) / len(fragments) > KEYWORD_CLAUSE_MAX:
        return False
    return not any(_SENTENCE_MARKERS.search(f) for f in fragments)


def _only_courtesy(clause: str, courtesy: PatternSet) -> bool:
    hits = courtesy.hits(verbatim(clause), negation=False)
    covered = sum(h.end - h.start for h in hits)
    return bool(hits) and covered >= len(clause.replace(SEP, "")) - 1

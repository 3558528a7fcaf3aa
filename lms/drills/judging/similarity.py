"""Deterministic, offline similarity between a reply and model answers.

Character uni- and bigrams (never across a clause break), TF-IDF weighted and
compared by cosine. The IDF is learnt from the scenario's own texts plus a fixed
background of generic customer-service sentences, so that words every reply
shares (您好, 亲, 哦, 的) weigh little and the facts of the turn weigh much.

Raw cosine is not comparable across turns: polite filler alone shares a lot with
any model answer. :func:`calibrate` therefore rescales against a *null level*:
how similar the turn's model answers are to unrelated replies (the other turns'
model answers and the background sentences). An unrelated reply lands near 0,
a verbatim model answer at 1. Pure module.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from lms.drills.judging.normalise import SEP, normalise

Vector = dict[str, float]

UNIGRAM_WEIGHT = 0.5

# Generic lines an agent says in any chat; they teach the IDF what is filler.
BACKGROUND = (
    "您好,欢迎光临本店,有什么可以帮您的吗?",
    "亲,在的哦,请问有什么可以帮到您?",
    "好的亲,请您稍等,我这边帮您查询一下。",
    "不好意思让您久等了,非常抱歉。",
    "感谢您的耐心等待,祝您购物愉快!",
    "亲,还有其他问题可以随时联系我们哦~",
    "好的呢,收到,马上为您处理。",
    "谢谢亲的支持,欢迎下次光临!",
    "亲亲,您说的问题我已经记录下来了。",
    "理解您的心情,我们一定会给您一个满意的答复。",
    "亲,您看一下还有什么需要帮忙的吗?",
    "嗯嗯,是的呢,您放心。",
    "亲,这个我帮您问一下同事,请稍等哦。",
    "您好,这边是客服小风,很高兴为您服务。",
    "好的,已经为您备注好了。",
    "亲,麻烦您提供一下订单号,我这边帮您查看。",
)


def grams(text: str) -> Counter[str]:
    """Uni- and bigram counts of a normalised text, bigrams within clauses."""
    counts: Counter[str] = Counter()
    for clause in text.split(SEP):
        counts.update(clause)
        counts.update(clause[i : i + 2] for i in range(len(clause) - 1))
    return counts


class Vectoriser:
    """TF-IDF over uni/bigrams, fitted once per scenario."""

    def __init__(self, documents: Iterable[str]) -> None:
        docs = [normalise(d).text for d in (*documents, *BACKGROUND)]
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(set(grams(doc)))
        n = len(docs)
        self._idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self._unseen_idf = math.log(n + 1) + 1.0

    def vector(self, normalised_text: str) -> Vector:
        weights: Vector = {}
        for gram, count in grams(normalised_text).items():
            weight = (1.0 + math.log(count)) * self._idf.get(gram, self._unseen_idf)
            if len(gram) == 1:
                weight *= UNIGRAM_WEIGHT
            weights[gram] = weight
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if norm == 0:
            return {}
        return {g: w / norm for g, w in weights.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(g, 0.0) for g, w in a.items())


def best_cosine(vector: Vector, others: Sequence[Vector]) -> float:
    return max((cosine(vector, o) for o in others), default=0.0)


def null_level(answers: Sequence[Vector], unrelated: Sequence[Vector]) -> float:
    """Mean best similarity of unrelated texts to these answers."""
    if not unrelated or not answers:
        return 0.0
    return sum(best_cosine(u, answers) for u in unrelated) / len(unrelated)


def calibrate(raw: float, null: float) -> float:
    """Rescale so that ``null`` maps to 0 and 1 stays 1; clamp to [0, 1]."""
    if null >= 1.0:
        return 0.0
    # Rounded so that float noise never turns a verbatim answer into 0.99999.
    return round(min(1.0, max(0.0, (raw - null) / (1.0 - null))), 6)

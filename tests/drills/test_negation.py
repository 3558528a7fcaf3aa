import pytest

from lms.drills.judging.negation import is_negated
from lms.drills.judging.normalise import normalise


def negated(sentence: str, word: str) -> bool:
    text = normalise(sentence).text
    start = text.index(word)
    return is_negated(text, start, start + len(word))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("不包邮", "包邮"),
        ("这款不支持七天无理由退换", "退换"),
        ("我们不能做好评返现哦", "好评返现"),
        ("我们不会给您做好评返现", "好评返现"),
        ("还没有发货", "发货"),
        ("好评返现是不允许的", "好评返现"),
        ("好评返现属于违规哦", "好评返现"),
        ("返现违反平台规则", "返现"),
        ("包邮不了哦", "包邮"),
        ("運費險沒有的", "运费险"),
    ],
)
def test_a_negated_mention_is_recognised(sentence, word):
    assert negated(sentence, word)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("我们是包邮的", "包邮"),
        ("不好意思,这款包邮", "包邮"),
        ("不好意思包邮哦", "包邮"),
        ("不客气,满300减20哦", "满300减20"),
        ("不满意可以七天无理由退换", "退换"),
        ("没收到的话我们给您补发", "补发"),
        ("别担心我们会补发", "补发"),
        ("但平台规则不允许在平台外转账", "平台规则"),
        ("拆封后就不支持7天无理由退换了", "拆封"),
        ("给您好评返现5元", "好评返现"),
    ],
)
def test_a_positive_mention_is_not_taken_for_a_negation(sentence, word):
    assert not negated(sentence, word)


def test_a_double_negative_counts_as_positive():
    assert not negated("这款不会不包邮的", "包邮")
    assert not negated("不是不能退", "退")


def test_a_negation_does_not_reach_into_the_next_clause():
    assert not negated("不能便宜了,但是包邮哦", "包邮")
    assert not negated("不能便宜,包邮的", "包邮")


def test_negation_in_traditional_characters_is_recognised():
    assert negated("這款不包郵", "包邮")

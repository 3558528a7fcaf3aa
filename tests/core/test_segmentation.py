"""Chinese text → search tokens, the same way for the index and for queries."""

from lms.core.segmentation import segment, segment_for_index


def test_segment_makes_bigrams_of_chinese_and_keeps_other_words():
    assert segment("设置自动回复") == "设置 置自 自动 动回 回复"
    assert segment("千牛 CSV 导入") == "千牛 csv 导入"
    assert segment("快捷短語") == segment("快捷短语")


def test_digits_and_latin_glued_to_chinese_are_words_of_their_own():
    assert segment("7天无理由") == "7 天无 无理 理由"
    assert segment("48小时内发货") == "48 小时 时内 内发 发货"
    assert segment("CSV导入") == "csv 导入"
    assert segment("７天无理由") == segment("7天无理由")  # full-width digit


def test_a_query_glued_or_spaced_gives_the_same_words():
    assert segment("7天无理由") == segment("7 天无理由")


def test_the_index_also_keeps_the_edge_characters_of_each_chinese_run():
    # So "7天" (7 and 天) is found in "7天无理由", and "满2件" in "满2件包邮".
    assert segment_for_index("7天无理由") == "7 天 由 天无 无理 理由"
    assert set(segment("7天").split()) <= set(segment_for_index("7天无理由").split())
    assert set(segment("2件").split()) <= set(segment_for_index("满2件包邮").split())


def test_every_query_word_of_a_text_is_in_its_index_words():
    texts = ["7天无理由退换货", "下单后48小时内发货", "设置自动回复", "CSV导入导出"]
    for text in texts:
        assert set(segment(text).split()) <= set(segment_for_index(text).split())

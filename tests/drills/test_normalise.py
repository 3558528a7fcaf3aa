from lms.drills.judging.normalise import SEP, normalise, normalise_pattern


def spans_text(original: str) -> list[str]:
    norm = normalise(original)
    return [original[slice(*norm.original_span(s, e))] for s, e in norm.clauses()]


def test_traditional_characters_become_simplified():
    assert normalise("這雙鞋能便宜點嗎").text == "这双鞋能便宜点吗"


def test_full_width_letters_and_digits_become_half_width_and_lower_case():
    assert normalise("ＳＨ－１０２４ 滿３００減２０").text == "sh1024满300减20"


def test_clause_punctuation_becomes_one_separator():
    assert (
        normalise("在吗？？这双鞋，能便宜点吗!!").text
        == f"在吗{SEP}这双鞋{SEP}能便宜点吗"
    )


def test_a_space_between_chinese_characters_separates_clauses():
    assert normalise("好的 谢谢").text == f"好的{SEP}谢谢"


def test_a_space_next_to_digits_or_latin_letters_is_dropped():
    assert normalise("满300 减20").text == "满300减20"


def test_decimal_point_between_digits_is_kept():
    assert normalise("只要29.9元").text == "只要29.9元"


def test_emoji_are_removed():
    assert normalise("好的👍😊").text == "好的"


def test_qianniu_emoticon_codes_are_removed():
    assert normalise("您好/:^_^欢迎光临/:087/:-O").text == f"您好{SEP}欢迎光临"


def test_bracketed_emoji_names_and_text_emoticons_are_removed():
    assert normalise("[微笑]亲,在的(^_^)^_^").text == f"亲{SEP}在的"


def test_offsets_point_into_the_original_reply():
    original = "您好/:^_^歡迎光臨！本周滿３００減２０哦~~"
    assert spans_text(original) == ["您好", "歡迎光臨", "本周滿３００減２０哦"]


def test_empty_and_punctuation_only_replies_normalise_to_nothing():
    assert normalise("").text == ""
    assert normalise("。。。!!! 👍").text == ""


def test_patterns_are_normalised_like_replies_without_separators():
    assert normalise_pattern("滿 300，減20") == "满300减20"

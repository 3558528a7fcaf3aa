from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lms.quizzes.formats.gift import (
    GiftError,
    load_gift_file,
    parse_gift,
    parse_gift_bank,
)
from lms.quizzes.questions import (
    MISSING_WORD_BLANK,
    NumericAnswer,
    Option,
    Pair,
    Question,
    ShortAnswer,
)

DATA = Path(__file__).parent / "data"


def one(text: str) -> Question:
    questions = parse_gift(text, "t.gift")
    assert len(questions) == 1
    return questions[0]


def problems(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(GiftError) as caught:
        parse_gift(text, "t.gift")
    assert all(p.path == "t.gift" for p in caught.value.problems)
    return [(p.line, p.message) for p in caught.value.problems]


def test_multiple_choice_marks_the_equals_answer_correct() -> None:
    question = one("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")
    assert question.type == "single"
    assert question.stem == "Who's buried in Grant's tomb?"
    assert question.options == (
        Option("a", "Grant", False, 0.0),
        Option("b", "Jefferson", False, 0.0),
        Option("c", "no one", True, 1.0),
    )


def test_answers_may_stand_on_their_own_indented_lines() -> None:
    question = one("Japanese characters came from? {\n    ~India\n    =China\n}")
    assert [o.text for o in question.options] == ["India", "China"]


def test_title_is_read_from_double_colons() -> None:
    question = one("::Capital::What is the capital of France?{=Paris ~Lyon}")
    assert question.title == "Capital"
    assert question.stem == "What is the capital of France?"


def test_question_without_a_title_has_none() -> None:
    assert one("Q?{=a ~b}").title is None


def test_per_answer_feedback_follows_a_hash() -> None:
    question = one("Q?{=right#好的 ~wrong#不对，再想想}")
    assert [o.feedback for o in question.options] == ["好的", "不对，再想想"]


def test_general_feedback_follows_four_hashes_and_becomes_the_explanation() -> None:
    question = one("Q?{=a#fa ~b####因为 a 才对。}")
    assert question.explanation == "因为 a 才对。"
    assert question.general_feedback == question.explanation
    assert question.options[1] == Option("b", "b", False, 0.0, "")


def test_tilde_weights_without_an_equals_make_a_multiple_answer_question() -> None:
    question = one("Primary colours?{~%50%Red ~%50%Blue ~%-100%Green}")
    assert question.type == "multiple"
    assert question.scoring == "partial"
    assert [(o.weight, o.correct) for o in question.options] == [
        (0.5, True),
        (0.5, True),
        (-1.0, False),
    ]


def test_decimal_weights_are_read_exactly() -> None:
    question = one("Q?{~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-25%d}")
    assert [o.weight for o in question.options] == [0.3333333] * 3 + [-0.25]


def test_weights_of_a_third_written_short_are_snapped_to_moodles_grade() -> None:
    question = one("Q?{~%33.3%a ~%33.3%b ~%33.3%c ~%-66.7%d ~%-30%e}")
    assert [o.weight for o in question.options] == [0.3333333] * 3 + [-0.6666667, -0.3]


def test_weighted_distractor_in_a_single_answer_question_keeps_its_weight() -> None:
    question = one("Q?{=best ~%50%half right ~wrong}")
    assert question.type == "single"
    assert question.options[1] == Option("b", "half right", False, 0.5)


def test_equals_with_a_weight_is_read_as_that_weight() -> None:
    question = one("Q?{=%100%right ~wrong}")
    assert question.options[0] == Option("a", "right", True, 1.0)


@pytest.mark.parametrize(
    ("block", "answer"),
    [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False)],
)
def test_true_false_answers_in_every_spelling(block: str, answer: bool) -> None:
    question = one(f"The sun rises in the east.{block}")
    assert (question.type, question.answer) == ("truefalse", answer)


def test_true_false_first_feedback_is_for_wrong_answers_second_for_right_ones() -> None:
    question = one("好评返现是允许的。{FALSE#错，违规。#对，属于违规。####规则禁止。}")
    assert question.answer is False
    assert question.incorrect_feedback == "错，违规。"
    assert question.correct_feedback == "对，属于违规。"
    assert question.explanation == "规则禁止。"


def test_lower_case_true_is_refused_with_a_hint() -> None:
    [(line, message)] = problems("Q?{true}")
    assert line == 1
    assert "{TRUE}" in message and "{=true}" in message


def test_equals_answers_without_a_tilde_make_a_short_answer_question() -> None:
    question = one(
        "千牛里一键发送的常用回复叫什么？{=快捷短语 =快捷回复#也对 =%50%短语}"
    )
    assert question.type == "short"
    assert question.answers == (
        ShortAnswer("快捷短语"),
        ShortAnswer("快捷回复", 1.0, "也对"),
        ShortAnswer("短语", 0.5),
    )


def test_a_single_short_answer_may_omit_the_equals_sign() -> None:
    assert one("Sky colour?{blue}").answers == (ShortAnswer("blue"),)


def test_short_answer_needs_an_answer_with_full_marks() -> None:
    [(_, message)] = problems("Q?{=%50%half}")
    assert "full marks" in message


def test_matching_pairs_are_read_from_arrows() -> None:
    question = one("Match.{=Canada -> Ottawa =Italy -> Rome =Japan->Tokyo}")
    assert question.type == "matching"
    assert question.pairs == (
        Pair("Canada", "Ottawa"),
        Pair("Italy", "Rome"),
        Pair("Japan", "Tokyo"),
    )


def test_matching_answer_without_a_left_side_is_a_distractor() -> None:
    question = one("配对。{=售前 -> 咨询 =售后 -> 退换 = -> 推广}")
    assert question.distractors == ("推广",)
    assert len(question.pairs) == 2


def test_matching_answer_without_an_arrow_is_a_problem() -> None:
    [(_, message)] = problems("Match.{=a -> 1 =b -> 2 =c}")
    assert "without ->" in message


def test_matching_needs_two_pairs() -> None:
    [(_, message)] = problems("Match.{=a -> 1 = -> 2}")
    assert "at least 2 pairs" in message


def test_numerical_answer_with_a_tolerance() -> None:
    question = one("When was Grant born?{#1822:5}")
    assert question.type == "numerical"
    assert question.numeric_answers == (NumericAnswer(1822, 5),)
    assert question.numeric_answers[0].bounds == (1817, 1827)


def test_numerical_answer_as_a_range_keeps_its_bounds() -> None:
    question = one("Pick a number from 1 to 5.{#1..5}")
    assert question.numeric_answers == (NumericAnswer(3, 2, range=(1, 5)),)


def test_numerical_range_may_be_negative() -> None:
    question = one("Q?{#-5..-1}")
    assert question.numeric_answers[0].range == (-5, -1)


def test_several_weighted_numerical_answers_with_feedback() -> None:
    question = one("Grant?{#=%100%1822:0#exact =%50%1822:2#close ~#look it up}")
    assert question.numeric_answers == (
        NumericAnswer(1822, 0, 1.0, "exact"),
        NumericAnswer(1822, 2, 0.5, "close"),
    )
    assert question.incorrect_feedback == "look it up"


def test_numerical_answer_that_is_not_a_number_is_a_problem() -> None:
    [(_, message)] = problems("Q?{#twelve}")
    assert "not a number" in message


def test_numerical_range_that_runs_backwards_is_a_problem() -> None:
    [(_, message)] = problems("Q?{#5..1}")
    assert "backwards" in message


def test_answer_block_in_the_middle_of_the_text_makes_a_missing_word_question() -> None:
    question = one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.type == "single"
    assert question.stem == f"Grant is {MISSING_WORD_BLANK} in Grant's tomb."
    assert question.is_missing_word


def test_missing_word_works_for_short_answers_in_chinese() -> None:
    question = one("本周活动是满 300 减 {=20 =二十} 元。")
    assert question.type == "short"
    assert question.stem == "本周活动是满 300 减 ____ 元。"


def test_answer_block_at_the_end_leaves_no_blank() -> None:
    assert not one("Q?{=a ~b}").is_missing_word


def test_line_comments_are_ignored_even_inside_an_answer_block() -> None:
    question = one("// a comment\nQ?{\n// another\n=a\n~b\n}")
    assert [o.text for o in question.options] == ["a", "b"]


def test_double_slash_inside_a_line_is_text_not_a_comment() -> None:
    assert one("See https://example.com{=ok ~no}").stem == "See https://example.com"


def test_blank_lines_separate_questions() -> None:
    questions = parse_gift("A?{=a ~b}\n\n\n  \nB?{T}\n")
    assert [q.stem for q in questions] == ["A?", "B?"]


def test_multi_line_question_keeps_its_line_breaks() -> None:
    question = one("顾客说：\n“能换大一码吗？”\n怎么回复？{=可以 ~不行}")
    assert question.stem == "顾客说：\n“能换大一码吗？”\n怎么回复？"


def test_escaped_special_characters_are_literal() -> None:
    question = one(
        r"::a\:b::Braces \{x\}, \~, \=, \# and \\ here\nnext line.{=x\=1#\#1 ~y}"
    )
    assert question.title == "a:b"
    assert question.stem == "Braces {x}, ~, =, # and \\ here\nnext line."
    assert question.options[0] == Option("a", "x=1", True, 1.0, "#1")


def test_unknown_escapes_keep_their_backslash() -> None:
    assert one(r"C:\dir?{=a ~b}").stem == r"C:\dir?"


@pytest.mark.parametrize(
    ("marker", "expected"),
    [("[markdown]", "markdown"), ("[html]", "html"), ("[plain]", "plain")],
)
def test_format_marker_sets_the_question_format(marker: str, expected: str) -> None:
    question = one(f"::t::{marker}Q <b>x</b>?{{=a ~b}}")
    assert (question.format, question.stem) == (expected, "Q <b>x</b>?")


def test_moodle_auto_format_and_no_marker_are_read_as_markdown() -> None:
    assert one("[moodle]Q?{=a ~b}").format == "markdown"
    assert one("Q?{=a ~b}").format == "markdown"


def test_format_marker_in_front_of_an_answer_is_dropped() -> None:
    question = one("[html]Q?{=[html]<b>a</b> ~b}")
    assert question.options[0].text == "<b>a</b>"


def test_unknown_bracket_at_the_start_is_kept_as_text() -> None:
    assert one("[链接](http://x) 是什么？{=a ~b}").stem == "[链接](http://x) 是什么？"


def test_category_applies_to_the_questions_that_follow() -> None:
    questions = parse_gift("A?{T}\n\n$CATEGORY: 千牛/基础设置\n\nB?{T}\n\nC?{F}")
    assert [q.category for q in questions] == [None, "千牛/基础设置", "千牛/基础设置"]


def test_category_id_comment_names_the_category_and_its_title_is_the_last_segment() -> (
    None
):
    bank = parse_gift_bank(
        "// [id:settings]\n$CATEGORY: $course$/top/千牛//工作台/基础设置\n\nQ?{T}",
        slug="qn",
        title="千牛",
    )
    [category] = bank.categories
    assert (category.id, category.title) == ("settings", "基础设置")
    assert category.path == "$course$/top/千牛//工作台/基础设置"
    assert bank.questions[0].category == "settings"


def test_category_followed_by_a_question_without_a_blank_line_is_a_problem() -> None:
    [(line, message)] = problems("$CATEGORY: a\nQ?{T}")
    assert line == 1
    assert "blank line" in message


def test_id_and_academy_metadata_are_read_from_comments() -> None:
    question = one(
        "// question: 12  name: imported\n"
        "// [id:qianniu-001] [tag:自动回复] [tag:设置]\n"
        "// [lesson:qianniu/auto-reply] [difficulty:hard] [image:images/a.png]\n"
        "Q?{=a ~b}"
    )
    assert question.id == "qianniu-001"
    assert question.tags == ("自动回复", "设置")
    assert (question.lesson, question.difficulty) == ("qianniu/auto-reply", "hard")
    assert question.image == "images/a.png"


def test_closing_bracket_in_a_metadata_value_is_escaped() -> None:
    assert one("// [tag:a\\]b]\nQ?{T}").tags == ("a]b",)


def test_question_without_an_id_gets_a_stable_hash_of_its_title() -> None:
    first = one("::Same title::Q?{=a ~b}")
    edited = one("::Same title::Q, reworded?{=a ~b ~c}")
    assert first.id == edited.id
    assert first.id.startswith("gift-") and len(first.id) == len("gift-") + 10


def test_bank_questions_without_an_id_are_prefixed_with_the_bank_slug() -> None:
    bank = parse_gift_bank("Q?{T}", slug="imported", title="Imported")
    assert bank.questions[0].id.startswith("imported-")


def test_two_questions_with_the_same_given_id_are_a_problem() -> None:
    [(line, message)] = problems("// [id:x-1]\n::t::A?{T}\n\n// [id:x-1]\nB?{F}")
    assert line == 5
    assert "duplicate question id 'x-1'" in message


def test_scenario_type_comment_turns_a_single_choice_into_a_scenario() -> None:
    question = one("// [type:scenario]\n顾客很生气。{=先道歉#好 ~争辩#不好 ~沉默#不好}")
    assert question.type == "scenario"


def test_scenario_needs_feedback_on_every_reply() -> None:
    [(_, message)] = problems("// [type:scenario]\nQ?{=a#fine ~b}")
    assert "feedback" in message


def test_all_or_nothing_scoring_comment_is_kept() -> None:
    question = one("// [scoring:all_or_nothing]\nQ?{~%50%a ~%50%b ~%-50%c}")
    assert question.scoring == "all_or_nothing"


def test_type_comment_that_does_not_fit_the_answers_is_a_problem() -> None:
    [(_, message)] = problems("// [type:scenario]\nQ?{T}")
    assert "does not fit" in message


def test_bad_difficulty_in_a_comment_is_a_problem() -> None:
    [(_, message)] = problems("// [difficulty:brutal]\nQ?{T}")
    assert "easy, medium, hard" in message


def test_unclosed_brace_is_reported_on_its_line() -> None:
    [(line, message)] = problems("First?{T}\n\nSecond\nline {=a\n~b")
    assert line == 4
    assert "unclosed brace" in message


def test_closing_brace_without_an_opening_one_is_a_problem() -> None:
    [(_, message)] = problems("Q} what?")
    assert "without a matching {" in message


def test_two_answer_blocks_in_one_question_are_a_problem() -> None:
    [(_, message)] = problems("Q?{=a ~b}\nR?{T}")
    assert "more than one answer block" in message


def test_brace_inside_an_answer_block_is_a_problem() -> None:
    [(_, message)] = problems("Q?{=a {~b}")
    assert "inside an answer block" in message


def test_multiple_choice_without_a_correct_answer_is_a_problem() -> None:
    [(_, message)] = problems("Q?{~a ~b ~c}")
    assert "no correct answer" in message


def test_positive_weights_must_add_up_to_full_marks() -> None:
    [(_, message)] = problems("Q?{~%50%a ~%30%b ~c}")
    assert "80%" in message


def test_multiple_choice_needs_two_answers() -> None:
    [(_, message)] = problems("Q?{~a =}")
    assert "empty answer" in message


def test_text_before_the_first_answer_is_a_problem() -> None:
    [(_, message)] = problems("Q?{oops ~a =b}")
    assert "before the first answer" in message


def test_description_without_an_answer_block_is_refused_clearly() -> None:
    [(_, message)] = problems("Just some text.")
    assert "description" in message and "not supported" in message
    assert "--skip-unsupported" in message


def test_essay_question_is_refused_clearly() -> None:
    [(_, message)] = problems("Write about your day.{}")
    assert "essay" in message and "not supported" in message
    assert "--skip-unsupported" in message


def test_unclosed_title_is_a_problem() -> None:
    [(_, message)] = problems("::Title without end Q?{T}")
    assert "never closed" in message


def test_question_without_text_is_a_problem() -> None:
    [(_, message)] = problems("::Only a title::{T}")
    assert "no text" in message


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    found = problems("A?{~a ~b}\n\nB?{=a\n\nC?{#x}\n\nD?{T}")
    assert [line for line, _ in found] == [1, 3, 5]


def test_problem_message_names_the_file_and_line() -> None:
    with pytest.raises(GiftError) as caught:
        parse_gift("\n\nQ?{~a ~b}", "banks/x.gift")
    assert str(caught.value).startswith("banks/x.gift:3: ")


def test_windows_line_endings_are_accepted() -> None:
    questions = parse_gift("A?{=a ~b}\r\n\r\nB?{T}\r\n")
    assert len(questions) == 2


def test_gift_file_with_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.gift"
    path.write_bytes(codecs.BOM_UTF8 + "::标题::问题？{T}".encode())
    assert load_gift_file(path)[0].title == "标题"


def test_gift_file_that_is_not_utf8_is_refused_with_a_message_saying_so(
    tmp_path: Path,
) -> None:
    path = tmp_path / "gbk.gift"
    path.write_bytes("第一题？{T}\n\n第二题？{F}".encode("gbk"))
    with pytest.raises(GiftError) as caught:
        load_gift_file(path)
    [problem] = caught.value.problems
    assert problem.path == str(path)
    assert f"{path} is not valid UTF-8" in problem.message
    assert problem.line == 1


def test_utf16_gift_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "utf16.gift"
    path.write_bytes("Q?{T}".encode("utf-16"))
    with pytest.raises(GiftError) as caught:
        load_gift_file(path)
    assert "UTF-16" in caught.value.problems[0].message


def test_questions_remember_their_source_line() -> None:
    questions = parse_gift("// header\n\nA?{T}\n\n// [id:b]\nB?{F}", "x.gift")
    assert [(q.source, q.line) for q in questions] == [("x.gift", 3), ("x.gift", 6)]


def test_sample_file_covers_every_question_type() -> None:
    questions = load_gift_file(DATA / "sample.gift")
    types = {q.type for q in questions}
    assert types == {
        "single",
        "multiple",
        "truefalse",
        "short",
        "matching",
        "numerical",
        "scenario",
    }
    assert any(q.is_missing_word for q in questions)

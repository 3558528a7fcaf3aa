from __future__ import annotations

from typing import Any

import pytest

from lms.quizzes.formats.gift import parse_gift
from lms.quizzes.grading import Grade, grade, parse_number
from lms.quizzes.questions import (
    NumericAnswer,
    Option,
    Pair,
    Question,
    ShortAnswer,
    option_key,
)


def choice(kind: str, correct: list[bool], **extra: Any) -> Question:
    options = tuple(
        Option(option_key(i), f"option {i}", right, feedback=f"fb {i}")
        for i, right in enumerate(correct)
    )
    return Question(id="q-001", type=kind, stem="?", options=options, **extra)


def weighted(kind: str, weights: list[float]) -> Question:
    options = tuple(
        Option(option_key(i), f"option {i}", w > 0 if kind == "multiple" else w >= 1, w)
        for i, w in enumerate(weights)
    )
    scoring = "partial" if kind == "multiple" else "all_or_nothing"
    return Question(id="q-002", type=kind, stem="?", options=options, scoring=scoring)


SINGLE = choice("single", [False, True, False])
MULTIPLE_PARTIAL = choice(
    "multiple", [True, True, True, False, False], scoring="partial"
)
MULTIPLE_STRICT = choice("multiple", [True, True, False])
TRUEFALSE = Question(
    id="tf",
    type="truefalse",
    stem="?",
    answer=False,
    correct_feedback="right!",
    incorrect_feedback="no.",
)
SHORT = Question(
    id="short",
    type="short",
    stem="?",
    answers=(
        ShortAnswer("快捷短语"),
        ShortAnswer("Quick Phrase"),
        ShortAnswer("短语", 0.5, "almost"),
    ),
)
ORDERING = Question(id="ord", type="ordering", stem="?", items=("一", "二", "三", "四"))
MATCHING = Question(
    id="match",
    type="matching",
    stem="?",
    pairs=(Pair("售前", "咨询"), Pair("售中", "备注"), Pair("售后", "退换")),
    distractors=("推广",),
)
NUMERICAL = Question(
    id="num",
    type="numerical",
    stem="?",
    numeric_answers=(
        NumericAnswer(1822, 0, feedback="exact"),
        NumericAnswer(1822, 2, 0.5, "close"),
    ),
    incorrect_feedback="look it up",
)
RANGE = Question(
    id="range",
    type="numerical",
    stem="?",
    numeric_answers=(NumericAnswer(3, 2, range=(1, 5)),),
)


def test_single_choice_scores_one_for_the_correct_key() -> None:
    result = grade(SINGLE, "b")
    assert result == Grade(1.0, True, "chose b", "graded", ("fb 1",))


def test_single_choice_scores_zero_for_a_wrong_key() -> None:
    result = grade(SINGLE, "a")
    assert (result.fraction, result.correct, result.feedback) == (0.0, False, ("fb 0",))


def test_scenario_is_graded_like_single_choice_and_returns_the_reply_feedback() -> None:
    question = choice("scenario", [True, False, False])
    assert grade(question, "a").correct
    assert grade(question, "c").feedback == ("fb 2",)


def test_weighted_single_choice_gives_the_partial_weight_of_the_chosen_option() -> None:
    question = weighted("single", [1.0, 0.5, 0.0, -0.5])
    assert grade(question, "b").fraction == 0.5
    assert not grade(question, "b").correct
    assert grade(question, "d").fraction == 0.0


def test_all_or_nothing_multiple_needs_exactly_the_correct_set() -> None:
    assert grade(MULTIPLE_STRICT, ["a", "b"]).fraction == 1.0
    assert grade(MULTIPLE_STRICT, ["b", "a"]).correct
    assert grade(MULTIPLE_STRICT, ["a"]).fraction == 0.0
    assert grade(MULTIPLE_STRICT, ["a", "b", "c"]).fraction == 0.0


def test_multiple_defaults_to_all_or_nothing() -> None:
    assert MULTIPLE_STRICT.scoring == "all_or_nothing"


def test_partial_credit_counts_correct_choices_over_the_correct_count() -> None:
    assert grade(MULTIPLE_PARTIAL, ["a", "b"]).fraction == pytest.approx(2 / 3)
    assert grade(MULTIPLE_PARTIAL, ["a", "b", "c"]).fraction == 1.0


def test_partial_credit_subtracts_wrong_choices() -> None:
    result = grade(MULTIPLE_PARTIAL, ["a", "b", "d"])
    assert result.fraction == pytest.approx(1 / 3)
    assert not result.correct


def test_partial_credit_is_floored_at_zero() -> None:
    assert grade(MULTIPLE_PARTIAL, ["a", "d", "e"]).fraction == 0.0


def test_choosing_everything_never_earns_full_partial_credit() -> None:
    assert grade(MULTIPLE_PARTIAL, ["a", "b", "c", "d", "e"]).fraction == pytest.approx(
        1 / 3
    )


def test_gift_weights_are_summed_for_multiple_answers() -> None:
    question = weighted("multiple", [0.5, 0.5, -1.0])
    assert grade(question, ["a", "b"]).fraction == 1.0
    assert grade(question, ["a"]).fraction == 0.5
    assert grade(question, ["a", "c"]).fraction == 0.0


def test_gift_weights_of_a_third_add_up_to_full_marks() -> None:
    question = weighted("multiple", [0.3333333, 0.3333333, 0.3333333, -1.0])
    result = grade(question, ["a", "b", "c"])
    assert result.fraction == 1.0
    assert result.correct


def test_moodle_example_with_weights_of_33_3_percent_gives_full_marks() -> None:
    question = parse_gift("Primary?{~%33.3%red ~%33.3%yellow ~%33.3%blue ~%-100%green}")
    assert grade(question[0], ["a", "b", "c"]).correct


def test_gift_weights_are_capped_at_full_marks() -> None:
    question = weighted("multiple", [1.0, 0.5, 0.0])
    assert grade(question, ["a", "b"]).fraction == 1.0


def test_truefalse_compares_the_boolean_and_returns_the_matching_feedback() -> None:
    assert grade(TRUEFALSE, False) == Grade(1.0, True, "right", "graded", ("right!",))
    assert grade(TRUEFALSE, True).feedback == ("no.",)
    assert grade(TRUEFALSE, True).fraction == 0.0


def test_short_answer_ignores_width_case_spaces_and_traditional_characters() -> None:
    assert grade(SHORT, " 快捷 短語 ").correct
    assert grade(SHORT, "ＱＵＩＣＫ phrase").correct


def test_short_answer_weighted_answer_gives_its_fraction_and_feedback() -> None:
    result = grade(SHORT, "短语")
    assert (result.fraction, result.correct, result.feedback) == (
        0.5,
        False,
        ("almost",),
    )


def test_short_answer_best_matching_weight_wins() -> None:
    question = Question(
        id="s",
        type="short",
        stem="?",
        answers=(ShortAnswer("abc", 0.5), ShortAnswer("ABC", 1.0)),
    )
    assert grade(question, "abc").fraction == 1.0


def test_short_answer_that_matches_nothing_scores_zero() -> None:
    assert grade(SHORT, "自动回复").fraction == 0.0


def test_ordering_in_the_correct_order_scores_one() -> None:
    assert grade(ORDERING, ["一", "二", "三", "四"]).correct


def test_ordering_partial_credit_is_the_share_of_items_in_their_correct_position() -> (
    None
):
    result = grade(ORDERING, ["一", "二", "四", "三"])
    assert result.fraction == 0.5
    assert result.detail == "2 of 4 items in the right position"
    assert grade(ORDERING, ["四", "一", "二", "三"]).fraction == 0.0


def test_ordering_response_that_is_not_an_arrangement_of_the_items_is_malformed() -> (
    None
):
    assert grade(ORDERING, ["一", "二", "三"]).status == "malformed"
    assert grade(ORDERING, ["一", "二", "三", "三"]).status == "malformed"
    assert grade(ORDERING, ["一", "二", "三", "五"]).status == "malformed"


def test_matching_partial_credit_is_the_share_of_correct_pairs() -> None:
    response = {"售前": "咨询", "售中": "退换", "售后": "备注"}
    assert grade(MATCHING, response).fraction == pytest.approx(1 / 3)
    full = {"售前": "咨询", "售中": "备注", "售后": "退换"}
    assert grade(MATCHING, full).correct


def test_matching_left_items_without_an_answer_count_as_wrong() -> None:
    assert grade(MATCHING, {"售前": "咨询"}).fraction == pytest.approx(1 / 3)
    assert grade(MATCHING, {"售前": "咨询", "售中": None}).fraction == pytest.approx(
        1 / 3
    )


def test_matching_a_distractor_is_wrong() -> None:
    assert grade(MATCHING, {"售前": "推广"}).fraction == 0.0


def test_numerical_exact_answer_scores_one_with_its_feedback() -> None:
    result = grade(NUMERICAL, 1822)
    assert (result.fraction, result.feedback) == (1.0, ("exact",))


def test_numerical_within_a_weaker_tolerance_gets_its_weight() -> None:
    result = grade(NUMERICAL, "1823")
    assert (result.fraction, result.feedback) == (0.5, ("close",))


def test_numerical_outside_every_range_scores_zero_with_the_wrong_answer_feedback() -> (
    None
):
    result = grade(NUMERICAL, 1900)
    assert (result.fraction, result.feedback) == (0.0, ("look it up",))


def test_numerical_range_includes_both_ends() -> None:
    assert grade(RANGE, 1).correct
    assert grade(RANGE, 5.0).correct
    assert not grade(RANGE, 5.01).correct


def test_numerical_accepts_full_width_digits_in_text() -> None:
    assert grade(NUMERICAL, "１８２２").correct
    assert grade(RANGE, " 2.5 ").correct


def test_numerical_tolerance_boundary_survives_float_rounding() -> None:
    question = Question(
        id="n",
        type="numerical",
        stem="?",
        numeric_answers=(NumericAnswer(0.3, 0.1),),
    )
    assert grade(question, 0.2).correct
    assert grade(question, 0.4).correct


@pytest.mark.parametrize(
    "question",
    [SINGLE, MULTIPLE_PARTIAL, TRUEFALSE, SHORT, ORDERING, MATCHING, NUMERICAL],
    ids=lambda q: q.type,
)
@pytest.mark.parametrize("response", [None, "", "   ", [], {}, ()])
def test_empty_response_scores_zero_without_raising(
    question: Question, response: Any
) -> None:
    result = grade(question, response)
    assert (result.fraction, result.correct) == (0.0, False)
    assert result.status in {"empty", "malformed"}


def test_missing_response_is_reported_as_empty() -> None:
    assert grade(SINGLE, None).status == "empty"
    assert grade(SHORT, "  ").status == "empty"


@pytest.mark.parametrize(
    ("question", "response"),
    [
        (SINGLE, ["b"]),
        (SINGLE, 1),
        (SINGLE, "z"),
        (MULTIPLE_PARTIAL, "a"),
        (MULTIPLE_PARTIAL, ["a", 2]),
        (MULTIPLE_PARTIAL, ["a", "zz"]),
        (MULTIPLE_PARTIAL, [["a"]]),
        (TRUEFALSE, "false"),
        (TRUEFALSE, 0),
        (SHORT, 42),
        (SHORT, ["快捷短语"]),
        (ORDERING, "一二三四"),
        (ORDERING, [1, 2, 3, 4]),
        (MATCHING, ["咨询"]),
        (MATCHING, {"陌生": "咨询"}),
        (MATCHING, {"售前": 3}),
        (NUMERICAL, "about 1822"),
        (NUMERICAL, True),
        (NUMERICAL, float("nan")),
        (NUMERICAL, 10**400),
        (NUMERICAL, "1e400"),
        (NUMERICAL, [1822]),
        (NUMERICAL, object()),
    ],
)
def test_malformed_response_scores_zero_with_a_detail_instead_of_raising(
    question: Question, response: Any
) -> None:
    result = grade(question, response)
    assert (result.fraction, result.correct, result.status) == (0.0, False, "malformed")
    assert result.detail


def test_numbers_are_read_only_when_they_are_plain_decimals() -> None:
    assert parse_number("3.5") == 3.5
    assert parse_number("－2") == -2
    assert parse_number("1e3") == 1000
    assert parse_number("1_000") is None
    assert parse_number("nan") is None
    assert parse_number("3,5") is None


def test_short_answer_ignores_punctuation() -> None:
    assert grade(SHORT, "快捷短语。").correct


def test_short_answer_keeps_the_decimal_point_between_digits() -> None:
    question = Question(
        id="price",
        type="short",
        stem="客单价是多少元？",
        answers=(ShortAnswer("300"), ShortAnswer("300.00")),
    )
    assert grade(question, "300.00").correct
    assert grade(question, "３００．００").correct
    assert not grade(question, "30000").correct
    assert not grade(question, "3.00").correct
    assert grade(question, "300。").correct


def test_short_answer_made_only_of_punctuation_is_still_compared() -> None:
    question = Question(
        id="slash",
        type="short",
        stem="先输入哪个符号？",
        answers=(ShortAnswer("/"), ShortAnswer("斜杠")),
    )
    assert grade(question, " ／ ").correct
    assert not grade(question, "\\").correct
    assert grade(question, "斜杠！").correct

"""GIFT files as Moodle writes them: a .txt download, questions sharing a name,
essays and descriptions (refused, or skipped on request), units carried in the
comment line, and a round trip of one question of every GIFT type."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from lms.quizzes.formats.detect import detect_format, sniff_format
from lms.quizzes.formats.gift import (
    GiftError,
    load_gift_bank,
    parse_gift,
    parse_gift_bank,
    write_gift,
)
from lms.quizzes.questions import Bank, NumericAnswer, NumericUnit, Question

MOODLE = Path(__file__).parent / "data" / "moodle"
EVERY_TYPE = MOODLE / "every-type.txt"


def every_type(**options) -> Bank:
    return load_gift_bank(EVERY_TYPE, slug="moodle", title="Moodle", **options)


def test_a_gift_file_saved_as_txt_is_read_as_gift(tmp_path: Path) -> None:
    assert detect_format(EVERY_TYPE) == "gift"
    renamed = tmp_path / "export"
    renamed.write_bytes(EVERY_TYPE.read_bytes())
    assert detect_format(renamed) == "gift"


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        (b"::t::Q?{T}", ".txt", "gift"),
        (b"// comment\n$CATEGORY: top\n", "", "gift"),
        (b"\xef\xbb\xbfQ?{=a ~b}", ".txt", "gift"),
        (b"  <?xml version='1.0'?><quiz/>", ".txt", "moodle_xml"),
        (b"<quiz></quiz>", "", "moodle_xml"),
        (b"Meeting notes: nothing to import.", ".txt", None),
        (b"\xc4\xe3\xba\xc3", ".gift", "gift"),  # GBK: the reader explains
    ],
)
def test_the_format_is_told_by_the_content(head, suffix, expected) -> None:
    assert sniff_format(head, suffix) == expected


def test_essay_and_description_refuse_the_file_and_name_the_flag() -> None:
    with pytest.raises(GiftError) as caught:
        every_type()
    problems = caught.value.problems
    assert [p.line for p in problems] == [67, 70]
    assert "essay" in problems[0].message and "description" in problems[1].message
    assert all("--skip-unsupported" in p.message for p in problems)
    assert str(problems[0]).startswith(f"{EVERY_TYPE}:67: an essay question")


def test_skip_unsupported_reads_the_rest_and_lists_each_skipped_question() -> None:
    bank = every_type(skip_unsupported=True)
    assert len(bank.questions) == 12
    assert [str(p) for p in bank.skipped] == [
        f"{EVERY_TYPE}:67: an essay question (empty answer block {{}}) is not "
        "supported: every academy question is graded automatically",
        f"{EVERY_TYPE}:70: a description (text without an answer block {{...}}) "
        "is not supported: every academy question is graded automatically",
    ]
    types = {q.type for q in bank.questions}
    assert types == {
        "single", "multiple", "truefalse", "short", "matching", "numerical"
    }  # fmt: skip


def test_questions_sharing_a_name_get_distinct_ids_stable_across_reads() -> None:
    first = every_type(skip_unsupported=True)
    again = every_type(skip_unsupported=True)
    twins = [q for q in first.questions if q.title == "发货时间"]
    assert len(twins) == 2 and twins[0].id != twins[1].id
    assert [q.id for q in first.questions] == [q.id for q in again.questions]
    assert len({q.id for q in first.questions}) == len(first.questions)


def test_the_first_of_two_namesakes_keeps_the_id_it_had_alone() -> None:
    [alone] = parse_gift("::同名::甲?{T}")
    first, second = parse_gift("::同名::甲?{T}\n\n::同名::乙?{F}")
    assert first.id == alone.id and second.id != alone.id


def test_identical_questions_get_distinct_ids_in_file_order() -> None:
    text = "::同名::甲?{T}\n\n::同名::甲?{T}\n\n::同名::甲?{T}"
    ids = [q.id for q in parse_gift(text)]
    assert len(set(ids)) == 3
    assert ids == [q.id for q in parse_gift(text)]


def test_a_given_id_used_twice_is_still_a_problem() -> None:
    with pytest.raises(GiftError, match="duplicate question id 'x-1'"):
        parse_gift("// [id:x-1]\nA?{T}\n\n// [id:x-1]\nB?{F}")


def test_every_gift_type_survives_a_write_and_reread_unchanged() -> None:
    bank = every_type(skip_unsupported=True)
    again = parse_gift_bank(
        write_gift(bank), "again.gift", slug="moodle", title="Moodle"
    )
    assert again.questions == bank.questions
    assert again.categories == bank.categories
    assert write_gift(again) == write_gift(bank)


def test_the_examples_read_as_the_documentation_says() -> None:
    questions = {q.title: q for q in every_type(skip_unsupported=True).questions}
    blank = "买家下单后____小时内未发货，可以申请延迟发货赔付。"
    assert questions["缺词"].stem == blank
    assert [a.weight for a in questions["简答"].answers] == [1.0, 1.0, 0.5]
    assert questions["数值-区间"].numeric_answers[0].range == (1.0, 5.0)
    assert questions["数值-多个答案"].incorrect_feedback == "淘宝于 2003 年上线。"
    assert questions["匹配"].distractors == ("客单价",)
    assert questions["转义: 符号"].explanation == "是的，这些字符都要加反斜杠。"
    assert questions["判断-好评返现"].incorrect_feedback == "错：好评返现违反平台规则。"


UNITS = Question(
    id="weight-1",
    type="numerical",
    stem="包裹重多少？",
    numeric_answers=(NumericAnswer(1.5, 0.1),),
    units=(NumericUnit("kg"), NumericUnit("g", 1000.0), NumericUnit("斤", 2.0)),
    unit_grading="response",
    unit_penalty=0.2,
)


@pytest.mark.parametrize(
    "question",
    [UNITS, replace(UNITS, unit_grading="question", units_left=True, unit_penalty=0)],
)
def test_numerical_units_ride_in_the_comment_line_and_round_trip(question) -> None:
    text = write_gift(Bank(slug="u", title="U", questions=(question,)))
    assert "[unit:kg] [unit:g*1000] [unit:斤*2]" in text
    [again] = parse_gift(text)
    assert again == question


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("[unit:kg]\nQ?{T}", "only apply to numerical"),
        ("[unit:g*1000]\nQ?{#1}", "multiplier must be 1"),
        ("[unit:kg] [unitpenalty:150]\nQ?{#1}", "not a percentage"),
        ("[unit:kg] [unitgrading:strict]\nQ?{#1}", "not one of optional"),
        ("[unit:kg*abc]\nQ?{#1}", "NAME*MULTIPLIER"),
        ("[unitpenalty:10]\nQ?{#1}", "without any [unit:]"),
    ],
)
def test_bad_unit_metadata_is_a_problem_on_its_line(comment, message) -> None:
    with pytest.raises(GiftError) as caught:
        parse_gift(f"// {comment}", "u.gift")
    [problem] = caught.value.problems
    assert message in problem.message and problem.line == 2

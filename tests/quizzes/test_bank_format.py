from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lms.quizzes.formats.yaml import (
    BankError,
    check_banks,
    check_lesson_refs,
    load_bank,
    load_quiz_definitions,
    load_quiz_library,
    parse_bank,
    parse_quiz_definitions,
)
from lms.quizzes.questions import (
    Category,
    Option,
    Pair,
    QuizDefinition,
    RandomDraw,
    ShortAnswer,
)

BANKS = Path(__file__).parent / "data" / "banks"
REPO_QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"

HEADER = """\
bank: demo
title: 演示题库
categories:
  - {id: settings, title: 基础设置}
questions:
"""

GOOD_QUESTION = """\
  - id: demo-001
    type: single
    difficulty: easy
    lesson: qianniu/auto-reply
    stem: 哪一项？
    explanation: 因为。
    options:
      - {text: 甲, correct: true}
      - {text: 乙, correct: false}
      - {text: 丙, correct: false}
"""


def bank_problems(questions: str, header: str = HEADER) -> list[tuple[int | None, str]]:
    with pytest.raises(BankError) as caught:
        parse_bank(header + textwrap.dedent(questions), "demo.yaml")
    return [(p.line, p.message) for p in caught.value.problems]


def only_problem(questions: str, header: str = HEADER) -> tuple[int | None, str]:
    found = bank_problems(questions, header)
    assert len(found) == 1, found
    return found[0]


def question(body: str, kind: str = "single") -> str:
    """A question with every common field, plus ``body`` (indented 4 spaces)."""
    common = (
        f"  - id: demo-001\n    type: {kind}\n    difficulty: easy\n"
        "    lesson: qianniu/auto-reply\n    stem: 题目？\n    explanation: 解析。\n"
    )
    return common + textwrap.indent(textwrap.dedent(body), "    ")


def test_demo_bank_loads_every_question_type() -> None:
    bank = load_bank(BANKS / "demo.yaml")
    assert (bank.slug, bank.title, bank.course) == ("demo", "演示题库", "qianniu")
    assert bank.categories == (
        Category("settings", "基础设置"),
        Category("reception", "接待中心"),
    )
    assert [q.type for q in bank.questions] == [
        "single",
        "multiple",
        "truefalse",
        "short",
        "ordering",
        "matching",
        "scenario",
        "truefalse",
    ]


def test_options_get_stable_letter_keys_and_keep_their_feedback() -> None:
    single = load_bank(BANKS / "demo.yaml").questions[0]
    assert single.options == (
        Option("a", "离线自动回复", True),
        Option("b", "首次接待回复", False, None, "这是第一次接待时发送的。"),
        Option("c", "快捷短语", False),
    )


def test_question_fields_are_read_and_block_text_is_trimmed() -> None:
    single = load_bank(BANKS / "demo.yaml").questions[0]
    assert single.stem == "顾客在非工作时间咨询时，千牛发送哪种回复？"
    assert single.explanation == "离线时由离线自动回复接待。"
    assert (single.category, single.difficulty, single.lesson) == (
        "settings",
        "easy",
        "qianniu/auto-reply",
    )
    assert single.tags == ("自动回复",)
    assert single.format == "markdown"
    assert (single.source, single.line) == (str(BANKS / "demo.yaml"), 9)


def test_type_specific_fields_are_read() -> None:
    questions = {q.id: q for q in load_bank(BANKS / "demo.yaml").questions}
    assert questions["demo-002"].scoring == "partial"
    assert questions["demo-003"].answer is True
    assert questions["demo-008"].answer is True
    assert questions["demo-004"].answers == (
        ShortAnswer("快捷短语"),
        ShortAnswer("快捷语"),
    )
    assert questions["demo-005"].items[0] == "选中联系人"
    assert questions["demo-006"].pairs[0] == Pair("接待中心", "与顾客聊天")


def test_numbers_in_text_fields_are_taken_as_written() -> None:
    bank = load_bank(BANKS / "extra.yaml")
    assert bank.questions[1].answers[0] == ShortAnswer("299")


def test_scoring_defaults_to_all_or_nothing() -> None:
    text = HEADER + question(
        """\
        options:
          - {text: 甲, correct: true}
          - {text: 乙, correct: true}
          - {text: 丙}
        """,
        "multiple",
    )
    assert parse_bank(text).questions[0].scoring == "all_or_nothing"


def test_yaml_syntax_error_is_reported_with_its_line() -> None:
    line, message = only_problem("  - id: demo-001\n    stem: [unclosed\n")
    assert line == 8
    assert message.startswith("YAML syntax error")


def test_unknown_field_is_reported_with_a_suggestion() -> None:
    line, message = only_problem(GOOD_QUESTION + "    explaination: typo\n")
    assert line == 16
    assert "unknown field 'explaination'" in message
    assert "did you mean 'explanation'" in message


def test_unknown_bank_field_is_reported() -> None:
    line, message = only_problem(GOOD_QUESTION, header="colour: red\n" + HEADER)
    assert (line, "unknown field 'colour'" in message) == (1, True)


def test_field_given_twice_is_reported() -> None:
    _, message = only_problem(GOOD_QUESTION + "    stem: again\n")
    assert "appears twice" in message


def test_missing_required_field_is_reported() -> None:
    text = GOOD_QUESTION.replace("    explanation: 因为。\n", "")
    line, message = only_problem(text)
    assert line == 6
    assert "question demo-001: missing required field 'explanation'" == message


def test_missing_bank_title_is_reported() -> None:
    header = HEADER.replace("title: 演示题库\n", "")
    _, message = only_problem(GOOD_QUESTION, header=header)
    assert "missing required field 'title'" in message


def test_bad_enum_value_is_reported() -> None:
    _, message = only_problem(GOOD_QUESTION.replace("easy", "trivial"))
    assert "difficulty must be one of easy | medium | hard" in message


def test_unknown_question_type_is_reported() -> None:
    _, message = only_problem(GOOD_QUESTION.replace("type: single", "type: essay"))
    assert "type must be one of single | multiple" in message


def test_wrong_value_type_is_reported() -> None:
    text = HEADER + question("answer: maybe\n", "truefalse")
    with pytest.raises(BankError) as caught:
        parse_bank(text)
    assert "answer must be true or false" in str(caught.value)


def test_list_where_text_is_expected_is_reported() -> None:
    _, message = only_problem(GOOD_QUESTION.replace("stem: 哪一项？", "stem: [a, b]"))
    assert "stem must be text" in message


def test_empty_stem_is_reported() -> None:
    _, message = only_problem(GOOD_QUESTION.replace("stem: 哪一项？", "stem:"))
    assert "stem is empty" in message


def test_field_that_does_not_apply_to_the_type_is_reported() -> None:
    _, message = only_problem(GOOD_QUESTION + "    answer: true\n")
    assert "'answer' does not apply to single questions" in message


def test_type_field_that_is_missing_is_reported() -> None:
    _, message = only_problem(question("", "ordering"))
    assert message == "question demo-001: ordering questions need 'items'"


def test_id_must_follow_the_bank_numbering() -> None:
    _, message = only_problem(GOOD_QUESTION.replace("demo-001", "qianniu-001"))
    assert "id must be demo-NNN" in message


def test_lesson_must_be_a_course_and_lesson_slug() -> None:
    _, message = only_problem(GOOD_QUESTION.replace("qianniu/auto-reply", "自动回复"))
    assert "<course-slug>/<lesson-slug>" in message


def test_duplicate_question_id_within_a_bank_is_reported() -> None:
    line, message = only_problem(GOOD_QUESTION + GOOD_QUESTION)
    assert line == 16
    assert "duplicate question id 'demo-001' (first used on line 6)" == message


def test_single_without_exactly_one_correct_option_is_reported() -> None:
    text = GOOD_QUESTION.replace("乙, correct: false", "乙, correct: true")
    _, message = only_problem(text)
    assert "exactly one correct option, has 2" in message


def test_scenario_without_a_correct_option_is_reported() -> None:
    body = """\
    options:
      - {text: 甲, feedback: a}
      - {text: 乙, feedback: b}
      - {text: 丙, feedback: c}
    """
    _, message = only_problem(question(body, "scenario"))
    assert "a scenario question needs exactly one correct option, has 0" in message


def test_multiple_with_fewer_than_two_correct_is_reported() -> None:
    body = """\
    options:
      - {text: 甲, correct: true}
      - {text: 乙}
      - {text: 丙}
    """
    _, message = only_problem(question(body, "multiple"))
    assert "two or more correct options, has 1" in message


def test_scenario_option_without_feedback_is_reported() -> None:
    body = """\
    options:
      - {text: 甲, correct: true, feedback: 好}
      - {text: 乙}
      - {text: 丙, feedback: 差}
    """
    line, message = only_problem(question(body, "scenario"))
    assert line == 14
    assert "option 2: every option of a scenario question needs feedback" in message


def test_option_count_outside_three_to_five_is_reported() -> None:
    body = """\
    options:
      - {text: 甲, correct: true}
      - {text: 乙}
    """
    _, message = only_problem(question(body))
    assert "needs 3–5 entries, has 2" in message


def test_ordering_items_must_be_three_to_six_and_distinct() -> None:
    found = bank_problems(question('items: ["一", "二", "一"]\n', "ordering"))
    assert any("'一' appears 2 times" in m for _, m in found)
    _, message = only_problem(question('items: ["一", "二"]\n', "ordering"))
    assert "needs 3–6 entries" in message


def test_matching_pairs_need_distinct_left_items() -> None:
    body = """\
    pairs:
      - {left: a, right: 1}
      - {left: a, right: 2}
      - {left: b, right: 3}
    """
    _, message = only_problem(question(body, "matching"))
    assert "left item 'a' appears 2 times" in message


def test_short_answer_list_must_not_be_empty() -> None:
    _, message = only_problem(question("answers: []\n", "short"))
    assert "at least one accepted answer" in message


def test_unknown_category_is_reported() -> None:
    text = GOOD_QUESTION + "    category: billing\n"
    _, message = only_problem(text)
    assert "unknown category 'billing' (categories: settings)" in message


def test_image_must_exist_next_to_the_bank(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "ok.png").write_bytes(b"png")
    text = HEADER + GOOD_QUESTION + "    image: images/ok.png\n"
    bank = parse_bank(text, image_root=tmp_path)
    assert bank.questions[0].image == "images/ok.png"
    with pytest.raises(BankError) as caught:
        parse_bank(text.replace("ok.png", "missing.png"), image_root=tmp_path)
    assert "not found" in str(caught.value)


def test_image_outside_the_quizzes_directory_is_refused() -> None:
    _, message = only_problem(GOOD_QUESTION + "    image: ../secret.png\n")
    assert "path inside quizzes/" in message


def test_every_problem_in_a_bank_is_reported_at_once() -> None:
    text = GOOD_QUESTION.replace("easy", "trivial") + GOOD_QUESTION.replace(
        "demo-001", "demo-002"
    ).replace("lesson: qianniu/auto-reply", "lesson: nope")
    found = bank_problems(text + "    colour: red\n")
    assert len(found) == 3


def test_bank_error_message_lists_file_and_line() -> None:
    with pytest.raises(BankError) as caught:
        parse_bank(HEADER + GOOD_QUESTION.replace("easy", "x"), "quizzes/demo.yaml")
    assert str(caught.value).startswith("quizzes/demo.yaml:8: ")


def test_bank_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes((HEADER + GOOD_QUESTION).encode("gbk"))
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert "is not valid UTF-8" in str(caught.value)


def test_check_banks_loads_several_banks() -> None:
    banks = check_banks([BANKS / "demo.yaml", BANKS / "extra.yaml"])
    assert [b.slug for b in banks] == ["demo", "extra"]


def test_duplicate_question_id_across_banks_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text((BANKS / "extra.yaml").read_text("utf-8").replace("extra", "more"))
    clash = tmp_path / "clash.yaml"
    clash.write_text(
        (BANKS / "extra.yaml")
        .read_text("utf-8")
        .replace("bank: extra", "bank: more")
        .replace("extra-002", "more-002")
        .replace("extra-001", "more-001"),
    )
    with pytest.raises(BankError) as caught:
        check_banks([copy, clash])
    messages = [p.message for p in caught.value.problems]
    assert any("bank slug 'more' is also used by" in m for m in messages)
    assert any("duplicate question id 'more-001': also in" in m for m in messages)


def test_check_banks_collects_the_problems_of_every_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("bank: bad\n")
    worse = tmp_path / "worse.yaml"
    worse.write_text("- not a mapping\n")
    with pytest.raises(BankError) as caught:
        check_banks([bad, worse, BANKS / "demo.yaml"])
    assert {p.path for p in caught.value.problems} == {str(bad), str(worse)}


def test_lesson_refs_hook_returns_every_lesson_used() -> None:
    bank = load_bank(BANKS / "demo.yaml")
    assert "communication/calming" in bank.lesson_refs()
    assert len(bank.lesson_refs()) == 7


def test_check_lesson_refs_reports_unknown_lessons_with_their_line() -> None:
    bank = load_bank(BANKS / "demo.yaml")
    known = bank.lesson_refs() - {"qianniu/mobile"}
    [problem] = check_lesson_refs([bank], known)
    assert problem.line == 88
    assert "unknown lesson 'qianniu/mobile'" in problem.message


# ---------------------------------------------------------------- quizzes


def demo_banks() -> list:
    return check_banks([BANKS / "demo.yaml", BANKS / "extra.yaml"])


def test_quiz_definitions_are_read_with_their_defaults() -> None:
    quizzes = load_quiz_definitions(BANKS / "quizzes.yaml", demo_banks())
    assert quizzes[0] == QuizDefinition(
        id="demo-quiz",
        title="演示测验",
        course="qianniu",
        intro="本测验检查基础设置与接待中心。",
        pass_mark=80,
        time_limit_minutes=20,
        questions=("demo-001", "extra-001"),
        random=(RandomDraw("demo", 3, "reception"), RandomDraw("demo", 1)),
    )
    exam = quizzes[1]
    assert (exam.course, exam.review, exam.attempts_allowed) == (None, "after_pass", 2)
    assert (exam.shuffle_questions, exam.time_limit_minutes) == (True, 0)
    assert exam.question_count == 2


def quiz_problems(body: str, banks: list | None = None) -> list[str]:
    text = "quizzes:\n" + textwrap.indent(textwrap.dedent(body), "  ")
    with pytest.raises(BankError) as caught:
        parse_quiz_definitions(text, "quizzes.yaml", banks)
    return [p.message for p in caught.value.problems]


QUIZ = """\
- id: q
  title: 测验
  pass_mark: 80
"""


def test_quiz_referring_to_an_unknown_question_is_reported() -> None:
    [message] = quiz_problems(
        QUIZ + "  questions: [demo-001, demo-999]\n", demo_banks()
    )
    assert message == "quiz q: unknown question 'demo-999'"


def test_quiz_referring_to_an_unknown_bank_is_reported() -> None:
    body = QUIZ + "  random: [{bank: nobank, count: 1}]\n"
    [message] = quiz_problems(body, demo_banks())
    assert message == "quiz q: unknown bank 'nobank'"


def test_quiz_referring_to_an_unknown_category_is_reported() -> None:
    body = QUIZ + "  random: [{bank: demo, category: billing, count: 1}]\n"
    [message] = quiz_problems(body, demo_banks())
    assert message == "quiz q: bank demo has no category 'billing'"


def test_quiz_asking_more_random_questions_than_a_category_holds_is_reported() -> None:
    body = QUIZ + "  random: [{bank: demo, category: settings, count: 3}]\n"
    [message] = quiz_problems(body, demo_banks())
    assert (
        "asks for 3 random questions from demo/settings, which holds only 2" in message
    )


def test_fixed_questions_are_left_out_of_the_random_pool() -> None:
    body = QUIZ + (
        "  questions: [demo-001]\n"
        "  random: [{bank: demo, category: settings, count: 2}]\n"
    )
    [message] = quiz_problems(body, demo_banks())
    assert "which holds only 1" in message


def test_several_draws_together_may_not_exceed_the_bank() -> None:
    body = QUIZ + (
        "  random:\n"
        "    - {bank: demo, category: reception, count: 5}\n"
        "    - {bank: demo, category: settings, count: 2}\n"
        "    - {bank: demo, count: 2}\n"
    )
    [message] = quiz_problems(body, demo_banks())
    assert "draws 9 random questions from bank demo, which holds only 8" in message


def test_quiz_without_any_question_is_reported() -> None:
    [message] = quiz_problems(QUIZ)
    assert "needs questions, random draws or both" in message


def test_quiz_settings_are_validated() -> None:
    body = QUIZ.replace("80", "180") + (
        "  review: sometimes\n  shuffle_options: often\n  time_limit_minutes: -5\n"
        "  questions: [demo-001]\n  colour: red\n"
    )
    messages = quiz_problems(body)
    assert len(messages) == 5
    assert any("pass_mark must be 0–100, not 180" in m for m in messages)
    assert any(
        "review must be one of immediate | after_pass | never" in m for m in messages
    )


def test_duplicate_quiz_ids_are_reported() -> None:
    body = QUIZ + "  questions: [demo-001]\n" + QUIZ + "  questions: [demo-002]\n"
    [message] = quiz_problems(body)
    assert "quiz id 'q' is also used on line 2" in message


def test_quiz_library_loads_banks_and_quizzes_from_a_directory() -> None:
    library = load_quiz_library(BANKS)
    assert [b.slug for b in library.banks] == ["demo", "extra"]
    assert [q.id for q in library.quizzes] == ["demo-quiz", "mini-exam"]
    assert "role/duties" in library.lesson_refs()


def test_quiz_library_checks_lessons_when_told_which_exist() -> None:
    with pytest.raises(BankError) as caught:
        load_quiz_library(BANKS, known_lessons={"role/duties"})
    assert all("unknown lesson" in p.message for p in caught.value.problems)


# The fixed course and lesson slugs every bank must use (see the project brief).
KNOWN_LESSONS = {
    f"{course}/{lesson}"
    for course, lessons in {
        "role": "duties career-path daily-checklist kpis abilities",
        "qianniu": "desktop-tour settings auto-reply contacts chat-tools quick-phrases "
        "history-plugins mobile",
        "seller-tools": "taobao-assistant csv-import-export seller-center sub-accounts",
        "platform-rules": "common-violations no-cashback ad-law evidence reviews "
        "dianxiaomi",
        "communication": "welcome warm-not-familiar common-moments bargaining calming "
        "farewell",
        "product": "learning-products size-recommendation catalogue",
        "aftersales": "logistics returns damaged-missing winning-back-reviews "
        "daily-routine",
    }.items()
    for lesson in lessons.split()
}


def test_the_real_question_banks_and_quizzes_are_valid() -> None:
    if not any(REPO_QUIZZES.glob("*.yaml")):
        pytest.skip("no banks in quizzes/ yet")
    library = load_quiz_library(REPO_QUIZZES, known_lessons=KNOWN_LESSONS)
    assert library.banks
    assert {b.course for b in library.banks} <= {c.split("/")[0] for c in KNOWN_LESSONS}

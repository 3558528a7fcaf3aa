from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from lms.quizzes.formats.gift import (
    SKIPPED_ORDERING,
    GiftError,
    export_gift,
    parse_gift,
    parse_gift_bank,
    read_gift_text,
    write_gift,
)
from lms.quizzes.formats.moodle_xml import (
    MoodleXmlError,
    load_moodle_xml_bank,
    parse_moodle_xml,
)
from lms.quizzes.formats.yaml import load_bank
from lms.quizzes.grading import grade
from lms.quizzes.questions import (
    Bank,
    Category,
    NumericAnswer,
    Option,
    Pair,
    Question,
    ShortAnswer,
)

DATA = Path(__file__).parent / "data"


def sample_bank() -> Bank:
    text = read_gift_text(DATA / "sample.gift")
    return parse_gift_bank(text, "sample.gift", slug="sample", title="示例题库")


def reparse(bank: Bank) -> Bank:
    return parse_gift_bank(
        write_gift(bank), "exported.gift", slug=bank.slug, title=bank.title
    )


def test_sample_file_survives_a_write_and_reparse_unchanged() -> None:
    bank = sample_bank()
    again = reparse(bank)
    assert again.questions == bank.questions
    assert again.categories == bank.categories


def test_parse_of_write_of_parse_equals_parse_for_each_question() -> None:
    bank = sample_bank()
    again = {q.id: q for q in reparse(bank).questions}
    for question in bank.questions:
        assert again[question.id] == question, question.id


def test_writing_twice_gives_the_same_text() -> None:
    bank = sample_bank()
    assert write_gift(reparse(bank)) == write_gift(bank)


def test_exported_question_carries_its_id_so_reimport_updates_it() -> None:
    text = write_gift(sample_bank())
    assert "// [id:sample-single-zh] [tag:自动回复] [tag:千牛]" in text


def make_bank(*questions: Question, categories: tuple[Category, ...] = ()) -> Bank:
    return Bank(slug="demo", title="演示", categories=categories, questions=questions)


def round_trip(question: Question) -> Question:
    [again] = parse_gift(write_gift(make_bank(question)))
    return again


def choices(
    *texts: str, correct: int = 0, feedback: bool = False
) -> tuple[Option, ...]:
    return tuple(
        Option(chr(97 + i), t, i == correct, None, f"反馈{i}" if feedback else "")
        for i, t in enumerate(texts)
    )


def right_response(question: Question) -> Any:
    if question.type in ("single", "scenario"):
        return next(o.key for o in question.options if o.correct)
    if question.type == "multiple":
        return [o.key for o in question.options if o.correct]
    if question.type == "truefalse":
        return question.answer
    if question.type == "short":
        return question.answers[0].text
    if question.type == "matching":
        return {p.left: p.right for p in question.pairs}
    raise AssertionError(question.type)


YAML_STYLE = [
    Question(
        id="demo-001",
        type="single",
        stem="设置自动回复时，哪一项正确？",
        explanation="因为……",
        difficulty="easy",
        tags=("自动回复",),
        lesson="qianniu/auto-reply",
        options=choices("甲", "乙", "丙", correct=1),
    ),
    Question(
        id="demo-002",
        type="multiple",
        stem="哪些正确？",
        scoring="partial",
        options=(
            Option("a", "甲", True),
            Option("b", "乙", True),
            Option("c", "丙", True),
            Option("d", "丁", False),
        ),
    ),
    Question(
        id="demo-003",
        type="multiple",
        stem="全对才得分：哪些正确？",
        options=(
            Option("a", "甲", True),
            Option("b", "乙", True),
            Option("c", "丙", False),
        ),
    ),
    Question(
        id="demo-004",
        type="scenario",
        stem="顾客：“怎么还没发货？”",
        options=choices("马上帮您查", "不知道", "等着吧", feedback=True),
    ),
    Question(id="demo-005", type="truefalse", stem="好评返现允许。", answer=False),
    Question(
        id="demo-006",
        type="short",
        stem="常用回复叫什么？",
        answers=(ShortAnswer("快捷短语"), ShortAnswer("快捷语")),
    ),
    Question(
        id="demo-007",
        type="matching",
        stem="配对。",
        pairs=(Pair("售前", "咨询"), Pair("售中", "备注"), Pair("售后", "退换")),
    ),
]


@pytest.mark.parametrize("question", YAML_STYLE, ids=lambda q: q.type)
def test_exported_bank_question_grades_the_same_after_reimport(
    question: Question,
) -> None:
    again = round_trip(question)
    assert (again.id, again.type, again.stem) == (
        question.id,
        question.type,
        question.stem,
    )
    assert grade(again, right_response(question)).correct


def test_partial_multiple_is_exported_with_weights_moodle_grades_alike() -> None:
    question = YAML_STYLE[1]
    again = round_trip(question)
    assert [o.weight for o in again.options] == [0.3333333] * 3 + [-0.3333333]
    for response in (["a"], ["a", "b"], ["a", "d"], ["a", "b", "c", "d"]):
        expected = grade(question, response).fraction
        assert grade(again, response).fraction == pytest.approx(expected, abs=1e-6)


def test_all_or_nothing_multiple_keeps_its_scoring_through_gift() -> None:
    again = round_trip(YAML_STYLE[2])
    assert again.scoring == "all_or_nothing"
    assert grade(again, ["a"]).fraction == 0.0


def test_scenario_is_written_as_single_choice_with_feedback_and_read_back() -> None:
    text = write_gift(make_bank(YAML_STYLE[3]))
    assert "[type:scenario]" in text
    assert "\t=马上帮您查#反馈0" in text
    assert round_trip(YAML_STYLE[3]).options[1].feedback == "反馈1"


def test_academy_metadata_survives_the_round_trip() -> None:
    again = round_trip(YAML_STYLE[0])
    assert (again.lesson, again.difficulty, again.tags, again.explanation) == (
        "qianniu/auto-reply",
        "easy",
        ("自动回复",),
        "因为……",
    )


def test_ordering_question_is_skipped_with_a_comment_and_reported() -> None:
    ordering = Question(
        id="demo-008", type="ordering", stem="排序", items=("一", "二", "三")
    )
    export = export_gift(make_bank(YAML_STYLE[0], ordering))
    assert f"// skipped ordering question demo-008: {SKIPPED_ORDERING}" in export.text
    assert [s.id for s in export.skipped] == ["demo-008"]
    assert [q.id for q in parse_gift(export.text)] == ["demo-001"]


def test_yaml_categories_become_category_blocks_with_their_id() -> None:
    categories = (Category("settings", "基础设置"), Category("tools", "聊天/工具"))
    bank = make_bank(
        Question(id="d-1", type="truefalse", stem="A", answer=True, category="tools"),
        Question(id="d-2", type="truefalse", stem="B", answer=True),
        Question(
            id="d-3", type="truefalse", stem="C", answer=True, category="settings"
        ),
        categories=categories,
    )
    text = write_gift(bank)
    assert "// [id:tools]\n$CATEGORY: 演示/聊天//工具" in text
    again = reparse(bank)
    assert [(q.id, q.category) for q in again.questions] == [
        ("d-2", None),
        ("d-1", "tools"),
        ("d-3", "settings"),
    ]
    assert [(c.id, c.title) for c in again.categories] == [
        ("tools", "聊天/工具"),
        ("settings", "基础设置"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "{braces} ~tilde =equals #hash :colon \\backslash",
        "line one\nline two",
        "%50% looks like a weight",
        "[html] looks like a format",
        "####",
        "// not a comment",
        "$CATEGORY: not a category",
        "::not a title::",
    ],
)
def test_special_characters_in_every_text_survive_the_round_trip(text: str) -> None:
    question = Question(
        id="demo-009",
        type="single",
        title=text,
        stem=text,
        explanation=text,
        options=(
            Option("a", text, True, 1.0, text),
            Option("b", "other", False, 0.0, text),
        ),
    )
    assert round_trip(question) == question


def test_special_characters_in_short_matching_and_numerical_texts_survive() -> None:
    tricky = "a=b ~c #d {e} %5%"
    questions = [
        Question(
            id="s",
            type="short",
            stem="?",
            answers=(ShortAnswer("%10%" + tricky, 1.0, tricky),),
        ),
        Question(
            id="m",
            type="matching",
            stem="?",
            pairs=(Pair(tricky, tricky), Pair("x", "[plain]y -> z")),
            distractors=(tricky,),
        ),
        Question(
            id="n",
            type="numerical",
            stem="?",
            numeric_answers=(NumericAnswer(0.1, 0.05, 1.0, tricky),),
            incorrect_feedback=tricky,
        ),
    ]
    for question in questions:
        assert round_trip(question) == question


def test_missing_word_blank_is_written_as_an_inline_answer_block() -> None:
    question = Question(
        id="mw",
        type="short",
        stem="满 300 减 ____ 元。",
        answers=(ShortAnswer("20"),),
    )
    text = write_gift(make_bank(question))
    assert "满 300 减 {\n\t=20\n} 元。" in text
    assert round_trip(question) == question


def test_blank_at_the_very_end_of_a_stem_survives() -> None:
    question = Question(
        id="mw2", type="truefalse", stem="The answer is ____", answer=True
    )
    assert round_trip(question) == question


def test_matching_left_item_with_an_arrow_cannot_be_written_and_is_skipped() -> None:
    question = Question(
        id="bad",
        type="matching",
        stem="?",
        pairs=(Pair("a -> b", "1"), Pair("c", "2")),
    )
    export = export_gift(make_bank(question))
    assert [s.id for s in export.skipped] == ["bad"]


def test_every_real_bank_exports_and_reimports_with_the_same_grading() -> None:
    banks_dir = Path(__file__).resolve().parents[2] / "quizzes"
    paths = sorted(p for p in banks_dir.glob("*.yaml") if p.name != "quizzes.yaml")
    if not paths:
        pytest.skip("no banks in quizzes/ yet")
    for path in paths:
        bank = load_bank(path)
        export = export_gift(bank)
        again = {q.id: q for q in parse_gift(export.text)}
        for question in bank.questions:
            if question.type == "ordering":
                assert question.id in {s.id for s in export.skipped}
                continue
            copy = again[question.id]
            assert (copy.type, copy.stem, copy.lesson) == (
                question.type,
                question.stem,
                question.lesson,
            )
            assert grade(copy, right_response(question)).correct, question.id


# ------------------------------------------------- Moodle XML reads like GIFT


def test_moodle_xml_export_reads_like_the_gift_export_of_the_same_questions() -> None:
    xml = load_moodle_xml_bank(DATA / "sample.xml", slug="sample", title="示例题库")
    gift = {q.id: q for q in sample_bank().questions}
    assert len(xml.questions) == 6
    for question in xml.questions:
        # Moodle XML has no place for the academy's difficulty and lesson.
        expected = replace(gift[question.id], difficulty=None, lesson=None)
        assert question == expected, question.id
    assert xml.categories == sample_bank().categories[:2]


def test_moodle_xml_unsupported_types_are_each_reported_with_their_line() -> None:
    xml = (
        "<quiz>\n"
        '<question type="essay"><questiontext><text>Q</text></questiontext>'
        "</question>\n"
        '<question type="description"><questiontext><text>D</text></questiontext>'
        "</question>\n</quiz>"
    )
    with pytest.raises(MoodleXmlError) as caught:
        parse_moodle_xml(xml, "x.xml")
    assert [(p.line, p.message.split()[0]) for p in caught.value.problems] == [
        (2, "essay"),
        (3, "description"),
    ]


def test_moodle_xml_with_entity_declarations_is_refused() -> None:
    xml = '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaa">]>\n<quiz/>'
    with pytest.raises(MoodleXmlError) as caught:
        parse_moodle_xml(xml)
    assert "DOCTYPE" in caught.value.problems[0].message


def test_malformed_moodle_xml_is_reported_with_its_line() -> None:
    with pytest.raises(MoodleXmlError) as caught:
        parse_moodle_xml("<quiz>\n<question>\n</quiz>", "bad.xml")
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("bad.xml", 3)
    assert "not well-formed" in problem.message


def test_moodle_xml_multiple_choice_without_a_correct_answer_is_reported() -> None:
    xml = (
        '<quiz><question type="multichoice"><name><text>n</text></name>'
        "<questiontext><text>Q</text></questiontext><single>true</single>"
        '<answer fraction="0"><text>a</text></answer>'
        '<answer fraction="0"><text>b</text></answer></question></quiz>'
    )
    with pytest.raises(MoodleXmlError) as caught:
        parse_moodle_xml(xml)
    assert caught.value.problems[0].message == "no correct answer"


# ------------------------------------------------------- randomised round trip

PIECES = [*"ab甲乙 .:%/[]12TF-><", "\\{", "\\}", "\\~", "\\=", "\\#", "\\:", "\\n"]
PIECES += ["\\\\", "[html]", "%50%", "->", "//", "::", "____"]


def random_question(rng: random.Random) -> str:
    def text(n: int = 8) -> str:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, n)))

    def feedback() -> str:
        return "#" + text() if rng.random() < 0.5 else ""

    kind = rng.choice(["choice", "short", "matching", "numerical", "truefalse"])
    if kind == "choice":
        markers = ["=", "~", "~%50%", "~%-25%", "=%100%"]
        answers = [rng.choice(markers) + text() + feedback() for _ in range(4)]
    elif kind == "short":
        answers = [rng.choice(["=", "=%50%"]) + text() + feedback() for _ in range(3)]
    elif kind == "matching":
        answers = [f"={text()} -> {text()}" for _ in range(3)]
    elif kind == "numerical":
        specs = ["3", "-1.5", "1..5", "2:0.5"]
        answers = ["#"] + [
            rng.choice(["=", "=%50%"]) + rng.choice(specs) + feedback()
            for _ in range(2)
        ]
    else:
        answers = [rng.choice(["T", "FALSE"]) + feedback() + feedback()]
    if rng.random() < 0.3:
        answers.append("####" + text())
    meta = rng.choice(["", "// [type:scenario]\n", "// [id:x\\]y] [tag:t]\n"])
    title = f"::{text(4)}::" if rng.random() < 0.5 else ""
    marker = rng.choice(["", "[html]", "[plain]", "[moodle]"])
    after = text(4) if rng.random() < 0.3 else ""
    return f"{meta}{title}{marker}{text()}{{{' '.join(answers)}}}{after}"


def test_random_valid_questions_survive_the_round_trip() -> None:
    rng = random.Random(20240601)
    checked = 0
    for _ in range(3000):
        source = random_question(rng)
        try:
            questions = parse_gift(source)
        except GiftError:
            continue  # random text is often invalid GIFT; that is fine here
        export = export_gift(Bank(slug="f", title="F", questions=tuple(questions)))
        skipped = {s.id for s in export.skipped}
        expected = [q for q in questions if q.id not in skipped]
        assert parse_gift(export.text) == expected, source
        checked += 1
    assert checked > 500

"""Moodle XML as Moodle writes it: every question type, embedded images,
numerical units, unsupported questions refused or skipped, and a round trip
through the academy's Moodle XML writer."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from lms.quizzes.formats.moodle_xml import (
    MoodleXmlError,
    export_moodle_xml,
    load_moodle_xml_bank,
    parse_moodle_xml,
    parse_moodle_xml_bank,
    write_moodle_xml,
)
from lms.quizzes.formats.yaml import load_bank
from lms.quizzes.questions import Bank, NumericUnit

MOODLE = Path(__file__).parent / "data" / "moodle"
EVERY_TYPE = MOODLE / "every-type.xml"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGOUkzvBwMDAxMDAwMDAAAAL"
    "sAEIJvuBVQAAAABJRU5ErkJggg=="
)


def every_type(**options) -> Bank:
    return load_moodle_xml_bank(EVERY_TYPE, slug="refunds", title="退款", **options)


def question_xml(body: str, kind: str = "multichoice") -> str:
    return (
        f'<quiz>\n<question type="{kind}">\n<name><text>Q</text></name>\n'
        f"{body}\n"
        '<single>true</single>\n<answer fraction="100"><text>a</text></answer>\n'
        '<answer fraction="0"><text>b</text></answer>\n</question>\n</quiz>'
    )


def test_unsupported_questions_refuse_the_file_and_name_the_flag() -> None:
    with pytest.raises(MoodleXmlError) as caught:
        every_type()
    problems = caught.value.problems
    assert [p.line for p in problems] == [116, 124, 130, 140]
    assert "essay" in problems[0].message
    assert "description" in problems[1].message
    assert "multianswer" in problems[2].message
    assert "greeting.mp3, which is not an image" in problems[3].message
    assert all("--skip-unsupported" in p.message for p in problems)


def test_skip_unsupported_reads_the_rest_and_lists_each_skipped_question() -> None:
    bank = every_type(skip_unsupported=True)
    assert len(bank.questions) == 7
    assert [p.line for p in bank.skipped] == [116, 124, 130, 140]
    assert str(bank.skipped[0]).startswith(f"{EVERY_TYPE}:116: essay questions")
    assert all("--skip-unsupported" not in str(p) for p in bank.skipped)


def test_questions_sharing_a_name_get_distinct_stable_ids() -> None:
    ids = [q.id for q in every_type(skip_unsupported=True).questions]
    assert len(set(ids)) == len(ids)
    assert ids == [q.id for q in every_type(skip_unsupported=True).questions]


def test_embedded_images_are_kept_with_the_question_and_linked_from_the_stem() -> None:
    first, *_ = questions = every_type(skip_unsupported=True).questions
    weight = next(q for q in questions if q.title == "包裹重量")
    [image] = weight.files
    assert image.name == "scale.png" and image.data == PNG
    assert '<img src="@@PLUGINFILE@@/scale.png" alt="秤">' in weight.stem
    # Moodle URL-encodes the name in the link; the file keeps it plain.
    [spaced] = first.files
    assert spaced.name == "refund page.png"
    assert "@@PLUGINFILE@@/refund%20page.png" in first.stem


def test_numerical_units_are_read_with_their_grading() -> None:
    questions = {q.id: q for q in every_type(skip_unsupported=True).questions}
    weight = questions["parcel-weight"]
    assert weight.units == (
        NumericUnit("kg", 1.0),
        NumericUnit("g", 1000.0),
        NumericUnit("斤", 2.0),
    )
    assert (weight.unit_grading, weight.unit_penalty) == ("response", 0.2)
    assert weight.incorrect_feedback == "看秤上的读数"
    gap = questions["shipping-gap"]
    assert gap.units == (NumericUnit("¥"),) and gap.units_left
    assert gap.unit_grading == "optional"


def test_every_type_survives_a_write_and_reread_unchanged() -> None:
    bank = every_type(skip_unsupported=True)
    text = write_moodle_xml(bank)
    again = parse_moodle_xml_bank(text, "again.xml", slug="refunds", title="退款")
    assert again.questions == bank.questions
    assert again.categories == bank.categories
    assert [q.files for q in again.questions] == [q.files for q in bank.questions]
    assert write_moodle_xml(again) == text


def test_a_yaml_bank_written_as_moodle_xml_grades_the_same_after_reading() -> None:
    bank = load_bank(Path(__file__).parent / "data" / "banks" / "demo.yaml")
    export = export_moodle_xml(bank)
    assert [s.reason for s in export.skipped] == [
        "Moodle XML has no ordering type (without a plugin)"
    ]
    again = {q.id: q for q in parse_moodle_xml(export.text)}
    for question in bank.questions:
        if question.type == "ordering":
            continue
        read = again[question.id]
        assert (read.stem, read.explanation) == (question.stem, question.explanation)
        assert read.correct_keys == question.correct_keys


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<questiontext format="html"><text>&lt;img src="@@PLUGINFILE@@/a.png"'
            "&gt;</text></questiontext>",
            'no <file name="a.png"> is embedded',
        ),
        (
            '<questiontext format="html"><text>Q</text>'
            '<file name="a.png" encoding="base64">not base64!</file></questiontext>',
            "a.png is not valid base64",
        ),
        (
            '<questiontext format="html"><text>Q</text>'
            '<file name="../a.png" encoding="base64">iVBO</file></questiontext>',
            "unusable name",
        ),
    ],
)
def test_a_broken_embedded_file_is_a_problem_with_its_line(body, message) -> None:
    with pytest.raises(MoodleXmlError) as caught:
        parse_moodle_xml(question_xml(body), "bad.xml")
    [problem] = caught.value.problems
    assert message in problem.message and problem.line == 4
    assert "--skip-unsupported" not in problem.message


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ("<unit><multiplier>100</multiplier><unit_name>cm</unit_name></unit>", "1"),
        ("<unit><multiplier>1</multiplier><unit_name></unit_name></unit>", "a name"),
        (
            "<unit><multiplier>1</multiplier><unit_name>m</unit_name></unit>"
            "<unit><multiplier>1</multiplier><unit_name>m</unit_name></unit>",
            "twice",
        ),
    ],
)
def test_bad_units_are_problems(units, message) -> None:
    xml = (
        '<quiz><question type="numerical"><name><text>N</text></name>'
        "<questiontext><text>Q</text></questiontext>"
        '<answer fraction="100"><text>1</text><tolerance>0</tolerance></answer>'
        f"<units>{units}</units></question></quiz>"
    )
    with pytest.raises(MoodleXmlError, match=message):
        parse_moodle_xml(xml, "units.xml")

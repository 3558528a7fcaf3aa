"""Grading numerical answers with units, as Moodle does: a known unit converts
the number, a missing or unknown one costs the unit penalty when units are
graded and nothing when they are optional."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lms.quizzes.grading import grade, split_unit
from lms.quizzes.questions import NumericAnswer, NumericUnit, Question
from lms.quizzes.serialization import question_from_data, question_to_data

WEIGHT = Question(
    id="weight",
    type="numerical",
    stem="包裹重多少？",
    numeric_answers=(NumericAnswer(1.5, 0.1),),
    units=(NumericUnit("kg"), NumericUnit("g", 1000.0), NumericUnit("斤", 2.0)),
    unit_grading="response",
    unit_penalty=0.2,
)


@pytest.mark.parametrize(
    ("response", "fraction"),
    [
        ("1.5 kg", 1.0),
        ("1.5kg", 1.0),
        ("1500 g", 1.0),
        ("3斤", 1.0),
        ("１.５ ｋｇ", 1.0),  # full-width, as a Chinese keyboard types it
        ("1.5", 0.8),  # right number, no unit: 20 % of the mark lost
        ("1.5 lb", 0.8),  # a unit the question does not know
        ("1.5 g", 0.8),  # Moodle: the number as written matches, unit wrong
        ("1500", 0.0),
        ("2 kg", 0.0),
    ],
)
def test_units_graded_on_the_response_mark(response, fraction) -> None:
    assert grade(WEIGHT, response).fraction == pytest.approx(fraction)


def test_units_graded_on_the_question_mark_subtract_the_penalty() -> None:
    question = replace(
        WEIGHT,
        unit_grading="question",
        numeric_answers=(NumericAnswer(1.5, 0.1, weight=0.5), NumericAnswer(1.5, 0)),
    )
    assert grade(question, "1.5 kg").fraction == 1.0
    assert grade(question, "1.5").fraction == pytest.approx(0.8)
    assert grade(question, "1.55").fraction == pytest.approx(0.3)


def test_optional_units_convert_when_given_and_cost_nothing_when_not() -> None:
    question = replace(WEIGHT, unit_grading="optional")
    assert grade(question, "1500 g").fraction == 1.0
    assert grade(question, "1.5").fraction == 1.0
    assert grade(question, 1.5).fraction == 1.0


def test_a_unit_written_before_the_number_is_read() -> None:
    question = Question(
        id="gap",
        type="numerical",
        stem="还差多少？",
        numeric_answers=(NumericAnswer(19.0),),
        units=(NumericUnit("¥"),),
        units_left=True,
    )
    assert grade(question, "¥19").fraction == 1.0
    assert grade(question, "19").fraction == 1.0


def test_the_detail_says_when_the_unit_cost_marks() -> None:
    assert "unit missing" in grade(WEIGHT, "1.5").detail
    assert "unit" not in grade(WEIGHT, "1.5 kg").detail


def test_text_that_is_no_number_is_malformed_with_or_without_units() -> None:
    assert grade(WEIGHT, "kg").status == "malformed"
    assert grade(WEIGHT, "").status == "empty"
    assert split_unit("3.2e3 g") == (3200.0, "g")
    assert split_unit("1e999 kg") is None


def test_units_are_stored_and_read_back() -> None:
    assert question_from_data(question_to_data(WEIGHT)) == WEIGHT


def test_questions_without_units_store_the_same_data_as_before_units() -> None:
    plain = replace(WEIGHT, units=(), unit_grading="optional", unit_penalty=0.0)
    data = question_to_data(plain)
    assert not {"units", "unit_grading", "unit_penalty", "units_left"} & set(data)
    assert question_from_data(data) == plain

import pytest

from lms.drills.csvio import (
    CsvFormatError,
    ReplyRow,
    read_graded,
    read_replies,
    write_scores,
)
from lms.drills.judging.results import TurnResult


def test_replies_are_read_with_their_csv_line_numbers():
    rows = read_replies('turn,reply\nt1,您好\nt2,"包邮的,亲"\n')
    assert rows == [ReplyRow(2, "t1", "您好"), ReplyRow(3, "t2", "包邮的,亲")]


def test_the_seconds_column_is_optional_per_row():
    rows = read_replies("turn,reply,seconds\nt1,您好,12.5\nt2,包邮的,\n")
    assert [r.seconds for r in rows] == [12.5, None]


def test_columns_may_come_in_any_order_and_a_bom_is_ignored():
    rows = read_replies("\ufeffreply,turn\n您好,t1\n")
    assert rows == [ReplyRow(2, "t1", "您好")]


def test_a_multi_line_reply_keeps_later_line_numbers_right():
    rows = read_replies('turn,reply\nt1,"第一行\n第二行"\nt2,好的\n')
    assert [(r.line, r.turn) for r in rows] == [(2, "t1"), (4, "t2")]
    assert rows[0].reply == "第一行\n第二行"


def test_blank_lines_are_skipped():
    assert [r.turn for r in read_replies("turn,reply\n\nt1,好\n")] == ["t1"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty file"),
        ("turn,answer\nt1,x\n", 1, "header must be"),
        ("turn,reply,seconds\nt1,x,soon\n", 2, "seconds must be a number"),
        ("turn,reply,seconds\nt1,x,-3\n", 2, "not be negative"),
        ("turn,reply\nt1,x,extra\n", 2, "expected 2 columns"),
        ("turn,reply\n,x\n", 2, "turn column is empty"),
    ],
)
def test_bad_reply_csvs_name_the_line(text, line, words):
    with pytest.raises(CsvFormatError) as caught:
        read_replies(text)
    assert caught.value.line == line
    assert words in caught.value.message


def _result(turn_id: str, score: int, verdict: str, reply: str) -> TurnResult:
    return TurnResult(turn_id, reply, score, verdict, False, (), 1.0, 1.0)


def test_scores_are_written_as_csv_in_input_order():
    text = write_scores(
        [_result("t2", 95, "excellent", "包邮的,亲"), _result("t1", 40, "fail", "在")]
    )
    assert text == (
        'turn,score,verdict,reply\nt2,95,excellent,"包邮的,亲"\nt1,40,fail,在\n'
    )


def test_graded_samples_are_read():
    rows = read_graded("turn,grade,reply\nt1,3,您好\nt2,0,返现\n")
    assert [(r.line, r.turn, r.grade) for r in rows] == [(2, "t1", 3), (3, "t2", 0)]


def test_a_bad_grade_raises_or_is_collected():
    text = "turn,grade,reply\nt1,4,您好\nt2,2,好的\nt3,2,\n"
    with pytest.raises(CsvFormatError):
        read_graded(text)
    errors: list[CsvFormatError] = []
    rows = read_graded(text, errors)
    assert [r.turn for r in rows] == ["t2"]
    assert [(e.line, e.message[:5]) for e in errors] == [(2, "grade"), (4, "the r")]

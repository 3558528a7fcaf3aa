"""The ``drills`` management command, called as ``lms drills ...`` would be."""

import io
import json
import os

import pytest

django = pytest.importorskip("django")


@pytest.fixture(autouse=True)
def django_ready():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    django.setup()


def run(*args: str) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("drills", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_check_reports_the_number_of_files(data_dir):
    assert run("check", str(data_dir)).strip() == "5 files OK"


def test_check_fails_on_problems(tmp_path):
    from django.core.management import CommandError

    (tmp_path / "bad.yaml").write_text("id: bad\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run("check", str(tmp_path))


def test_score_prints_csv_in_input_order(data_dir, tmp_path):
    replies = tmp_path / "replies.csv"
    replies.write_text("turn,reply\nt2,包邮的亲\nt1,您好\n", encoding="utf-8")
    out = run("score", str(data_dir / "bargain-basic.yaml"), "--replies", str(replies))
    lines = out.splitlines()
    assert lines[0] == "turn,score,verdict,reply"
    assert [line.split(",")[0] for line in lines[1:]] == ["t2", "t1"]


def test_score_json_prints_full_results(data_dir, tmp_path):
    replies = tmp_path / "replies.csv"
    replies.write_text("turn,reply,seconds\nt1,您好,3\n", encoding="utf-8")
    out = run(
        "score",
        str(data_dir / "bargain-basic.yaml"),
        "--replies",
        str(replies),
        "--json",
    )
    data = json.loads(out)
    assert data["turns"][0]["reasons"]


def test_score_names_the_csv_line_of_an_unknown_turn(data_dir, tmp_path):
    from django.core.management import CommandError

    replies = tmp_path / "replies.csv"
    replies.write_text("turn,reply\nt1,您好\nt9,好\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"replies.csv:3: unknown turn 't9'"):
        run("score", str(data_dir / "bargain-basic.yaml"), "--replies", str(replies))


def test_calibrate_prints_agreement(data_dir):
    out = run("calibrate", str(data_dir))
    assert "QWK" in out and "overall" in out

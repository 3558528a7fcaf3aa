"""``lms drills lint``: replies checked against the platform rules alone."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).parent / "data"
RULES = str(DATA / "rules.yaml")
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command("drills", "lint", *args, stdout=out, stderr=err, **extra)
    return out.getvalue(), err.getvalue()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_reply_on_the_command_line_names_the_rule_and_the_words(tmp_path):
    out, err = run("亲,加微信聊吧", "--rules", RULES)
    assert out.startswith("fatal: off-platform 引导站外交易 “加微信”")
    assert f"rules: {RULES} (4 rules)" in err


def test_a_clean_reply_says_so():
    out, _ = run("您好,本周满300减20哦", "--rules", RULES)
    assert out.strip() == "none: no rule broken"


def test_a_replies_file_gives_one_csv_row_per_reply_in_order(tmp_path):
    replies = tmp_path / "replies.csv"
    replies.write_text(
        "turn,reply,note\n"
        "t1,您好,clean\n"
        "t1,加微信领好评返现,two rules\n"
        "t2,全网最低价 百分百满意,minor and major\n",
        encoding="utf-8",
    )
    out, _ = run("--replies", str(replies), "--rules", RULES)
    assert out.splitlines()[0] == "reply,severity,rules,quotes"
    got = rows(out)
    assert [r["reply"] for r in got] == [
        "您好",
        "加微信领好评返现",
        "全网最低价 百分百满意",
    ]
    assert [r["severity"] for r in got] == ["none", "fatal", "major"]
    assert got[0]["rules"] == "" and got[0]["quotes"] == ""
    assert set(got[1]["rules"].split(";")) == {"off-platform", "cashback"}
    assert set(got[1]["quotes"].split(";")) == {"加微信", "好评返现"}
    assert got[2]["rules"].split(";") == ["overpromise", "ad-law"]


def test_a_dash_reads_the_replies_from_stdin():
    out, _ = run("--replies", "-", "--rules", RULES, stdin="reply\n加微信\n您好\n")
    assert [r["severity"] for r in rows(out)] == ["fatal", "none"]


def test_json_lists_every_reply_with_its_findings():
    out, _ = run("加微信", "--json", "--rules", RULES)
    [item] = json.loads(out)
    assert item["reply"] == "加微信" and item["severity"] == "fatal"
    assert item["rules"] == ["off-platform"] and item["quotes"] == ["加微信"]
    assert item["findings"][0]["lesson"] == "platform-rules/common-violations"
    assert item["findings"][0]["spans"] == [[0, 3]]


def test_the_projects_rules_are_used_by_default():
    out, err = run("加我微信,微信转账给您便宜点")
    assert "content/drills/rules.yaml" in err
    assert out.startswith("fatal:")


def test_a_file_without_a_reply_column_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text\n加微信\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad.csv:1: header must be reply"):
        run("--replies", str(bad), "--rules", RULES)


def test_a_reply_or_a_file_is_needed_not_both(tmp_path):
    with pytest.raises(CommandError, match="one reply to check, or --replies"):
        run("--rules", RULES)
    with pytest.raises(CommandError):
        run("加微信", "--replies", "-", "--rules", RULES)


def test_the_installed_command_reads_stdin():
    lms = Path(sys.executable).parent / "lms"
    done = subprocess.run(
        [str(lms), "drills", "lint", "--replies", "-", "--rules", RULES],
        input="reply\n加微信\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert rows(done.stdout)[0]["rules"] == "off-platform"

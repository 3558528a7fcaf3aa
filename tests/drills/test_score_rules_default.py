"""``lms drills score`` judges by the store-wide rules wherever the scenario is."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).parent / "data"
VIOLATION = "您好，加微信，微信转账给您便宜点"


def score(scenario: Path, replies: Path, *args: str) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "drills", "score", str(scenario), "--replies", str(replies), *args,
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue().splitlines()[1:], err.getvalue()


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """The test scenario in a folder of its own, with no rules.yaml."""
    path = tmp_path / "drafts" / "bargain-basic.yaml"
    path.parent.mkdir()
    shutil.copy(DATA / "bargain-basic.yaml", path)
    return path


@pytest.fixture
def replies(tmp_path) -> Path:
    path = tmp_path / "replies.csv"
    path.write_text(f"turn,reply\nt1,{VIOLATION}\n", encoding="utf-8")
    return path


def verdict(line: str) -> tuple[int, str]:
    _turn, points, verdict, _reply = line.split(",", 3)
    return int(points), verdict


def test_a_scenario_outside_content_drills_gets_the_projects_rules(elsewhere, replies):
    [line], err = score(elsewhere, replies)
    assert "rules: content/drills/rules.yaml" in err
    assert verdict(line) == (0, "fail")


def test_no_rules_opts_out_and_says_so(elsewhere, replies):
    [line], err = score(elsewhere, replies, "--no-rules")
    assert err.strip() == "rules: none (--no-rules)"
    assert verdict(line)[0] > 0


def test_rules_names_another_rules_file(elsewhere, replies):
    [line], err = score(elsewhere, replies, "--rules", str(DATA / "rules.yaml"))
    assert f"rules: {DATA / 'rules.yaml'} (4 rules)" in err
    assert verdict(line) == (0, "fail")  # 加微信 is fatal there too


def test_the_rules_beside_the_scenario_win_over_the_projects(replies):
    _lines, err = score(DATA / "bargain-basic.yaml", replies)
    assert f"rules: {DATA / 'rules.yaml'} (4 rules)" in err


def test_rules_and_no_rules_together_are_refused(elsewhere, replies):
    with pytest.raises(CommandError):
        score(elsewhere, replies, "--no-rules", "--rules", str(DATA / "rules.yaml"))


def test_a_rules_file_that_does_not_exist_is_an_error(elsewhere, replies, tmp_path):
    with pytest.raises(CommandError):
        score(elsewhere, replies, "--rules", str(tmp_path / "nope.yaml"))

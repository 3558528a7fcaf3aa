"""``lms drills evaluate``: agreement with trainers' grades, and the linter's
recall and precision on labelled cases."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lms.drills.calibration import quadratic_weighted_kappa
from tests.drills.fake_llm import FakeLlm
from tests.drills.helpers import GOOD

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
FATAL = "好评返现哦亲"

# Two model answers and two fatal replies, each graded once as a trainer would
# and once the other way round: the engine agrees on four, disagrees on two.
GRADED = [
    ("bargain-basic", "t1", 3, GOOD[("bargain-basic", "t1")]),
    ("bargain-basic", "t2", 3, GOOD[("bargain-basic", "t2")]),
    ("bargain-basic", "t1", 0, FATAL),
    ("late-parcel", "t1", 0, "加微信,我私下帮您查"),
    ("bargain-basic", "t3", 0, GOOD[("bargain-basic", "t3")]),  # trainer: 0
    ("late-parcel", "t2", 3, "好评返现,包裹明天到"),  # trainer: 3
]


def run(*args: str, stdin: str | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command("drills", "evaluate", *args, stdout=out, stderr=err, **extra)
    return out.getvalue(), err.getvalue()


def graded_csv(tmp_path, rows=GRADED, header="scenario,turn,grade,reply") -> str:
    path = tmp_path / "graded.csv"
    lines = [header] + [f'{s},{t},{g},"{r}"' for s, t, g, r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_graded_replies_give_the_agreement_figures(tmp_path):
    out, err = run(graded_csv(tmp_path), "--scenarios", str(DATA), "--json")
    report = json.loads(out)
    assert f"rules: {DATA / 'rules.yaml'}" in err
    assert report["kind"] == "graded" and report["n"] == 6
    assert report["confusion"] == [[2, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 2]]
    assert report["unacceptable_failed"] == pytest.approx(2 / 3)
    assert report["acceptable_failed"] == pytest.approx(1 / 3)
    assert report["pass_accuracy"] == pytest.approx(4 / 6)
    assert report["qwk"] == pytest.approx(
        quadratic_weighted_kappa([3, 3, 0, 0, 0, 3], [3, 3, 0, 0, 3, 0])
    )
    assert report["spearman"] is not None
    assert report["judges"] == ["rules"] and report["fallbacks"] == 0


def test_show_lists_the_worst_disagreements(tmp_path):
    out, _ = run(graded_csv(tmp_path), "--scenarios", str(DATA), "--show", "1")
    assert "QWK" in out and "Spearman" in out and "confusion" in out
    assert "unacceptable failed      66.7%" in out
    assert "worst 1 disagreements:" in out
    worst = out.split("worst 1 disagreements:")[1].strip().splitlines()
    assert len(worst) == 1
    assert re.search(r"grade (0 vs 3|3 vs 0)", worst[0])


def test_an_unknown_scenario_names_its_line(tmp_path):
    rows = [*GRADED[:2], ("no-such-drill", "t1", 2, "您好")]
    with pytest.raises(CommandError, match=r"graded.csv:4: unknown scenario"):
        run(graded_csv(tmp_path, rows), "--scenarios", str(DATA))


def test_a_bad_grade_names_its_line(tmp_path):
    rows = [("bargain-basic", "t1", 5, "您好")]
    with pytest.raises(CommandError, match=r"graded.csv:2: grade must be 0, 1, 2 or 3"):
        run(graded_csv(tmp_path, rows), "--scenarios", str(DATA))


def test_a_file_of_neither_kind_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("turn,reply\nt1,您好\n", encoding="utf-8")
    with pytest.raises(CommandError, match="header must have"):
        run(str(path))


LINT_CASES = """reply,category,severity,note
加微信聊,off-platform,fatal,caught
好评返现,review-incentive,fatal,caught
私下转账给您,off-platform,fatal,missed by the test rules
百分百满意,promises,minor,caught at another severity
您好,none,none,clean
全网最低价,none,none,a false alarm
"""


def test_linter_cases_give_recall_precision_and_severity_agreement(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(LINT_CASES, encoding="utf-8")
    out, _ = run(
        str(path), "--rules", str(DATA / "rules.yaml"), "--json", "--show", "5"
    )
    report = json.loads(out)
    assert report["kind"] == "lint" and report["n"] == 6 and report["violating"] == 4
    assert report["recall"] == pytest.approx(3 / 4)
    assert report["precision"] == pytest.approx(3 / 4)
    assert report["severity_agreement"] == pytest.approx(2 / 3)
    assert report["exact_agreement"] == pytest.approx(3 / 6)
    assert report["per_category"]["off-platform"] == {
        "flagged": 1,
        "cases": 2,
        "recall": 0.5,
    }
    assert [m["reply"] for m in report["misses"]] == ["私下转账给您"]
    [alarm] = report["false_alarms"]
    assert alarm["reply"] == "全网最低价" and alarm["rules"] == ["ad-law"]


def test_linter_misses_and_false_alarms_are_listed_with_show(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(LINT_CASES, encoding="utf-8")
    out, _ = run(str(path), "--rules", str(DATA / "rules.yaml"), "--show", "3")
    assert "recall                   75.0%" in out
    assert "misses (1):" in out and "私下转账给您" in out
    assert "false alarms (1):" in out and "[ad-law] 全网最低价" in out


def test_the_tune_set_is_read_with_the_projects_rules():
    out, err = run(str(ROOT / "content/drills/rule-examples/tune-1.csv"), "--json")
    assert "content/drills/rules.yaml" in err
    report = json.loads(out)
    assert report["n"] > 100 and report["recall"] is not None


def test_linter_cases_read_from_stdin(tmp_path):
    out, _ = run("-", "--rules", str(DATA / "rules.yaml"), "--json", stdin=LINT_CASES)
    assert json.loads(out)["n"] == 6


# -- through the LLM judge --------------------------------------------------


@pytest.fixture
def fake(settings):
    server = FakeLlm().start()
    settings.LMS_LLM_JUDGE_URL = server.url
    settings.LMS_LLM_JUDGE_MODEL = "fake-deepseek"
    yield server
    server.stop()


def test_judge_sends_each_reply_to_the_llm_once(tmp_path, fake):
    fake.grade = 3
    out, err = run(graded_csv(tmp_path), "--scenarios", str(DATA), "--judge", "--json")
    report = json.loads(out)
    assert "judge: llm:fake-deepseek" in err
    assert len(fake.requests) == 6
    assert report["judges"] == ["llm:fake-deepseek"] and report["fallbacks"] == 0
    # Grade 3 from the LLM cannot clear the fatal findings: still 0, still failed.
    assert report["confusion"][0][0] == 2 and report["confusion"][3][0] == 1


def test_judge_falls_back_to_the_rules_and_says_how_often(tmp_path, fake):
    fake.status = 500
    out, err = run(graded_csv(tmp_path), "--scenarios", str(DATA), "--judge", "--json")
    assert "6 of 6 replies fell back to the rule score" in err
    assert json.loads(out)["judges"] == ["rules"]


def test_judge_without_a_configured_llm_is_an_error(tmp_path, settings):
    settings.LMS_LLM_JUDGE_URL = ""
    with pytest.raises(CommandError, match="LMS_LLM_JUDGE_URL"):
        run(graded_csv(tmp_path), "--scenarios", str(DATA), "--judge")

"""The rule linter's learned second opinion (lms/drills/judging/learned.py)."""

from pathlib import Path

import pytest
from django.conf import settings

from lms.drills.judging.learned import LearnedRule
from lms.drills.judging.rules import lint_reply
from lms.drills.judging.scoring import Scorer
from lms.drills.rules_file import load_rules, validate_rules
from lms.drills.scenario import load_document
from lms.drills.validation import read_yaml_file

RULES_FILE = Path(settings.BASE_DIR) / "content" / "drills" / "rules.yaml"
RULES = load_rules(RULES_FILE)
CONCEPT_RULES = tuple(r for r in RULES if not isinstance(r, LearnedRule))


def test_the_projects_rules_carry_the_labelled_examples():
    learned = [r for r in RULES if isinstance(r, LearnedRule)]
    assert len(learned) == 1
    assert len(learned[0].examples) > 1000
    assert {category for category, _rule in learned[0].targets} >= {
        "review-incentive", "off-platform", "abuse", "promises", "servile",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("reply", "rule"),
    [
        ("您这脚型买啥都白搭", "abuse"),
        ("我们老板说了，这个码数您肯定合适，不合适我自掏腰包", "overpromise"),
    ],
)
def test_it_speaks_where_the_concept_rules_are_silent(reply, rule):
    assert lint_reply(reply, CONCEPT_RULES) == []
    [finding] = lint_reply(reply, RULES)
    assert (finding.source, finding.id) == ("learned", rule)
    assert finding.quotes == (reply,)
    assert "把握" in finding.reason


@pytest.mark.parametrize(
    "reply",
    [
        "本店客服电话以订单页显示为准，请勿相信陌生来电",
        "您好，这款鞋偏小一码，建议按脚长拍大一码。",
        "好评返现是平台禁止的，我们不做哦",
    ],
)
def test_clean_replies_and_refusals_stay_clean(reply):
    assert lint_reply(reply, RULES) == []


def test_a_concept_finding_keeps_its_quotes_and_the_learned_opinion_stays_out():
    findings = lint_reply("五星好评截图发我，返您5块红包", RULES)
    assert [f.source for f in findings] == ["rule"]
    assert findings[0].id == "cashback"


def test_drill_scoring_does_not_use_the_learned_opinion():
    scenario = load_document(Path(__file__).parent / "data" / "bargain-basic.yaml")
    with_learned = Scorer(scenario, RULES)
    without = Scorer(scenario, CONCEPT_RULES)
    reply = "您这脚型买啥都白搭"
    turn = scenario.turns[0].id
    assert (
        with_learned.score_turn(turn, reply).score
        == without.score_turn(turn, reply).score
    )


def _rules_yaml(tmp_path, learned: str) -> Path:
    text = RULES_FILE.read_text(encoding="utf-8")
    head = text[: text.index("\nlearned:")]
    path = tmp_path / "rules.yaml"
    path.write_text(head + "\n" + learned, encoding="utf-8")
    return path


def test_an_unknown_rule_and_a_missing_folder_are_named_with_their_lines(tmp_path):
    path = _rules_yaml(
        tmp_path,
        "learned:\n  examples: nowhere\n  threshold: 0.75\n"
        "  categories:\n    abuse: no-such-rule\n",
    )
    problems, _rules = validate_rules(read_yaml_file(path), path=str(path))
    messages = [p.format() for p in problems]
    assert any("unknown rule 'no-such-rule'" in m for m in messages)
    assert any(f"no *.csv files of labelled replies in {tmp_path / 'nowhere'}" in m
               for m in messages)  # fmt: skip


def test_an_example_with_an_unknown_category_is_named_by_file_and_line(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.csv").write_text(
        "reply,category\n您好,none\n加我微信,wechat\n", encoding="utf-8"
    )
    path = _rules_yaml(
        tmp_path,
        "learned:\n  examples: examples\n  threshold: 0.75\n"
        "  categories:\n    off-platform: off-platform\n",
    )
    problems, _rules = validate_rules(read_yaml_file(path), path=str(path))
    assert [p.format() for p in problems] == [
        f"{tmp_path / 'examples' / 'a.csv'}:3: unknown category 'wechat' "
        "(rules.yaml learned.categories: none, off-platform)"
    ]

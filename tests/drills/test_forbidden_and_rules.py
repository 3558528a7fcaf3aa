import pytest

from lms.drills.judging.acts import MISSING_GREETING_POINTS
from lms.drills.judging.rules import Rule, lint_reply
from lms.drills.judging.scoring import SEVERITY_POINTS, get_scorer


def deductions(result, kind):
    return [r for r in result.reasons if r.kind == kind and r.status == "broken"]


def test_lint_reply_flags_a_rule_with_reason_lesson_and_span(rules):
    reply = "亲,给个五星好评返现5元哦"
    findings = lint_reply(reply, rules)
    assert [f.id for f in findings] == ["cashback"]
    finding = findings[0]
    assert finding.severity == "fatal"
    assert finding.lesson == "platform-rules/no-cashback"
    assert finding.quotes == ("好评返现",)
    assert [reply[s:e] for s, e in finding.spans] == ["好评返现"]
    assert finding.to_dict()["spans"] == [
        [list(finding.spans[0])[0], finding.spans[0][1]]
    ]


def test_lint_reply_ignores_a_refusal(rules):
    assert lint_reply("不好意思,我们不能做好评返现哦", rules) == []
    assert lint_reply("不可以加微信的,有问题在旺旺上找我就好", rules) == []


def test_lint_reply_reads_traditional_characters(rules):
    assert [f.id for f in lint_reply("好評返現5元", rules)] == ["cashback"]


def test_lint_reply_applies_rule_regexes(rules):
    assert [f.id for f in lint_reply("这款鞋全国第一", rules)] == ["ad-law"]


def test_lint_reply_sorts_findings_by_severity(rules):
    findings = lint_reply("全网最低价,还能好评返现", rules)
    assert [f.severity for f in findings] == ["fatal", "minor"]


def test_lint_reply_with_no_rules_finds_nothing():
    assert lint_reply("好评返现", ()) == []


def test_a_fatal_forbidden_item_zeroes_the_turn_and_fails_the_drill(scorer):
    result = scorer.score_turn("t1", "您好,满300减20,再给您好评返现")
    assert result.score == 0
    assert result.fatal
    assert result.verdict == "fail"
    drill = scorer.score_drill(
        [("t1", "您好,满300减20,再给您好评返现", None)]
        + [("t2", "亲,这款是包邮的哦,江浙沪次日达,其他地区一般两到三天送到。", None)]
    )
    assert not drill.passed


def test_a_major_forbidden_item_costs_heavily(scorer):
    clean = scorer.score_turn("t1", "您好,本周满300减20,凑单更划算")
    rude = scorer.score_turn("t1", "您好,小的给您说,本周满300减20,凑单更划算")
    broken = deductions(rude, "forbidden")
    assert [r.id for r in broken] == ["intimate"]
    assert broken[0].points == -SEVERITY_POINTS["major"]
    assert clean.score - rude.score >= SEVERITY_POINTS["major"] - 5


def test_a_minor_rule_costs_a_little(scorer):
    clean = scorer.score_turn("t1", "您好,本周满300减20,凑单更划算")
    boast = scorer.score_turn("t1", "您好,本周满300减20,凑单更划算,全网最低")
    broken = deductions(boast, "rule")
    assert [(r.id, r.severity, r.lesson) for r in broken] == [
        ("ad-law", "minor", "platform-rules/ad-law")
    ]
    assert 0 < clean.score - boast.score <= SEVERITY_POINTS["minor"] + 5


def test_rules_apply_to_a_turn_without_forbidden_items(scorer):
    result = scorer.score_turn("t3", "好的,付款后当天发货,加微信给您优惠,谢谢")
    assert result.fatal
    assert [r.id for r in deductions(result, "rule")] == ["off-platform"]


def test_the_same_words_are_not_deducted_twice(scorer):
    result = scorer.score_turn("t1", "您好,满300减20,全网最低价,凑单")
    minors = deductions(result, "rule")
    assert sum(r.points for r in minors) == -SEVERITY_POINTS["minor"]


@pytest.mark.parametrize("reply", ["我不知道,自己看详情页", "随便你,爱买不买"])
def test_dismissive_phrasing_is_deducted(reply, rules, bargain):
    result = get_scorer(bargain, rules).score_turn("t2", reply)
    assert any(
        r.kind in ("etiquette", "rule") and r.status == "broken" for r in result.reasons
    )
    assert result.verdict == "fail"


def test_a_polite_question_with_bu_zhidao_is_not_dismissive(scorer):
    result = scorer.score_turn("t2", "不知道您在哪个城市呢?这款是包邮的,两到三天到")
    assert not any(r.id == "dismissive" for r in result.reasons)


def test_missing_greeting_on_the_first_turn_is_deducted(scorer):
    result = scorer.score_turn("t1", "本周满300减20,凑单更划算")
    greeting = [r for r in result.reasons if r.id == "greeting"]
    assert greeting[0].status == "missing"
    assert greeting[0].points == -MISSING_GREETING_POINTS


def test_missing_apology_to_a_complaining_customer_is_deducted(parcel_scorer):
    result = parcel_scorer.score_turn("t1", "您好,请提供一下订单号,我帮您查")
    assert [r.status for r in result.reasons if r.id == "apology"] == [
        "missed",
        "missing",
    ]


def test_missing_closing_on_the_last_turn_is_deducted(scorer):
    result = scorer.score_turn("t3", "好的,付款后当天发货")
    assert [r.status for r in result.reasons if r.id == "closing"] == ["missing"]
    polite = scorer.score_turn("t3", "好的,付款后当天发货,谢谢您的支持")
    assert polite.score > result.score


def test_an_extra_rule_object_can_be_linted_directly():
    rule = Rule("x", "测试", "major", "理由", "platform-rules/ad-law", ("顶级",))
    assert [f.id for f in lint_reply("顶級品质", [rule])] == ["x"]

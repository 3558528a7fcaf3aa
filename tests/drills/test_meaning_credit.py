"""Credit for meaning: synonyms and acts, incomplete-but-right passes, bare keyword
lists and facts the scenario never states do not."""

from pathlib import Path

import pytest

from lms.drills.judging.scoring import get_scorer
from lms.drills.rules_file import load_rules
from lms.drills.scenario import load_scenario

DRILLS = Path(__file__).resolve().parents[2] / "content" / "drills"


@pytest.fixture(scope="module")
def store_rules():
    return load_rules(DRILLS / "rules.yaml")


def score(scenario_id, turn, reply, rules):
    scenario = load_scenario(DRILLS / f"{scenario_id}.yaml")
    return get_scorer(scenario, rules).score_turn(turn, reply)


def status_of(result, reason_id, kind=None):
    for reason in result.reasons:
        if reason.id == reason_id and kind in (None, reason.kind):
            return reason.status
    return None


def test_a_note_to_the_warehouse_counts_as_the_order_remark(store_rules):
    result = score(
        "change-after-order", "t2",
        "好的，已经改成云朵白42码了，价格不变，我给仓库留言写清楚了。", store_rules,
    )  # fmt: skip
    assert status_of(result, "remark") == "hit"
    assert result.verdict != "fail"


def test_an_apology_in_other_words_is_an_apology(store_rules):
    result = score(
        "damaged-goods", "t1",
        "真对不住，给您添麻烦了。麻烦拍下划痕和鞋盒的照片发我，我马上处理。",
        store_rules,
    )  # fmt: skip
    assert status_of(result, "apology", kind="key_point") == "hit"
    assert result.verdict != "fail"


def test_a_short_but_correct_reply_passes_without_being_excellent(store_rules):
    result = score("bargaining", "t3", "L码哦，袜子拆封后就不能退了。", store_rules)
    assert 70 <= result.score < 90
    assert result.verdict == "pass"


def test_a_bare_list_of_rubric_keywords_fails_the_turn(store_rules):
    result = score("bargaining", "t1", "您好，满300减20，新客", store_rules)
    assert result.score < 70
    assert result.verdict == "fail"
    assert status_of(result, "keyword_list") == "broken"


def test_a_threshold_the_shop_never_set_is_a_wrong_fact(store_rules):
    reply = "您好，满149就包邮的，默认发中通哦。"
    result = score("shipping-free", "t1", reply, store_rules)
    assert result.verdict == "fail"
    claim = next(r for r in result.reasons if r.id.startswith("claim-"))
    assert claim.status == "contradicted"
    assert "149" in "".join(result.reply[s:e] for s, e in claim.spans)


def test_the_buyer_paying_postage_against_policy_is_a_wrong_fact(store_rules):
    result = score(
        "damaged-goods", "t2", "抱歉，可以换货，不过寄回的运费需要您自己承担哦。",
        store_rules,
    )  # fmt: skip
    assert result.verdict == "fail"
    assert status_of(result, "claim-buyer-pays") == "contradicted"


def test_a_complete_reply_in_the_trainers_words_is_excellent(store_rules):
    scenario = load_scenario(DRILLS / "bargaining.yaml")
    scorer = get_scorer(scenario, store_rules)
    for answer in scenario.turn("t1").model_answers:
        assert scorer.score_turn("t1", answer).score >= 90


def test_every_deduction_names_the_words_that_triggered_it(store_rules):
    result = score("shipping-free", "t1", "您好，满149包邮，加我vx下单。", store_rules)
    for reason in result.reasons:
        if reason.points < 0 and reason.id not in ("greeting", "apology", "closing"):
            assert reason.spans, reason


def test_a_range_the_side_panel_states_is_not_a_made_up_figure():
    from lms.drills.judging.claims import turn_facts, unsupported_claims
    from lms.drills.judging.normalise import normalise

    facts = turn_facts(
        ["M码适合35–39码的鞋，孩子33码穿会偏大。"],
        ["AC-5101 袜子 M 适合 35–39 码，L 适合 40–45 码", "孩子穿33码的鞋"],
    )
    assert unsupported_claims(normalise("L码是40到45码的，M码35-39码"), facts) == []
    [claim] = unsupported_claims(normalise("M码适合30到34码"), facts)
    assert claim.kind == "figure"
    assert claim.name == "30到34码"


def test_a_temperature_the_care_label_never_gives_is_a_wrong_fact():
    from lms.drills.judging.claims import turn_facts, unsupported_claims
    from lms.drills.judging.normalise import normalise

    facts = turn_facts(["水温不超过30℃，别用柔顺剂。"], ["洗涤：30℃以下手洗或机洗"])
    assert unsupported_claims(normalise("30℃以下的水洗就行"), facts) == []
    assert [c.name for c in unsupported_claims(normalise("用40℃温水洗"), facts)] == [
        "40℃"
    ]


def test_a_keyword_list_split_by_slashes_is_still_a_list(store_rules):
    result = score("bargaining", "t1", "满300减20 / 新客券 / 凑单", store_rules)
    assert result.verdict == "fail"
    assert status_of(result, "keyword_list") == "broken"


def test_a_wrong_fact_makes_the_reply_unacceptable_whatever_else_is_right(store_rules):
    reply = "您好，满149就包邮的，默认发中通哦，付款后48小时内发货。"
    result = score("shipping-free", "t1", reply, store_rules)
    assert result.score < 40


def test_a_major_rule_break_makes_the_reply_unacceptable(store_rules):
    reply = "您好，包邮的，默认中通，我保证明天就能送到您手上。"
    result = score("shipping-free", "t1", reply, store_rules)
    assert any(r.severity == "major" and r.kind == "rule" for r in result.reasons)
    assert result.score < 40


@pytest.mark.parametrize("reply", ["好的", "收到", "好的亲，稍等", "ok"])
def test_a_bare_acknowledgement_scores_nothing(store_rules, reply):
    assert score("logistics-delay", "t2", reply, store_rules).score == 0


def test_a_light_turn_reply_far_shorter_than_the_answers_is_not_excellent(
    store_rules,
):
    light = DRILLS.parents[1] / "bench" / "judging" / "scenarios" / "care-washing.yaml"
    scenario = load_scenario(light)
    turn = next(t for t in scenario.turns if not t.key_points)
    scorer = get_scorer(scenario, store_rules)
    answer = turn.model_answers[0]
    assert scorer.score_turn(turn.id, answer).score >= 90
    first_clause = answer.split("，")[0]
    assert len(first_clause) < len(min(turn.model_answers, key=len)) / 2
    assert scorer.score_turn(turn.id, first_clause).score < 90

import json

from lms.drills.judging.scoring import get_scorer, score_reply


def test_a_verbatim_model_answer_scores_excellent(scorer, bargain):
    for turn in bargain.turns:
        for answer in turn.model_answers:
            result = scorer.score_turn(turn.id, answer)
            assert result.score >= 90, (turn.id, result.score)
            assert result.verdict == "excellent"


def test_an_empty_reply_scores_zero_with_a_reason(scorer):
    for reply in ("", "   ", "👍👍", "/:^_^"):
        result = scorer.score_turn("t1", reply)
        assert result.score == 0
        assert result.verdict == "fail"
        assert [r.kind for r in result.reasons] == ["empty"]


def test_a_very_long_reply_is_scored_and_deducted(scorer, bargain):
    answer = bargain.turn("t1").model_answers[0]
    reply = answer + "这双鞋真的很好穿," * 400
    result = scorer.score_turn("t1", reply)
    assert 0 <= result.score <= 100
    assert any(r.kind == "length" for r in result.reasons)
    for reason in result.reasons:
        for start, end in reason.spans:
            assert 0 <= start < end <= len(reply)


def test_emoji_and_emoticons_do_not_change_the_score(scorer):
    plain = scorer.score_turn("t1", "您好,本周满300减20,凑单更划算")
    decorated = scorer.score_turn("t1", "您好😊/:^_^本周满300减20👍凑单更划算[微笑]")
    assert plain.score == decorated.score


def test_the_same_input_gives_the_same_result(bargain, rules):
    reply = "您好,不好意思这款不能便宜,不过本周满300减20哦"
    first = get_scorer(bargain, rules).score_turn("t1", reply, 20.0)
    again = get_scorer(bargain, rules).score_turn("t1", reply, 20.0)
    assert first == again
    assert first.to_dict() == again.to_dict()


def test_scorers_are_cached_per_scenario_and_rules(bargain, rules):
    assert get_scorer(bargain, rules) is get_scorer(bargain, rules)
    assert get_scorer(bargain, rules) is not get_scorer(bargain, ())


def test_results_are_json_serialisable(scorer):
    drill = scorer.score_drill([("t1", "您好,满300减20", 10.0), ("t2", "包邮的", None)])
    data = json.loads(json.dumps(drill.to_dict(), ensure_ascii=False))
    greet = [r for r in data["turns"][0]["reasons"] if r["id"] == "greet"][0]
    assert greet["spans"] == [[0, 2]]
    assert data["score"] == drill.score


def test_verdicts_follow_the_thresholds(scorer):
    assert (
        scorer.score_turn("t1", "您好,本周满300减20,凑单更划算").verdict == "excellent"
    )
    assert scorer.score_turn("t1", "今天天气不错").verdict == "fail"


def test_a_missed_must_key_point_cannot_pass(scorer):
    result = scorer.score_turn("t2", "亲,江浙沪次日达,其他地区一般两到三天送到")
    assert result.must_missed
    assert result.verdict == "fail"
    assert result.score < 70


def test_a_slow_reply_loses_points_against_the_turn_target(scorer):
    reply = "亲,这款是包邮的哦,两到三天送到"
    fast = scorer.score_turn("t2", reply, seconds=20)
    slow = scorer.score_turn("t2", reply, seconds=65)
    untimed = scorer.score_turn("t2", reply)
    assert fast.score == untimed.score
    assert fast.score - slow.score == 10
    timing = [r for r in slow.reasons if r.kind == "time"][0]
    assert timing.status == "slow"


def test_the_first_turn_is_timed_against_the_first_response_target(scorer):
    reply = "您好,本周满300减20,凑单更划算"
    assert (
        scorer.score_turn("t1", reply, 14).score == scorer.score_turn("t1", reply).score
    )
    assert (
        scorer.score_turn("t1", reply, 20).score < scorer.score_turn("t1", reply).score
    )


def test_the_drill_score_is_the_average_of_turn_scores(scorer):
    drill = scorer.score_drill(
        [
            ("t1", "您好,本周满300减20,凑单更划算", None),
            ("t2", "今天天气不错", None),
        ]
    )
    assert drill.score == round(sum(t.score for t in drill.turns) / 2)
    assert drill.passed is (drill.score >= 70)


def test_a_good_drill_passes(scorer, bargain):
    drill = scorer.score_drill([(t.id, t.model_answers[0], 5.0) for t in bargain.turns])
    assert drill.passed
    assert drill.score == 100


def test_spans_index_the_reply_as_typed(scorer):
    reply = "  您好!!本週滿３００減２０哦"
    result = scorer.score_turn("t1", reply)
    offer = next(r for r in result.reasons if r.id == "offer")
    assert [reply[s:e] for s, e in offer.spans] == ["滿３００減２０"]


def test_score_reply_uses_the_cached_scorer(bargain, rules):
    result = score_reply(bargain, "t2", "包邮的亲", rules=rules)
    assert result.turn_id == "t2"


def test_a_harmless_but_thin_reply_lands_between_40_and_the_pass_mark(scorer):
    result = scorer.score_turn("t2", "好的,我帮您看看")
    assert 40 <= result.score < 70
    assert result.verdict == "fail"


def test_a_grunt_scores_below_40(scorer):
    for reply in ("嗯", "嗯嗯。", "哦"):
        assert scorer.score_turn("t2", reply).score < 40


def test_missing_courtesies_alone_do_not_push_a_reply_below_40(scorer):
    result = scorer.score_turn("t1", "这个")
    assert result.score == 40
    assert any(r.id == "greeting" and r.status == "missing" for r in result.reasons)


def test_a_wrong_fact_pushes_a_reply_below_40(scorer):
    result = scorer.score_turn("t2", "这款不包邮哦")
    assert result.score < 40
    wrong = [r for r in result.reasons if r.status == "contradicted"]
    assert wrong and wrong[0].points < 0

import json

from lms.drills.judging.results import DrillResult, TurnResult, summarise, verdict_for


def test_a_stored_result_round_trips_through_json(scorer):
    drill = scorer.score_drill(
        [("t1", "您好,满300减20,加微信", 10.0), ("t2", "包邮的", None)]
    )
    stored = json.loads(json.dumps(drill.to_dict(), ensure_ascii=False))
    again = DrillResult.from_dict(stored)
    assert again.to_dict() == stored
    assert again.turns[0].reasons[1].spans == drill.turns[0].reasons[1].spans


def test_segments_cut_the_reply_at_highlighted_spans(scorer):
    reply = "您好!本周满300减20哦"
    result = scorer.score_turn("t1", reply)
    pieces = result.segments()
    assert "".join(text for text, _ in pieces) == reply
    marked = {text: [r.id for r in reasons] for text, reasons in pieces if reasons}
    assert marked == {"您好": ["greet", "greeting"], "满300减20": ["offer"]}


def test_segments_of_an_unmarked_reply_is_the_whole_reply():
    result = TurnResult("t1", "好的", 40, "fail", False, (), 0.0, 0.0)
    assert result.segments() == [("好的", ())]


def test_verdict_for_follows_the_thresholds():
    assert verdict_for(95, 70) == "excellent"
    assert verdict_for(90, 70) == "excellent"
    assert verdict_for(89, 70) == "pass"
    assert verdict_for(70, 70) == "pass"
    assert verdict_for(69, 70) == "fail"
    assert verdict_for(95, 70, failed=True) == "fail"
    assert verdict_for(92, 95) == "fail"


def test_an_empty_drill_does_not_pass():
    drill = summarise("x", 70, [])
    assert drill.score == 0 and not drill.passed

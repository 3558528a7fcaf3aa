from lms.drills.branching import (
    branch_only_turns,
    can_end_after,
    find_cycle,
    next_turn_id,
    walk,
)
from lms.drills.scenario import parse_document


def test_turns_follow_file_order_without_next(bargain):
    assert next_turn_id(bargain, "t1") == "t2"
    assert next_turn_id(bargain, "t2") == "t3"
    assert next_turn_id(bargain, "t3") is None


def test_a_missed_key_point_takes_its_branch(late_parcel):
    assert next_turn_id(late_parcel, "t1", {"apology"}) == "t1-angry"
    assert next_turn_id(late_parcel, "t1", set()) == "t2"


def test_a_branch_only_turn_is_skipped_in_file_order(late_parcel):
    assert branch_only_turns(late_parcel) == {"t1-angry"}
    assert next_turn_id(late_parcel, "t1-angry") == "t2"
    assert walk(late_parcel, {}) == ["t1", "t2"]
    assert walk(late_parcel, {"t1": {"apology"}}) == ["t1", "t1-angry", "t2"]


def test_the_scored_result_names_the_next_turn(parcel_scorer):
    rude = parcel_scorer.score_turn("t1", "您好,订单号发我")
    assert rude.next_turn_id == "t1-angry"
    kind = parcel_scorer.score_turn("t1", "您好,非常抱歉,麻烦发一下订单号")
    assert kind.next_turn_id == "t2"


def test_only_turns_that_can_end_the_drill_expect_a_closing(late_parcel):
    assert not can_end_after(late_parcel, "t1")
    assert not can_end_after(late_parcel, "t1-angry")
    assert can_end_after(late_parcel, "t2")


def _scenario(turns):
    return parse_document(
        {
            "id": "loop",
            "title": "环",
            "track": "presales",
            "persona": {"name": "甲", "nick": "a", "mood": "calm"},
            "context": {},
            "targets": {"first_response_s": 15, "response_s": 30},
            "pass_score": 70,
            "turns": turns,
        }
    )


def test_end_finishes_the_drill_early():
    scenario = _scenario(
        [
            {
                "id": "a",
                "customer": ["x"],
                "model_answers": ["好的"],
                "next": {"default": "end"},
            },
            {"id": "b", "customer": ["y"], "model_answers": ["好的"]},
        ]
    )
    assert next_turn_id(scenario, "a") is None
    assert can_end_after(scenario, "a")


def test_a_loop_through_next_is_found():
    scenario = _scenario(
        [
            {"id": "a", "customer": ["x"], "model_answers": ["好的"]},
            {
                "id": "b",
                "customer": ["y"],
                "model_answers": ["好的"],
                "next": {"default": "a"},
            },
        ]
    )
    assert find_cycle(scenario) == ["a", "b", "a"]

from lms.drills.scenario import parse_document


def reason(result, kp_id):
    return next(r for r in result.reasons if r.kind == "key_point" and r.id == kp_id)


def test_a_literal_phrase_earns_the_key_point_with_its_span(scorer):
    reply = "您好!现在有满300减20的活动"
    result = scorer.score_turn("t1", reply)
    offer = reason(result, "offer")
    assert offer.status == "hit"
    assert [reply[s:e] for s, e in offer.spans] == ["满300减20"]


def test_coverage_is_weighted(scorer):
    greet_only = scorer.score_turn("t1", "您好,请问有什么可以帮您")
    assert greet_only.coverage == 1 / 3
    offer_only = scorer.score_turn("t1", "本周满300减20哦")
    assert offer_only.coverage == 2 / 3


def test_a_contradicting_phrase_cancels_the_key_point(scorer):
    result = scorer.score_turn("t2", "亲,这款不包邮哦,两到三天到")
    assert reason(result, "free-shipping").status == "contradicted"
    assert "free-shipping" in result.missed_key_points


def test_a_negated_phrase_does_not_earn_the_key_point(scorer):
    result = scorer.score_turn("t2", "这款没有免运费哦,两到三天送到")
    assert reason(result, "free-shipping").status == "negated"


def test_traditional_input_earns_key_points(scorer):
    result = scorer.score_turn("t1", "您好,歡迎光臨!本週滿300減20,湊單更劃算哦")
    assert result.coverage == 1.0


def test_a_regex_key_point_matches_the_normalised_reply():
    scenario = parse_document(
        {
            "id": "regex-demo",
            "title": "正则",
            "track": "presales",
            "persona": {"name": "甲", "nick": "a", "mood": "calm"},
            "context": {},
            "targets": {"first_response_s": 15, "response_s": 30},
            "pass_score": 70,
            "turns": [
                {
                    "id": "t1",
                    "customer": ["有优惠吗"],
                    "model_answers": ["本周满300减20哦"],
                    "key_points": [
                        {"id": "offer", "label": "满减", "regex": r"满\d+减\d+"}
                    ],
                }
            ],
        }
    )
    from lms.drills.judging.scoring import get_scorer

    result = get_scorer(scenario).score_turn("t1", "現在滿３００減２０")
    assert reason(result, "offer").status == "hit"


def test_a_paraphrase_close_to_the_model_answer_earns_partial_credit(parcel_scorer):
    result = parcel_scorer.score_turn(
        "t2", "我这边查到包裹在转运中心多停了一天,明后天应该能送到您手上"
    )
    status = reason(result, "status")
    assert status.status in ("hit", "paraphrase")
    unrelated = parcel_scorer.score_turn("t2", "这款鞋子有三种颜色可以选")
    assert reason(unrelated, "status").status == "missed"


def _care_scenario():
    return parse_document(
        {
            "id": "care",
            "title": "洗护",
            "track": "aftersales",
            "persona": {"name": "甲", "nick": "a", "mood": "calm"},
            "context": {},
            "targets": {"first_response_s": 15, "response_s": 30},
            "pass_score": 70,
            "turns": [
                {
                    "id": "t1",
                    "customer": ["怎么洗"],
                    "model_answers": [
                        "建议手洗,阴凉处晾干,不要暴晒;洗后效果不能保证完全一样"
                    ],
                    "key_points": [
                        {"id": "dry", "label": "晾干方式", "any": ["阴凉", "暴晒"]},
                        {
                            "id": "guarantee",
                            "label": "不打包票",
                            "any": ["不能保证"],
                        },
                    ],
                }
            ],
        }
    )


def test_a_phrase_the_model_answer_uses_negated_counts_when_negated():
    from lms.drills.judging.scoring import get_scorer

    result = get_scorer(_care_scenario()).score_turn("t1", "手洗就好,别暴晒")
    assert reason(result, "dry").status == "hit"


def test_a_paraphrase_with_the_opposite_polarity_earns_nothing():
    from lms.drills.judging.normalise import normalise
    from lms.drills.judging.scoring import _paraphrase_credit, get_scorer

    scorer = get_scorer(_care_scenario())
    model = scorer._turns["t1"].key_points[1]
    assert model.carrier_negated == (True,)
    same = scorer._clause_windows(normalise("洗后效果没法保证完全一样"))
    opposite = scorer._clause_windows(normalise("洗后效果保证完全一样"))
    assert _paraphrase_credit(model, opposite) == 0.0
    assert _paraphrase_credit(model, same) > 0.0

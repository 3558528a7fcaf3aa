from lms.drills.judging.similarity import Vectoriser, calibrate, cosine, grams


def test_grams_are_unigrams_and_bigrams_within_clauses():
    counts = grams("包邮|好的")
    assert counts["包邮"] == 1
    assert counts["邮|"] == 0 and counts["邮好"] == 0
    assert counts["好"] == 1


def test_identical_texts_have_cosine_one():
    vectoriser = Vectoriser(["本周满300减20"])
    vector = vectoriser.vector("本周满300减20")
    assert abs(cosine(vector, vector) - 1.0) < 1e-9


def test_unrelated_texts_have_cosine_near_zero():
    vectoriser = Vectoriser(["本周满300减20", "包裹在中转站"])
    a = vectoriser.vector("本周满300减20")
    b = vectoriser.vector("包裹在中转站")
    assert cosine(a, b) < 0.05


def test_calibration_maps_the_null_level_to_zero_and_one_to_one():
    assert calibrate(0.2, 0.2) == 0.0
    assert calibrate(0.1, 0.2) == 0.0
    assert calibrate(1.0, 0.2) == 1.0
    assert abs(calibrate(0.6, 0.2) - 0.5) < 1e-9


def test_a_verbatim_model_answer_has_similarity_one(scorer, bargain):
    answer = bargain.turn("t1").model_answers[0]
    assert scorer.score_turn("t1", answer).similarity == 1.0


def test_an_unrelated_reply_scores_near_zero_similarity(scorer, bargain):
    for turn in bargain.turns:
        others = [t for t in bargain.turns if t.id != turn.id]
        for other in others:
            result = scorer.score_turn(turn.id, other.model_answers[0])
            assert result.similarity < 0.15, (turn.id, other.id, result.similarity)


def test_generic_filler_scores_near_zero_similarity(scorer):
    assert scorer.score_turn("t2", "好的亲,请您稍等哦").similarity < 0.15

"""The optional LLM judge (judging/llm.py) against a fake OpenAI-compatible server.

The engine is real; only the model behind the HTTP endpoint is a stand-in.
"""

from __future__ import annotations

import pytest

from lms.drills.judging.llm import (
    RULES_JUDGE,
    JudgeConfig,
    JudgeUnavailable,
    LlmJudge,
    adjust_score,
    parse_verdict,
)
from lms.drills.judging.scoring import get_scorer
from tests.drills.fake_llm import FakeLlm

MODEL = "fake-qwen"
WEAK = "您好"  # t1 of bargain-basic: greets, says nothing about the offer
FATAL = "您好,给好评返现5元哦,本周满300减20"
MAJOR = "您好,本周满300减20,我保证明天到"


@pytest.fixture
def fake():
    server = FakeLlm().start()
    yield server
    server.stop()


@pytest.fixture
def judge(fake):
    return LlmJudge(JudgeConfig(url=fake.url, model=MODEL, api_key="sk-test"))


def engine(scenario, rules, reply, turn="t1"):
    return get_scorer(scenario, rules).score_turn(turn, reply)


def test_a_grade_moves_the_rule_score_toward_its_band(fake, judge, bargain, rules):
    fake.grade = 3
    before = engine(bargain, rules, WEAK)
    assert before.score < 75  # a weak reply: room to move
    judged = judge.judge(bargain, before)
    assert judged.judge == f"llm:{MODEL}"
    assert judged.fallback is None
    assert judged.result.score == before.score + 15
    assert judged.verdict.grade == 3
    note = judged.result.reasons[-1]
    assert note.kind == "llm" and note.points == 15 and "讲到了要点" in note.message


def test_the_score_never_moves_more_than_the_band_nor_past_the_grade(
    fake, bargain, rules
):
    small = LlmJudge(JudgeConfig(url=fake.url, model=MODEL, band=5))
    fake.grade = 3
    before = engine(bargain, rules, WEAK)
    assert small.judge(bargain, before).result.score == before.score + 5
    assert adjust_score(85, 3, 15, only_down=False) == 90  # stops at the band
    assert adjust_score(85, 0, 15, only_down=False) == 70
    assert adjust_score(30, 0, 15, only_down=False) == 30  # already in the band
    assert adjust_score(75, 2, 15, only_down=False) == 75


def test_the_request_carries_the_turn_rubric_findings_and_engine_score(
    fake, judge, bargain, rules
):
    before = engine(bargain, rules, MAJOR)
    judge.judge(bargain, before)
    [body] = fake.requests
    assert fake.paths == ["/v1/chat/completions"]
    assert fake.headers[0]["Authorization"] == "Bearer sk-test"
    assert body["model"] == MODEL
    assert body["response_format"] == {"type": "json_object"}
    prompt = body["messages"][-1]["content"]
    turn = bargain.turn("t1")
    for text in (*turn.customer, *turn.model_answers, MAJOR):
        assert text in prompt
    assert "说明优惠" in prompt  # a key point
    assert "做不到的承诺" in prompt  # the rule finding
    assert f'"规则评分": {before.score}' in prompt


def test_a_fatal_finding_is_never_cleared(fake, judge, bargain, rules):
    fake.grade = 3
    before = engine(bargain, rules, FATAL)
    assert before.fatal and before.score == 0
    judged = judge.judge(bargain, before)
    assert judged.result.score == 0
    assert judged.result.fatal and judged.result.verdict == "fail"


def test_with_a_major_finding_the_score_can_only_go_down(fake, bargain, rules):
    before = engine(bargain, rules, MAJOR)
    assert any(r.severity == "major" for r in before.reasons)
    fake.grade = 3
    up = LlmJudge(JudgeConfig(url=fake.url, model="a")).judge(bargain, before)
    assert up.result.score == before.score
    # A major finding already makes the turn unacceptable (below 40); a grade-0
    # opinion keeps it there and never lifts it.
    assert before.score < 40
    fake.grade = 0
    down = LlmJudge(JudgeConfig(url=fake.url, model="b")).judge(bargain, before)
    assert down.result.score <= before.score


def test_a_timeout_falls_back_to_the_rule_score_and_says_so(fake, bargain, rules):
    fake.delay = 2
    slow = LlmJudge(JudgeConfig(url=fake.url, model=MODEL, timeout=0.3))
    before = engine(bargain, rules, WEAK)
    judged = slow.judge(bargain, before)
    assert judged.result == before
    assert judged.judge == RULES_JUDGE
    assert "timed out" in judged.fallback and "rule score stands" in judged.fallback


def test_an_http_error_falls_back_to_the_rule_score(fake, judge, bargain, rules):
    fake.status = 503
    before = engine(bargain, rules, WEAK)
    judged = judge.judge(bargain, before)
    assert judged.result == before and "HTTP 503" in judged.fallback


@pytest.mark.parametrize(
    "content",
    ["我觉得是 3 档", '{"grade": 7, "reasons": []}', '["grade", 2]', '{"reasons": 1}'],
)
def test_an_answer_that_is_not_the_json_asked_for_falls_back(
    fake, judge, bargain, rules, content
):
    fake.content = content
    before = engine(bargain, rules, WEAK)
    judged = judge.judge(bargain, before)
    assert judged.result == before and judged.judge == RULES_JUDGE
    assert judged.fallback


def test_a_fenced_json_answer_is_read():
    verdict = parse_verdict('```json\n{"grade": "2", "reasons": ["ok"]}\n```')
    assert verdict.grade == 2 and verdict.reasons == ("ok",)
    with pytest.raises(JudgeUnavailable):
        parse_verdict('{"grade": true}')


def test_a_reply_judged_once_is_answered_from_the_cache(fake, judge, bargain, rules):
    before = engine(bargain, rules, WEAK)
    first = judge.judge(bargain, before)
    second = judge.judge(bargain, before)
    assert len(fake.requests) == 1
    assert second.cached and not first.cached
    assert second.result == first.result
    judge.judge(bargain, engine(bargain, rules, WEAK + "亲"))
    assert len(fake.requests) == 2


def test_a_failure_is_not_cached(fake, judge, bargain, rules):
    fake.status = 500
    before = engine(bargain, rules, WEAK)
    assert judge.judge(bargain, before).fallback
    fake.status = 200
    assert judge.judge(bargain, before).judge == f"llm:{MODEL}"
    assert len(fake.requests) == 2


# -- in a learner's session -------------------------------------------------


@pytest.fixture(autouse=True)
def instant(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def llm_on(settings, fake):
    settings.LMS_LLM_JUDGE_URL = fake.url
    settings.LMS_LLM_JUDGE_MODEL = MODEL
    settings.LMS_LLM_JUDGE_API_KEY = "sk-session"
    return fake


@pytest.fixture
def session(learner):
    from lms.drills.sessions import session_start
    from tests.drills.helpers import load_drills

    scenario = load_drills()["bargain-basic"]
    return session_start(user=learner, scenario=scenario, mode="exam")


@pytest.mark.django_db
def test_a_learners_reply_is_judged_and_the_turn_records_the_judge(llm_on, session):
    from lms.drills.sessions import session_reply

    llm_on.grade = 3
    turn = session_reply(session=session, order=1, text=WEAK).turn
    assert turn.judge == f"llm:{MODEL}"
    assert turn.result["reasons"][-1]["kind"] == "llm"
    assert turn.machine_score == turn.result["score"]
    assert len(llm_on.requests) == 1
    assert llm_on.headers[0]["Authorization"] == "Bearer sk-session"


@pytest.mark.django_db
def test_without_a_url_the_rules_score_alone(settings, fake, session):
    from lms.drills.sessions import session_reply

    settings.LMS_LLM_JUDGE_URL = ""
    turn = session_reply(session=session, order=1, text=WEAK).turn
    assert turn.judge == "rules"
    assert all(r["kind"] != "llm" for r in turn.result["reasons"])
    assert fake.requests == []


@pytest.mark.django_db
def test_a_judge_that_fails_leaves_the_rule_score_on_the_turn(llm_on, session):
    from lms.drills.sessions import session_reply

    llm_on.content = "not json"
    turn = session_reply(session=session, order=1, text=WEAK).turn
    assert turn.judge == "rules"
    assert all(r["kind"] != "llm" for r in turn.result["reasons"])


@pytest.mark.django_db
def test_the_trainers_transcript_says_who_scored_each_turn(
    client, trainer, llm_on, session
):
    from django.urls import reverse

    from lms.drills.sessions import session_reply

    llm_on.grade = 3
    llm_on.reasons = ["问候得体"]
    session_reply(session=session, order=1, text=WEAK)
    client.force_login(trainer)
    html = client.get(reverse("drills:transcript", args=[session.pk])).text
    assert 'data-testid="turn-judge"' in html
    assert f"llm:{MODEL}" in html and "问候得体" in html

"""The pure statement builders: no database, no Django."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from lms.xapi import statements as xs

SITE = xs.Site(public_url="https://academy.example.com/")
AT = datetime(2026, 12, 8, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
LIN = xs.Learner(
    username="linxy", name="林晓雨", employee_no="KF0042", email="lin@example.com"
)
LESSON = xs.Activity(kind="lesson", key="17", name="七天无理由", type=xs.TYPE_LESSON)
COURSE = xs.Activity(kind="course", key="3", name="售后规则", type=xs.TYPE_COURSE)
QUIZ = xs.Activity(kind="quiz", key="rules", name="规则测验", type=xs.TYPE_ASSESSMENT)


def quiz_statement(**changes):
    fields = dict(
        learner=LIN,
        quiz=QUIZ,
        attempt_key="41",
        number=2,
        value=85.0,
        passed=True,
        timed_out=False,
        at=AT,
    )
    return xs.quiz_graded(SITE, **{**fields, **changes})


def test_the_same_event_gives_the_same_statement_and_id():
    first = xs.lesson_completed(SITE, learner=LIN, lesson=LESSON, course=COURSE, at=AT)
    again = xs.lesson_completed(SITE, learner=LIN, lesson=LESSON, course=COURSE, at=AT)
    assert first == again
    assert uuid.UUID(first["id"]).version == 5


def test_another_completion_or_another_site_is_another_statement():
    first = xs.lesson_completed(SITE, learner=LIN, lesson=LESSON, course=COURSE, at=AT)
    later = xs.lesson_completed(
        SITE, learner=LIN, lesson=LESSON, course=COURSE, at=AT + timedelta(days=1)
    )
    other_site = xs.lesson_completed(
        xs.Site(public_url="https://other.example.com"),
        learner=LIN,
        lesson=LESSON,
        course=COURSE,
        at=AT,
    )
    assert len({first["id"], later["id"], other_site["id"]}) == 3


def test_activity_ids_live_under_the_public_url():
    statement = xs.lesson_completed(
        SITE, learner=LIN, lesson=LESSON, course=COURSE, at=AT
    )
    assert statement["object"]["id"] == (
        "https://academy.example.com/xapi/activities/lesson/17"
    )
    parent = statement["context"]["contextActivities"]["parent"][0]
    assert parent["id"] == "https://academy.example.com/xapi/activities/course/3"
    assert statement["object"]["definition"]["name"] == {"zh-CN": "七天无理由"}
    assert statement["version"] == "1.0.3"


def test_the_actor_is_the_employee_number_by_default():
    assert xs.actor(SITE, LIN) == {
        "objectType": "Agent",
        "name": "林晓雨",
        "account": {"homePage": "https://academy.example.com", "name": "KF0042"},
    }


def test_the_actor_is_the_mailbox_when_configured():
    by_email = xs.Site(public_url=SITE.public_url, identify_by=xs.IDENTIFY_BY_EMAIL)
    assert xs.actor(by_email, LIN)["mbox"] == "mailto:lin@example.com"
    assert "account" not in xs.actor(by_email, LIN)


def test_a_learner_without_the_configured_identifier_falls_back():
    no_number = xs.Learner(username="wang", name="王", email="wang@example.com")
    assert xs.actor(SITE, no_number)["mbox"] == "mailto:wang@example.com"
    bare = xs.Learner(username="zhao", name="赵")
    by_email = xs.Site(public_url=SITE.public_url, identify_by=xs.IDENTIFY_BY_EMAIL)
    assert xs.actor(by_email, bare)["account"]["name"] == "zhao"


def test_timestamps_are_utc_with_milliseconds():
    assert xs.timestamp(AT) == "2026-12-08T01:30:15.123Z"
    with pytest.raises(ValueError):
        xs.timestamp(datetime(2026, 1, 1))


def test_a_graded_attempt_passes_or_fails_with_its_score():
    passed = quiz_statement()
    assert passed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert passed["result"] == {
        "score": {"scaled": 0.85, "raw": 85.0, "min": 0, "max": 100},
        "success": True,
        "completion": True,
    }
    failed = quiz_statement(value=40.0, passed=False, attempt_key="42")
    assert failed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert failed["result"]["success"] is False
    extensions = failed["context"]["extensions"]
    assert extensions["https://academy.example.com/xapi/extensions/attempt-number"] == 2


def test_a_finished_drill_carries_score_and_verdict():
    statement = xs.drill_finished(
        SITE,
        learner=LIN,
        scenario=xs.Activity("drill", "late-parcel", "快递延误", xs.TYPE_SIMULATION),
        session_key="9",
        mode="exam",
        value=62,
        passed=False,
        verdict=xs.drill_verdict(passed=False, fatal=True),
        at=AT,
    )
    result = statement["result"]
    assert result["score"]["raw"] == 62 and result["success"] is False
    verdict = "https://academy.example.com/xapi/extensions/verdict"
    assert result["extensions"] == {verdict: "fatal"}


def test_verdicts():
    assert xs.drill_verdict(passed=True, fatal=False) == "passed"
    assert xs.drill_verdict(passed=False, fatal=False) == "failed"
    assert xs.drill_verdict(passed=True, fatal=True) == "fatal"


def test_issued_and_revoked_certificates_are_two_statements():
    certificate = xs.Activity("certificate", "KF-2026-0001", "上岗认证", "urn:x")
    path = xs.Activity("certification", "presale", "售前客服上岗认证", "urn:y")
    issued = xs.certificate_issued(
        SITE,
        learner=LIN,
        certificate=certificate,
        path=path,
        expires=AT.replace(year=2027),
        manual=False,
        reissue=False,
        at=AT,
    )
    revoked = xs.certificate_revoked(
        SITE, learner=LIN, certificate=certificate, path=path, reason="left", at=AT
    )
    assert issued["id"] != revoked["id"]
    assert issued["verb"]["id"] == "http://id.tincanapi.com/verb/earned"
    assert revoked["verb"]["id"] == "https://academy.example.com/xapi/verbs/revoked"
    assert revoked["verb"]["display"]["zh-CN"] == "撤销"
    expires = "https://academy.example.com/xapi/extensions/expires"
    assert issued["context"]["extensions"][expires] == "2027-12-08T01:30:15.123Z"


def test_timestamps_accept_utc():
    assert xs.timestamp(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == (
        "2026-01-02T03:04:05.000Z"
    )

"""xAPI 1.0.3 statements of learning events, built from plain values.

Pure: nothing from Django. The caller (events.py) reads the models and passes
what a statement needs; the same inputs always give the same statement, id
included, so a statement recorded twice or sent again is one statement to the LRS.

Identifiers: activity ids, our own verbs, activity types and extensions live
under the site's public address (``{public_url}/xapi/...``); the common verbs and
activity types are ADL's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

XAPI_VERSION = "1.0.3"
LANGUAGE = "zh-CN"
PLATFORM = "客服学院 Kefu Academy"

# Who the actor is: the 工号 as an account on the site, or the e-mail address.
IDENTIFY_BY_EMPLOYEE_NO = "employee_no"
IDENTIFY_BY_EMAIL = "email"
IDENTIFY_CHOICES = (IDENTIFY_BY_EMPLOYEE_NO, IDENTIFY_BY_EMAIL)

ADL = "http://adlnet.gov/expapi"
VERB_COMPLETED = (f"{ADL}/verbs/completed", "completed", "完成")
VERB_PASSED = (f"{ADL}/verbs/passed", "passed", "通过")
VERB_FAILED = (f"{ADL}/verbs/failed", "failed", "未通过")
VERB_EARNED = ("http://id.tincanapi.com/verb/earned", "earned", "获得")
TYPE_LESSON = f"{ADL}/activities/lesson"
TYPE_COURSE = f"{ADL}/activities/course"
TYPE_ASSESSMENT = f"{ADL}/activities/assessment"
TYPE_SIMULATION = f"{ADL}/activities/simulation"


@dataclass(frozen=True)
class Learner:
    username: str
    name: str
    employee_no: str = ""
    email: str = ""


@dataclass(frozen=True)
class Activity:
    """`kind` and `key` make the id: {public_url}/xapi/activities/{kind}/{key}."""

    kind: str
    key: str
    name: str
    type: str


@dataclass(frozen=True)
class Site:
    public_url: str
    identify_by: str = IDENTIFY_BY_EMPLOYEE_NO

    @property
    def base(self) -> str:
        return self.public_url.rstrip("/") + "/xapi"

    def activity_id(self, activity: Activity) -> str:
        return f"{self.base}/activities/{activity.kind}/{activity.key}"

    def iri(self, section: str, name: str) -> str:
        return f"{self.base}/{section}/{name}"


def statement_id(site: Site, event: str, *parts: object) -> str:
    """A UUID named after the event on this site: the same event, the same id."""
    name = "/".join([site.base, "events", event, *(str(part) for part in parts)])
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def actor(site: Site, learner: Learner) -> dict[str, Any]:
    """By 工号 or e-mail as configured; a learner without one falls back to the
    other, then to the username (an account on the site either way)."""
    agent: dict[str, Any] = {"objectType": "Agent", "name": learner.name}
    by_email = site.identify_by == IDENTIFY_BY_EMAIL
    if learner.email and (by_email or not learner.employee_no):
        agent["mbox"] = f"mailto:{learner.email}"
        return agent
    account = learner.employee_no or learner.username
    agent["account"] = {"homePage": site.public_url.rstrip("/"), "name": account}
    return agent


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds: what LRSs store without changing it."""
    if moment.tzinfo is None:
        raise ValueError("an xAPI timestamp needs an aware datetime")
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def verb(triple: tuple[str, str, str]) -> dict[str, Any]:
    iri, english, chinese = triple
    return {"id": iri, "display": {"en-US": english, LANGUAGE: chinese}}


def activity(site: Site, item: Activity) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": site.activity_id(item),
        "definition": {"name": {LANGUAGE: item.name}, "type": item.type},
    }


def score(value: float, *, success: bool, extensions: dict | None = None) -> dict:
    """A score out of 100 (what quizzes and drills give)."""
    result: dict[str, Any] = {
        "score": {"scaled": round(value / 100, 4), "raw": value, "min": 0, "max": 100},
        "success": success,
        "completion": True,
    }
    if extensions:
        result["extensions"] = extensions
    return result


def statement(
    site: Site,
    *,
    id: str,
    learner: Learner,
    verb_triple: tuple[str, str, str],
    object: Activity,
    at: datetime,
    parent: Activity | None = None,
    result: dict | None = None,
    extensions: dict | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {"platform": PLATFORM, "language": LANGUAGE}
    if parent is not None:
        context["contextActivities"] = {"parent": [activity(site, parent)]}
    if extensions:
        context["extensions"] = extensions
    built: dict[str, Any] = {
        "id": id,
        "actor": actor(site, learner),
        "verb": verb(verb_triple),
        "object": activity(site, object),
        "context": context,
        "timestamp": timestamp(at),
        "version": XAPI_VERSION,
    }
    if result is not None:
        built["result"] = result
    return built


# --- one builder per learning event ------------------------------------------


def lesson_completed(
    site: Site, *, learner: Learner, lesson: Activity, course: Activity, at: datetime
) -> dict[str, Any]:
    return statement(
        site,
        id=statement_id(site, "lesson-completed", lesson.key, learner.username, at),
        learner=learner,
        verb_triple=VERB_COMPLETED,
        object=lesson,
        parent=course,
        at=at,
    )


def course_completed(
    site: Site, *, learner: Learner, course: Activity, at: datetime
) -> dict[str, Any]:
    return statement(
        site,
        id=statement_id(site, "course-completed", course.key, learner.username, at),
        learner=learner,
        verb_triple=VERB_COMPLETED,
        object=course,
        at=at,
    )


def quiz_graded(
    site: Site,
    *,
    learner: Learner,
    quiz: Activity,
    attempt_key: str,
    number: int,
    value: float,
    passed: bool,
    timed_out: bool,
    at: datetime,
) -> dict[str, Any]:
    """Passed or failed, with the score and which attempt it was."""
    return statement(
        site,
        id=statement_id(site, "quiz-graded", attempt_key),
        learner=learner,
        verb_triple=VERB_PASSED if passed else VERB_FAILED,
        object=quiz,
        at=at,
        result=score(value, success=passed),
        extensions={
            site.iri("extensions", "attempt-number"): number,
            site.iri("extensions", "timed-out"): timed_out,
        },
    )


def drill_finished(
    site: Site,
    *,
    learner: Learner,
    scenario: Activity,
    session_key: str,
    mode: str,
    value: float,
    passed: bool,
    verdict: str,
    at: datetime,
) -> dict[str, Any]:
    """Completed, with the score and the verdict (passed, failed or fatal)."""
    return statement(
        site,
        id=statement_id(site, "drill-finished", session_key),
        learner=learner,
        verb_triple=VERB_COMPLETED,
        object=scenario,
        at=at,
        result=score(
            value,
            success=passed,
            extensions={site.iri("extensions", "verdict"): verdict},
        ),
        extensions={site.iri("extensions", "drill-mode"): mode},
    )


def drill_verdict(*, passed: bool, fatal: bool) -> str:
    if fatal:
        return "fatal"
    return "passed" if passed else "failed"


def certificate_issued(
    site: Site,
    *,
    learner: Learner,
    certificate: Activity,
    path: Activity,
    expires: datetime,
    manual: bool,
    reissue: bool,
    at: datetime,
) -> dict[str, Any]:
    return statement(
        site,
        id=statement_id(site, "certificate-issued", certificate.key),
        learner=learner,
        verb_triple=VERB_EARNED,
        object=certificate,
        parent=path,
        at=at,
        extensions={
            site.iri("extensions", "expires"): timestamp(expires),
            site.iri("extensions", "issued-by-hand"): manual,
            site.iri("extensions", "reissue"): reissue,
        },
    )


def certificate_revoked(
    site: Site,
    *,
    learner: Learner,
    certificate: Activity,
    path: Activity,
    reason: str,
    at: datetime,
) -> dict[str, Any]:
    """Our own verb: xAPI has none for taking a credential back. The free-text
    note stays in the LMS; the LRS gets the reason category."""
    return statement(
        site,
        id=statement_id(site, "certificate-revoked", certificate.key),
        learner=learner,
        verb_triple=(site.iri("verbs", "revoked"), "revoked", "撤销"),
        object=certificate,
        parent=path,
        at=at,
        extensions={site.iri("extensions", "revoke-reason"): reason},
    )

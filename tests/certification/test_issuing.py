"""Automatic issue: the moment the last requirement is met, and only then."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from lms.certification.issuing import certificate_issue_if_complete
from lms.certification.models import AuditLogEntry, Certificate, PathAssignment
from lms.drills.models import DrillSession
from lms.drills.sessions import session_start
from lms.drills.signals import session_finished
from tests.certification import helpers
from tests.drills.helpers import play

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_nothing_is_issued_while_one_requirement_is_open(almost, learner):
    assert not Certificate.objects.exists()
    assert certificate_issue_if_complete(user=learner, path=almost["path"]) is None


def test_passing_the_last_exam_issues_the_certificate_at_once(certified, learner):
    assert re.fullmatch(r"KA-\d{4}-\d{6}", certified.serial)
    assert certified.status == "valid" and certified.path_version == 1
    assert certified.holder_name == "林晓雨"
    assert len(certified.verification_code) == 16
    summary = certified.score_summary
    assert summary["courses_done"] == summary["courses_total"] == 2
    assert [q["score"] for q in summary["quizzes"]] == [90.0, 80.0, 95.0]
    assert summary["drill_average"] == 85.0
    entry = AuditLogEntry.objects.get(action="certificate.issued")
    assert entry.certificate == certified and entry.actor is None


def test_the_certificate_records_the_employee_number(almost, learner):
    learner.employee_no = "KF-0042"
    learner.save()
    helpers.take_quiz(learner, almost["exam"], score=90)
    assert learner.certificates.get().employee_no == "KF-0042"


def test_an_exam_score_under_the_paths_minimum_does_not_count(almost, learner):
    attempt = helpers.take_quiz(learner, almost["exam"], score=80)
    assert attempt.passed  # the exam's own pass mark is 80 ...
    assert not Certificate.objects.exists()  # ... the path asks for 85
    helpers.take_quiz(learner, almost["exam"], score=85)
    assert Certificate.objects.count() == 1


def test_a_quiz_without_a_minimum_needs_its_own_pass_mark(world, learner):
    helpers.complete_course(learner, world["rules"])
    helpers.complete_course(learner, world["talk"])
    helpers.take_quiz(learner, world["rules_quiz"], score=75)
    helpers.take_quiz(learner, world["talk_quiz"], score=80)
    for scenario in world["drills"]:
        helpers.drill_result(learner, scenario, score=85)
    helpers.take_quiz(learner, world["exam"], score=100)
    assert not Certificate.objects.exists()
    helpers.take_quiz(learner, world["rules_quiz"], score=80)
    assert Certificate.objects.count() == 1


def test_completing_the_last_course_issues_the_certificate(world, learner):
    helpers.complete_course(learner, world["rules"])
    for key, score in (("rules_quiz", 90), ("talk_quiz", 90), ("exam", 90)):
        helpers.take_quiz(learner, world[key], score=score)
    for scenario in world["drills"]:
        helpers.drill_result(learner, scenario, score=80)
    assert not Certificate.objects.exists()
    helpers.complete_course(learner, world["talk"])
    assert Certificate.objects.filter(user=learner).count() == 1


def test_a_must_pass_drill_that_was_not_passed_keeps_the_path_open(almost, learner):
    DrillSession.objects.filter(scenario=almost["drills"][0]).update(passed=False)
    helpers.take_quiz(learner, almost["exam"], score=95)
    assert not Certificate.objects.exists()


def test_the_drill_average_must_reach_the_paths_minimum(almost, learner):
    DrillSession.objects.filter(scenario=almost["drills"][0]).update(score=70)
    DrillSession.objects.filter(scenario=almost["drills"][1]).update(score=75)
    helpers.take_quiz(learner, almost["exam"], score=95)
    assert not Certificate.objects.exists()  # both passed, average 72.5 < 75
    helpers.drill_result(learner, almost["drills"][0], score=80)
    helpers.take_quiz(learner, almost["exam"], score=95)  # the next event
    assert Certificate.objects.count() == 1  # best scores: 80 and 75 → 77.5


def test_an_unplayed_drill_counts_as_zero_in_the_average(index, scenarios, learner):
    bargain, parcel = scenarios["bargain-basic"], scenarios["late-parcel"]
    exam = helpers.quiz("cert-avg-exam")
    path = helpers.path(
        quizzes=[exam], drills=[bargain, (parcel, False)], drill_average_min=60
    )
    helpers.drill_result(learner, bargain, score=100)
    helpers.take_quiz(learner, exam, score=100)
    assert not Certificate.objects.exists()  # (100 + 0) / 2 = 50
    helpers.drill_result(learner, parcel, score=30, passed=False)
    assert certificate_issue_if_complete(user=learner, path=path) is not None


def test_finishing_the_last_drill_issues_the_certificate_on_the_signal(world, learner):
    helpers.complete_course(learner, world["rules"])
    helpers.complete_course(learner, world["talk"])
    for key in ("rules_quiz", "talk_quiz", "exam"):
        helpers.take_quiz(learner, world[key], score=90)
    helpers.drill_result(learner, world["drills"][1], score=90)
    session = helpers.drill_result(learner, world["drills"][0], score=88)
    assert not Certificate.objects.exists()  # written directly: no signal yet
    session_finished.send(sender=DrillSession, session=session)
    assert Certificate.objects.filter(user=learner).count() == 1


def test_finishing_a_drill_through_the_drill_service_issues_the_certificate(
    world, learner
):
    helpers.complete_course(learner, world["rules"])
    helpers.complete_course(learner, world["talk"])
    for key in ("rules_quiz", "talk_quiz", "exam"):
        helpers.take_quiz(learner, world[key], score=90)
    helpers.drill_result(learner, world["drills"][1], score=90)
    played = play(session_start(user=learner, scenario=world["drills"][0], mode="exam"))
    assert played.passed
    assert Certificate.objects.filter(user=learner).count() == 1


def test_the_learner_is_put_on_the_path_at_the_first_activity(world, learner):
    assert not PathAssignment.objects.exists()
    helpers.take_quiz(learner, world["rules_quiz"], score=10)
    assignment = PathAssignment.objects.get()
    assert (assignment.user, assignment.path) == (learner, world["path"])


def test_later_events_do_not_issue_a_second_certificate(certified, learner, world):
    helpers.take_quiz(learner, world["exam"], score=100)
    helpers.take_quiz(learner, world["rules_quiz"], score=100)
    assert certificate_issue_if_complete(user=learner, path=world["path"]) is None
    assert Certificate.objects.count() == 1


def test_an_inactive_path_issues_nothing(almost, learner):
    almost["path"].is_active = False
    almost["path"].save()
    helpers.take_quiz(learner, almost["exam"], score=95)
    assert not Certificate.objects.exists()


def test_a_path_without_requirements_is_never_complete(learner):
    empty = helpers.path(slug="cert-empty")
    assert certificate_issue_if_complete(user=learner, path=empty) is None


def test_the_certificate_expires_validity_months_after_issue(almost, learner):
    almost["path"].validity_months = 6
    almost["path"].save()
    with time_machine.travel(datetime(2026, 8, 31, 10, tzinfo=SHANGHAI), tick=False):
        helpers.take_quiz(learner, almost["exam"], score=95)
    certificate = Certificate.objects.get()
    expires = certificate.expires_at.astimezone(SHANGHAI)
    assert (expires.year, expires.month, expires.day) == (2027, 2, 28)


def test_serials_count_up_within_a_year_and_start_again_each_year(db):
    from lms.certification.serials import serial_next

    with time_machine.travel(datetime(2026, 12, 31, 23, tzinfo=SHANGHAI)):
        first, second = serial_next(), serial_next()
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI)):
        third = serial_next()
    assert (first, second) == ("KA-2026-000001", "KA-2026-000002")
    assert third == "KA-2027-000001"


def test_the_database_refuses_a_second_valid_certificate(certified):
    duplicate = Certificate(
        serial="KA-2099-999999",
        verification_code="X" * 16,
        user=certified.user,
        path=certified.path,
        path_version=certified.path_version,
        holder_name="x",
        path_title="x",
        issued_at=certified.issued_at,
        expires_at=certified.expires_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_trainers_override_that_passes_the_last_drill_issues_the_certificate(
    world, learner
):
    from lms.drills.sessions import turn_override
    from tests.factories import TrainerFactory

    helpers.complete_course(learner, world["rules"])
    helpers.complete_course(learner, world["talk"])
    for key in ("rules_quiz", "talk_quiz", "exam"):
        helpers.take_quiz(learner, world[key], score=90)
    helpers.drill_result(learner, world["drills"][1], score=90)
    scenario = world["drills"][0]
    session = session_start(user=learner, scenario=scenario, mode="exam")
    weak = {turn_id: "嗯" for (slug, turn_id) in _good_keys(scenario.slug)}
    played = play(session, weak)
    assert not played.passed
    assert not Certificate.objects.filter(user=learner).exists()
    trainer = TrainerFactory()
    for turn in played.turns.order_by("order"):
        turn_override(turn=turn, score=95, comment="复核：回答到位", by=trainer)
    played.refresh_from_db()
    assert played.passed
    assert Certificate.objects.filter(user=learner).count() == 1


def _good_keys(slug):
    from tests.drills.helpers import GOOD

    return [key for key in GOOD if key[0] == slug]

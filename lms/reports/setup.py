"""What `lms quickstart` does for the HR reports: a demo cohort to look at.

Eight learners of 2026年10月批 in two teams, one at every roster status, built
with the real services: lessons completed with `lesson_mark_complete`, quizzes
started, answered and submitted, drills played turn by turn with the scenario's
model answers, certificates issued by the certification receivers (or by hand
when a requirement cannot be met), revoked with `certificate_revoke`, signed
off with `golive_sign_off`. Whole histories are then moved back in time, so a
certificate issued "today" becomes one that expires in 20 days.

Idempotent: a learner who exists is left as they are. Deterministic: the quiz
questions are drawn with a seed per learner and quiz.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lms.accounts.models import Cohort, Team
from lms.accounts.roles import HR, LEARNER

COHORT = "2026年10月批"
COHORT_STARTS = date(2026, 10, 8)
TEAMS = ("客服一组", "客服二组")
STORE = "轻风运动旗舰店"
SUPERVISOR = ("demo-supervisor", "刘主管", "HR0099")
DEMO_NOTE = "演示数据"


@dataclass(frozen=True)
class DemoLearner:
    username: str
    name: str
    team: int
    status: str  # what the roster should show (see `build`)


DEMO_LEARNERS = (
    DemoLearner("demo-01", "郑雨萱", 0, "not_started"),
    DemoLearner("demo-02", "黄子涵", 0, "in_progress"),
    DemoLearner("demo-03", "周子墨", 0, "certified"),  # and 可上岗
    DemoLearner("demo-04", "吴佳怡", 1, "expiring"),
    DemoLearner("demo-05", "孙浩然", 1, "expired"),
    DemoLearner("demo-06", "徐梦瑶", 1, "revoked"),
    DemoLearner("demo-07", "马俊杰", 0, "needs_retraining"),
    DemoLearner("demo-08", "朱雨桐", 1, "stalled"),
)


# --- answering like a learner ---------------------------------------------------


def answer_key(question):
    """A response that gets full marks, in the engine's response shapes."""
    kind = question.type
    if kind in ("single", "scenario"):
        return max(question.options, key=lambda option: option.fraction).key
    if kind == "multiple":
        return sorted(question.correct_keys)
    if kind == "truefalse":
        return question.answer
    if kind == "short":
        return max(question.answers, key=lambda answer: answer.weight).text
    if kind == "ordering":
        return list(question.items)
    if kind == "matching":
        return {pair.left: pair.right for pair in question.pairs}
    if kind == "numerical":
        best = max(question.numeric_answers, key=lambda answer: answer.weight)
        return best.value
    return None


def take_quiz(user, quiz, *, right: float, now):
    """Start, answer a share `right` of the questions correctly, submit."""
    from lms.quizzes.attempts import attempt_answer, attempt_start, attempt_submit
    from lms.quizzes.models import AttemptQuestion
    from lms.quizzes.serialization import question_from_data

    attempt = attempt_start(
        user=user,
        quiz=quiz,
        now=now,
        rng=random.Random(f"{user.username}:{quiz.slug}:{now:%Y%m%d}"),
    )
    items = list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position"))
    correct = round(right * len(items))
    for index, item in enumerate(items):
        if index < correct:
            response = answer_key(question_from_data(item.snapshot))
            attempt_answer(
                attempt=attempt, position=item.position, response=response, now=now
            )
    return attempt_submit(attempt=attempt, now=now + timedelta(minutes=8))


def play_drill(user, scenario, *, good: bool, now, mode: str = "exam"):
    """Answer every turn (model answers, or a lazy reply) until the drill ends."""
    from lms.drills.sessions import session_reply, session_start, turn_shown_at

    session = session_start(user=user, scenario=scenario, mode=mode, now=now)
    document = session.version.document()
    for _turn_number in range(50):  # branching scenarios end; this is a guard
        session.refresh_from_db()
        if not session.is_open:
            break
        turn = session.turns.order_by("-order").prefetch_related("messages").first()
        spec = document.turn(turn.turn_id)
        reply = spec.model_answers[0] if good else "好的亲,稍等哦"
        at = turn_shown_at(turn) + timedelta(seconds=9)
        session_reply(session=session, order=turn.order, text=reply, now=at)
    session.refresh_from_db()
    return session


# --- building learners -------------------------------------------------------


def demo_path():
    """The 售前 path when the certification step created it, else any active one."""
    from lms.certification.models import CertificationPath
    from lms.certification.requirements import with_requirements

    paths = with_requirements(CertificationPath.objects.filter(is_active=True))
    return paths.filter(slug="presales").first() or paths.order_by("slug").first()


def learn(user, path, *, courses: int | None = None, quizzes: bool = True):
    """Complete the path's courses (the first `courses` of them), pass their
    quizzes and, for a whole path, the exam and drills too."""
    from lms.courses.progress import lesson_mark_complete, lessons_by_course

    requirements = list(path.course_requirements.all())
    chosen = [r.course for r in requirements[: courses or len(requirements)]]
    lessons = lessons_by_course(chosen)
    for course in chosen:
        for lesson in lessons[course.id]:
            lesson_mark_complete(user=user, lesson=lesson, course=course)
    start = timezone.now() - timedelta(hours=6)
    chosen_ids = {course.id for course in chosen}
    for index, requirement in enumerate(path.quiz_requirements.all()):
        quiz = requirement.quiz
        whole_path = courses is None
        if quizzes and (whole_path or quiz.course_id in chosen_ids):
            take_quiz(user, quiz, right=1.0, now=start + timedelta(minutes=20 * index))
    if courses is None:
        for index, requirement in enumerate(path.drill_requirements.all()):
            play_drill(
                user,
                requirement.scenario,
                good=True,
                now=start + timedelta(hours=3, minutes=15 * index),
            )


def certify(user, path, supervisor):
    """Everything the path asks; the receivers issue the certificate."""
    from lms.certification.issuing import certificate_issue_manual
    from lms.certification.models import Certificate

    learn(user, path)
    certificate = Certificate.objects.valid().filter(user=user, path=path).first()
    if certificate is None:  # a requirement the demo could not meet
        certificate = certificate_issue_manual(
            user=user, path=path, actor=supervisor, reason=DEMO_NOTE
        )
    return certificate


def shift_back(user, delta: timedelta) -> None:
    """Move a learner's whole history `delta` into the past."""
    from lms.certification.models import (
        AuditLogEntry,
        Certificate,
        GoLiveSignOff,
        PathAssignment,
    )
    from lms.courses.models import CourseCompletion, LessonProgress
    from lms.drills.models import DrillMessage, DrillSession, DrillTurn
    from lms.quizzes.models import Attempt

    def back(model, rows, *fields):
        rows.update(**{name: F(name) - delta for name in fields})

    back(LessonProgress, LessonProgress.objects.filter(user=user),
         "first_viewed_at", "last_viewed_at", "completed_at")  # fmt: skip
    back(CourseCompletion, CourseCompletion.objects.filter(user=user), "completed_at")
    back(Attempt, Attempt.objects.filter(user=user),
         "started_at", "submitted_at", "deadline")  # fmt: skip
    back(DrillSession, DrillSession.objects.filter(user=user),
         "started_at", "finished_at", "read_until")  # fmt: skip
    back(DrillTurn, DrillTurn.objects.filter(session__user=user),
         "created_at", "received_at")  # fmt: skip
    back(
        DrillMessage, DrillMessage.objects.filter(turn__session__user=user), "shown_at"
    )
    back(Certificate, Certificate.objects.filter(user=user), "issued_at", "expires_at")
    back(AuditLogEntry, AuditLogEntry.objects.filter(subject=user), "created_at")
    back(PathAssignment, PathAssignment.objects.filter(user=user),
         "assigned_at", "assessments_since", "retrain_since")  # fmt: skip
    back(GoLiveSignOff, GoLiveSignOff.objects.filter(user=user), "signed_at")


def mark_retraining(user, path, supervisor) -> None:
    """需复训 for one learner: what a rules change does to each holder.

    (path_rules_changed would bump the path for every holder in the database.)
    """
    from lms.certification.audit import Action, audit_log
    from lms.certification.models import PathAssignment

    course = path.course_requirements.all()[0].course
    for requirement in path.course_requirements.all():
        if requirement.course.slug == "platform-rules":
            course = requirement.course
    reason = f"{course.title}:平台规则更新,需重新学习并通过测验({DEMO_NOTE})"
    PathAssignment.objects.filter(user=user, path=path).update(
        needs_recertification=True,
        recertification_reason=reason[:300],
        retrain_course_ids=[course.pk],
        retrain_since=timezone.now(),
    )
    audit_log(
        action=Action.RETRAINING,
        actor=supervisor,
        subject=user,
        reason=reason,
        path=path.slug,
        course=course.slug,
        version=path.version,
    )


def build(spec: DemoLearner, user, path, supervisor) -> None:
    """Give the learner the history behind their status."""
    from lms.certification.expiry import certificates_expire
    from lms.certification.revocation import certificate_revoke

    from .golive import golive_sign_off

    status = spec.status
    if status == "not_started":
        return
    if status in ("in_progress", "stalled"):
        learn(user, path, courses=2)
        scenario = path.drill_requirements.all()[0].scenario
        play_drill(user, scenario, good=False, mode="practice",
                   now=timezone.now() - timedelta(hours=1))  # fmt: skip
        if status == "stalled":
            shift_back(user, timedelta(days=12))
        return
    certificate = certify(user, path, supervisor)
    now = timezone.now()
    if status == "certified":
        golive_sign_off(
            learner=user, by=supervisor, note=f"跟岗三天,接待规范({DEMO_NOTE})"
        )
    elif status == "expiring":
        shift_back(user, certificate.expires_at - now - timedelta(days=20))
    elif status == "expired":
        shift_back(user, certificate.expires_at - now + timedelta(days=35))
        certificates_expire()
    elif status == "revoked":
        shift_back(user, timedelta(days=60))
        certificate.refresh_from_db()
        certificate_revoke(
            certificate=certificate,
            actor=supervisor,
            reason_category="misconduct",
            note=f"引导顾客站外交易({DEMO_NOTE})",
        )
    elif status == "needs_retraining":
        shift_back(user, timedelta(days=90))
        mark_retraining(user, path, supervisor)


def ensure_supervisor():
    """The HR supervisor who revokes and signs off in the demo (cannot log in)."""
    User = get_user_model()
    username, name, number = SUPERVISOR
    user, created = User.objects.get_or_create(
        username=username, defaults={"display_name": name, "employee_no": number}
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=HR))
    return user


def demo_cohort() -> str:
    path = demo_path()
    if path is None:
        return "skipped: no active certification path (run the certification step)"
    cohort, _ = Cohort.objects.get_or_create(
        name=COHORT, defaults={"starts_on": COHORT_STARTS}
    )
    teams = [
        Team.objects.get_or_create(name=name, defaults={"store": STORE})[0]
        for name in TEAMS
    ]
    supervisor = ensure_supervisor()
    learners = Group.objects.get(name=LEARNER)
    User = get_user_model()
    created = 0
    for number, spec in enumerate(DEMO_LEARNERS, start=1):
        if User.objects.filter(username=spec.username).exists():
            continue
        with transaction.atomic():
            today = timezone.localdate()
            user = User(
                username=spec.username,
                display_name=spec.name,
                employee_no=f"KF202610{number:02d}",
                team=teams[spec.team],
                cohort=cohort,
                hire_date=today - timedelta(days=2)
                if spec.status == "not_started"
                else COHORT_STARTS,
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(learners)
            build(spec, user, path, supervisor)
            if user.certificates.exists():
                first = user.certificates.order_by("issued_at").first()
                hired = timezone.localtime(first.issued_at).date() - timedelta(days=24)
                User.objects.filter(pk=user.pk).update(
                    hire_date=min(hired, COHORT_STARTS)
                )
        created += 1
    state = f"{created} created" if created else "unchanged"
    return f"{len(DEMO_LEARNERS)} demo learners in {COHORT} ({state})"


def quickstart_steps(base_dir: Path) -> list[tuple[str, Callable[[], str]]]:
    return [("演示学员 / demo cohort", demo_cohort)]

"""Hand-built data for the report tests: rows written directly, no services,
so every figure on the roster can be worked out by hand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lms.accounts.models import Cohort, Team
from lms.certification.models import (
    Certificate,
    CertificationPath,
    PathCourseRequirement,
    PathDrillRequirement,
    PathQuizRequirement,
)
from lms.courses.models import CourseCompletion, LessonPage, LessonProgress
from lms.drills.models import DrillSession, Scenario, ScenarioVersion
from lms.quizzes.models import Attempt, Quiz
from tests.courses.pages import make_course
from tests.factories import LearnerFactory

# The clock every report test freezes at (a Tuesday, 10:00 in Shanghai).
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
_serials = itertools.count(1)


@dataclass
class World:
    course_a: object
    course_b: object
    lessons_a: list
    lessons_b: list
    quiz_a: Quiz
    exam: Quiz
    s1: Scenario
    s2: Scenario
    path: CertificationPath
    cohort: Cohort
    other_cohort: Cohort
    team: Team
    other_team: Team


def make_scenario(slug: str, pass_score: int = 70) -> Scenario:
    scenario = Scenario.objects.create(
        slug=slug,
        title=f"场景{slug}",
        track="presales",
        mood="calm",
        pass_score=pass_score,
        source=f"id: {slug}",
        content_hash=f"hash-{slug}",
    )
    ScenarioVersion.objects.create(
        scenario=scenario, content_hash=f"hash-{slug}", source=scenario.source
    )
    return scenario


def build_world(site_tree) -> World:
    """Two courses (3 + 2 lessons), a course quiz, a final exam, two drills
    and one path that requires all of it."""
    _home, index = site_tree
    course_a = make_course(index, "rep-a", lessons=3, title="课程甲")
    course_b = make_course(index, "rep-b", lessons=2, title="课程乙")
    quiz_a = Quiz.objects.create(slug="rep-quiz-a", title="课程甲测验", course=course_a)
    exam = Quiz.objects.create(slug="rep-final", title="期末考试", pass_mark=80)
    s1, s2 = make_scenario("rep-s1"), make_scenario("rep-s2")
    path = CertificationPath.objects.create(
        slug="rep-presales", title="售前客服上岗认证", drill_average_min=70
    )
    for course in (course_a, course_b):
        PathCourseRequirement.objects.create(path=path, course=course)
    for quiz in (quiz_a, exam):
        PathQuizRequirement.objects.create(path=path, quiz=quiz)
    for scenario in (s1, s2):
        PathDrillRequirement.objects.create(path=path, scenario=scenario)
    return World(
        course_a=course_a,
        course_b=course_b,
        lessons_a=list(LessonPage.objects.child_of(course_a).order_by("path")),
        lessons_b=list(LessonPage.objects.child_of(course_b).order_by("path")),
        quiz_a=quiz_a,
        exam=exam,
        s1=s1,
        s2=s2,
        path=path,
        cohort=Cohort.objects.create(name="2026年10月批"),
        other_cohort=Cohort.objects.create(name="2026年9月批"),
        team=Team.objects.create(name="客服一组"),
        other_team=Team.objects.create(name="客服二组"),
    )


def learner(world: World, username: str, **fields):
    """A learner of the world's cohort and team, who joined the day before NOW."""
    fields.setdefault("date_joined", NOW - timedelta(days=1))
    fields.setdefault("cohort", world.cohort)
    fields.setdefault("team", world.team)
    return LearnerFactory(username=username, **fields)


def view_lesson(user, lesson, course, *, at: datetime, done: bool = False):
    progress = LessonProgress.objects.create(user=user, lesson=lesson, course=course)
    LessonProgress.objects.filter(pk=progress.pk).update(
        first_viewed_at=at, last_viewed_at=at, completed_at=at if done else None
    )


def complete_course(user, course, lessons, *, at: datetime):
    for lesson in lessons:
        view_lesson(user, lesson, course, at=at, done=True)
    completion = CourseCompletion.objects.create(user=user, course=course)
    CourseCompletion.objects.filter(pk=completion.pk).update(completed_at=at)


def attempt(user, quiz, score: float, *, at: datetime, number: int | None = None):
    number = number or Attempt.objects.filter(user=user, quiz=quiz).count() + 1
    return Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=number,
        status="submitted",
        started_at=at - timedelta(minutes=15),
        submitted_at=at,
        score=score,
        passed=score >= quiz.pass_mark,
        pass_mark=quiz.pass_mark,
        review_policy="immediate",
    )


def drill(user, scenario, score: int, *, at: datetime, mode: str = "practice"):
    return DrillSession.objects.create(
        user=user,
        scenario=scenario,
        version=scenario.versions.get(),
        mode=mode,
        status="finished",
        started_at=at - timedelta(minutes=5),
        finished_at=at,
        score=score,
        machine_score=score,
        passed=score >= scenario.pass_score,
    )


def certificate(user, path, *, issued_at: datetime, status: str = "valid", **fields):
    number = next(_serials)
    return Certificate.objects.create(
        serial=f"KF-T{number:05d}",
        verification_code=f"rep-verify-{number}",
        user=user,
        path=path,
        path_version=path.version,
        status=status,
        holder_name=user.get_full_name(),
        employee_no=user.employee_no or "",
        path_title=path.title,
        issued_at=issued_at,
        expires_at=fields.pop("expires_at", issued_at + timedelta(days=365)),
        **fields,
    )

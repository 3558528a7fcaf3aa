"""Building paths and meeting their requirements through the real services."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from lms.certification.models import (
    CertificationPath,
    PathCourseRequirement,
    PathDrillRequirement,
    PathQuizRequirement,
)
from lms.courses.models import LessonPage
from lms.courses.progress import lesson_mark_complete
from lms.drills.loading import scenario_version
from lms.drills.models import DrillSession, Scenario
from lms.quizzes.attempts import attempt_start, attempt_submit
from lms.quizzes.models import (
    AttemptQuestion,
    Question,
    QuestionBank,
    Quiz,
    QuizFixedQuestion,
)
from tests.courses.pages import make_course

QUESTIONS = 20  # 5 points each: any score in steps of 5


def course(index, slug: str, **fields):
    return make_course(index, slug, lessons=2, **fields)


def complete_course(user, course_page) -> None:
    for lesson in LessonPage.objects.child_of(course_page).order_by("path"):
        lesson_mark_complete(user=user, lesson=lesson, course=course_page)


def quiz(slug: str, *, course_page=None, pass_mark: int = 80) -> Quiz:
    bank, _ = QuestionBank.objects.get_or_create(slug="cert-bank", title="认证题库")
    quiz = Quiz.objects.create(
        slug=slug,
        title=f"{slug}测验",
        course=course_page,
        pass_mark=pass_mark,
        shuffle_questions=False,
        shuffle_options=False,
    )
    questions = Question.objects.bulk_create(
        Question(
            qid=f"{slug}-{number:03d}",
            bank=bank,
            type="truefalse",
            stem=f"第{number}题对吗?",
            data={
                "id": f"{slug}-{number:03d}",
                "type": "truefalse",
                "stem": "对吗?",
                "answer": True,
            },
        )
        for number in range(1, QUESTIONS + 1)
    )
    QuizFixedQuestion.objects.bulk_create(
        QuizFixedQuestion(quiz=quiz, question=question, sort_order=number)
        for number, question in enumerate(questions, start=1)
    )
    return quiz


def take_quiz(user, quiz_obj: Quiz, *, score: int, now: datetime | None = None):
    """Sit the quiz and get `score` (a multiple of 5): start and submit through
    the quiz services (which grade and send attempt_graded); the answers are
    written in one go."""
    now = now or timezone.now()
    attempt = attempt_start(user=user, quiz=quiz_obj, now=now)
    right = round(score * QUESTIONS / 100)
    answers = AttemptQuestion.objects.filter(attempt=attempt)
    answers.filter(position__lte=right).update(response=True, answered_at=now)
    answers.filter(position__gt=right).update(response=False, answered_at=now)
    return attempt_submit(attempt=attempt, now=now)


def drill_result(
    user,
    scenario: Scenario,
    *,
    score: int,
    passed: bool | None = None,
    at=None,
    mode: str = "exam",
) -> DrillSession:
    """A finished session with this score, written directly (no signal).

    An exam run by default: only those count towards certification."""
    at = at or timezone.now()
    return DrillSession.objects.create(
        user=user,
        scenario=scenario,
        version=scenario_version(scenario),
        mode=mode,
        status="finished",
        started_at=at,
        finished_at=at,
        score=score,
        passed=score >= scenario.pass_score if passed is None else passed,
    )


def path(
    slug: str = "cert-path",
    *,
    courses=(),
    quizzes=(),
    drills=(),
    drill_average_min: int | None = None,
    validity_months: int = 12,
    title: str = "售前客服上岗认证",
) -> CertificationPath:
    """`quizzes`: Quiz or (Quiz, min score); `drills`: Scenario or (Scenario, must)."""
    result = CertificationPath.objects.create(
        slug=slug,
        title=title,
        drill_average_min=drill_average_min,
        validity_months=validity_months,
    )
    for order, course_page in enumerate(courses):
        PathCourseRequirement.objects.create(
            path=result, course=course_page, sort_order=order
        )
    for order, item in enumerate(quizzes):
        quiz_obj, minimum = item if isinstance(item, tuple) else (item, None)
        PathQuizRequirement.objects.create(
            path=result, quiz=quiz_obj, min_score=minimum, sort_order=order
        )
    for order, item in enumerate(drills):
        scenario, must = item if isinstance(item, tuple) else (item, True)
        PathDrillRequirement.objects.create(
            path=result, scenario=scenario, must_pass=must, sort_order=order
        )
    return result

"""The roster's per-learner figures, grouped in SQL and read in one query.

Lessons done, last activity, courses completed, best quiz and drill scores and
the go-live sign-off each come from a grouped SELECT; the selects are joined
with UNION ALL into one round trip. Each row is
(kind, user_id, item, count a, count b, score, time 1, time 2), the columns a
kind does not use being NULL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    Count,
    DateTimeField,
    F,
    FloatField,
    IntegerField,
    Max,
    Q,
    Value,
)
from django.db.models.functions import Cast

from lms.certification.models import GoLiveSignOff
from lms.courses.models import CourseCompletion, LessonProgress
from lms.drills.models import DrillSession
from lms.quizzes.models import Attempt

from ..aggregation import latest

LESSONS_DONE, LESSON_SEEN, QUIZ, QUIZ_SEEN, DRILL, DRILL_SEEN = range(1, 7)
COURSES_DONE, SIGNED_OFF = 7, 8
# Prefixed: an annotation may not reuse a model field's name (Attempt.score).
COLUMNS = ("f_kind", "user_id", "f_item", "f_a", "f_b", "f_score", "f_t1", "f_t2")


@dataclass
class QuizBest:
    best: float
    passes: int
    attempts: int


@dataclass
class LearnerFigures:
    lessons_done: dict[int, int] = field(default_factory=dict)
    last_activity: dict[int, datetime] = field(default_factory=dict)
    courses_done: dict[int, int] = field(default_factory=dict)
    quiz_bests: dict[tuple[int, int], QuizBest] = field(default_factory=dict)
    drill_bests: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    signed_off: set[int] = field(default_factory=set)


def _none(output_field):
    # Typed NULL: PostgreSQL would otherwise make an untyped NULL column text.
    return Cast(Value(None), output_field=output_field)


def _select(queryset, kind: int, *, group: tuple, **values):
    """One grouped SELECT with the union's eight columns."""
    defaults = {
        "f_item": _none(IntegerField()),
        "f_a": _none(IntegerField()),
        "f_b": _none(IntegerField()),
        "f_score": _none(FloatField()),
        "f_t1": _none(DateTimeField()),
        "f_t2": _none(DateTimeField()),
    }
    defaults.update(values)
    return (
        queryset.order_by()
        .values(*group)
        .annotate(f_kind=Value(kind, output_field=IntegerField()), **defaults)
        .values_list(*COLUMNS)
    )


def learner_figures(
    user_ids: list[int], *, lesson_ids: list[int], course_ids: list[int], quiz_ids
) -> LearnerFigures:
    figures = LearnerFigures()
    if not user_ids:
        return figures
    mine = Q(user_id__in=user_ids)
    selects = [
        _select(
            LessonProgress.objects.filter(mine),
            LESSON_SEEN,
            group=("user_id",),
            f_t1=Max("last_viewed_at"),
        ),
        _select(
            Attempt.objects.filter(mine),
            QUIZ_SEEN,
            group=("user_id",),
            f_t1=Max("started_at"),
            f_t2=Max("submitted_at"),
        ),
        _select(
            DrillSession.objects.filter(mine),
            DRILL_SEEN,
            group=("user_id",),
            f_t1=Max("started_at"),
            f_t2=Max("finished_at"),
        ),
        _select(
            DrillSession.objects.finished().filter(mine),
            DRILL,
            group=("user_id", "scenario_id"),
            f_item=F("scenario_id"),
            f_score=Max("score"),
        ),
        _select(
            GoLiveSignOff.objects.filter(mine),
            SIGNED_OFF,
            group=("user_id",),
            f_a=Count("id"),
        ),
    ]
    if lesson_ids:
        selects.append(
            _select(
                LessonProgress.objects.filter(
                    mine, completed_at__isnull=False, lesson_id__in=lesson_ids
                ),
                LESSONS_DONE,
                group=("user_id",),
                f_a=Count("id"),
            )
        )
    if course_ids:
        selects.append(
            _select(
                CourseCompletion.objects.filter(mine, course_id__in=course_ids),
                COURSES_DONE,
                group=("user_id",),
                f_a=Count("id"),
            )
        )
    if quiz_ids:
        selects.append(
            _select(
                Attempt.objects.finished().filter(mine, quiz_id__in=quiz_ids),
                QUIZ,
                group=("user_id", "quiz_id"),
                f_item=F("quiz_id"),
                f_a=Count("id", filter=Q(passed=True)),
                f_b=Count("id"),
                f_score=Max("score"),
            )
        )
    first, *others = selects
    for kind, user_id, item, count_a, count_b, score, time_a, time_b in first.union(
        *others, all=True
    ):
        if kind in (LESSON_SEEN, QUIZ_SEEN, DRILL_SEEN):
            figures.last_activity[user_id] = latest(
                figures.last_activity.get(user_id), time_a, time_b
            )
        elif kind == LESSONS_DONE:
            figures.lessons_done[user_id] = count_a
        elif kind == COURSES_DONE:
            figures.courses_done[user_id] = count_a
        elif kind == QUIZ:
            figures.quiz_bests[(user_id, item)] = QuizBest(
                score or 0.0, count_a, count_b
            )
        elif kind == DRILL:
            figures.drill_bests[user_id].append(None if score is None else round(score))
        elif kind == SIGNED_OFF:
            figures.signed_off.add(user_id)
    return figures

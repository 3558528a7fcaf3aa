"""Learner progress through lessons and courses: services and read helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import CourseCompletion, CoursePage, LessonPage, LessonProgress
from .signals import course_completed


@dataclass
class CourseProgress:
    course_id: int
    total: int = 0
    done: int = 0
    started: bool = False
    completed: bool = False
    completed_at: object = None
    lesson_ids: list[int] = field(default_factory=list)
    done_ids: set[int] = field(default_factory=set)
    last_viewed_id: int | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_lesson_id(self) -> int | None:
        """Where "continue" goes: the first lesson not done yet."""
        for lesson_id in self.lesson_ids:
            if lesson_id not in self.done_ids:
                return lesson_id
        return self.last_viewed_id or (self.lesson_ids[0] if self.lesson_ids else None)


@dataclass
class CompletionResult:
    progress: LessonProgress
    course_completed_now: bool


def lessons_by_course(courses) -> dict[int, list[LessonPage]]:
    """Live lessons of each course in tree order, with one query for all."""
    courses = list(courses)
    by_path = {course.path: course.id for course in courses}
    result: dict[int, list[LessonPage]] = {course.id: [] for course in courses}
    if not courses:
        return result
    steplen = LessonPage.steplen
    depths = {course.depth + 1 for course in courses}
    lessons = (
        LessonPage.objects.live()
        .filter(depth__in=depths)
        .only("id", "title", "slug", "path", "depth", "url_path", "estimated_minutes")
        .order_by("path")
    )
    for lesson in lessons:
        course_id = by_path.get(lesson.path[:-steplen])
        if course_id is not None:
            result[course_id].append(lesson)
    return result


def course_progress(*, user, courses, lessons=None) -> dict[int, CourseProgress]:
    """Progress of one learner in each course (three queries whatever the size)."""
    courses = list(courses)
    lessons = lessons if lessons is not None else lessons_by_course(courses)
    result = {
        course.id: CourseProgress(
            course_id=course.id, lesson_ids=[lesson.id for lesson in lessons[course.id]]
        )
        for course in courses
    }
    for progress in result.values():
        progress.total = len(progress.lesson_ids)
    if not user.is_authenticated or not courses:
        return result
    rows = LessonProgress.objects.filter(user=user, course__in=courses).order_by(
        "last_viewed_at"
    )
    for row in rows.values("course_id", "lesson_id", "completed_at"):
        progress = result[row["course_id"]]
        progress.started = True
        progress.last_viewed_id = row["lesson_id"]
        if row["completed_at"] and row["lesson_id"] in progress.lesson_ids:
            progress.done_ids.add(row["lesson_id"])
    for progress in result.values():
        progress.done = len(progress.done_ids)
    completions = CourseCompletion.objects.filter(user=user, course__in=courses)
    for course_id, completed_at in completions.values_list("course_id", "completed_at"):
        result[course_id].completed = True
        result[course_id].completed_at = completed_at
    return result


def missing_prerequisites(*, user, course: CoursePage) -> list[CoursePage]:
    """Prerequisite courses this learner has not completed yet."""
    required = list(course.prerequisites.live().order_by("path"))
    if not required:
        return []
    if not user.is_authenticated:
        return required
    done = set(
        CourseCompletion.objects.filter(user=user, course__in=required).values_list(
            "course_id", flat=True
        )
    )
    return [prerequisite for prerequisite in required if prerequisite.id not in done]


def lesson_record_visit(
    *, user, lesson: LessonPage, course: CoursePage
) -> LessonProgress:
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_viewed_at=now)
        progress.last_viewed_at = now
    return progress


@transaction.atomic
def lesson_mark_complete(
    *, user, lesson: LessonPage, course: CoursePage
) -> CompletionResult:
    """Mark a lesson done; record the course as completed when it was the last."""
    progress, _created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at"])
    completed_now = False
    state = course_progress(user=user, courses=[course])[course.id]
    if state.total and state.done == state.total and not state.completed:
        try:
            with transaction.atomic():
                CourseCompletion.objects.create(user=user, course=course)
            completed_now = True
        except IntegrityError:  # completed at the same moment in another request
            completed_now = False
        if completed_now:
            course_completed.send(sender=CourseCompletion, user=user, course=course)
    return CompletionResult(progress=progress, course_completed_now=completed_now)


def course_reopen(*, user_ids, course_ids) -> None:
    """Courses to be done again (recertification): completion and ticks cleared.

    One completion is kept per learner and course, so a course can only be
    completed a second time after this. Visits are kept ("continue" still works).
    """
    user_ids, course_ids = list(user_ids), list(course_ids)
    if not user_ids or not course_ids:
        return
    CourseCompletion.objects.filter(
        user_id__in=user_ids, course_id__in=course_ids
    ).delete()
    LessonProgress.objects.filter(
        user_id__in=user_ids, course_id__in=course_ids
    ).update(completed_at=None)

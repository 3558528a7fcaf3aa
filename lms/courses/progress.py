"""Learner progress through lessons and courses: services and read helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    DateTimeField,
    Exists,
    IntegerField,
    OuterRef,
    Value,
)
from django.utils import timezone

from .models import CourseCompletion, CoursePage, LessonPage, LessonProgress
from .signals import course_completed, lesson_completed


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
    # When each lesson was last seen (recorded at most every VISIT_REFRESH).
    viewed_at: dict[int, object] = field(default_factory=dict)

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


def _progress_rows(user, courses):
    """Lesson rows and course completions of one learner, in one query.

    Rows are (lesson_id, course_id, last_viewed_at, completed_at); a course
    completion comes as lesson_id 0, after the lesson rows in visit order.
    """
    lessons = (
        LessonProgress.objects.filter(user=user, course__in=courses)
        .order_by()
        .values_list("lesson_id", "course_id", "last_viewed_at", "completed_at")
    )
    completions = (
        CourseCompletion.objects.filter(user=user, course__in=courses)
        .order_by()
        .values_list(
            Value(0, output_field=IntegerField()),
            "course_id",
            Value(None, output_field=DateTimeField()),
            "completed_at",
        )
    )
    rows = list(lessons.union(completions, all=True))
    epoch = timezone.now() - timedelta(days=365 * 100)
    # Lessons by last visit (Python: a union's ORDER BY is fussy across backends).
    rows.sort(key=lambda row: (row[0] == 0, row[2] or epoch))
    return rows


def course_progress(*, user, courses, lessons=None) -> dict[int, CourseProgress]:
    """Progress of one learner in each course (two queries whatever the size)."""
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
    for lesson_id, course_id, viewed_at, completed_at in _progress_rows(user, courses):
        progress = result[course_id]
        if lesson_id == 0:
            progress.completed = True
            progress.completed_at = completed_at
            continue
        progress.started = True
        progress.last_viewed_id = lesson_id
        progress.viewed_at[lesson_id] = viewed_at
        if completed_at and lesson_id in progress.lesson_ids:
            progress.done_ids.add(lesson_id)
    for progress in result.values():
        progress.done = len(progress.done_ids)
    return result


def prerequisites_pending(user) -> Exists:
    """For a course query: does this learner still miss a live prerequisite?"""
    through = CoursePage.prerequisites.through
    pending = through.objects.filter(
        from_coursepage=OuterRef("pk"), to_coursepage__live=True
    )
    if user.is_authenticated:
        pending = pending.exclude(to_coursepage__completions__user=user)
    return Exists(pending)


def course_gate_flags(user) -> dict:
    """Annotations for a course query that let missing_prerequisites() answer
    "nothing locks this course" without a query of its own."""
    from lms.assignments.models import Assignment

    if user.is_authenticated:
        locking = Exists(Assignment.objects.for_users([user]).filter(locks_others=True))
    else:
        locking = Value(False, output_field=BooleanField())
    return {
        "prerequisites_pending": prerequisites_pending(user),
        "assignment_locks": locking,
    }


def course_for_lesson(*, lesson: LessonPage, user) -> CoursePage:
    """The lesson's course, fetched with what a lesson view checks on it."""
    from .routing import restricted_flag

    return (
        CoursePage.objects.filter(path=lesson.path[: -LessonPage.steplen])
        .annotate(view_restricted=restricted_flag(), **course_gate_flags(user))
        .get()
    )


def missing_prerequisites(*, user, course: CoursePage) -> list[CoursePage]:
    """Prerequisite courses this learner has not completed yet.

    No query when the course was fetched with ``prerequisites_pending`` False.
    Once they are done, the courses a trainer's locking assignment puts first
    (lms/assignments/locking.py: one query when the learner has none).
    """
    from lms.assignments.locking import courses_assigned_first

    if getattr(course, "prerequisites_pending", None) is False:
        if getattr(course, "assignment_locks", None) is False:
            return []  # fetched with course_gate_flags(): nothing can lock it
        return courses_assigned_first(user=user, course=course)
    required = list(course.prerequisites.live().order_by("path"))
    if not required:
        return courses_assigned_first(user=user, course=course)
    if not user.is_authenticated:
        return required
    done = set(
        CourseCompletion.objects.filter(user=user, course__in=required).values_list(
            "course_id", flat=True
        )
    )
    missing = [prerequisite for prerequisite in required if prerequisite.id not in done]
    return missing or courses_assigned_first(user=user, course=course)


# A repeated view within this time writes nothing: "continue" needs the order of
# visits, not every view.
VISIT_REFRESH = timedelta(minutes=5)


def lesson_record_visit(
    *, user, lesson: LessonPage, course: CoursePage, progress: CourseProgress = None
) -> None:
    """Note the visit: a row the first time, then its time at most every
    VISIT_REFRESH. With the course's ``progress`` already read, no query at all
    for a repeated view."""
    now = timezone.now()
    if progress is not None and lesson.id in progress.viewed_at:
        viewed_at = progress.viewed_at[lesson.id]
        if viewed_at is not None and now - viewed_at < VISIT_REFRESH:
            return
        LessonProgress.objects.filter(user=user, lesson=lesson).update(
            last_viewed_at=now
        )
        progress.viewed_at[lesson.id] = now
        return
    try:
        with transaction.atomic():
            _row, created = LessonProgress.objects.get_or_create(
                user=user, lesson=lesson, defaults={"course": course}
            )
    except IntegrityError:  # the same learner's other tab, at the same moment
        return
    if not created:
        LessonProgress.objects.filter(
            user=user, lesson=lesson, last_viewed_at__lt=now - VISIT_REFRESH
        ).update(last_viewed_at=now)
    if progress is not None:
        progress.viewed_at[lesson.id] = now
        progress.started = True


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
        lesson_completed.send(sender=LessonProgress, progress=progress)
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

"""我的学习: which courses a learner is in, has finished, and where to continue."""

from __future__ import annotations

from .models import CoursePage, LessonPage
from .progress import course_progress, lessons_by_course


def _courses() -> list[CoursePage]:
    # Courses live only under the one catalogue page (parent_page_types,
    # max_count): no need to fetch the catalogue first.
    return list(CoursePage.objects.live().order_by("path"))


def resume_lesson(*, user, courses, progress, lesson_by_id) -> LessonPage | None:
    """Where 继续学习 goes: the next unfinished lesson of the course studied
    last, or else of the first course in progress (None: nothing under way)."""
    # The course of the live lesson seen last, from the progress already read.
    seen = [
        (state.viewed_at[lesson_id], course_id)
        for course_id, state in progress.items()
        for lesson_id in state.lesson_ids
        if state.viewed_at.get(lesson_id) is not None
    ]
    last_course = max(seen)[1] if seen else None
    for course_id in [last_course, *(course.id for course in courses)]:
        state = progress.get(course_id)
        if state is not None and state.started and not state.completed:
            lesson = lesson_by_id.get(state.next_lesson_id)
            if lesson is not None:
                return lesson
    return None


def continue_lesson(user) -> LessonPage | None:
    """The home page's 继续学习 button, on its own."""
    courses = _courses()
    lessons = lessons_by_course(courses)
    progress = course_progress(user=user, courses=courses, lessons=lessons)
    by_id = {lesson.id: lesson for course in lessons.values() for lesson in course}
    return resume_lesson(
        user=user, courses=courses, progress=progress, lesson_by_id=by_id
    )


def dashboard_context(user) -> dict:
    courses = _courses()
    lessons = lessons_by_course(courses)
    progress = course_progress(user=user, courses=courses, lessons=lessons)
    lesson_by_id = {
        lesson.id: lesson
        for course_lessons in lessons.values()
        for lesson in course_lessons
    }
    course_by_id = {course.id: course for course in courses}
    in_progress, completed, not_started = [], [], []
    for course in courses:
        state = progress[course.id]
        entry = {
            "page": course,
            "progress": state,
            "continue_lesson": lesson_by_id.get(state.next_lesson_id),
        }
        if state.completed:
            completed.append(entry)
        elif state.started:
            in_progress.append(entry)
        else:
            not_started.append(entry)
    resume = resume_lesson(
        user=user, courses=courses, progress=progress, lesson_by_id=lesson_by_id
    )
    resume_course = None
    if resume is not None:
        resume_course = next(
            (course_by_id[cid] for cid, ls in lessons.items() if resume in ls), None
        )
    return {
        "in_progress": in_progress,
        "completed": completed,
        "not_started": not_started,
        "resume_lesson": resume,
        "resume_course": resume_course,
        "total_courses": len(courses),
    }

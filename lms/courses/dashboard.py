"""我的学习: which courses a learner is in, has finished, and where to continue."""

from __future__ import annotations

from .models import CourseIndexPage, CoursePage, LessonProgress
from .progress import course_progress, lessons_by_course


def dashboard_context(user) -> dict:
    index = CourseIndexPage.objects.first()
    courses = (
        list(CoursePage.objects.child_of(index).live().order_by("path"))
        if index
        else []
    )
    lessons = lessons_by_course(courses)
    progress = course_progress(user=user, courses=courses, lessons=lessons)
    lesson_by_id = {
        lesson.id: lesson
        for course_lessons in lessons.values()
        for lesson in course_lessons
    }
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
    last = (
        LessonProgress.objects.filter(user=user, lesson__live=True)
        .select_related("lesson", "course")
        .order_by("-last_viewed_at")
        .first()
    )
    return {
        "in_progress": in_progress,
        "completed": completed,
        "not_started": not_started,
        "last_lesson": last.lesson if last else None,
        "last_course": last.course if last else None,
        "total_courses": len(courses),
    }

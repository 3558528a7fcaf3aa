"""What a course page shows: lessons, progress, continue button, locks."""

from __future__ import annotations

from .progress import course_progress, lessons_by_course, missing_prerequisites
from .routing import parent_url


def course_context(course, request) -> dict:
    lessons = lessons_by_course([course])
    progress = course_progress(user=request.user, courses=[course], lessons=lessons)[
        course.id
    ]
    lesson_list = lessons[course.id]
    by_id = {lesson.id: lesson for lesson in lesson_list}
    return {
        "catalogue_url": parent_url(course),
        "lessons": [
            {"page": lesson, "done": lesson.id in progress.done_ids}
            for lesson in lesson_list
        ],
        "progress": progress,
        "continue_lesson": by_id.get(progress.next_lesson_id),
        "missing_prerequisites": missing_prerequisites(
            user=request.user, course=course
        ),
        "course_minutes": sum(lesson.estimated_minutes for lesson in lesson_list),
    }

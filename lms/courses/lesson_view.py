"""Serving a lesson: sign-in required, prerequisites enforced, visit recorded."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from .models import CoursePage, LessonPage
from .progress import (
    CourseProgress,
    course_for_lesson,
    course_progress,
    lesson_record_visit,
    lessons_by_course,
    missing_prerequisites,
)
from .routing import parent_url


@dataclass
class LessonState:
    """What the lesson view read once, for the page and the progress panel."""

    course: CoursePage
    siblings: list[LessonPage]
    progress: CourseProgress


def lesson_state(*, lesson, user, course=None) -> LessonState:
    course = course or course_for_lesson(lesson=lesson, user=user)
    lessons = lessons_by_course([course])
    progress = course_progress(user=user, courses=[course], lessons=lessons)
    return LessonState(course, lessons[course.id], progress[course.id])


def serve_lesson(lesson, request, serve, *args, **kwargs):
    if getattr(request, "is_preview", False):  # a trainer previewing a draft
        return serve(request, *args, **kwargs)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = course_for_lesson(lesson=lesson, user=request.user)
    missing = missing_prerequisites(user=request.user, course=course)
    # Prerequisites lock learners out; content staff may read any lesson.
    if missing and not request.user.has_perm("wagtailadmin.access_admin"):
        return TemplateResponse(
            request,
            "courses/course_locked.html",
            {"page": course, "course": course, "missing_prerequisites": missing},
            status=403,
        )
    state = lesson_state(lesson=lesson, user=request.user, course=course)
    lesson_record_visit(
        user=request.user, lesson=lesson, course=course, progress=state.progress
    )
    request.lesson_state = state
    return serve(request, *args, **kwargs)


def lesson_context(lesson, request) -> dict:
    state = getattr(request, "lesson_state", None) or lesson_state(
        lesson=lesson, user=request.user
    )
    course, siblings, progress = state.course, state.siblings, state.progress
    ids = [sibling.id for sibling in siblings]
    position = ids.index(lesson.id) if lesson.id in ids else -1
    return {
        "course": course,
        "catalogue_url": parent_url(course),
        "siblings": [
            {"page": sibling, "done": sibling.id in progress.done_ids}
            for sibling in siblings
        ],
        "previous_lesson": siblings[position - 1] if position > 0 else None,
        "next_lesson": siblings[position + 1]
        if 0 <= position < len(siblings) - 1
        else None,
        "position": position + 1,
        "progress": progress,
        "lesson_done": lesson.id in progress.done_ids,
    }

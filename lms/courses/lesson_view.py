"""Serving a lesson: sign-in required, prerequisites enforced, visit recorded."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from .progress import (
    course_progress,
    lesson_record_visit,
    lessons_by_course,
    missing_prerequisites,
)


def serve_lesson(lesson, request, serve, *args, **kwargs):
    if getattr(request, "is_preview", False):  # a trainer previewing a draft
        return serve(request, *args, **kwargs)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = lesson.get_parent().specific
    missing = missing_prerequisites(user=request.user, course=course)
    # Prerequisites lock learners out; content staff may read any lesson.
    if missing and not request.user.has_perm("wagtailadmin.access_admin"):
        return TemplateResponse(
            request,
            "courses/course_locked.html",
            {"page": course, "course": course, "missing_prerequisites": missing},
            status=403,
        )
    lesson_record_visit(user=request.user, lesson=lesson, course=course)
    request.lesson_course = course
    return serve(request, *args, **kwargs)


def lesson_context(lesson, request) -> dict:
    course = getattr(request, "lesson_course", None) or lesson.get_parent().specific
    lessons = lessons_by_course([course])
    siblings = lessons[course.id]
    progress = course_progress(user=request.user, courses=[course], lessons=lessons)[
        course.id
    ]
    ids = [sibling.id for sibling in siblings]
    position = ids.index(lesson.id) if lesson.id in ids else -1
    return {
        "course": course,
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

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..lesson_view import lesson_context, lesson_state
from ..models import LessonPage
from ..progress import course_for_lesson, lesson_mark_complete, missing_prerequisites


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    """完成本课. htmx gets the updated panel; a plain form post moves on."""
    lesson = get_object_or_404(LessonPage.objects.live(), id=lesson_id)
    course = course_for_lesson(lesson=lesson, user=request.user)
    missing = missing_prerequisites(user=request.user, course=course)
    if missing:
        return render(
            request,
            "courses/course_locked.html",
            {"page": course, "course": course, "missing_prerequisites": missing},
            status=403,
        )
    result = lesson_mark_complete(user=request.user, lesson=lesson, course=course)
    request.lesson_state = lesson_state(lesson=lesson, user=request.user, course=course)
    context = {
        "page": lesson,
        **lesson_context(lesson, request),
        "course_completed_now": result.course_completed_now,
    }
    if request.htmx:
        return render(request, "courses/includes/lesson_progress_panel.html", context)
    next_lesson = context["next_lesson"]
    return redirect(next_lesson.url if next_lesson else course.url)

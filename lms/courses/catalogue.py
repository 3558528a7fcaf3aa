"""The course catalogue (课程中心): filters and each course's state for the viewer."""

from __future__ import annotations

from .models import Audience, CoursePage, Track
from .progress import course_progress, lessons_by_course


def catalogue_context(index, request) -> dict:
    track = request.GET.get("track", "")
    audience = request.GET.get("audience", "")
    courses = CoursePage.objects.child_of(index).live().order_by("path")
    if track in Track.values:
        courses = courses.filter(track=track)
    else:
        track = ""
    if audience in Audience.values:
        # "everyone" courses belong in every audience's list.
        courses = courses.filter(audience__in=[audience, Audience.ALL])
    else:
        audience = ""
    courses = list(courses.select_related("cover_image"))
    lessons = lessons_by_course(courses)
    progress = course_progress(user=request.user, courses=courses, lessons=lessons)
    return {
        "courses": [
            {
                "page": course,
                "lesson_count": len(lessons[course.id]),
                "progress": progress[course.id],
            }
            for course in courses
        ],
        "tracks": Track.choices,
        "audiences": Audience.choices,
        "selected_track": track,
        "selected_audience": audience,
    }

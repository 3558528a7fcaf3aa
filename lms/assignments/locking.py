"""An assignment marked "lock other courses": until the learner has completed the
assigned courses (a course, a quiz's course, or a path's required courses),
every other course is locked the way a missing prerequisite locks it.

Assignments without the flag never lock anything.
"""

from __future__ import annotations

from .models import Assignment


def courses_assigned_first(*, user, course) -> list:
    """Courses a locking assignment puts before `course` (none: not locked)."""
    from lms.certification.models import PathCourseRequirement
    from lms.courses.models import CourseCompletion, CoursePage
    from lms.quizzes.models import Quiz

    if not user.is_authenticated:
        return []
    locking = list(
        Assignment.objects.for_users([user])
        .filter(locks_others=True)
        .values_list("course_id", "quiz_id", "path_id")
    )
    if not locking:
        return []
    first = {course_id for course_id, _quiz, _path in locking if course_id}
    quiz_ids = {quiz_id for _course, quiz_id, _path in locking if quiz_id}
    path_ids = {path_id for _course, _quiz, path_id in locking if path_id}
    if quiz_ids:
        first |= set(
            Quiz.objects.filter(id__in=quiz_ids, course__isnull=False).values_list(
                "course_id", flat=True
            )
        )
    if path_ids:
        first |= set(
            PathCourseRequirement.objects.filter(path_id__in=path_ids).values_list(
                "course_id", flat=True
            )
        )
    if not first or course.id in first:
        return []
    done = CourseCompletion.objects.filter(user=user, course_id__in=first)
    pending = first - set(done.values_list("course_id", flat=True))
    if not pending:
        return []
    return list(CoursePage.objects.live().filter(id__in=pending).order_by("path"))

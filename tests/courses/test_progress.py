"""Progress per lesson and course; completion; prerequisites lock courses."""

from lms.courses.models import CourseCompletion, LessonPage, LessonProgress
from lms.courses.progress import (
    course_progress,
    lesson_mark_complete,
    lesson_record_visit,
    missing_prerequisites,
)
from tests.courses.pages import make_course
from tests.factories import LearnerFactory


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def test_progress_counts_completed_lessons(site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=4)
    first, second, *_ = lessons_of(course)
    lesson_mark_complete(user=learner, lesson=first, course=course)
    lesson_record_visit(user=learner, lesson=second, course=course)
    state = course_progress(user=learner, courses=[course])[course.id]
    assert (state.done, state.total, state.percent) == (1, 4, 25)
    assert state.started and not state.completed
    assert state.next_lesson_id == second.id


def test_completing_every_lesson_completes_the_course_once(site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2)
    first, second = lessons_of(course)
    assert not lesson_mark_complete(
        user=learner, lesson=first, course=course
    ).course_completed_now
    assert lesson_mark_complete(
        user=learner, lesson=second, course=course
    ).course_completed_now
    assert not lesson_mark_complete(
        user=learner, lesson=second, course=course
    ).course_completed_now
    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1
    assert course_progress(user=learner, courses=[course])[course.id].completed


def test_progress_is_per_learner(site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2)
    other = LearnerFactory()
    lesson_mark_complete(user=other, lesson=lessons_of(course)[0], course=course)
    assert course_progress(user=learner, courses=[course])[course.id].done == 0


def test_prerequisites_name_what_is_missing(site_tree, learner):
    _home, index = site_tree
    basics = make_course(index, "role", lessons=1, title="客服岗位认知")
    tools = make_course(index, "qianniu", lessons=1, prerequisites=[basics])
    assert [c.title for c in missing_prerequisites(user=learner, course=tools)] == [
        "客服岗位认知"
    ]
    lesson_mark_complete(user=learner, lesson=lessons_of(basics)[0], course=basics)
    assert missing_prerequisites(user=learner, course=tools) == []


def test_revisiting_a_lesson_keeps_one_progress_row(site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=1)
    lesson = lessons_of(course)[0]
    for _ in range(3):
        lesson_record_visit(user=learner, lesson=lesson, course=course)
    assert LessonProgress.objects.filter(user=learner).count() == 1

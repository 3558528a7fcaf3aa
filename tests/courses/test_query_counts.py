"""Learner pages cost a small, fixed number of queries, however much data there is.

Budgets (issue 13): lesson ≤ 10, course ≤ 10, dashboard ≤ 12, each the same
with 1 lesson or course as with 20, with progress and assignments in place. A
repeated lesson view writes nothing; the user's groups are read once a request.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.assignments.models import Assignment
from lms.courses.models import LessonPage, LessonProgress
from lms.courses.progress import VISIT_REFRESH, lesson_mark_complete
from tests.courses.pages import STATIC_BODY, make_course

LESSON_MAX, COURSE_MAX, DASHBOARD_MAX = 10, 10, 12


def captured(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in context.captured_queries]


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


def studied(learner, course, *, assigned: bool) -> None:
    """The learner has finished every lesson but the last, and it is 必修."""
    for lesson in lessons_of(course)[:-1]:
        lesson_mark_complete(user=learner, lesson=lesson, course=course)
    if assigned:
        Assignment.objects.create(user=learner, course=course, due_on=timezone.now())


@pytest.fixture
def small_and_large(site_tree, learner):
    _home, index = site_tree
    small = make_course(index, "small", lessons=1, body=STATIC_BODY)
    large = make_course(index, "large", lessons=20, body=STATIC_BODY)
    studied(learner, small, assigned=False)
    studied(learner, large, assigned=True)
    return small, large


def test_a_lesson_costs_at_most_10_queries_with_1_or_20_lessons(
    client, learner, small_and_large
):
    small, large = small_and_large
    client.force_login(learner)
    urls = [lessons_of(course)[-1].url for course in (small, large)]
    for url in urls:
        client.get(url)  # first visit: the row is written; per-process caches warm
    few, many = (captured(client, url) for url in urls)
    assert len(few) <= LESSON_MAX, few
    assert len(many) == len(few), many


def test_a_course_page_costs_at_most_10_queries_with_1_or_20_lessons(
    client, learner, small_and_large
):
    small, large = small_and_large
    client.force_login(learner)
    client.get(small.url)
    few, many = captured(client, small.url), captured(client, large.url)
    assert len(few) <= COURSE_MAX, few
    assert len(many) == len(few), many


def test_the_dashboard_costs_at_most_12_queries_with_1_or_20_courses(
    client, site_tree, learner
):
    _home, index = site_tree
    first = make_course(index, "first", lessons=3, body=STATIC_BODY)
    studied(learner, first, assigned=True)
    client.force_login(learner)
    client.get("/dashboard/")
    few = captured(client, "/dashboard/")
    for number in range(19):
        course = make_course(index, f"more-{number}", lessons=3, body=STATIC_BODY)
        studied(learner, course, assigned=number % 2 == 0)
    many = captured(client, "/dashboard/")
    assert len(few) <= DASHBOARD_MAX, few
    assert len(many) == len(few), many


def test_a_repeated_lesson_view_writes_nothing(client, site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2, body=STATIC_BODY)
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    first = captured(client, lesson.url)
    assert sum(sql.startswith("INSERT") for sql in first) == 1
    again = captured(client, lesson.url)
    assert not [sql for sql in again if sql.startswith(("INSERT", "UPDATE"))]
    assert LessonProgress.objects.filter(user=learner).count() == 1


def test_a_lesson_view_after_a_while_moves_the_visit_time_on(
    client, site_tree, learner
):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2, body=STATIC_BODY)
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    client.get(lesson.url)
    seen = LessonProgress.objects.get(user=learner).last_viewed_at
    later = timezone.now() + VISIT_REFRESH + timedelta(seconds=5)
    with time_machine.travel(later, tick=False):
        client.force_login(learner)  # the session would have expired otherwise
        updates = [s for s in captured(client, lesson.url) if s.startswith("UPDATE")]
    assert len([s for s in updates if "courses_lessonprogress" in s]) == 1
    assert LessonProgress.objects.get(user=learner).last_viewed_at > seen


@pytest.mark.parametrize("page", ["lesson", "course", "dashboard"])
def test_groups_and_permissions_are_read_once_a_request(
    client, site_tree, learner, page
):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2)  # with quiz and drill blocks
    url = {
        "lesson": lessons_of(course)[0].url,
        "course": course.url,
        "dashboard": "/dashboard/",
    }[page]
    client.force_login(learner)
    client.get(url)
    queries = captured(client, url)
    assert len([sql for sql in queries if '"auth_group"' in sql]) == 1
    assert not [sql for sql in queries if sql.startswith('SELECT "django_content')]


@pytest.mark.parametrize("page_kind", ["course", "lesson", "catalogue", "dashboard"])
def test_page_queries_do_not_grow_with_lessons(
    client, site_tree, learner, page_kind, django_assert_max_num_queries
):
    _home, index = site_tree
    small = make_course(index, "small", lessons=5)
    large = make_course(index, "large", lessons=50)
    client.force_login(learner)

    def url(course):
        if page_kind == "course":
            return course.url
        if page_kind == "lesson":
            return lessons_of(course)[2].url
        return "/courses/" if page_kind == "catalogue" else "/dashboard/"

    small_url, large_url = url(small), url(large)
    client.get(small_url)  # warm per-process caches (site root paths)
    client.get(large_url)
    small_count = len(captured(client, small_url))
    with django_assert_max_num_queries(small_count):
        client.get(large_url)

"""Lesson and course URLs are found in one query, with Wagtail's rules intact."""

from wagtail.models import PageViewRestriction

from lms.courses.models import LessonPage
from tests.courses.pages import make_course


def test_a_password_on_the_course_still_guards_its_lessons(client, site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=1)
    lesson = LessonPage.objects.child_of(course).get()
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    client.force_login(learner)
    for url in (course.url, lesson.url):
        page = client.get(url).content.decode()
        assert 'name="password"' in page and "自动回复" not in page


def test_unknown_or_unpublished_pages_are_not_found(client, site_tree, learner):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=2)
    draft = LessonPage.objects.child_of(course).order_by("path").last()
    draft.unpublish()
    client.force_login(learner)
    assert client.get(draft.url or "/courses/qianniu/lesson-2/").status_code == 404
    assert client.get("/courses/qianniu/no-such-lesson/").status_code == 404
    assert client.get("/courses/qianniu/lesson-1/extra/").status_code == 404
    assert client.get("/courses/qianniu/lesson-1/").status_code == 200

"""A learner opens a course, completes a lesson and sees the progress bar move."""

import pytest

from lms.courses.models import LessonPage
from tests.browser.axe import assert_accessible, axe_install
from tests.courses.pages import make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bar_value(page) -> str:
    return page.locator("[data-testid=progress-bar]").first.get_attribute("value")


def test_learner_completes_a_lesson_and_the_progress_bar_moves(
    page, login, learner, site_tree
):
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=4, title="千牛工作台")
    axe_install(page.context)
    login("learner")
    page.goto("/courses/")
    page.click("text=千牛工作台")
    assert page.locator("h1").inner_text() == "千牛工作台"
    page.click("[data-testid=continue]")
    assert page.locator("h1").inner_text() == "qianniu第1课"
    assert bar_value(page) == "0"
    assert_accessible(page, "a lesson")
    page.click("[data-testid=complete-lesson]")
    page.wait_for_selector("[data-testid=lesson-done]")
    assert bar_value(page) == "25"  # swapped in by htmx, no reload
    page.click("[data-testid=next-lesson]")
    assert page.locator("h1").inner_text() == "qianniu第2课"
    page.goto(course.url)
    assert bar_value(page) == "25"
    page.goto("/dashboard/")
    assert (
        page.locator("[data-course=qianniu] [data-testid=progress-bar]").get_attribute(
            "value"
        )
        == "25"
    )
    assert_accessible(page, "the dashboard")
    assert LessonPage.objects.child_of(course).count() == 4

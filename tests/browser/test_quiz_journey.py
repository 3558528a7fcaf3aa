"""A learner starts a course quiz, answers half, closes the page, comes back,
finishes, submits and sees the result."""

import pytest

from lms.quizzes.models import AttemptQuestion, Quiz
from tests.browser.axe import assert_accessible, axe_install
from tests.courses.pages import make_course
from tests.quizzes.helpers import import_web_bank

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, fieldset) -> None:
    """Give some answer to one question, the way a learner would."""
    if fieldset.locator("input[type=radio]").count():
        fieldset.locator("input[type=radio]").first.check()
    elif fieldset.locator("input[type=checkbox]").count():
        fieldset.locator("input[type=checkbox]").first.check()
    elif fieldset.locator("select").count():
        selects = fieldset.locator("select")
        for i in range(selects.count()):
            selects.nth(i).select_option(index=i + 1)
    else:
        fieldset.locator("input[type=text]").fill("快捷短语")
    fieldset.locator("[data-testid=saved]").wait_for()


def test_quiz_survives_closing_the_page_and_is_graded(
    browser, live_server, learner, site_tree
):
    import_web_bank()
    _home, index = site_tree
    course = make_course(index, "basics", lessons=1, title="基础课程")
    Quiz.objects.filter(slug="basics-quiz").update(course=course)

    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    axe_install(context)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "learner")
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("form.form button[type=submit]")
    page.goto(course.url)
    page.click("[data-quiz=basics-quiz] [data-testid=quiz-link]")
    page.click("[data-testid=start-quiz]")
    page.wait_for_selector("[data-testid=timer]")
    assert_accessible(page, "a quiz attempt")
    questions = page.locator("fieldset.question")
    total = questions.count()
    for i in range(total // 2):
        answer(page, questions.nth(i))
    saved = AttemptQuestion.objects.filter(response__isnull=False).count()
    assert saved == total // 2
    page.close()  # the learner closes the tab

    page = context.new_page()
    page.goto("/dashboard/")
    page.click("[data-testid=open-attempt]")
    questions = page.locator("fieldset.question")
    answered_again = page.evaluate(
        """() => [...document.querySelectorAll('fieldset.question')].map(f =>
            !!f.querySelector('input:checked')
            || [...f.querySelectorAll('input[type=text]')].some(i => i.value)
            || [...f.querySelectorAll('select')].some(s => s.value))"""
    )
    half = total // 2
    assert answered_again == [True] * half + [False] * (total - half)
    for i in range(total // 2, total):
        answer(page, questions.nth(i))
    page.click("[data-testid=submit-quiz]")
    page.wait_for_selector("[data-testid=result]")
    assert page.locator("[data-testid=score]").inner_text().endswith("%")
    assert AttemptQuestion.objects.filter(response__isnull=False).count() == total
    context.close()

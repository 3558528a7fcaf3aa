"""A question imported from Moodle XML with an embedded image and units: the
learner sees the picture in the question and gets full marks for an answer in
another unit of the question."""

import shutil
from pathlib import Path

import pytest

from lms.quizzes.importing import quizzes_import
from lms.quizzes.models import Attempt
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOODLE = Path(__file__).parent.parent / "quizzes" / "data" / "moodle"
QUIZZES = """\
quizzes:
  - id: moodle-quiz
    title: 包裹重量
    pass_mark: 80
    shuffle_questions: false
    shuffle_options: false
    review: immediate
    questions: [parcel-weight]
"""


@pytest.fixture
def moodle_quiz(tmp_path, site_tree):
    shutil.copy(MOODLE / "every-type.xml", tmp_path / "refunds.xml")
    (tmp_path / "quizzes.yaml").write_text(QUIZZES, encoding="utf-8")
    quizzes_import(paths=[tmp_path], skip_unsupported=True)


def test_the_learner_sees_the_embedded_image_and_answers_in_grams(
    browser, live_server, learner, moodle_quiz
):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "learner")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/dashboard/")
    page.goto("/quizzes/moodle-quiz/")
    page.click("[data-testid=start-quiz]")
    image = page.locator("#question-1 .question__stem img")
    image.wait_for()
    page.wait_for_function(
        "() => document.querySelector('#question-1 .question__stem img').complete"
    )
    assert image.get_attribute("alt") == "秤"
    assert image.evaluate("img => img.naturalWidth") == 2  # the embedded PNG
    answer = page.locator("#question-1 input[type=text]")
    answer.fill("1500 g")
    page.locator("#question-1 [data-testid=saved]").wait_for()
    page.click("[data-testid=submit-quiz]")  # all answered: no warning to confirm
    page.wait_for_selector("[data-testid=result]")
    attempt = Attempt.objects.get()
    assert attempt.score == 100
    assert errors == []
    context.close()

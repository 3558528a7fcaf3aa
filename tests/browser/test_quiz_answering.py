"""Taking a quiz on a phone: matching questions fit 375 px, answers saved as
quickly as they are given without errors in the console, a warning naming the
unanswered questions before submitting, and matching answers shown as pairs."""

import pytest

from lms.quizzes.importing import quizzes_import
from lms.quizzes.models import Attempt, AttemptQuestion
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
# Real lengths from quizzes/04-platform-rules.yaml: one option is ~40 characters.
BANK = """\
bank: phone
title: 手机题库
categories:
  - {id: tools, title: 工具}
questions:
  - id: phone-001
    type: matching
    category: tools
    difficulty: medium
    lesson: qianniu/auto-reply
    stem: 把**千牛**的功能和用途连起来。
    explanation: 按用途连线。
    pairs:
      - left: 应急关键词
        right: 问题突然集中出现、现有答案解决不了时，按关键词匹配准备好的回复
      - left: 关联条件管理
        right: 给回答加上适用条件，让同一问题在不同情况下得到合适的答案
      - left: 客服下班以后
        right: 说明客服在线时间，告诉顾客留言会在上班后第一时间回复
  - id: phone-002
    type: single
    category: tools
    difficulty: easy
    lesson: qianniu/auto-reply
    stem: 客服与顾客沟通必须使用哪个工具？
    explanation: 千牛聊天记录是平台认可的证据。
    options:
      - {text: 千牛, correct: true}
      - {text: 微信}
      - {text: 电话}
  - id: phone-003
    type: short
    category: tools
    difficulty: easy
    lesson: qianniu/auto-reply
    stem: 常用回复保存在哪里？
    explanation: 快捷短语。
    answers: [快捷短语]
  - id: phone-004
    type: single
    category: tools
    difficulty: easy
    lesson: qianniu/auto-reply
    stem: 顾客催发货时先做什么？
    explanation: 先查物流。
    options:
      - {text: 查物流, correct: true}
      - {text: 让顾客等}
      - {text: 不回复}
"""
QUIZZES = """\
quizzes:
  - id: phone-quiz
    title: 手机测验
    intro: 在手机上答题。
    pass_mark: 80
    time_limit_minutes: 0
    attempts_allowed: 0
    cooldown_hours: 0
    shuffle_questions: false
    shuffle_options: false
    review: immediate
    questions: [phone-001, phone-002, phone-003, phone-004]
"""


@pytest.fixture
def phone_quiz(tmp_path, site_tree):
    (tmp_path / "phone.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "quizzes.yaml").write_text(QUIZZES, encoding="utf-8")
    quizzes_import(paths=[tmp_path])


@pytest.fixture
def phone(browser, live_server, learner, phone_quiz):
    """A learner's phone, logged in, with the attempt page open; console errors
    (and uncaught page errors) are collected in `phone.errors`."""
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=PHONE, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "learner")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/dashboard/")
    page.goto("/quizzes/phone-quiz/")
    page.click("[data-testid=start-quiz]")
    page.wait_for_selector("fieldset.question")
    yield page
    context.close()


def horizontal_overflow(page) -> int:
    """How many px the page is wider than the screen (0: no sideways scroll)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )


def match_everything(page) -> None:
    matching = page.locator("#question-1")
    selects = matching.locator("select")
    for i in range(selects.count()):
        selects.nth(i).select_option(index=i + 1)
    matching.locator("[data-testid=saved]").wait_for()


def test_a_matching_question_fits_a_375_px_screen(phone):
    assert horizontal_overflow(phone) == 0
    match_everything(phone)
    assert horizontal_overflow(phone) == 0
    box = phone.locator("#question-1 select").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_answering_quickly_saves_the_last_answer_without_console_errors(phone):
    choices = phone.locator("#question-2 input[type=radio]")
    for _round in range(4):  # each change while the last save is on its way
        for i in (0, 1, 2):
            choices.nth(i).check()
    text = phone.locator("#question-3 input[type=text]")
    text.press_sequentially("快捷短语", delay=30)
    text.blur()
    phone.locator("#question-3 [data-testid=saved]").wait_for()
    phone.wait_for_load_state("networkidle")
    assert phone.errors == []
    attempt = Attempt.objects.get()
    saved = {
        item.position: item.response
        for item in AttemptQuestion.objects.filter(attempt=attempt)
    }
    assert saved[3] == "快捷短语"
    layout = AttemptQuestion.objects.get(attempt=attempt, position=2).layout
    assert saved[2] == layout["options"][2]  # the last choice, not an earlier one


def test_submitting_with_unanswered_questions_names_them_first(phone):
    match_everything(phone)
    phone.locator("#question-2 input[type=radio]").first.check()
    phone.locator("#question-2 [data-testid=saved]").wait_for()
    phone.click("[data-testid=submit-quiz]")
    warning = phone.locator("[data-testid=unanswered-warning]")
    warning.wait_for()
    assert warning.locator("[data-testid=unanswered]").all_inner_texts() == [
        "第 3 题",
        "第 4 题",
    ]
    assert Attempt.objects.get().is_open
    assert horizontal_overflow(phone) == 0

    warning.locator("[data-testid=unanswered]").first.click()
    phone.locator("#question-3 input[type=text]").fill("快捷短语")
    phone.locator("#question-3 [data-testid=saved]").wait_for()
    phone.click("[data-testid=confirm-submit]")
    phone.wait_for_selector("[data-testid=result]")
    assert not Attempt.objects.get().is_open
    assert phone.errors == []


def test_the_result_shows_matching_answers_as_pairs(phone):
    match_everything(phone)
    phone.locator("#question-2 input[type=radio]").first.check()
    phone.locator("#question-2 [data-testid=saved]").wait_for()
    phone.click("[data-testid=submit-quiz]")
    phone.click("[data-testid=confirm-submit]")
    phone.wait_for_selector("[data-testid=result]")
    rows = phone.locator("[data-testid=match-review] [data-testid=match-pair]")
    assert rows.count() == 3
    first = rows.first.locator("th, td").all_inner_texts()
    assert first[0] == "应急关键词"
    assert first[2] == "问题突然集中出现、现有答案解决不了时，按关键词匹配准备好的回复"
    assert horizontal_overflow(phone) == 0
    assert phone.errors == []

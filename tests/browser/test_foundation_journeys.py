"""First journeys through a real Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_logs_in_sees_the_dashboard_in_chinese_and_switches_to_english(
    page, login, learner
):
    login("learner")
    assert page.url.endswith("/dashboard/")
    assert page.locator("h1").inner_text() == "我的学习"
    assert "林晓雨" in page.content()
    page.click("[data-testid=language-en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "My learning"
    assert page.url.endswith("/dashboard/")
    page.click("[data-testid=language-zh-hans]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "我的学习"


def test_trainer_logs_in_and_reaches_the_wagtail_admin(page, login, trainer):
    login("trainer")
    page.goto("/admin/")
    assert page.url.endswith("/admin/")
    assert page.locator("#wagtail").count() or page.locator("main").count()
    assert "403" not in page.title()


def test_learner_is_refused_at_the_admin(page, login, learner):
    login("learner")
    response = page.goto("/admin/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "没有权限"


def test_learner_pages_fit_a_375_px_phone(page, login, learner):
    page.set_viewport_size({"width": 375, "height": 740})
    login("learner")
    for path in ("/", "/dashboard/", "/courses/"):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path

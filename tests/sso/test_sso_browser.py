"""The company sign-in journey in a real browser: our login page's button, the
provider's own login and consent pages, and back, signed in (or refused)."""

import re

import pytest

from tests.factories import LearnerFactory

from .conftest import PEOPLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_at_provider(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("button", name="使用轻风统一认证登录").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/login/\?next="))
    page.fill("#id_username", username)
    page.fill("#id_password", PEOPLE[username]["password"])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/o/authorize/\?"))
    page.get_by_role("button", name="同意").click()


def test_a_learner_signs_in_with_the_company_account(
    page, live_server, sso_settings, site_tree
):
    learner = LearnerFactory(username="zw", display_name="张伟", employee_no="KF1001")
    page.goto("/accounts/login/")
    # The password form stays; the company button sits below it.
    assert page.locator("form.form input[name=password]").is_visible()
    assert page.get_by_text("也可以使用企业账号登录：").is_visible()
    sign_in_at_provider(page, "zhang.wei")
    page.wait_for_url(f"{live_server.url}/dashboard/")
    assert page.get_by_text(learner.display_name).first.is_visible()
    assert learner.socialaccount_set.exists()


def test_someone_without_an_academy_account_is_told_why(
    page, live_server, sso_settings, site_tree
):
    sign_in_at_provider(page, "zhao.lei")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    message = page.locator(".message--error")
    assert "没有对应的学院账号" in message.inner_text()
    assert "请联系培训负责人" in message.inner_text()

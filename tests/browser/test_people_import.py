"""HR imports new hires from a GBK CSV: the preview lists what will be created
and the refused row with its reason, nothing is written until the confirm, and
a new hire opens their one-time link, chooses a password and logs in."""

import pytest
from django.contrib.auth import get_user_model

from tests.accounts.people.helpers import csv_bytes, person
from tests.browser.axe import assert_accessible, axe_install
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
User = get_user_model()
NEW_PASSWORD = "Kefu-2026-first"


def test_hr_previews_then_confirms_an_import_and_a_new_hire_sets_a_password(
    browser, live_server, hr, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    hires = tmp_path / "新员工.csv"
    hires.write_bytes(
        csv_bytes(
            [
                person(
                    "KF101",
                    "赵子轩",
                    phone="13800001201",
                    team="客服一组",
                    cohort="2026年12月批",
                    hired="2026-12-01",
                ),  # fmt: skip
                person("KF102", "钱思琪", phone="12345", team="客服一组"),
            ],
            encoding="gbk",
        )
    )
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    axe_install(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", hr.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()

    page.goto("/hr/people/")
    page.click("text=导入人员")
    page.wait_for_url("**/hr/people/import/")
    assert_accessible(page, "the import form")
    page.set_input_files("input[name=file]", str(hires))
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=preview-summary]")
    assert page.locator("[data-testid=create-row]").count() == 1
    refused = page.locator("[data-testid=refused-row]")
    assert refused.count() == 1
    assert "3" in refused.inner_text() and "手机" in refused.inner_text()
    assert not User.objects.filter(employee_no="KF101").exists()
    assert_accessible(page, "the import preview")

    page.click("[data-testid=confirm-form] button[type=submit]")
    page.wait_for_selector("[data-testid=new-accounts]")
    link = page.locator("[data-testid=new-account] code").inner_text()
    assert User.objects.get(employee_no="KF101").team.name == "客服一组"
    assert not User.objects.filter(employee_no="KF102").exists()
    context.close()

    newcomer = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = newcomer.new_page()
    page.set_default_timeout(15_000)
    page.goto(link)
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.click("[data-testid=set-password-form] button[type=submit]")
    page.wait_for_selector("[data-testid=password-set]")
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "KF101")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/dashboard/")
    assert not User.objects.get(employee_no="KF101").must_set_password
    newcomer.close()

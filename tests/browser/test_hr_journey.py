"""HR logs in, filters the roster by cohort, opens a trainee's transcript and
exports the filtered roster as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.axe import assert_accessible, axe_install
from tests.conftest import PASSWORD
from tests.reports.helpers import attempt, build_world, certificate, drill, learner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_filters_the_roster_opens_a_transcript_and_exports_csv(
    browser, live_server, hr, site_tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(site_tree)
    now = timezone.now()
    lin = learner(world, "rep-lin", display_name="林晓雨", employee_no="KF001")
    attempt(lin, world.exam, 92, at=now - timedelta(days=1))
    drill(lin, world.s1, 85, at=now - timedelta(days=1))
    certificate(lin, world.path, issued_at=now - timedelta(hours=3))
    learner(world, "rep-an", display_name="安然")
    learner(world, "rep-sept", display_name="九月学员", cohort=world.other_cohort)

    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", accept_downloads=True
    )
    axe_install(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", hr.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()

    page.goto("/hr/")
    assert page.locator("[data-testid=roster-row]").count() == 3
    assert_accessible(page, "the HR roster")
    page.select_option("select[name=cohort]", label=world.cohort.name)
    page.click("[data-testid=roster-filters] button[type=submit]")
    page.wait_for_url(f"**/hr/?*cohort={world.cohort.pk}*")
    rows = page.locator("[data-testid=roster-row]")
    assert rows.count() == 2
    assert "九月学员" not in page.locator("[data-testid=roster-table]").inner_text()

    page.click("text=林晓雨")
    page.wait_for_url(f"**/hr/learners/{lin.pk}/")
    assert "KF001" in page.inner_text("main")
    assert "期末考试" in page.inner_text("[data-testid=attempts]")
    assert page.locator("[data-testid=drill-session]").count() == 1
    page.go_back()

    page.click("[data-testid=export-roster] button[value=roster_csv]")
    page.wait_for_selector("[data-testid=export-download]")
    with page.expect_download() as info:
        page.click("[data-testid=export-download]")
    content = open(info.value.path(), "rb").read()
    assert info.value.suggested_filename.endswith(".csv")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row[0] for row in rows[1:]) == sorted(["林晓雨", "安然"])
    context.close()

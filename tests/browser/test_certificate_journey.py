"""A learner meets the last requirement of a path and gets the certificate on
the spot: it shows on the certification panel and downloads as a PDF. HR then
revokes it and the public verify page says so."""

import pytest
from django.utils import timezone

from lms.certification.models import Certificate
from lms.courses.models import LessonPage
from lms.courses.progress import lesson_mark_complete
from tests.browser.axe import assert_accessible, axe_install
from tests.certification import helpers
from tests.conftest import PASSWORD
from tests.drills.helpers import load_drills

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # The public verify pages at /verify/ (until lms/urls.py includes them).
    pytest.mark.urls("tests.certification.urls"),
]


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()


def test_learner_earns_downloads_and_hr_revokes_a_certificate(
    browser, live_server, site_tree, learner, hr, tmp_path
):
    _home, index = site_tree
    course = helpers.course(index, "cert-journey", title="平台规则")
    exam = helpers.quiz("cert-journey-exam")
    scenario = load_drills()["bargain-basic"]
    path = helpers.path(
        slug="cert-journey", courses=[course], quizzes=[(exam, 85)], drills=[scenario]
    )
    helpers.take_quiz(learner, exam, score=90)
    helpers.drill_result(learner, scenario, score=88)
    first, last = LessonPage.objects.child_of(course).order_by("path")
    lesson_mark_complete(user=learner, lesson=first, course=course)
    assert not Certificate.objects.exists()

    learner_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    axe_install(learner_context)
    page = learner_context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "learner")
    page.goto("/dashboard/")
    assert page.locator("[data-testid=cert-path]").count() == 1
    assert_accessible(page, "the dashboard with a certification path")
    page.goto("/certificates/")
    panel = page.locator(f"[data-testid=cert-path][data-path={path.slug}]")
    assert panel.locator("[data-testid=cert-download]").count() == 0

    # The last requirement: the course's last lesson.
    page.goto(last.url)
    page.click("[data-testid=complete-lesson]")
    page.wait_for_selector("[data-testid=lesson-done]")
    certificate = Certificate.objects.get(user=learner)

    page.goto("/certificates/")
    panel = page.locator(f"[data-testid=cert-path][data-path={path.slug}]")
    assert certificate.serial in panel.locator("[data-testid=cert-held]").inner_text()
    with page.expect_download() as download_info:
        panel.locator("[data-testid=cert-download]").click()
    download = download_info.value
    assert download.suggested_filename == f"{certificate.serial}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    learner_context.close()

    hr_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = hr_context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "hr")
    page.goto("/hr/certificates/")
    page.get_by_role("link", name=certificate.serial).click()
    page.locator("[data-testid=revoke-link]").click()
    assert certificate.serial in page.locator("h1").inner_text()
    form = page.locator("[data-testid=revoke-form]")
    form.locator("select[name=reason_category]").select_option("misconduct")
    form.locator("textarea[name=note]").fill("好评返现")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    status = page.locator("[data-testid=certificate-status]")
    assert status.get_attribute("class").endswith("status--revoked")
    assert status.inner_text() == "已吊销"
    hr_context.close()

    public = browser.new_context(base_url=live_server.url, locale="zh-CN")
    axe_install(public)
    page = public.new_page()
    page.goto(f"/verify/{certificate.verification_code}/")
    result = page.locator("[data-testid=verify-result]")
    assert result.get_attribute("data-state") == "revoked"
    certificate.refresh_from_db()
    assert timezone.localtime(certificate.revoked_at).strftime("%Y-%m-%d") in (
        result.inner_text()
    )
    assert "好评返现" not in result.inner_text()
    assert_accessible(page, "the verify page")
    public.close()

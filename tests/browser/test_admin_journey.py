"""A trainer works in the Wagtail admin under its Content-Security-Policy.

/admin/ has its own, looser policy (lms/core/csp.py); the browser fixture in
tests/browser/conftest.py fails this journey on any violation of it.
"""

import io

import pytest
from PIL import Image as PillowImage
from playwright.sync_api import expect
from wagtail.images import get_image_model

from lms.courses.models import LessonPage
from tests.courses.pages import make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    "<script>alert(document.domain)</script></svg>"
)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (60, 40), "#1f6feb").save(buffer, "PNG")
    return buffer.getvalue()


def test_trainer_edits_a_lesson_and_uploads_images_with_no_policy_violation(
    page, login, trainer, site_tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _home, index = site_tree
    course = make_course(index, "qianniu", lessons=1, title="千牛工作台")
    lesson = LessonPage.objects.child_of(course).get()
    login("trainer")

    response = page.goto("/admin/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    page.goto(f"/admin/pages/{course.pk}/")
    assert page.get_by_text(lesson.title).count()

    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.wait_for_selector("[data-streamfield-stream-container]")
    page.fill("input[name=title]", "qianniu第1课(修订)")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text().strip()

    page.goto("/admin/images/multiple/add/")
    page.set_input_files(
        "#fileupload",
        files=[
            {"name": "counter.png", "mimeType": "image/png", "buffer": png_bytes()},
        ],
    )
    page.wait_for_selector("#upload-list .upload-success")
    page.set_input_files(
        "#fileupload",
        files=[
            {"name": "chart.svg", "mimeType": "image/svg+xml", "buffer": SVG.encode()}
        ],
    )
    # The failure class and its message land in separate steps of the upload
    # script (processfail, then the message), so wait for the message itself.
    refused = page.locator("#upload-list .upload-failure").first
    expect(refused).to_contain_text("不支持的图片格式")
    assert list(get_image_model().objects.values_list("title", flat=True)) == [
        "counter"
    ]

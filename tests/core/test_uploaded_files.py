"""Uploaded files cannot act as pages of the site: no SVG image uploads, and every
stored file is served with headers that run nothing (lms/core/media.py)."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    b'<rect width="40" height="40" fill="#1f6feb"/>'
    b"<script>fetch('/admin/users/')</script></svg>"
)


@pytest.fixture
def media_root(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_admin_uploader_refuses_an_svg_image_and_says_which_formats_it_takes(
    client, trainer, media_root
):
    client.force_login(trainer)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("chart.svg", SVG_WITH_SCRIPT, "image/svg+xml")},
    )
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert answer["error_message"] == (
        "不支持的图片格式。支持类型如下： GIF, JPG, JPEG, PNG, WEBP"
    )
    assert not get_image_model().objects.exists()


def test_the_single_image_form_refuses_an_svg_too(client, trainer, media_root):
    client.force_login(trainer)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "chart",
            "file": SimpleUploadedFile("chart.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        },
    )
    assert response.status_code == 200
    assert "不支持的图片格式" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_a_stored_svg_opened_from_media_is_a_download_under_a_policy_that_runs_nothing(
    client, media_root
):
    (media_root / "original_images").mkdir()
    (media_root / "original_images" / "chart.svg").write_bytes(SVG_WITH_SCRIPT)
    response = client.get("/media/original_images/chart.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="chart.svg"'
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert "script-src" not in policy  # nothing widens default-src 'none'


def test_a_png_from_media_is_shown_inline_but_still_sandboxed(client, media_root):
    (media_root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    response = client.get("/media/photo.png")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]


def test_export_files_are_still_not_served_as_media(client, media_root):
    (media_root / "exports").mkdir()
    (media_root / "exports" / "roster.csv").write_text("name\n林晓雨\n")
    assert client.get("/media/exports/roster.csv").status_code == 404


def test_a_document_is_a_download_under_a_policy_that_runs_nothing(
    client, trainer, media_root
):
    document = get_document_model()(title="话术表")
    document.file.save("phrases.txt", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(document.url)
    assert document.url == f"/documents/{document.pk}/phrases.txt"
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_lists_documents(client, trainer, media_root):
    document = get_document_model()(title="话术表")
    document.file.save("phrases.txt", ContentFile(b"hello"))
    client.force_login(trainer)
    assert client.get("/admin/documents/").status_code == 200

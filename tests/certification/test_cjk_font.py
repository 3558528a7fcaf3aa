"""Without a CJK font a certificate would print boxes: the check warns and the
renderer refuses."""

import subprocess

import pytest
from django.core import checks

from lms.certification.fonts import CJK_FAMILY, CJKFontMissing, cjk_font_found
from lms.certification.pdf import certificate_pdf


def font_warnings():
    return [
        message
        for message in checks.run_checks(tags=["certification"])
        if message.id == "certification.W001"
    ]


def test_the_check_is_quiet_where_the_font_is_installed(settings):
    settings.LMS_CJK_FONT_DIRS = []
    assert font_warnings() == []


def test_the_check_warns_and_names_the_package_when_no_cjk_font_is_found(
    settings, tmp_path
):
    settings.LMS_CJK_FONT_DIRS = [str(tmp_path)]
    [warning] = font_warnings()
    assert CJK_FAMILY in warning.msg
    assert "apt-get install fonts-noto-cjk" in warning.hint


def test_a_folder_holding_the_font_counts_as_installed(tmp_path):
    font_file = subprocess.run(
        ["fc-match", "--format", "%{file}", CJK_FAMILY],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (tmp_path / "NotoSerifCJK.ttc").symlink_to(font_file)
    assert cjk_font_found([tmp_path])
    assert not cjk_font_found([tmp_path / "empty"])


@pytest.mark.django_db
def test_the_pdf_renderer_refuses_without_a_cjk_font(certified, settings, tmp_path):
    settings.LMS_CJK_FONT_DIRS = [str(tmp_path)]
    with pytest.raises(CJKFontMissing, match="fonts-noto-cjk"):
        certificate_pdf(certified)

"""The certificate PDF: real CJK font embedded, readable text, a QR code that
leads to the verify page, under 300 KB, and a look per theme."""

from pathlib import Path

import pytest
from PIL import Image

from lms.certification.pdf import certificate_dirs, certificate_html, certificate_pdf
from lms.certification.verify import verify_url
from tests.certification import pdftools

pytestmark = pytest.mark.django_db
MAX_BYTES = 300 * 1024


@pytest.fixture
def pdf(certified, tmp_path) -> Path:
    path = tmp_path / f"{certified.serial}.pdf"
    path.write_bytes(certificate_pdf(certified))
    return path


def test_a_cjk_font_is_embedded(pdf):
    fonts = pdftools.fonts(pdf)
    cjk = [font for font in fonts if "CJK" in font["name"]]
    assert cjk, [font["line"] for font in fonts]
    assert all(font["emb"] == "yes" for font in fonts), fonts
    assert any("Noto-Serif-CJK-SC" in font["name"] for font in cjk)


def test_the_holder_serial_and_path_can_be_read_from_the_pdf(pdf, certified):
    text = "".join(pdftools.text(pdf).split())
    assert "林晓雨" in text
    assert certified.serial in text
    assert "售前客服上岗认证" in text
    assert "上岗资格证书" in text


def test_the_qr_code_leads_to_the_public_verify_page(pdf, certified, settings):
    codes = pdftools.qr_codes(pdftools.png(pdf, dpi=150))
    assert codes == [verify_url(certified)]
    assert codes[0] == (
        f"{settings.LMS_PUBLIC_URL}/verify/{certified.verification_code}/"
    )


def test_the_pdf_stays_under_300_kb_with_long_names_and_many_results(
    certified, tmp_path
):
    certified.holder_name = "欧阳娜娜·阿依古丽·买买提"
    certified.path_title = "售前客服上岗认证（天猫旗舰店高级版·含直播间接待）"
    certified.score_summary["quizzes"] = [
        {"title": f"第{n}章 平台规则与售后政策综合测验", "score": 80 + n, "min": 80}
        for n in range(8)
    ]
    data = certificate_pdf(certified)
    assert data.startswith(b"%PDF")
    assert len(data) <= MAX_BYTES, f"{len(data) // 1024} KB"


def test_the_pdf_is_one_a4_landscape_page(pdf):
    image = Image.open(pdftools.png(pdf, dpi=50))
    width, height = image.size
    assert abs(width / height - 297 / 210) < 0.01


def test_the_example_store_theme_has_its_own_look(certified, tmp_path, settings):
    default = tmp_path / "default.pdf"
    default.write_bytes(certificate_pdf(certified))
    settings.LMS_THEME = "example-store"
    store = tmp_path / "store.pdf"
    store.write_bytes(certificate_pdf(certified))
    default_img = Image.open(pdftools.png(default, dpi=40)).convert("RGB")
    store_img = Image.open(pdftools.png(store, dpi=40)).convert("RGB")
    assert default_img.tobytes() != store_img.tobytes()
    # The store's red ribbon runs down the left edge; the default is cream there.
    x, y = int(store_img.width * 0.09), store_img.height // 2
    red, green, blue = store_img.getpixel((x, y))
    assert red > 150 and green < 80 and blue < 80, (red, green, blue)
    red, green, blue = default_img.getpixel((x, y))
    assert min(red, green, blue) > 200
    # Same certificate, same facts.
    assert "".join(pdftools.text(store).split()).count("林晓雨") == 1


def test_a_theme_without_a_certificate_template_falls_back_to_the_default(
    settings,
):
    settings.LMS_THEME = "example-store"
    names = [d.parent.name for d in certificate_dirs()]
    assert names == ["example-store", "default"]
    assert not (certificate_dirs()[0] / "certificate.html").exists()


def test_the_holders_name_is_escaped_in_the_certificate(certified):
    certified.holder_name = "<img src=http://evil.example/x>"
    html = certificate_html(certified)
    assert "<img src=http://evil.example" not in html
    assert "&lt;img" in html


def test_a_configured_signature_image_is_printed(certified, settings, tmp_path):
    signature = tmp_path / "signature.png"
    Image.new("RGB", (60, 20), "navy").save(signature)
    settings.LMS_CERTIFICATE_SIGNATURE = str(signature)
    assert signature.as_uri() in certificate_html(certified)
    settings.LMS_CERTIFICATE_SIGNATURE = str(tmp_path / "missing.png")
    assert "signature--blank" in certificate_html(certified)

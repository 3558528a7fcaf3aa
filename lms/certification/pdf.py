"""Certificates as PDF: HTML + CSS from the theme, rendered by WeasyPrint.

`themes/<theme>/certificate/certificate.html` is looked up like a template (the
chosen theme, then the default theme); every `certificate.css` found is applied,
the default theme's first, so a theme's CSS overrides only what differs.

Fonts: the CJK text is set in Noto Serif CJK SC, found by its family name
through fontconfig (fonts-noto-cjk). Not through @font-face: WeasyPrint loads a
.ttc collection from @font-face without its face index and would use the
Japanese face (wrong forms of 直, 骨...). One CJK face only: WeasyPrint keeps the
original glyph ids when subsetting, which costs ~150 KB per CJK face embedded,
so a second weight would break the 300 KB budget. Without that font the
renderer refuses (`fonts.CJKFontMissing`) rather than print boxes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine
from django.utils import timezone

from .artwork import rosette_path, seal_chars, star_points
from .fonts import require_cjk_font
from .models import Certificate
from .qr import qr_data_uri
from .serials import format_code
from .verify import verify_url

TEMPLATE = "certificate.html"
STYLESHEET = "certificate.css"


def certificate_dirs(theme: str | None = None) -> list[Path]:
    """The theme's certificate folder, then the default theme's."""
    theme = theme or settings.LMS_THEME
    names = [theme] if theme == "default" else [theme, "default"]
    return [
        Path(settings.THEMES_DIR) / name / "certificate"
        for name in names
        if (Path(settings.THEMES_DIR) / name / "certificate").is_dir()
    ]


@lru_cache(maxsize=8)
def _engine(dirs: tuple[str, ...]) -> Engine:
    return Engine(dirs=list(dirs), autoescape=True)


def chinese_date(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日"


def _signature_uri() -> str:
    configured = getattr(settings, "LMS_CERTIFICATE_SIGNATURE", "")
    if not configured:
        return ""
    path = Path(configured)
    if not path.is_absolute():
        path = Path(settings.BASE_DIR) / path
    return path.as_uri() if path.is_file() else ""


def _score(value) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".rstrip("0").rstrip(".")


def certificate_context(certificate: Certificate) -> dict:
    summary = certificate.score_summary or {}
    url = verify_url(certificate)
    issuer = settings.LMS_CERTIFICATE_ISSUER
    quizzes = [
        {"title": q.get("title", ""), "score": _score(q.get("score"))}
        for q in summary.get("quizzes", [])
    ]
    return {
        "certificate": certificate,
        "holder_name": certificate.holder_name,
        "employee_no": certificate.employee_no,
        "path_title": certificate.path_title,
        "serial": certificate.serial,
        "code": format_code(certificate.verification_code),
        "issued": chinese_date(certificate.issued_at),
        "expires": chinese_date(certificate.expires_at),
        "courses_done": summary.get("courses_done"),
        "courses_total": summary.get("courses_total"),
        "quizzes": quizzes,
        "drill_average": _score(summary.get("drill_average"))
        if summary.get("drill_average") is not None
        else "",
        "manual": bool(summary.get("manual")),
        "reissue_of": certificate.replaces.serial
        if certificate.is_reissue and certificate.replaces_id
        else "",
        "issuer": issuer,
        "company": settings.LMS_BRAND.get("company", ""),
        "training_lead": settings.LMS_TRAINING_LEAD,
        "signature": _signature_uri(),
        "verify_url": url,
        "qr": qr_data_uri(url),
        "seal_chars": seal_chars(issuer),
        "seal_star": star_points(50, 50, 15, 6),
        "rosette": rosette_path(),
    }


def certificate_html(certificate: Certificate, *, theme: str | None = None) -> str:
    dirs = tuple(str(d) for d in certificate_dirs(theme))
    template = _engine(dirs).get_template(TEMPLATE)
    return template.render(Context(certificate_context(certificate)))


def certificate_pdf(certificate: Certificate, *, theme: str | None = None) -> bytes:
    from weasyprint import CSS, HTML, URLFetcher

    require_cjk_font()
    dirs = certificate_dirs(theme)
    stylesheets = [
        CSS(filename=str(folder / STYLESHEET))
        for folder in reversed(dirs)
        if (folder / STYLESHEET).is_file()
    ]
    # Only local files and data: URIs; a certificate never fetches from the web.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    document = HTML(
        string=certificate_html(certificate, theme=theme),
        base_url=str(dirs[0]) + "/",
        url_fetcher=fetcher,
    )
    return document.write_pdf(stylesheets=stylesheets)


def certificate_filename(certificate: Certificate) -> str:
    return f"{certificate.serial}.pdf"

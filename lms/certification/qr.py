"""The QR code printed on certificates (segno, as an SVG data URI)."""

from __future__ import annotations

import segno


def qr_data_uri(url: str, *, dark: str = "#111111") -> str:
    """Vector, so it stays sharp when printed; quiet zone left to the layout."""
    code = segno.make(url, error="m")
    return code.svg_data_uri(scale=4, border=0, dark=dark, light="#ffffff")

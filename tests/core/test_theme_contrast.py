"""Every theme's colours keep text readable (WCAG AA, 4.5:1).

The browser tests run axe on the default theme only; this holds every theme under
themes/ to the same pairs the shared stylesheets put together.
"""

import re

import pytest

from lms.settings.base import THEMES_DIR

PAGE_BACKGROUND = "#f5f7fa"  # body in css/site.css
WHITE = "#ffffff"
DARK_TEXT = "#1f2328"  # body text, and the text on --accent tags
AA = 4.5

THEMES = sorted(
    path.parents[2].name for path in THEMES_DIR.glob("*/static/theme/theme.css")
)


def colours(theme: str) -> dict[str, str]:
    css = (THEMES_DIR / theme / "static" / "theme" / "theme.css").read_text("utf-8")
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_wcag_for_black_on_white():
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)


def test_both_shipped_themes_are_checked():
    assert {"default", "example-store"} <= set(THEMES)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("brand", WHITE),  # links, outlined buttons
        ("brand", PAGE_BACKGROUND),  # links and breadcrumbs on the page
        ("brand-dark", "brand-soft"),  # soft tags, current row
        (WHITE, "brand"),  # primary buttons, tags
        (DARK_TEXT, "accent"),  # rush tags
        ("header-fg", "header-bg"),
    ],
)
def test_theme_colours_reach_aa_contrast(theme, text, background):
    palette = colours(theme)
    fg = palette.get(text, text)
    bg = palette.get(background, background)
    assert contrast(fg, bg) >= AA, f"{theme}: {text} {fg} on {background} {bg}"

"""Server-drawn SVG charts: no JavaScript, no CDN. Pure (no Django).

Each chart is an `<svg role="img">` with a <title> and <desc> that say what it
shows in words, and every bar carries its value as visible text and as a
tooltip; the pages add the same figures as a table for screen readers.
All text is escaped here, so the result is safe to mark as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 480
FONT = 15


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # what is written beside the bar, e.g. "80% (8/10)"
    axis_label: str = ""  # a shorter label under a column, when space is tight


def _text(x, y, content, *, anchor="start", css="chart__label", extra="") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{css}"'
        f"{extra}>{escape(content)}</text>"
    )


def _open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-size="{FONT}" data-testid="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    max_value: float = 100,
    empty_text: str = "",
    label_width: int = 120,
) -> str:
    """Horizontal bars, one per row: fits long Chinese labels and phones."""
    row, top = 34, 8
    height = top * 2 + max(len(bars), 1) * row
    parts = _open(chart_id, title, description, height)
    if not bars:
        parts.append(_text(WIDTH / 2, height / 2 + 4, empty_text, anchor="middle"))
    area = WIDTH - label_width - 110
    for index, bar in enumerate(bars):
        y = top + index * row
        length = area * (max(bar.value, 0) / max_value) if max_value else 0
        parts.append('<g class="chart__bar">')
        parts.append(f"<title>{escape(bar.label)}: {escape(bar.text)}</title>")
        parts.append(_text(label_width - 8, y + row / 2 + 4, bar.label, anchor="end"))
        parts.append(
            f'<rect x="{label_width}" y="{y + 6}" width="{area:.1f}" '
            f'height="{row - 12}" class="chart__track" rx="3"/>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 6}" width="{length:.1f}" '
            f'height="{row - 12}" class="chart__fill" rx="3"/>'
        )
        parts.append(
            _text(
                label_width + area + 8,
                y + row / 2 + 4,
                bar.text,
                css="chart__value",
            )
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    columns: Sequence[Bar],
    x_caption: str = "",
    marker_index: float | None = None,
    marker_text: str = "",
    empty_text: str = "",
) -> str:
    """Vertical columns (a histogram); an optional dashed marker line.

    `marker_index` is a position in column units (2.0 = the left edge of the
    third column), e.g. where the pass mark falls.
    """
    height, top, bottom, left, right = 280, 40, 52, 16, 16
    plot_h = height - top - bottom
    plot_w = WIDTH - left - right
    parts = _open(chart_id, title, description, height)
    peak = max((column.value for column in columns), default=0)
    if not columns or peak == 0:
        parts.append(_text(WIDTH / 2, height / 2, empty_text, anchor="middle"))
    slot = plot_w / max(len(columns), 1)
    baseline = top + plot_h
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{WIDTH - right}" y2="{baseline}" '
        'class="chart__axis"/>'
    )
    for index, column in enumerate(columns):
        x = left + index * slot
        bar_h = plot_h * (column.value / peak) if peak else 0
        parts.append('<g class="chart__bar">')
        parts.append(f"<title>{escape(column.label)}: {escape(column.text)}</title>")
        parts.append(
            f'<rect x="{x + slot * 0.12:.1f}" y="{baseline - bar_h:.1f}" '
            f'width="{slot * 0.76:.1f}" height="{bar_h:.1f}" class="chart__fill" '
            'rx="2"/>'
        )
        if peak:
            parts.append(
                _text(
                    x + slot / 2,
                    baseline - bar_h - 6,
                    column.text,
                    anchor="middle",
                    css="chart__value",
                )
            )
        parts.append(
            _text(
                x + slot / 2,
                baseline + 18,
                column.axis_label or column.label,
                anchor="middle",
            )
        )
        parts.append("</g>")
    if marker_index is not None and columns:
        x = left + marker_index * slot
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 22}" x2="{x:.1f}" y2="{baseline}" '
            'class="chart__marker"/>'
        )
        # Written on the roomier side of the line, above the value labels.
        anchor, dx = ("end", -5) if x > WIDTH / 2 else ("start", 5)
        parts.append(
            _text(
                x + dx, top - 24, marker_text, anchor=anchor, css="chart__marker-text"
            )
        )
    if x_caption:
        parts.append(_text(WIDTH / 2, height - 6, x_caption, anchor="middle"))
    parts.append("</svg>")
    return "".join(parts)

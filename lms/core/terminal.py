"""Text for the terminal: columns that line up with Chinese in them. Pure.

A CJK character takes two columns of a terminal, so str.ljust() (which counts
characters) leaves a table of 用户名 / 角色 ragged.
"""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Terminal columns `text` takes: wide and full-width characters count 2."""
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in text
    )


def ljust(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns."""
    return text + " " * max(width - display_width(text), 0)


def table(rows: list[tuple[str, ...]], *, gap: int = 2, indent: str = "") -> list[str]:
    """Rows of cells as lines whose columns line up (the last is not padded)."""
    widths = [
        max(display_width(row[i]) for row in rows) + gap
        for i in range(len(rows[0]) - 1)
    ]
    return [
        indent
        + "".join(ljust(cell, width) for cell, width in zip(row, widths, strict=False))
        + row[-1]
        for row in rows
    ]

"""Drawing for certificates: the seal's lettering and a guilloché rosette.

Pure Python (no Django): geometry only, the theme's template draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

ARC_DEGREES = 236.0  # the seal's name runs along the top of the ring


@dataclass(frozen=True)
class SealChar:
    char: str
    angle: float  # degrees clockwise from 12 o'clock


def seal_chars(text: str, *, arc: float = ARC_DEGREES) -> list[SealChar]:
    """Characters spread evenly over an arc centred on the top of the circle."""
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return []
    if len(chars) == 1:
        return [SealChar(chars[0], 0.0)]
    # Short names are not stretched around the whole ring.
    arc = min(arc, 20.0 * (len(chars) - 1))
    step = arc / (len(chars) - 1)
    return [SealChar(ch, round(-arc / 2 + i * step, 2)) for i, ch in enumerate(chars)]


def star_points(cx: float, cy: float, outer: float, inner: float) -> str:
    """A five-pointed star (the seal's centre), as SVG polygon points."""
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 36)
        points.append(
            f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}"
        )
    return " ".join(points)


@lru_cache(maxsize=4)
def rosette_path(
    outer: int = 100, rolling: int = 37, pen: float = 30.0, steps: int = 2400
) -> str:
    """A guilloché rosette (the fine engraved pattern of banknotes), SVG path data.

    A hypotrochoid: a circle of radius `rolling` rolls inside one of radius
    `outer`, a pen at `pen` from its centre; drawn in a 200 × 200 box.
    """
    centre = 100.0
    period = 2 * math.pi * rolling / math.gcd(outer, rolling)
    ratio = (outer - rolling) / rolling
    parts = []
    for i in range(steps + 1):
        t = period * i / steps
        x = (outer - rolling) * math.cos(t) + pen * math.cos(ratio * t)
        y = (outer - rolling) * math.sin(t) - pen * math.sin(ratio * t)
        parts.append(f"{'M' if i == 0 else 'L'}{centre + x:.1f} {centre + y:.1f}")
    return "".join(parts)

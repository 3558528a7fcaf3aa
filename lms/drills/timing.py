"""When customer messages become visible: typing delays, scaled by a setting.

`DRILLS_TYPING_DELAY_SCALE` (default 1.0) multiplies every delay; tests set it
to 0 so messages appear at once. The browser never decides: the server stores
each message's `shown_at` and measures response times from it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

# A customer types about this many characters a second, after a short pause.
TYPING_PAUSE_S = 0.6
TYPING_CHARS_PER_S = 12.0
TYPING_MAX_S = 3.5
# Before the first message of a drill, and after a reply (the customer reads it).
OPENING_DELAY_S = 0.8
READING_DELAY_S = 1.2
# Rush mode: the next customer arrives this long after the previous one.
RUSH_STAGGER_S = 6.0


def scale() -> float:
    return max(0.0, float(getattr(settings, "DRILLS_TYPING_DELAY_SCALE", 1.0)))


def typing_seconds(text: str) -> float:
    return min(TYPING_MAX_S, TYPING_PAUSE_S + len(text) / TYPING_CHARS_PER_S)


def schedule(
    texts: list[str] | tuple[str, ...], *, start: datetime, lead_s: float
) -> list[datetime]:
    """When each message shows: after `lead_s`, one typing delay per message."""
    factor = scale()
    at = start + timedelta(seconds=lead_s * factor)
    times = []
    for text in texts:
        at += timedelta(seconds=typing_seconds(text) * factor)
        times.append(at)
    return times

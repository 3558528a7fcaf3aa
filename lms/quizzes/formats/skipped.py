"""``SkippedQuestion``: a question a writer left out of its file, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkippedQuestion:
    id: str
    reason: str

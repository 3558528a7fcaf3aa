"""What scoring returns: reasons, a turn's result and a drill's result.

Everything converts to plain JSON (``to_dict``) so it can be stored in a
JSONField and rendered later without the scorer. Spans are [start, end) offsets
into the reply exactly as typed (Python string indices). Pure module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EXCELLENT = 90

# Reason kinds.
FLOOR = "floor"
KEY_POINT = "key_point"
FORBIDDEN = "forbidden"
RULE = "rule"
ETIQUETTE = "etiquette"
SIMILARITY = "similarity"
TIME = "time"
LENGTH = "length"
STYLE = "style"
EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing that raised or lowered the score, and where the reply shows it.

    ``kind`` says what it comes from (see the constants above); ``id`` names the
    key point, forbidden item or rule (or the etiquette check: greeting, apology,
    closing, dismissive); ``status`` is hit / paraphrase / missed / negated /
    contradicted / broken / ok / missing / slow; ``points`` is its effect on the
    0–100 score (negative for deductions).
    """

    kind: str
    id: str
    status: str
    label: str
    message: str
    points: float = 0.0
    severity: str | None = None
    lesson: str | None = None
    hint: str | None = None
    spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "status": self.status,
            "label": self.label,
            "message": self.message,
            "points": round(self.points, 1),
            "severity": self.severity,
            "lesson": self.lesson,
            "hint": self.hint,
            "spans": [list(s) for s in self.spans],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        return cls(
            kind=data["kind"],
            id=data["id"],
            status=data["status"],
            label=data["label"],
            message=data["message"],
            points=data.get("points", 0.0),
            severity=data.get("severity"),
            lesson=data.get("lesson"),
            hint=data.get("hint"),
            spans=tuple((int(a), int(b)) for a, b in data.get("spans", ())),
        )


@dataclass(frozen=True, slots=True)
class TurnResult:
    turn_id: str
    reply: str
    score: int
    verdict: str  # excellent | pass | fail
    fatal: bool
    reasons: tuple[Reason, ...]
    coverage: float  # weighted key-point coverage, 0–1
    similarity: float  # calibrated similarity to the closest model answer, 0–1
    missed_key_points: tuple[str, ...] = ()
    must_missed: bool = False
    seconds: float | None = None
    next_turn_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn_id": self.turn_id,
            "reply": self.reply,
            "score": self.score,
            "verdict": self.verdict,
            "fatal": self.fatal,
            "coverage": round(self.coverage, 3),
            "similarity": round(self.similarity, 3),
            "missed_key_points": list(self.missed_key_points),
            "must_missed": self.must_missed,
            "seconds": self.seconds,
            "next_turn_id": self.next_turn_id,
            "reasons": [r.to_dict() for r in self.reasons],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnResult:
        """Rebuild a stored result (the inverse of :meth:`to_dict`)."""
        return cls(
            turn_id=data["turn_id"],
            reply=data["reply"],
            score=data["score"],
            verdict=data["verdict"],
            fatal=data["fatal"],
            reasons=tuple(Reason.from_dict(r) for r in data["reasons"]),
            coverage=data["coverage"],
            similarity=data["similarity"],
            missed_key_points=tuple(data.get("missed_key_points", ())),
            must_missed=data.get("must_missed", False),
            seconds=data.get("seconds"),
            next_turn_id=data.get("next_turn_id"),
        )

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every highlighted span of the reply, sorted, for rendering."""
        return sorted({s for r in self.reasons for s in r.spans})

    def segments(self) -> list[tuple[str, tuple[Reason, ...]]]:
        """The reply cut at span edges: (text, reasons marking that text).

        A template renders each piece, wrapping marked ones (e.g. a ``mark``
        coloured by status: hit green, broken/negated/contradicted red).
        """
        marked = [(s, r) for r in self.reasons for s in r.spans]
        edges = sorted(
            {0, len(self.reply)}
            | {max(0, min(len(self.reply), e)) for s, _ in marked for e in s}
        )
        pieces: list[tuple[str, tuple[Reason, ...]]] = []
        for start, end in zip(edges, edges[1:], strict=False):
            reasons = tuple(r for (a, b), r in marked if a <= start and end <= b)
            pieces.append((self.reply[start:end], reasons))
        return pieces


@dataclass(frozen=True, slots=True)
class DrillResult:
    scenario_id: str
    score: int  # average of the turn scores
    passed: bool  # score >= pass_score and no fatal mistake
    fatal: bool
    pass_score: int
    turns: tuple[TurnResult, ...] = field(default=())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DrillResult:
        return cls(
            scenario_id=data["scenario_id"],
            score=data["score"],
            passed=data["passed"],
            fatal=data["fatal"],
            pass_score=data["pass_score"],
            turns=tuple(TurnResult.from_dict(t) for t in data["turns"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario_id": self.scenario_id,
            "score": self.score,
            "passed": self.passed,
            "fatal": self.fatal,
            "pass_score": self.pass_score,
            "turns": [t.to_dict() for t in self.turns],
        }


def verdict_for(score: int, pass_score: int, *, failed: bool = False) -> str:
    """excellent (>= 90) / pass (>= pass_score) / fail; ``failed`` forces fail."""
    if failed:
        return "fail"
    if score >= EXCELLENT and score >= pass_score:
        return "excellent"
    if score >= pass_score:
        return "pass"
    return "fail"


def summarise(
    scenario_id: str, pass_score: int, turns: tuple[TurnResult, ...] | list[TurnResult]
) -> DrillResult:
    """The drill's result: average turn score; passed unless low or fatal."""
    turns = tuple(turns)
    score = round(sum(t.score for t in turns) / len(turns)) if turns else 0
    fatal = any(t.fatal for t in turns)
    passed = bool(turns) and score >= pass_score and not fatal
    return DrillResult(scenario_id, score, passed, fatal, pass_score, turns)

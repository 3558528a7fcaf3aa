"""The end-of-drill report and the practice feedback, ready for templates.

Replies are cut into pieces at the engine's spans; each piece knows whether it
is a key point said (good) or a rule, forbidden phrase or rudeness (bad), so the
template can highlight it while Django escapes the text itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .judging.llm import LLM
from .judging.results import (
    ETIQUETTE,
    FORBIDDEN,
    KEY_POINT,
    LENGTH,
    RULE,
    TIME,
    Reason,
    TurnResult,
)
from .lessons import lesson_links
from .models import DrillSession, DrillTurn
from .scenario import Scenario as EngineScenario
from .scenario import Turn

GOOD = {"hit", "paraphrase", "ok"}
BAD = {"broken", "negated", "contradicted"}


@dataclass
class Piece:
    text: str
    tone: str = ""  # "good" | "bad" | ""
    labels: str = ""


@dataclass
class TurnView:
    """One answered (or unanswered) turn with everything a report shows."""

    order: int
    spec: Turn
    turn: DrillTurn | None = None
    result: TurnResult | None = None
    pieces: list[Piece] = field(default_factory=list)
    hits: list[Reason] = field(default_factory=list)
    missed: list[Reason] = field(default_factory=list)
    broken: list[Reason] = field(default_factory=list)
    timing: Reason | None = None
    # The LLM judge's grade and reasons, when it scored the turn.
    llm: Reason | None = None
    target_seconds: float | None = None
    lessons: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def score(self) -> int | None:
        return self.result.score if self.result else None

    @property
    def effective_score(self) -> int | None:
        return self.turn.effective_score if self.turn else self.score

    @property
    def overridden(self) -> bool:
        return bool(self.turn and self.turn.overridden)

    @property
    def slow(self) -> bool:
        return bool(self.timing and self.timing.status == "slow")

    @property
    def broken_links(self) -> list[tuple[Reason, tuple[str, str] | None]]:
        """Each problem with the (url, title) of the lesson it cites, if live."""
        return [(r, self.lessons.get(r.lesson or "")) for r in self.broken]

    @property
    def verdict(self) -> str:
        return self.result.verdict if self.result else "fail"


def pieces_of(result: TurnResult) -> list[Piece]:
    pieces = []
    for text, reasons in result.segments():
        tone = ""
        if any(r.status in BAD for r in reasons):
            tone = "bad"
        elif any(r.status in GOOD for r in reasons):
            tone = "good"
        labels = "、".join(dict.fromkeys(r.label for r in reasons))
        pieces.append(Piece(text, tone, labels))
    return pieces


def turn_view(
    spec: Turn,
    result: TurnResult | None,
    *,
    order: int = 0,
    turn: DrillTurn | None = None,
) -> TurnView:
    view = TurnView(order=order, spec=spec, turn=turn, result=result)
    if turn is not None:
        view.target_seconds = turn.target_seconds
    if result is None:
        return view
    view.pieces = pieces_of(result)
    for reason in result.reasons:
        if reason.kind == KEY_POINT:
            (view.hits if reason.status in GOOD else view.missed).append(reason)
        elif reason.kind in (RULE, FORBIDDEN, LENGTH) or (
            reason.kind == ETIQUETTE and reason.status in BAD | {"missing"}
        ):
            view.broken.append(reason)
        elif reason.kind == TIME:
            view.timing = reason
        elif reason.kind == LLM:
            view.llm = reason
    return view


def attach_lessons(views: Iterable[TurnView], request=None) -> None:
    views = list(views)
    reasons = [r for v in views for r in (*v.broken, *v.missed, v.timing) if r]
    wanted = {r.lesson for r in reasons if r.lesson}
    links = lesson_links(wanted, request)
    for view in views:
        view.lessons = links


@dataclass
class SessionReport:
    session: DrillSession
    document: EngineScenario
    turns: list[TurnView]

    @property
    def overridden(self) -> bool:
        return any(view.overridden for view in self.turns)


def session_report(session: DrillSession, request=None) -> SessionReport:
    """Every turn the learner met, in order, with the engine's verdicts."""
    document = session.version.document()
    views = []
    turns = (
        session.turns.select_related("override_by")
        .prefetch_related("messages")
        .order_by("order")
    )
    for turn in turns:
        result = TurnResult.from_dict(turn.result) if turn.result else None
        views.append(
            turn_view(document.turn(turn.turn_id), result, order=turn.order, turn=turn)
        )
    attach_lessons(views, request)
    return SessionReport(session=session, document=document, turns=views)


def feedback(turn: DrillTurn) -> TurnView | None:
    """Practice mode: the badge under a reply (no lesson links, no model answers)."""
    if not turn.result:
        return None
    spec = Turn(id=turn.turn_id, customer=(), model_answers=())
    return turn_view(
        spec, TurnResult.from_dict(turn.result), order=turn.order, turn=turn
    )


def highlight(text: str, spans: Iterable[tuple[int, int]], tone: str) -> list[Piece]:
    """`text` cut at `spans`, those pieces marked with `tone`."""
    edges = sorted(
        {0, len(text)} | {max(0, min(len(text), e)) for s in spans for e in s}
    )
    spans = list(spans)
    pieces = []
    for start, end in zip(edges, edges[1:], strict=False):
        marked = any(a <= start and end <= b for a, b in spans)
        pieces.append(Piece(text[start:end], tone if marked else ""))
    return pieces

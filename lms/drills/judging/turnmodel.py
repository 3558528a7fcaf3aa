"""Everything the scorer precomputes for one turn, once per scenario.

Compiled key-point, contradiction and forbidden patterns; TF-IDF vectors of the
model answers and of the model-answer clauses that carry each key point (for
paraphrase credit); the similarity null level; which etiquette the turn expects.
Pure module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lms.drills.branching import can_end_after, first_turn_id
from lms.drills.judging import acts
from lms.drills.judging.claims import Facts, turn_facts
from lms.drills.judging.matching import PatternSet, positive
from lms.drills.judging.negation import has_negator
from lms.drills.judging.normalise import NormText, normalise
from lms.drills.judging.rules import CompiledProhibition
from lms.drills.judging.similarity import BACKGROUND, Vector, Vectoriser, null_level
from lms.drills.judging.synonyms import expand
from lms.drills.scenario import KeyPoint, Scenario, Turn

# Carrier clauses shorter than this give no paraphrase credit: its phrases cover it.
SHORT_CLAUSE = 6
# A reply is "too long" past this many characters, or FACTOR x the longest answer.
LONG_REPLY_MIN = 200
LONG_REPLY_FACTOR = 3


@dataclass(frozen=True, slots=True)
class KeyPointModel:
    point: KeyPoint
    patterns: PatternSet
    contradict: PatternSet
    # Model-answer clauses that carry the point, and whether each has a negator
    # (a paraphrase must keep the polarity: "不能保证成功" is not "肯定能成功").
    carriers: tuple[Vector, ...]
    carrier_negated: tuple[bool, ...]
    # Phrases the model answers themselves use negated ("别暴晒"): said that way
    # in a reply they are right, not a wrong fact.
    negated_ok: frozenset[str]


@dataclass(frozen=True, slots=True)
class Expectations:
    """Etiquette the turn asks for (only where its model answers show it)."""

    greeting: bool
    apology: bool
    closing: bool


@dataclass(frozen=True, slots=True)
class TurnModel:
    turn: Turn
    answer_vectors: tuple[Vector, ...]
    null: float
    key_points: tuple[KeyPointModel, ...]
    total_weight: float
    must_weight: float
    forbidden: tuple[CompiledProhibition, ...]
    is_first: bool
    expects: Expectations
    facts: Facts
    target_s: float
    long_reply: int
    shortest_answer: int


def build_turn_models(
    scenario: Scenario, vectoriser: Vectoriser
) -> dict[str, TurnModel]:
    background = tuple(vectoriser.vector(normalise(b).text) for b in BACKGROUND)
    answers = {
        t.id: tuple(vectoriser.vector(normalise(a).text) for a in t.model_answers)
        for t in scenario.turns
    }
    first = first_turn_id(scenario)
    models: dict[str, TurnModel] = {}
    for turn in scenario.turns:
        others = [v for tid, vs in answers.items() if tid != turn.id for v in vs]
        models[turn.id] = _turn_model(
            scenario,
            turn,
            vectoriser,
            answers[turn.id],
            null_level(answers[turn.id], [*others, *background]),
            is_first=turn.id == first,
        )
    return models


def _turn_model(
    scenario: Scenario,
    turn: Turn,
    vectoriser: Vectoriser,
    answer_vectors: tuple[Vector, ...],
    null: float,
    *,
    is_first: bool,
) -> TurnModel:
    norms = [normalise(a) for a in turn.model_answers]
    complains = acts.complains(turn.customer) or (
        is_first and scenario.persona.mood == "angry"
    )
    targets = scenario.targets
    return TurnModel(
        turn=turn,
        answer_vectors=answer_vectors,
        null=null,
        key_points=tuple(
            _key_point_model(kp, norms, vectoriser) for kp in turn.key_points
        ),
        total_weight=sum(kp.weight for kp in turn.key_points),
        must_weight=sum(kp.weight for kp in turn.key_points if kp.must),
        forbidden=tuple(CompiledProhibition.from_forbidden(f) for f in turn.forbidden),
        is_first=is_first,
        facts=turn_facts(turn.model_answers, _scenario_texts(scenario)),
        expects=Expectations(
            greeting=is_first and _all_show(acts.GREETING, norms),
            apology=complains and _all_show(acts.APOLOGY, norms),
            closing=can_end_after(scenario, turn.id) and _all_show(acts.CLOSING, norms),
        ),
        target_s=targets.first_response_s if is_first else targets.response_s,
        long_reply=max(
            LONG_REPLY_MIN, LONG_REPLY_FACTOR * max(len(n.text) for n in norms)
        ),
        shortest_answer=min(len(n.text) for n in norms),
    )


def _scenario_texts(scenario: Scenario) -> list[str]:
    """Every text the scenario states: side panel and customer messages."""
    texts = [m for t in scenario.turns for m in t.customer]
    stack: list[object] = [scenario.context]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif node is not None:
            texts.append(str(node))
    return texts


def _all_show(patterns: PatternSet, norms: Sequence[NormText]) -> bool:
    """Do all model answers show it? Then the trainer clearly expects it."""
    return all(positive(patterns.hits(n)) for n in norms)


def _key_point_model(
    point: KeyPoint, norms: Sequence[NormText], vectoriser: Vectoriser
) -> KeyPointModel:
    patterns = PatternSet(expand(point.any, acts.ACT_LEXICONS), point.regex)
    carriers: list[Vector] = []
    negated: list[bool] = []
    negated_ok: set[str] = set()
    for norm in norms:
        clauses = norm.clauses()
        hits = patterns.hits(norm)
        negated_ok.update(norm.text[h.start : h.end] for h in hits if h.negated)
        for hit in positive(hits):
            for index, (start, end) in enumerate(clauses):
                if start <= hit.start < end:
                    text = _window(norm, clauses, index)
                    if len(text) < SHORT_CLAUSE:
                        continue  # too short to paraphrase: the phrases cover it
                    carriers.append(vectoriser.vector(text))
                    negated.append(has_negator(text))
    return KeyPointModel(
        point,
        patterns,
        PatternSet(point.contradict),
        tuple(carriers),
        tuple(negated),
        frozenset(negated_ok),
    )


def _window(norm: NormText, clauses: list[tuple[int, int]], index: int) -> str:
    """The clause that carries the point."""
    start, end = clauses[index]
    return norm.text[start:end]

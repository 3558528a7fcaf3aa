"""Scoring one reply of a chat drill. Pure Python, deterministic, offline.

The 0–100 score of a turn reads like the trainers' rubric:

* 0–39   harmful or empty: a violation, rudeness, a wrong fact, a grunt;
* 40–69  harmless but not enough: the main points are missing;
* 70–89  acceptable: the main points are there;
* 90–100 excellent: everything the model answer covers, said well.

It is built from:

* a floor (``FLOOR_POINTS``) for any reply that says something;
* content, the rest of the 100: weighted key-point coverage and calibrated
  similarity to the closest model answer (``SIMILARITY_SHARE`` of it; all of it
  when the turn has no key points). A key point counts when one of its
  phrases/regexes appears un-negated and no ``contradict`` phrase does; a
  paraphrase earns up to ``PARAPHRASE_MAX_CREDIT`` of it when a clause of the
  reply is close to a model-answer clause that carries it;
* deductions: a key point contradicted or negated (a wrong fact), forbidden items
  and platform rules by severity (``fatal`` makes the turn 0 and fails the drill),
  dismissive phrasing, a missing greeting / apology / closing where the model
  answers show one (etiquette.py), slow replies, walls of text.

A missed ``must`` key point caps the score below the pass mark.

Seam for an optional LLM judge (not implemented): it would take the reasons built
in :meth:`Scorer.score_turn` and adjust the score before the verdict.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from lms.drills.branching import next_turn_id
from lms.drills.judging.acts import COURTESY, etiquette_reasons, is_interjection
from lms.drills.judging.claims import Claim, is_keyword_list, unsupported_claims
from lms.drills.judging.learned import LearnedRule
from lms.drills.judging.matching import original_spans, positive
from lms.drills.judging.negation import has_negator
from lms.drills.judging.normalise import NormText, normalise
from lms.drills.judging.results import (
    EMPTY,
    EXCELLENT,
    FLOOR,
    FORBIDDEN,
    KEY_POINT,
    LENGTH,
    RULE,
    SIMILARITY,
    STYLE,
    TIME,
    DrillResult,
    Reason,
    TurnResult,
    summarise,
    verdict_for,
)
from lms.drills.judging.rules import Finding, Rule, compile_rules, find_all
from lms.drills.judging.similarity import (
    Vector,
    Vectoriser,
    best_cosine,
    calibrate,
    cosine,
)
from lms.drills.judging.turnmodel import KeyPointModel, TurnModel, build_turn_models
from lms.drills.scenario import Scenario

FLOOR_POINTS = 40.0
# Where a complete reply said as well as the model answers lands.
TOP_SCORE = 100.0
HALF = 0.5
# With no key points, closeness to the model answers that makes a reply enough.
LIGHT_PASS_CLOSENESS = 0.45
LIGHT_SHARE = 0.5
# Of the points above the floor: key points get the rest, similarity this share.
SIMILARITY_SHARE = 0.25
# Calibrated similarity at which the similarity share is all earned.
SIMILARITY_FULL = 0.5
# Clause similarity (raw cosine) for paraphrase credit: none below LOW, full at HIGH.
PARAPHRASE_LOW = 0.2
PARAPHRASE_HIGH = 0.5
PARAPHRASE_MAX_CREDIT = 0.8
# A key point whose credit is below this counts as missed (branching, ``must``).
MISSED_BELOW = 0.5
WRONG_FACT_POINTS = 30.0
CLAIM_POINTS = 20.0
UNACCEPTABLE_BELOW = 40
SHORT_SHARE = 0.5
SEVERITY_POINTS = {"fatal": 100.0, "major": 30.0, "minor": 10.0}
# Over the target: 5 points, over twice the target 10, over three times 15.
SLOW_STEP_POINTS = 5.0
SLOW_MAX_STEPS = 3
LONG_REPLY_POINTS = 5.0
LONG_REPLY_MAX_POINTS = 20.0
# Reply clauses compared for paraphrases (a wall of text is not searched further).
MAX_CLAUSES = 40


@dataclass(frozen=True, slots=True)
class _Coverage:
    share: float  # weighted coverage, 0–1
    missed: tuple[str, ...]
    must_missed: bool
    wrong_facts: int
    reasons: tuple[Reason, ...]


class Scorer:
    """Scores replies to one scenario under a set of platform rules."""

    def __init__(self, scenario: Scenario, rules: Sequence[Rule] = ()) -> None:
        self.scenario = scenario
        self.rules = tuple(rules)
        # A drill turn scores 0 on a rule break, so only findings that quote the
        # offending words count here; the learned second opinion (learned.py)
        # serves the linter, where a trainer reads it before anything is decided.
        self._rules = compile_rules(
            tuple(r for r in self.rules if not isinstance(r, LearnedRule))
        )
        texts = [a for t in scenario.turns for a in (*t.model_answers, *t.customer)]
        self._vectoriser = Vectoriser(texts)
        self._turns: dict[str, TurnModel] = build_turn_models(
            scenario, self._vectoriser
        )

    def score_turn(
        self, turn_id: str, reply: str, seconds: float | None = None
    ) -> TurnResult:
        """Score ``reply`` to turn ``turn_id``; same input, same result."""
        model = self._turns.get(turn_id)
        if model is None:
            raise KeyError(
                f"scenario {self.scenario.id} has no turn {turn_id!r} "
                f"(turns: {', '.join(self.scenario.turn_ids)})"
            )
        reply = reply or ""
        norm = normalise(reply)
        if not norm.text:
            return self._empty(model, reply, seconds)
        floor = 0.0 if is_interjection(norm) else FLOOR_POINTS
        coverage = self._coverage(model, norm, 100.0 - floor)
        if floor:
            message, status = f"有实际内容的回复起评 {floor:.0f} 分", "ok"
        else:
            message, status = "只回一个语气词,没有起评分", "missing"
        floor_reason = Reason(FLOOR, "floor", status, "起评分", message, floor)
        reasons = [floor_reason, *coverage.reasons]
        similarity = calibrate(
            best_cosine(self._vectoriser.vector(norm.text), model.answer_vectors),
            model.null,
        )
        closeness = min(1.0, similarity / SIMILARITY_FULL)
        content = self._content(model, coverage, closeness) if floor else 0.0
        reasons, sim_points = _share_out(reasons, content)
        reasons.append(
            Reason(
                SIMILARITY, "model_answer", "ok", "与示范回复的相似度",
                f"与最接近的示范回复相似度 {similarity:.0%}", sim_points,
            )
        )  # fmt: skip
        findings = find_all(norm, [*model.forbidden, *self._rules])
        fatal = any(f.severity == "fatal" for f in findings)
        claims = unsupported_claims(norm, model.facts)
        wrong_facts = coverage.wrong_facts + len(claims)
        harm = WRONG_FACT_POINTS * coverage.wrong_facts
        harm += _claims(norm, claims, reasons)
        harm += _prohibitions(findings, reasons)
        keywords = is_keyword_list(norm, COURTESY)
        if keywords:
            reasons.append(
                Reason(
                    STYLE, "keyword_list", "broken", "只列了关键词",
                    "回复要是对顾客说的完整句子,只列关键词顾客看不明白", 0.0,
                    severity="minor", lesson="communication/welcome",
                )
            )  # fmt: skip
        taken = [s for f in findings for s in f.spans]
        rudeness, missing, tone_reasons = etiquette_reasons(model.expects, norm, taken)
        reasons.extend(tone_reasons)
        harm += rudeness
        weakness = missing + _timing(model, seconds, reasons)
        weakness += _length(model, norm, reasons)
        # Weaknesses alone never push a harmless reply below the floor; harm does.
        earned = floor + content
        earned = max(min(earned, floor), earned - weakness)
        score = max(0, min(100, round(earned - harm)))
        if fatal:
            score = 0
        capped = coverage.must_missed or wrong_facts > 0 or keywords
        if capped:
            score = min(score, max(0, self.scenario.pass_score - 1))
        # Excellent means complete: a reply far shorter than every model answer
        # is at best acceptable ("correct but short" on the trainers' scale).
        # A reply covering a full rubric of two or more points is complete however
        # terse; with a light rubric the model answers' length is the measure.
        complete = len(model.key_points) > 1 and coverage.share >= 1.0
        if not complete and len(norm.text) < SHORT_SHARE * model.shortest_answer:
            score = min(score, EXCELLENT - 1)
        # The trainers' scale: a wrong fact, a broken rule or a rude reply is
        # unacceptable (grade 0), however much else the reply gets right.
        unacceptable = (
            wrong_facts > 0
            or any(f.severity == "major" for f in findings)
            or rudeness > 0
        )
        if unacceptable:
            score = min(score, UNACCEPTABLE_BELOW - 1)
        return TurnResult(
            turn_id=turn_id,
            reply=reply,
            score=score,
            verdict=verdict_for(
                score, self.scenario.pass_score, failed=fatal or capped
            ),
            fatal=fatal,
            reasons=tuple(reasons),
            coverage=coverage.share,
            similarity=similarity,
            missed_key_points=coverage.missed,
            must_missed=coverage.must_missed,
            seconds=seconds,
            next_turn_id=next_turn_id(self.scenario, turn_id, coverage.missed),
        )

    def score_drill(
        self, replies: Iterable[tuple[str, str, float | None]]
    ) -> DrillResult:
        """Score ``(turn_id, reply, seconds)`` in order and summarise the drill."""
        return self.summarise(self.score_turn(t, r, s) for t, r, s in replies)

    def summarise(self, results: Iterable[TurnResult]) -> DrillResult:
        return summarise(self.scenario.id, self.scenario.pass_score, tuple(results))

    def _empty(self, model: TurnModel, reply: str, seconds: float | None) -> TurnResult:
        missed = tuple(kp.point.id for kp in model.key_points)
        reason = Reason(
            EMPTY, "empty", "missing", "空回复", "回复是空的,顾客什么也没收到"
        )
        return TurnResult(
            turn_id=model.turn.id,
            reply=reply,
            score=0,
            verdict="fail",
            fatal=False,
            reasons=(reason,),
            coverage=0.0,
            similarity=0.0,
            missed_key_points=missed,
            must_missed=any(kp.point.must for kp in model.key_points),
            seconds=seconds,
            next_turn_id=next_turn_id(self.scenario, model.turn.id, missed),
        )

    def _content(
        self, model: TurnModel, coverage: _Coverage, closeness: float
    ) -> float:
        """Points above the floor for what the reply says.

        A reply that covers every ``must`` point (or, with none marked, at least
        half the rubric) is acceptable: it lands at the pass mark or above, and
        climbs toward 100 with the rest of the rubric and closeness to the model
        answers. Otherwise it stays below the pass mark.
        """
        # A one-point rubric says little: the model answers say the rest.
        sim_share = SIMILARITY_SHARE if len(model.key_points) > 1 else LIGHT_SHARE
        quality = (1 - sim_share) * coverage.share + sim_share * closeness
        pass_mark = float(self.scenario.pass_score)
        if not model.key_points:
            sufficient = closeness >= LIGHT_PASS_CLOSENESS
            low = sim_share * LIGHT_PASS_CLOSENESS
        else:
            sufficient = not coverage.must_missed and (
                model.must_weight > 0
                or coverage.share >= HALF
                or (len(model.key_points) == 1 and closeness >= LIGHT_PASS_CLOSENESS)
            )
            low = (1 - sim_share) * (model.must_weight / model.total_weight)
            low = min(low, (1 - sim_share) * HALF)
        if not sufficient:
            top = pass_mark - 1 - FLOOR_POINTS
            return max(0.0, top * min(1.0, quality / max(low, 0.5)))
        span = max(1e-6, 1.0 - low)
        share = max(0.0, min(1.0, (quality - low) / span))
        return pass_mark - FLOOR_POINTS + (TOP_SCORE - pass_mark) * share

    def _coverage(self, model: TurnModel, norm: NormText, scale: float) -> _Coverage:
        if not model.key_points:
            return _Coverage(1.0, (), False, 0, ())
        earned = 0.0
        missed: list[str] = []
        reasons: list[Reason] = []
        must_missed = False
        wrong = 0
        windows: list[tuple[Vector, bool]] | None = None
        for kpm in model.key_points:
            point = kpm.point
            share = scale * point.weight / model.total_weight
            hits = kpm.patterns.hits(norm)
            good = [
                h
                for h in hits
                if not h.negated or norm.text[h.start : h.end] in kpm.negated_ok
            ]
            contradicted = positive(kpm.contradict.hits(norm))
            credit, points = 0.0, 0.0
            spans: list[tuple[int, int]] = []
            if contradicted or (hits and not good):
                status = "contradicted" if contradicted else "negated"
                spans = original_spans(norm, contradicted or hits)
                message = f"关于“{point.label}”说错了:与正确说法相反"
                wrong += 1
                points = -WRONG_FACT_POINTS
            elif good:
                credit, status = 1.0, "hit"
                spans = original_spans(norm, good)
                message = f"讲到了“{point.label}”"
            else:
                if windows is None:
                    windows = self._clause_windows(norm)
                credit = _paraphrase_credit(kpm, windows)
                status = "paraphrase" if credit > 0 else "missed"
                message = (
                    f"换了说法讲到“{point.label}”"
                    if credit > 0
                    else f"没有讲到“{point.label}”"
                )
            earned += credit * point.weight
            if credit < MISSED_BELOW:
                missed.append(point.id)
                if point.must:
                    must_missed = True
                    message += "(必答要点)"
            reasons.append(
                Reason(
                    KEY_POINT, point.id, status, point.label, message,
                    points or share * credit, hint=point.hint or None,
                    spans=tuple(spans),
                )
            )  # fmt: skip
        return _Coverage(
            earned / model.total_weight, tuple(missed), must_missed, wrong,
            tuple(reasons),
        )  # fmt: skip

    def _clause_windows(self, norm: NormText) -> list[tuple[Vector, bool]]:
        """Each clause and each pair of neighbours, with its negator flag."""
        clauses = norm.clauses()[:MAX_CLAUSES]
        texts = [norm.text[s:e] for s, e in clauses]
        texts += [
            norm.text[clauses[i][0] : clauses[i + 1][1]]
            for i in range(len(clauses) - 1)
        ]
        return [(self._vectoriser.vector(t), has_negator(t)) for t in texts]


def _share_out(reasons: list[Reason], content: float) -> tuple[list[Reason], float]:
    """Key-point lines shown with their part of ``content``; the rest is closeness."""
    earned = sum(r.points for r in reasons if r.kind == KEY_POINT and r.points > 0)
    if earned <= content or earned <= 0:
        return reasons, content - earned
    factor = content / earned
    return [
        replace(r, points=r.points * factor)
        if r.kind == KEY_POINT and r.points > 0
        else r
        for r in reasons
    ], 0.0


def _paraphrase_credit(
    kpm: KeyPointModel, windows: Sequence[tuple[Vector, bool]]
) -> float:
    """Credit for a clause close to a carrier clause of the same polarity."""
    best = 0.0
    for vector, negated in windows:
        for carrier, carrier_negated in zip(
            kpm.carriers, kpm.carrier_negated, strict=True
        ):
            if negated == carrier_negated:
                best = max(best, cosine(vector, carrier))
    if best <= PARAPHRASE_LOW:
        return 0.0
    share = min(1.0, (best - PARAPHRASE_LOW) / (PARAPHRASE_HIGH - PARAPHRASE_LOW))
    return PARAPHRASE_MAX_CREDIT * share


def _claims(norm: NormText, claims: Sequence[Claim], reasons: list[Reason]) -> float:
    """A stance or figure the scenario never states is a wrong fact."""
    for claim in claims:
        spans = claim.spans
        quoted = "、".join(norm.original[s:e] for s, e in spans)
        reasons.append(
            Reason(
                KEY_POINT, f"claim-{claim.name}", "contradicted", "与场景事实不符",
                f"“{quoted}”和商品、订单或店铺政策对不上", -CLAIM_POINTS,
                severity="major", spans=spans,
            )
        )  # fmt: skip
    return CLAIM_POINTS * len(claims)


def _prohibitions(findings: list[Finding], reasons: list[Reason]) -> float:
    """Deduct by severity; words already deducted are not deducted again."""
    total = 0.0
    counted: list[tuple[int, int]] = []
    for finding in findings:
        overlaps = any(a < d and c < b for a, b in finding.spans for c, d in counted)
        points = 0.0 if overlaps else SEVERITY_POINTS[finding.severity]
        counted.extend(finding.spans)
        total += points
        reasons.append(
            Reason(
                RULE if finding.source == "rule" else FORBIDDEN,
                finding.id, "broken", finding.label, finding.reason, -points,
                severity=finding.severity, lesson=finding.lesson, spans=finding.spans,
            )
        )  # fmt: skip
    return total


def _timing(model: TurnModel, seconds: float | None, reasons: list[Reason]) -> float:
    if seconds is None:
        return 0.0
    target = model.target_s
    if seconds <= target:
        reasons.append(
            Reason(
                TIME, "response_time", "ok", "响应时间",
                f"{seconds:.0f} 秒内回复,在 {target:.0f} 秒目标之内",
            )
        )  # fmt: skip
        return 0.0
    points = SLOW_STEP_POINTS * max(1, min(SLOW_MAX_STEPS, int(seconds // target)))
    which = "首次响应" if model.is_first else "响应"
    reasons.append(
        Reason(
            TIME, "response_time", "slow", "响应时间",
            f"{which}用了 {seconds:.0f} 秒,目标是 {target:.0f} 秒以内", -points,
            severity="minor", lesson="role/kpis",
        )
    )  # fmt: skip
    return points


def _length(model: TurnModel, norm: NormText, reasons: list[Reason]) -> float:
    """5 points per multiple of the "too long" length, at most 20."""
    if len(norm.text) <= model.long_reply:
        return 0.0
    points = min(
        LONG_REPLY_MAX_POINTS, LONG_REPLY_POINTS * (len(norm.text) // model.long_reply)
    )
    reasons.append(
        Reason(
            LENGTH, "too_long", "broken", "回复过长",
            "聊天回复要简洁,太长的一段话顾客不会细看", -points,
            severity="minor",
        )
    )  # fmt: skip
    return points


_CACHE: OrderedDict[tuple[Scenario, tuple[Rule, ...]], Scorer] = OrderedDict()
_CACHE_SIZE = 128
_LOCK = threading.Lock()


def get_scorer(scenario: Scenario, rules: Sequence[Rule] = ()) -> Scorer:
    """The cached :class:`Scorer` for this scenario and rule set."""
    key = (scenario, tuple(rules))
    with _LOCK:
        scorer = _CACHE.get(key)
        if scorer is not None:
            _CACHE.move_to_end(key)
            return scorer
    scorer = Scorer(scenario, rules)
    with _LOCK:
        _CACHE[key] = scorer
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return scorer


def score_reply(
    scenario: Scenario,
    turn_id: str,
    reply: str,
    *,
    rules: Sequence[Rule] = (),
    seconds: float | None = None,
) -> TurnResult:
    """Convenience: score one reply with the cached scorer."""
    return get_scorer(scenario, rules).score_turn(turn_id, reply, seconds)

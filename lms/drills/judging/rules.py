"""The store-wide platform-rule linter (content/drills/rules.yaml), by concept.

A rule fires on a literal phrase or regex, or on *concepts near each other*:
``near: [[incentive, review-act]]`` fires when an incentive and a review act
stand within ``within`` characters of each other, neither of them negated
("我们不能给好评返红包" is a refusal). Concepts match on the lint view
(concepts.py), which undoes spacing, numeral and homophone dodges.

Every rule applies to every reply of every drill, and :func:`lint_reply` can be
called on its own (the linter page, ``lms drills lint``). Scenario ``forbidden``
items are matched the same way, on their own phrases. Pure module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from lms.drills.judging.concepts import (
    Concept,
    LintText,
    compile_concept,
    lint_view,
)
from lms.drills.judging.learned import LearnedRule, classifier_for
from lms.drills.judging.matching import Hit, PatternSet, original_spans, positive
from lms.drills.judging.negation import is_negated
from lms.drills.judging.normalise import NormText, normalise, verbatim
from lms.drills.scenario import Forbidden

SEVERITY_ORDER = {"fatal": 0, "major": 1, "minor": 2}
DEFAULT_WITHIN = 16


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    label: str
    severity: str
    reason: str
    lesson: str
    any: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    # Alternatives, each a group of concepts that must all occur close together.
    near: tuple[tuple[Concept, ...], ...] = ()
    within: int = DEFAULT_WITHIN
    # Concepts that, close to a match, make it a warning or a quote, not an act
    # ("有人冒充客服让您加好友的话，请不要理会").
    unless: tuple[Concept, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule or forbidden item the reply breaks, with where it says so."""

    source: str  # "rule", "forbidden" or "learned"
    id: str
    label: str
    severity: str
    reason: str
    lesson: str | None
    spans: tuple[tuple[int, int], ...]  # offsets into the original reply
    quotes: tuple[str, ...]  # the offending words as typed

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["spans"] = [list(s) for s in self.spans]
        data["quotes"] = list(self.quotes)
        return data


class Probe:
    """One reply as the prohibitions see it; the lint view and concepts, once."""

    __slots__ = ("norm", "_view", "_concepts")

    def __init__(self, norm: NormText) -> None:
        self.norm = norm
        self._view: LintText | None = None
        self._concepts: dict[str, list[Hit]] = {}

    @property
    def view(self) -> LintText:
        if self._view is None:
            self._view = lint_view(self.norm)
        return self._view

    def concept(self, concept: Concept) -> list[Hit]:
        hits = self._concepts.get(concept.name)
        if hits is None:
            hits = self._concepts[concept.name] = compile_concept(concept).hits(
                self.view
            )
        return hits


class CompiledProhibition:
    """A rule or forbidden item with its patterns compiled."""

    __slots__ = (
        "source", "id", "label", "severity", "reason", "lesson", "patterns",
        "near", "within", "unless", "on_view",
    )  # fmt: skip

    def __init__(
        self,
        *,
        source: str,
        id: str,
        label: str,
        severity: str,
        reason: str,
        lesson: str | None,
        literals: Iterable[str],
        regexes: Iterable[str],
        near: tuple[tuple[Concept, ...], ...] = (),
        within: int = DEFAULT_WITHIN,
        unless: tuple[Concept, ...] = (),
        on_view: bool = False,
    ) -> None:
        self.source = source
        self.id = id
        self.label = label
        self.severity = severity
        self.reason = reason
        self.lesson = lesson
        self.patterns = PatternSet(literals, regexes)
        self.near = near
        self.within = within
        self.unless = unless
        # Store rules read the dodge-resistant view; scenario phrases the reply.
        self.on_view = on_view

    @classmethod
    def from_rule(cls, rule: Rule) -> CompiledProhibition:
        return cls(
            source="rule",
            id=rule.id,
            label=rule.label,
            severity=rule.severity,
            reason=rule.reason,
            lesson=rule.lesson,
            literals=rule.any,
            regexes=rule.regex,
            near=rule.near,
            within=rule.within,
            unless=rule.unless,
            on_view=True,
        )

    @classmethod
    def from_forbidden(cls, item: Forbidden) -> CompiledProhibition:
        return cls(
            source="forbidden",
            id=item.id,
            label=item.reason,
            severity=item.severity,
            reason=item.reason,
            lesson=None,
            literals=item.any,
            regexes=item.regex,
        )

    def find(self, probe: Probe | NormText) -> Finding | None:
        if isinstance(probe, NormText):
            probe = Probe(probe)
        if self.on_view:
            view = probe.view
            found = [
                (h.start, h.end)
                for h in positive(self.patterns.hits(verbatim(view.text)))
            ]
            found += self._near(probe)
            spans = [
                view.original_span(s, e)
                for s, e in found
                if not self._excused(probe, s, e)
            ]
        else:
            spans = original_spans(probe.norm, positive(self.patterns.hits(probe.norm)))
        if not spans:
            return None
        unique = tuple(dict.fromkeys(sorted(spans)))
        quotes = tuple(probe.norm.original[s:e] for s, e in unique)
        return Finding(
            self.source, self.id, self.label, self.severity, self.reason,
            self.lesson, unique, quotes,
        )  # fmt: skip

    def _near(self, probe: Probe) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for group in self.near:
            found = _closest(
                [probe.concept(c) for c in group], self.within, probe.view.text
            )
            if found is not None:
                spans.extend(found)
        return spans

    def _excused(self, probe: Probe, start: int, end: int) -> bool:
        return any(
            not h.negated
            and h.start - self.within <= end
            and start - self.within <= h.end
            for concept in self.unless
            for h in probe.concept(concept)
        )


def _closest(
    per_concept: list[list[Hit]], within: int, text: str
) -> list[tuple[int, int]] | None:
    """One un-negated hit of every concept, all within ``within`` characters.

    Any negated member, or a negation of the whole stretch ("加微信是不允许的"),
    makes the group a refusal. Returns the members' spans, or None.
    """
    if any(not hits for hits in per_concept):
        return None
    anchors = min(per_concept, key=len)
    for anchor in anchors:
        chosen: list[Hit] = []
        for hits in per_concept:
            best = min(hits, key=lambda h: _gap(anchor, h))
            if _gap(anchor, best) > within:
                break
            chosen.append(best)
        else:
            if any(h.negated for h in chosen):
                continue
            start = min(h.start for h in chosen)
            end = max(h.end for h in chosen)
            if end - start > within + 8 or is_negated(text, start, end):
                continue
            return [(h.start, h.end) for h in chosen]
    return None


def _gap(a: Hit, b: Hit) -> int:
    """Characters between two hits (0 when they touch or overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


class CompiledLearned:
    """The learned second opinion (learned.py) as a prohibition."""

    __slots__ = ("source", "id", "rule")

    def __init__(self, rule: LearnedRule) -> None:
        self.source = "learned"
        self.id = rule.id
        self.rule = rule

    def find(self, probe: Probe | NormText) -> Finding | None:
        norm = probe.norm if isinstance(probe, Probe) else probe
        if not norm.text:
            return None
        category, probability = classifier_for(self.rule).judge(norm.original)
        target = self.rule.rule_for(category)
        if probability < self.rule.threshold or target is None:
            return None
        reply = norm.original
        return Finding(
            "learned", target.id, target.label, target.severity,
            f"{target.reason}（与已标注的违规例句相似，把握 {probability:.0%}）",
            target.lesson, ((0, len(reply)),), (reply,),
        )  # fmt: skip


@lru_cache(maxsize=64)
def compile_rules(
    rules: tuple[Rule | LearnedRule, ...],
) -> tuple[CompiledProhibition | CompiledLearned, ...]:
    return tuple(
        CompiledLearned(rule)
        if isinstance(rule, LearnedRule)
        else CompiledProhibition.from_rule(rule)
        for rule in rules
    )


def find_all(
    norm: NormText | Probe, prohibitions: Iterable[CompiledProhibition]
) -> list[Finding]:
    """Findings sorted by severity, then by where they start in the reply."""
    probe = norm if isinstance(norm, Probe) else Probe(norm)
    prohibitions = list(prohibitions)
    findings = [
        f
        for p in prohibitions
        if not isinstance(p, CompiledLearned) and (f := p.find(probe)) is not None
    ]
    if not any(f.source == "rule" for f in findings):
        # The learned opinion only where the concept rules found nothing.
        findings += [
            f
            for p in prohibitions
            if isinstance(p, CompiledLearned) and (f := p.find(probe)) is not None
        ]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.spans[0], f.id))
    return findings


def lint_reply(text: str, rules: Sequence[Rule | LearnedRule]) -> list[Finding]:
    """Which platform rules does ``text`` break, where, and why?"""
    return find_all(normalise(text or ""), compile_rules(tuple(rules)))


def highest_severity(findings: Sequence[Finding]) -> str:
    """fatal, major or minor; "none" for a clean reply."""
    if not findings:
        return "none"
    return min(findings, key=lambda f: SEVERITY_ORDER[f.severity]).severity

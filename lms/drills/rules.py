"""The store-wide platform-rule linter (content/drills/rules.yaml).

Every rule applies to every reply of every drill, and :func:`lint_reply` can be
called on its own (a page where a trainee pastes any reply and sees what it
flags and why). Matching is negation-aware like key points: "我们不能做好评返现"
is a refusal, not a violation. Pure module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lms.drills.matching import PatternSet, original_spans, positive
from lms.drills.normalise import NormText, normalise
from lms.drills.scenario import SEVERITIES, Forbidden
from lms.drills.validation import SLUG_RE, InvalidData, Problem, Validator
from lms.drills.yamllines import YamlSyntaxError, line_of, load_yaml

LESSON_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
SEVERITY_ORDER = {"fatal": 0, "major": 1, "minor": 2}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    label: str
    severity: str
    reason: str
    lesson: str
    any: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule or forbidden item the reply breaks, with where it says so."""

    source: str  # "rule" or "forbidden"
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


class CompiledProhibition:
    """A rule or forbidden item with its patterns compiled."""

    __slots__ = ("source", "id", "label", "severity", "reason", "lesson", "patterns")

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
    ) -> None:
        self.source = source
        self.id = id
        self.label = label
        self.severity = severity
        self.reason = reason
        self.lesson = lesson
        self.patterns = PatternSet(literals, regexes)

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

    def find(self, norm: NormText) -> Finding | None:
        hits = positive(self.patterns.hits(norm))
        if not hits:
            return None
        spans = tuple(original_spans(norm, hits))
        quotes = tuple(norm.original[s:e] for s, e in spans)
        return Finding(
            self.source,
            self.id,
            self.label,
            self.severity,
            self.reason,
            self.lesson,
            spans,
            quotes,
        )


@lru_cache(maxsize=64)
def compile_rules(rules: tuple[Rule, ...]) -> tuple[CompiledProhibition, ...]:
    return tuple(CompiledProhibition.from_rule(rule) for rule in rules)


def find_all(
    norm: NormText, prohibitions: Iterable[CompiledProhibition]
) -> list[Finding]:
    """Findings sorted by severity, then by where they start in the reply."""
    findings = [f for p in prohibitions if (f := p.find(norm)) is not None]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.spans[0], f.id))
    return findings


def lint_reply(text: str, rules: Sequence[Rule]) -> list[Finding]:
    """Which platform rules does ``text`` break, where, and why?"""
    return find_all(normalise(text or ""), compile_rules(tuple(rules)))


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    """Read and validate rules.yaml; raises :class:`InvalidData`."""
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        raise InvalidData([Problem(str(path), exc.line, f"YAML: {exc}")]) from None
    problems, rules = validate_rules(data, path=str(path))
    if problems:
        raise InvalidData(problems)
    return rules


def validate_rules(
    data: Any, *, path: str = ""
) -> tuple[list[Problem], tuple[Rule, ...]]:
    check = Validator(path)
    if not check.mapping(data, "rules file", required=("rules",), line=1):
        return check.problems, ()
    rules: list[Rule] = []
    seen: set[str] = set()
    items = check.items(data, "rules", "rules file")
    for index, item in enumerate(items):
        rule = _rule(check, item, index, line_of(items, index))
        if rule is None:
            continue
        if rule.id in seen:
            check.add(
                line_of(item, "id", value=True), f"rule '{rule.id}': duplicate rule id"
            )
            continue
        seen.add(rule.id)
        rules.append(rule)
    return check.problems, tuple(rules)


def _rule(check: Validator, item: Any, index: int, line: int | None) -> Rule | None:
    where = f"rule {index + 1}"
    if not check.mapping(
        item,
        where,
        required=("id", "label", "severity", "reason", "lesson"),
        optional=("any", "regex"),
        line=line,
    ):
        return None
    assert isinstance(item, Mapping)
    rid = check.string(item, "id", where, pattern=SLUG_RE)
    where = f"rule '{rid}'" if rid else where
    label = check.string(item, "label", where)
    severity = check.string(item, "severity", where, choices=SEVERITIES)
    reason = check.string(item, "reason", where)
    lesson = check.string(item, "lesson", where)
    if lesson is not None and not LESSON_RE.match(lesson):
        check.add(
            line_of(item, "lesson", value=True),
            f"{where}: lesson must look like 'course-slug/lesson-slug', not '{lesson}'",
        )
    literals = check.strings(item, "any", where)
    regexes = check.regexes(item, "regex", where)
    if not item.get("any") and not item.get("regex"):
        check.add(line_of(item), f"{where}: give 'any' phrases or a 'regex'")
    if None in (rid, label, severity, reason, lesson):
        return None
    return Rule(
        str(rid), str(label), str(severity), str(reason), str(lesson), literals, regexes
    )

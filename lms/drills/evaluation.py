"""``lms drills evaluate``: how well does the judge agree with trainers?

Two kinds of evaluation set (see csvio.py):

* graded replies ``scenario,turn,grade,reply`` — each reply is scored with its
  scenario and compared with the trainer's 0–3 grade: QWK and Spearman (the
  metrics of calibration.py), how many unacceptable replies (grade 0) the drill
  fails, pass/fail accuracy (grade >= 2 is a pass), how many acceptable replies
  (grade >= 2) it fails, and the 4×4 confusion matrix;
* linter cases ``reply,category,severity`` — the platform rules alone: recall
  (violating cases flagged at any severity), precision (flagged cases that
  violate), severity agreement, recall per category, misses and false alarms.

Pure module: the optional LLM judge is passed in (anything with
``judge(scenario, result) -> Judged``, see judging/llm.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from lms.drills.calibration import (
    NUM_GRADES,
    PASS_GRADE,
    grade_from_result,
    quadratic_weighted_kappa,
    spearman,
)
from lms.drills.csvio import CLEAN, LintCase, ScenarioGradedRow
from lms.drills.judging.llm import RULES_JUDGE, Judged
from lms.drills.judging.results import TurnResult
from lms.drills.judging.rules import Finding, Rule, highest_severity, lint_reply
from lms.drills.judging.scoring import get_scorer
from lms.drills.scenario import Scenario


class EvaluationError(ValueError):
    """A row that cannot be scored (unknown scenario or turn), with its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class Judge(Protocol):
    def judge(self, scenario: Scenario, result: TurnResult) -> Judged: ...


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


# -- graded replies ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GradedOutcome:
    row: ScenarioGradedRow
    result: TurnResult
    predicted: int  # the engine's result on the 0–3 scale
    passed: bool  # the drill passes this reply
    judge: str = RULES_JUDGE
    fallback: str | None = None

    @property
    def gap(self) -> int:
        return abs(self.predicted - self.row.grade)


@dataclass
class GradedEvaluation:
    outcomes: list[GradedOutcome] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.outcomes)

    @property
    def grades(self) -> list[int]:
        return [o.row.grade for o in self.outcomes]

    @property
    def qwk(self) -> float:
        return quadratic_weighted_kappa(
            self.grades, [o.predicted for o in self.outcomes]
        )

    @property
    def spearman(self) -> float | None:
        return spearman(self.grades, [o.result.score for o in self.outcomes])

    @property
    def unacceptable_failed(self) -> float | None:
        """Of the replies graded 0, the share the drill fails."""
        zero = [o for o in self.outcomes if o.row.grade == 0]
        return _share(sum(not o.passed for o in zero), len(zero))

    @property
    def acceptable_failed(self) -> float | None:
        """Of the replies graded 2 or 3, the share the drill fails."""
        good = [o for o in self.outcomes if o.row.grade >= PASS_GRADE]
        return _share(sum(not o.passed for o in good), len(good))

    @property
    def pass_accuracy(self) -> float | None:
        """Share where trainer (grade >= 2) and drill agree on pass or fail."""
        same = sum((o.row.grade >= PASS_GRADE) == o.passed for o in self.outcomes)
        return _share(same, self.n)

    @property
    def confusion(self) -> list[list[int]]:
        """``[trainer grade][engine grade]`` counts."""
        matrix = [[0] * NUM_GRADES for _ in range(NUM_GRADES)]
        for o in self.outcomes:
            matrix[o.row.grade][o.predicted] += 1
        return matrix

    @property
    def fallbacks(self) -> int:
        return sum(o.fallback is not None for o in self.outcomes)

    def worst(self, count: int) -> list[GradedOutcome]:
        """The ``count`` biggest disagreements (grade gap, then score distance)."""
        disagreeing = [o for o in self.outcomes if o.gap]
        disagreeing.sort(
            key=lambda o: (-o.gap, -abs(o.result.score - _mid(o.row.grade)), o.row.line)
        )
        return disagreeing[:count]

    def to_dict(self, show: int = 0) -> dict[str, Any]:
        return {
            "kind": "graded",
            "n": self.n,
            "qwk": self.qwk,
            "spearman": self.spearman,
            "unacceptable_failed": self.unacceptable_failed,
            "pass_accuracy": self.pass_accuracy,
            "acceptable_failed": self.acceptable_failed,
            "confusion": self.confusion,
            "judges": sorted({o.judge for o in self.outcomes}),
            "fallbacks": self.fallbacks,
            "worst": [
                {
                    "line": o.row.line,
                    "scenario": o.row.scenario,
                    "turn": o.row.turn,
                    "grade": o.row.grade,
                    "predicted": o.predicted,
                    "score": o.result.score,
                    "verdict": o.result.verdict,
                    "judge": o.judge,
                    "reply": o.row.reply,
                }
                for o in self.worst(show)
            ],
        }

    def format(self, show: int = 0) -> str:
        lines = [
            f"replies                  {self.n}",
            f"QWK                      {_num(self.qwk)}",
            f"Spearman                 {_num(self.spearman)}",
            f"unacceptable failed      {_pct(self.unacceptable_failed)}"
            "  (grade 0 replies the drill fails)",
            f"pass/fail accuracy       {_pct(self.pass_accuracy)}",
            f"acceptable failed        {_pct(self.acceptable_failed)}"
            "  (grade 2-3 replies the drill fails)",
            "",
            "confusion (rows: trainer grade, columns: engine grade)",
            "        " + "".join(f"{g:>6}" for g in range(NUM_GRADES)),
        ]
        for grade, row in enumerate(self.confusion):
            lines.append(f"  {grade:>4}  " + "".join(f"{c:>6}" for c in row))
        worst = self.worst(show)
        if worst:
            lines += ["", f"worst {len(worst)} disagreements:"]
            for o in worst:
                lines.append(
                    f"line {o.row.line}: {o.row.scenario}/{o.row.turn} grade "
                    f"{o.row.grade} vs {o.predicted} (score {o.result.score}, "
                    f"{o.result.verdict}) {o.row.reply}"
                )
        return "\n".join(lines)


def _mid(grade: int) -> float:
    return (0, 55, 80, 95)[grade]


def engine_passes(result: TurnResult, pass_score: int) -> bool:
    """Does the drill pass this reply? Not a fail verdict and at the pass mark."""
    return result.verdict != "fail" and result.score >= pass_score


def evaluate_graded(
    rows: Sequence[ScenarioGradedRow],
    scenarios: Mapping[str, Scenario],
    rules: Sequence[Rule] = (),
    *,
    judge: Judge | None = None,
) -> GradedEvaluation:
    """Score every row with its scenario (and the judge, if any) and compare."""
    evaluation = GradedEvaluation()
    for row in rows:
        scenario = scenarios.get(row.scenario)
        if scenario is None:
            raise EvaluationError(row.line, f"unknown scenario '{row.scenario}'")
        if row.turn not in scenario.turn_ids:
            raise EvaluationError(
                row.line,
                f"unknown turn '{row.turn}' (scenario {scenario.id} has "
                f"{', '.join(scenario.turn_ids)})",
            )
        result = get_scorer(scenario, rules).score_turn(row.turn, row.reply)
        name, fallback = RULES_JUDGE, None
        if judge is not None:
            judged = judge.judge(scenario, result)
            result, name, fallback = judged.result, judged.judge, judged.fallback
        evaluation.outcomes.append(
            GradedOutcome(
                row=row,
                result=result,
                predicted=grade_from_result(result, scenario.pass_score),
                passed=engine_passes(result, scenario.pass_score),
                judge=name,
                fallback=fallback,
            )
        )
    return evaluation


# -- linter cases -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LintOutcome:
    case: LintCase
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> str:
        return highest_severity(self.findings)

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def violating(self) -> bool:
        return self.case.category != CLEAN


@dataclass
class LintEvaluation:
    outcomes: list[LintOutcome] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.outcomes)

    @property
    def violating(self) -> list[LintOutcome]:
        return [o for o in self.outcomes if o.violating]

    @property
    def recall(self) -> float | None:
        bad = self.violating
        return _share(sum(o.flagged for o in bad), len(bad))

    @property
    def precision(self) -> float | None:
        flagged = [o for o in self.outcomes if o.flagged]
        return _share(sum(o.violating for o in flagged), len(flagged))

    @property
    def severity_agreement(self) -> float | None:
        """Of the violating cases flagged, the share flagged at their severity."""
        caught = [o for o in self.violating if o.flagged]
        return _share(sum(o.severity == o.case.severity for o in caught), len(caught))

    @property
    def exact_agreement(self) -> float | None:
        """Share of all cases whose highest severity (or none) is the expected one."""
        return _share(sum(o.severity == o.case.severity for o in self.outcomes), self.n)

    @property
    def per_category(self) -> dict[str, tuple[int, int]]:
        """category → (flagged, cases), violating categories only."""
        counts: dict[str, list[int]] = {}
        for o in self.violating:
            entry = counts.setdefault(o.case.category, [0, 0])
            entry[0] += o.flagged
            entry[1] += 1
        return {c: (f, n) for c, (f, n) in sorted(counts.items())}

    @property
    def misses(self) -> list[LintOutcome]:
        return [o for o in self.violating if not o.flagged]

    @property
    def false_alarms(self) -> list[LintOutcome]:
        return [o for o in self.outcomes if o.flagged and not o.violating]

    def to_dict(self, show: int = 0) -> dict[str, Any]:
        def case(o: LintOutcome) -> dict[str, Any]:
            return {
                "line": o.case.line,
                "reply": o.case.reply,
                "category": o.case.category,
                "expected": o.case.severity,
                "severity": o.severity,
                "rules": [f.id for f in o.findings],
                "quotes": [q for f in o.findings for q in f.quotes],
            }

        return {
            "kind": "lint",
            "n": self.n,
            "violating": len(self.violating),
            "recall": self.recall,
            "precision": self.precision,
            "severity_agreement": self.severity_agreement,
            "exact_agreement": self.exact_agreement,
            "per_category": {
                c: {"flagged": f, "cases": n, "recall": f / n}
                for c, (f, n) in self.per_category.items()
            },
            "misses": [case(o) for o in self.misses[:show]],
            "false_alarms": [case(o) for o in self.false_alarms[:show]],
        }

    def format(self, show: int = 0) -> str:
        flagged = sum(o.flagged for o in self.outcomes)
        lines = [
            f"cases                    {self.n} ({len(self.violating)} violating)",
            f"recall                   {_pct(self.recall)}"
            "  (violating cases flagged at any severity)",
            f"precision                {_pct(self.precision)}"
            f"  (of {flagged} flagged, truly violating)",
            f"severity agreement       {_pct(self.severity_agreement)}"
            "  (caught cases flagged at their severity)",
            f"exact agreement          {_pct(self.exact_agreement)}"
            "  (all cases, none included)",
            "",
            "recall per category",
        ]
        width = max([len(c) for c in self.per_category] + [8])
        for category, (hit, total) in self.per_category.items():
            lines.append(
                f"  {category:<{width}}  {hit:>3}/{total:<3} {hit / total:6.1%}"
            )
        if show:
            for title, items in (
                ("misses", self.misses),
                ("false alarms", self.false_alarms),
            ):
                lines += ["", f"{title} ({len(items)}):"]
                for o in items[:show]:
                    rules = ";".join(f.id for f in o.findings) or "-"
                    lines.append(
                        f"line {o.case.line}: {o.case.category}/{o.case.severity} "
                        f"→ {o.severity} [{rules}] {o.case.reply}"
                    )
        return "\n".join(lines)


def evaluate_lint(cases: Sequence[LintCase], rules: Sequence[Rule]) -> LintEvaluation:
    """Run the platform rules on every case and compare with its label."""
    return LintEvaluation(
        [LintOutcome(c, tuple(lint_reply(c.reply, rules))) for c in cases]
    )

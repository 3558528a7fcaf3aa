"""``lms drills calibrate``: how well do scores agree with trainers' grades?

Trainers grade sample replies 0–3 (``samples/<scenario>.graded.csv`` or
``<scenario>.graded.csv`` beside the scenario). The scorer's result is mapped to
the same scale (:func:`grade_from_result`) and compared with quadratic weighted
kappa, Spearman's rank correlation (trainer grade vs. score) and pass/fail
accuracy (grade >= 2 means pass). Pure module; no numpy.

Score → grade thresholds:
    0  fatal mistake, or score < 40
    1  score below the scenario's pass_score (or a ``must`` key point missed)
    2  passed, score < 90
    3  score >= 90
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lms.drills.csvio import CsvFormatError, GradedRow, read_graded
from lms.drills.judging.results import EXCELLENT, TurnResult
from lms.drills.judging.rules import Rule
from lms.drills.judging.scoring import get_scorer
from lms.drills.scenario import Scenario

GRADE_ZERO_BELOW = 40
PASS_GRADE = 2
NUM_GRADES = 4


def grade_from_result(result: TurnResult, pass_score: int) -> int:
    """Map a scored turn onto the trainers' 0–3 scale (see module docstring)."""
    if result.fatal or result.score < GRADE_ZERO_BELOW:
        return 0
    if result.verdict == "fail" or result.score < pass_score:
        return 1
    if result.score < EXCELLENT:
        return 2
    return 3


def quadratic_weighted_kappa(
    rater_a: Sequence[int], rater_b: Sequence[int], num_grades: int = NUM_GRADES
) -> float:
    """Cohen's kappa with quadratic weights for grades 0..num_grades-1."""
    if len(rater_a) != len(rater_b):
        raise ValueError("both raters must grade the same items")
    n = len(rater_a)
    if n == 0:
        return 0.0
    observed = [[0.0] * num_grades for _ in range(num_grades)]
    for a, b in zip(rater_a, rater_b, strict=True):
        observed[a][b] += 1
    hist_a = [sum(row) for row in observed]
    hist_b = [sum(observed[i][j] for i in range(num_grades)) for j in range(num_grades)]
    denominator = (num_grades - 1) ** 2
    numerator_sum = expected_sum = 0.0
    for i in range(num_grades):
        for j in range(num_grades):
            weight = (i - j) ** 2 / denominator
            numerator_sum += weight * observed[i][j]
            expected_sum += weight * hist_a[i] * hist_b[j] / n
    if expected_sum == 0:
        return 1.0 if numerator_sum == 0 else 0.0
    return 1.0 - numerator_sum / expected_sum


def _ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson on average ranks); None when undefined."""
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    if len(x) < 2:
        return None
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return None
    return cov / (vx * vy) ** 0.5


def pass_accuracy(grades: Sequence[int], predicted: Sequence[int]) -> float:
    """Share of rows where both agree on pass (grade >= 2) or fail."""
    if not grades:
        return 0.0
    same = sum(
        (g >= PASS_GRADE) == (p >= PASS_GRADE)
        for g, p in zip(grades, predicted, strict=True)
    )
    return same / len(grades)


class SampleError(ValueError):
    """A graded CSV that cannot be used: names the scenario and the CSV line."""

    def __init__(self, scenario_id: str, line: int, message: str) -> None:
        super().__init__(f"{scenario_id}: line {line}: {message}")
        self.scenario_id = scenario_id
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class ScoredSample:
    row: GradedRow
    result: TurnResult
    predicted: int


@dataclass
class Agreement:
    name: str
    samples: list[ScoredSample] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.samples)

    @property
    def qwk(self) -> float:
        return quadratic_weighted_kappa(
            [s.row.grade for s in self.samples], [s.predicted for s in self.samples]
        )

    @property
    def spearman(self) -> float | None:
        return spearman(
            [s.row.grade for s in self.samples],
            [s.result.score for s in self.samples],
        )

    @property
    def accuracy(self) -> float:
        return pass_accuracy(
            [s.row.grade for s in self.samples], [s.predicted for s in self.samples]
        )


def score_samples(
    scenario: Scenario, rows: Sequence[GradedRow], rules: Sequence[Rule] = ()
) -> Agreement:
    """Score every graded row; an unknown turn raises :class:`SampleError`."""
    scorer = get_scorer(scenario, rules)
    agreement = Agreement(scenario.id)
    for row in rows:
        if row.turn not in scenario.turn_ids:
            raise SampleError(
                scenario.id,
                row.line,
                f"unknown turn '{row.turn}' (turns: {', '.join(scenario.turn_ids)})",
            )
        result = scorer.score_turn(row.turn, row.reply)
        predicted = grade_from_result(result, scenario.pass_score)
        agreement.samples.append(ScoredSample(row, result, predicted))
    return agreement


def sample_files(root: Path, scenario_paths: dict[str, Path]) -> dict[str, Path]:
    """scenario id → its graded CSV (samples/<id>.graded.csv or beside it)."""
    found: dict[str, Path] = {}
    for sid, path in sorted(scenario_paths.items()):
        for candidate in (
            root / "samples" / f"{sid}.graded.csv",
            path.parent / f"{sid}.graded.csv",
            path.parent / "samples" / f"{sid}.graded.csv",
        ):
            if candidate.is_file():
                found[sid] = candidate
                break
    return found


def calibrate(
    scenarios: Sequence[Scenario],
    samples: dict[str, str],
    rules: Sequence[Rule] = (),
) -> tuple[list[Agreement], Agreement]:
    """Per-scenario agreements and the pooled one; ``samples`` maps id → CSV text."""
    per: list[Agreement] = []
    overall = Agreement("overall")
    for scenario in sorted(scenarios, key=lambda s: s.id):
        text = samples.get(scenario.id)
        if text is None:
            continue
        try:
            rows = read_graded(text)
        except CsvFormatError as exc:
            raise SampleError(scenario.id, exc.line, exc.message) from None
        agreement = score_samples(scenario, rows, rules)
        per.append(agreement)
        overall.samples.extend(agreement.samples)
    return per, overall


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def format_report(per: Sequence[Agreement], overall: Agreement) -> str:
    """A fixed-width table: scenario, n, QWK, Spearman, pass/fail accuracy."""
    width = max([len(a.name) for a in (*per, overall)] + [8])
    lines = [f"{'scenario':<{width}}    n    QWK  Spearman  accuracy"]
    for agreement in (*per, overall):
        if agreement is overall:
            lines.append("-" * (width + 36))
        lines.append(
            f"{agreement.name:<{width}} {agreement.n:4d}  {_fmt(agreement.qwk)}"
            f"     {_fmt(agreement.spearman)}    {agreement.accuracy:6.1%}"
        )
    return "\n".join(lines)


def disagreements(agreement: Agreement, at_least: int = 2) -> list[ScoredSample]:
    """Samples where engine and trainer differ by ``at_least`` grades or more."""
    return [s for s in agreement.samples if abs(s.predicted - s.row.grade) >= at_least]

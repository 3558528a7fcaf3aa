"""CSV in and out for the ``drills`` command: replies, scores, graded samples.

* replies: header ``turn,reply`` with an optional ``seconds`` column;
* scores: header ``turn,score,verdict,reply``, rows in input order;
* graded samples: header ``turn,grade,reply``, grade 0–3 (trainer's judgement);
* evaluation sets (``lms drills evaluate``): ``scenario,turn,grade,reply`` or
  linter cases ``reply,category,severity`` (other columns, e.g. ``note``, ignored);
* lint results: header ``reply,severity,rules,quotes``.

Line numbers are those of the CSV file (1 = header), for error messages.
Pure module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from lms.drills.judging.results import TurnResult
from lms.drills.judging.rules import Finding, highest_severity
from lms.drills.scenario import SEVERITIES

GRADES = (0, 1, 2, 3)
CLEAN = "none"  # severity / category of a reply that breaks no rule


class CsvFormatError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class ReplyRow:
    line: int
    turn: str
    reply: str
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class GradedRow:
    line: int
    turn: str
    grade: int
    reply: str


@dataclass(frozen=True, slots=True)
class ScenarioGradedRow:
    line: int
    scenario: str
    turn: str
    grade: int
    reply: str


@dataclass(frozen=True, slots=True)
class LintCase:
    line: int
    reply: str
    category: str  # "none" for a clean reply
    severity: str  # fatal | major | minor | none


def csv_header(text: str) -> list[str]:
    """The lower-cased column names of a CSV text (empty for an empty file)."""
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), None) or []
    return [h.strip().lower() for h in header]


def _rows(
    text: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    *,
    errors: list[CsvFormatError] | None = None,
    extra_ok: bool = False,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row dict) for each data row; checks the header first.

    ``extra_ok`` lets other columns through (notes beside an evaluation set).
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise CsvFormatError(1, f"empty file; expected header {','.join(required)}")
    names = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in names]
    unknown = [] if extra_ok else [c for c in names if c not in required + optional]
    if missing or unknown or len(set(names)) != len(names):
        expected = ",".join(required) + "".join(f"[,{c}]" for c in optional)
        raise CsvFormatError(1, f"header must be {expected}, not {','.join(header)}")
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            error = CsvFormatError(
                start, f"expected {len(names)} columns, found {len(row)}"
            )
            if errors is None:
                raise error
            errors.append(error)
            continue
        yield start, dict(zip(names, row, strict=True))


def read_replies(text: str) -> list[ReplyRow]:
    """Parse a replies CSV (``turn,reply[,seconds]``)."""
    out: list[ReplyRow] = []
    for line, row in _rows(text, ("turn", "reply"), ("seconds",)):
        turn = row["turn"].strip()
        if not turn:
            raise CsvFormatError(line, "the turn column is empty")
        seconds: float | None = None
        raw = (row.get("seconds") or "").strip()
        if raw:
            try:
                seconds = float(raw)
            except ValueError:
                raise CsvFormatError(
                    line, f"seconds must be a number, not {raw!r}"
                ) from None
            if seconds < 0:
                raise CsvFormatError(line, "seconds must not be negative")
        out.append(ReplyRow(line, turn, row["reply"], seconds))
    return out


def write_scores(results: Iterable[TurnResult]) -> str:
    """``turn,score,verdict,reply`` CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["turn", "score", "verdict", "reply"])
    for result in results:
        writer.writerow([result.turn_id, result.score, result.verdict, result.reply])
    return buffer.getvalue()


def read_graded(
    text: str, errors: list[CsvFormatError] | None = None
) -> list[GradedRow]:
    """Parse a trainer-graded samples CSV (``turn,grade,reply``).

    With an ``errors`` list, bad rows are reported there and skipped instead of
    raising (the header must still be right).
    """
    out: list[GradedRow] = []
    for line, row in _rows(text, ("turn", "grade", "reply"), errors=errors):
        try:
            turn = row["turn"].strip()
            if not turn:
                raise CsvFormatError(line, "the turn column is empty")
            raw = row["grade"].strip()
            if raw not in {str(g) for g in GRADES}:
                raise CsvFormatError(line, f"grade must be 0, 1, 2 or 3, not {raw!r}")
            if not row["reply"].strip():
                raise CsvFormatError(line, "the reply column is empty")
        except CsvFormatError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        out.append(GradedRow(line, turn, int(raw), row["reply"]))
    return out


def _grade(line: int, raw: str) -> int:
    raw = raw.strip()
    if raw not in {str(g) for g in GRADES}:
        raise CsvFormatError(line, f"grade must be 0, 1, 2 or 3, not {raw!r}")
    return int(raw)


def read_reply_texts(text: str) -> list[tuple[int, str]]:
    """(line, reply) from any CSV with a ``reply`` column (others ignored)."""
    return [
        (line, row["reply"]) for line, row in _rows(text, ("reply",), extra_ok=True)
    ]


def read_scenario_graded(text: str) -> list[ScenarioGradedRow]:
    """Parse an evaluation set ``scenario,turn,grade,reply`` (grades 0–3)."""
    out: list[ScenarioGradedRow] = []
    required = ("scenario", "turn", "grade", "reply")
    for line, row in _rows(text, required, extra_ok=True):
        scenario, turn = row["scenario"].strip(), row["turn"].strip()
        if not scenario or not turn:
            raise CsvFormatError(line, "the scenario and turn columns must be filled")
        grade = _grade(line, row["grade"])
        out.append(ScenarioGradedRow(line, scenario, turn, grade, row["reply"]))
    return out


def read_lint_cases(text: str) -> list[LintCase]:
    """Parse linter cases ``reply,category,severity``; category ``none`` = clean."""
    out: list[LintCase] = []
    for line, row in _rows(text, ("reply", "category", "severity"), extra_ok=True):
        category = row["category"].strip() or CLEAN
        severity = row["severity"].strip().lower() or CLEAN
        if severity not in (*SEVERITIES, CLEAN):
            raise CsvFormatError(
                line, f"severity must be fatal, major, minor or none, not {severity!r}"
            )
        if (category == CLEAN) != (severity == CLEAN):
            raise CsvFormatError(
                line, "a clean case has category none and severity none, and only it"
            )
        out.append(LintCase(line, row["reply"], category, severity))
    return out


def write_lint(items: Iterable[tuple[str, Sequence[Finding]]]) -> str:
    """``reply,severity,rules,quotes`` CSV text; ids and quotes joined by ``;``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["reply", "severity", "rules", "quotes"])
    for reply, findings in items:
        writer.writerow(
            [
                reply,
                highest_severity(findings),
                ";".join(dict.fromkeys(f.id for f in findings)),
                ";".join(dict.fromkeys(q for f in findings for q in f.quotes)),
            ]
        )
    return buffer.getvalue()

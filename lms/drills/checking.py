"""``lms drills check``: validate a drills folder (or one file) as a whole.

Per file: YAML syntax, fields, types, enum values, ids, regexes, ``next`` targets
(see scenario.py, rules.py, phrases.py). Across files: duplicate scenario ids,
quick-phrase codes that quick_phrases.yaml must define, ``concurrent`` ids,
branching loops, graded sample CSVs, and every model answer must score at
least 90 on its own turn (an exemplar that the scorer fails is a content bug).
Pure module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lms.drills.branching import find_cycle
from lms.drills.csvio import CsvFormatError, read_graded
from lms.drills.judging.results import EXCELLENT
from lms.drills.judging.rules import Rule
from lms.drills.judging.scoring import get_scorer
from lms.drills.phrases import validate_quick_phrases
from lms.drills.rules_file import validate_rules
from lms.drills.scenario import RushSet, Scenario, validate_document
from lms.drills.validation import Problem
from lms.drills.yamllines import LineDict, YamlSyntaxError, line_of, load_yaml

RULES_FILE = "rules.yaml"
PHRASES_FILE = "quick_phrases.yaml"
SAMPLES_SUFFIX = ".graded.csv"
SPECIAL_FILES = (RULES_FILE, PHRASES_FILE)


@dataclass
class CheckReport:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Loaded:
    path: str
    data: Any
    document: Scenario | RushSet | None


def find_root(path: Path) -> Path:
    """The drills folder a file belongs to: the nearest with rules or phrases."""
    folder = path if path.is_dir() else path.parent
    for candidate in (folder, *folder.parents[:2]):
        if any((candidate / name).is_file() for name in SPECIAL_FILES):
            return candidate
    return folder


def drill_files(root: Path) -> list[Path]:
    """Scenario, rules and phrase YAML files and graded CSVs under ``root``."""
    found = [
        p
        for p in root.rglob("*")
        if p.is_file()
        and (p.suffix in (".yaml", ".yml") or p.name.endswith(SAMPLES_SUFFIX))
    ]
    return sorted(found)


def check_path(path: str | Path) -> CheckReport:
    """Check a drills folder, or a single file in the context of its folder."""
    path = Path(path)
    report = CheckReport()
    if not path.exists():
        report.problems.append(Problem(str(path), None, "no such file or folder"))
        return report
    root = find_root(path)
    files = drill_files(path) if path.is_dir() else [path]
    report.files = len(files)

    rules, rules_ok = _rules(root, files, report)
    phrase_codes = _phrase_codes(root, files, report)
    loaded = [
        _load_scenario_file(f, report)
        for f in files
        if f.suffix in (".yaml", ".yml") and f.name not in SPECIAL_FILES
    ]
    known = _scenario_ids(loaded, report)
    if path.is_file():
        known |= _sibling_scenario_ids(root, exclude=path)
    for item in loaded:
        if isinstance(item.document, Scenario):
            _check_scenario(item, phrase_codes, rules if rules_ok else (), report)
        elif isinstance(item.document, RushSet):
            _check_rush_set(item, known, report)
    scenarios = {
        i.document.id: i.document for i in loaded if isinstance(i.document, Scenario)
    }
    if path.is_file() and not scenarios:
        scenarios = _sibling_scenarios(root)
    for csv_path in (f for f in files if f.name.endswith(SAMPLES_SUFFIX)):
        _check_samples(csv_path, scenarios, report)
    report.problems.sort(key=lambda p: (p.path, p.line or 0))
    return report


def check_scenario_source(
    text: str,
    *,
    path: str = "",
    rules: tuple[Rule, ...] = (),
    phrase_codes: set[str] | None = None,
) -> tuple[list[Problem], Scenario | None]:
    """Check one scenario's YAML text as ``lms drills check`` checks its file.

    For text that is not (yet) a file, e.g. a scenario edited in the admin:
    schema, branching loops, quick-phrase codes and model answers scoring 90+.
    """
    report = CheckReport(files=1)
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        return [Problem(path, exc.line, f"YAML syntax: {exc}")], None
    problems, document = validate_document(data, path=path)
    report.problems.extend(problems)
    if isinstance(document, RushSet):
        report.problems.append(Problem(path, 1, "a rush-mode set, not a scenario"))
        return report.problems, None
    if document is not None:
        _check_scenario(_Loaded(path, data, document), phrase_codes, rules, report)
    report.problems.sort(key=lambda p: p.line or 0)
    return report.problems, (document if report.ok else None)


# What ``_read_yaml`` gives for a file it could not read, when an empty file
# (``None``) must still be checked, as the loader checks it.
_UNREADABLE = object()


def _read_yaml(path: Path, report: CheckReport, *, unreadable: Any = None) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        report.problems.append(Problem(str(path), 1, "not UTF-8 text"))
    except YamlSyntaxError as exc:
        report.problems.append(Problem(str(path), exc.line, f"YAML syntax: {exc}"))
    return unreadable


def _rules(
    root: Path, files: list[Path], report: CheckReport
) -> tuple[tuple[Rule, ...], bool]:
    path = root / RULES_FILE
    if not path.is_file():
        return (), True
    checking = path in files
    data = _read_yaml(path, report if checking else CheckReport())
    if data is None:
        return (), False
    problems, rules = validate_rules(data, path=str(path))
    if checking:
        report.problems.extend(problems)
    return rules, not problems


def _phrase_codes(
    root: Path, files: list[Path], report: CheckReport
) -> set[str] | None:
    path = root / PHRASES_FILE
    if not path.is_file():
        return None
    checking = path in files
    data = _read_yaml(
        path, report if checking else CheckReport(), unreadable=_UNREADABLE
    )
    if data is _UNREADABLE:
        return None
    problems, phrases = validate_quick_phrases(data, path=str(path))
    if checking:
        report.problems.extend(problems)
    return {p.code for p in phrases}


def _load_scenario_file(path: Path, report: CheckReport) -> _Loaded:
    data = _read_yaml(path, report, unreadable=_UNREADABLE)
    if data is _UNREADABLE:
        return _Loaded(str(path), None, None)
    problems, document = validate_document(data, path=str(path))
    report.problems.extend(problems)
    return _Loaded(str(path), data, document)


def _scenario_ids(loaded: list[_Loaded], report: CheckReport) -> set[str]:
    """Ids of scenarios (not rush sets); reports ids used twice."""
    first: dict[str, tuple[str, int | None]] = {}
    ids: set[str] = set()
    for item in loaded:
        data = item.data
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            continue
        sid = data["id"]
        line = line_of(data, "id", value=True)
        if sid in first:
            where, where_line = first[sid]
            report.problems.append(
                Problem(
                    item.path,
                    line,
                    f"duplicate scenario id '{sid}' (also {where}:{where_line or 1})",
                )
            )
            continue
        first[sid] = (item.path, line)
        if "concurrent" not in data or "turns" in data:
            ids.add(sid)
    return ids


def _sibling_files(root: Path, exclude: Path) -> Iterable[Path]:
    for other in drill_files(root):
        if (
            other.suffix in (".yaml", ".yml")
            and other.name not in SPECIAL_FILES
            and other.resolve() != exclude.resolve()
        ):
            yield other


def _sibling_scenario_ids(root: Path, exclude: Path) -> set[str]:
    ids: set[str] = set()
    for other in _sibling_files(root, exclude):
        data = _read_yaml(other, CheckReport())
        if (
            isinstance(data, dict)
            and "turns" in data
            and isinstance(data.get("id"), str)
        ):
            ids.add(data["id"])
    return ids


def _sibling_scenarios(root: Path) -> dict[str, Scenario]:
    found: dict[str, Scenario] = {}
    for other in _sibling_files(root, exclude=root / "-"):
        data = _read_yaml(other, CheckReport())
        _, document = validate_document(data, path=str(other))
        if isinstance(document, Scenario):
            found.setdefault(document.id, document)
    return found


def _turn_nodes(data: Any) -> dict[str, Any]:
    turns = data.get("turns") if isinstance(data, dict) else None
    if not isinstance(turns, list):
        return {}
    return {t.get("id"): t for t in turns if isinstance(t, dict)}


def _check_scenario(
    item: _Loaded,
    phrase_codes: set[str] | None,
    rules: tuple[Rule, ...],
    report: CheckReport,
) -> None:
    scenario = item.document
    assert isinstance(scenario, Scenario)
    nodes = _turn_nodes(item.data)
    add = report.problems.append
    for turn in scenario.turns:
        node = nodes.get(turn.id, LineDict())
        if (
            turn.quick_phrase
            and phrase_codes is not None
            and turn.quick_phrase not in phrase_codes
        ):
            add(
                Problem(
                    item.path,
                    line_of(node, "quick_phrase", value=True),
                    f"turn '{turn.id}': quick phrase {turn.quick_phrase} is not in "
                    f"{PHRASES_FILE}",
                )
            )
    loop = find_cycle(scenario)
    if loop:
        # Report where the loop closes: the turn that leads back.
        node = nodes.get(loop[-2], LineDict())
        add(
            Problem(
                item.path,
                line_of(node, "next") or line_of(node),
                f"turns loop forever: {' → '.join(loop)}",
            )
        )
    _check_model_answers(item, scenario, nodes, rules, report)


def _check_model_answers(
    item: _Loaded,
    scenario: Scenario,
    nodes: dict[str, Any],
    rules: tuple[Rule, ...],
    report: CheckReport,
) -> None:
    scorer = get_scorer(scenario, rules)
    for turn in scenario.turns:
        node = nodes.get(turn.id, LineDict())
        answers_node = node.get("model_answers") if isinstance(node, dict) else None
        for index, answer in enumerate(turn.model_answers):
            result = scorer.score_turn(turn.id, answer)
            if result.score >= EXCELLENT:
                continue
            why = "; ".join(
                f"{r.kind} {r.id} {r.status}"
                for r in result.reasons
                if r.status not in ("hit", "ok")
            )
            line = (
                line_of(answers_node, index)
                if isinstance(answers_node, list)
                else line_of(node, "model_answers", value=True)
            )
            report.problems.append(
                Problem(
                    item.path,
                    line,
                    f"turn '{turn.id}': model answer {index + 1} scores "
                    f"{result.score} (< {EXCELLENT}) on its own turn: {why}",
                )
            )


def _check_rush_set(item: _Loaded, known: set[str], report: CheckReport) -> None:
    rush = item.document
    assert isinstance(rush, RushSet)
    ids_node = item.data.get("concurrent")
    for index, sid in enumerate(rush.concurrent):
        if sid not in known:
            report.problems.append(
                Problem(
                    item.path,
                    line_of(ids_node, index),
                    f"rush-mode set: concurrent scenario '{sid}' does not exist",
                )
            )


def _check_samples(
    path: Path, scenarios: dict[str, Scenario], report: CheckReport
) -> None:
    sid = path.name[: -len(SAMPLES_SUFFIX)]
    scenario = scenarios.get(sid)
    if scenario is None:
        report.problems.append(
            Problem(str(path), 1, f"no scenario with id '{sid}' for these samples")
        )
    errors: list[CsvFormatError] = []
    try:
        rows = read_graded(path.read_text(encoding="utf-8"), errors)
    except CsvFormatError as exc:
        report.problems.append(Problem(str(path), exc.line, exc.message))
        return
    except UnicodeDecodeError:
        report.problems.append(Problem(str(path), 1, "not UTF-8 text"))
        return
    for error in errors:
        report.problems.append(Problem(str(path), error.line, error.message))
    if scenario is None:
        return
    for row in rows:
        if row.turn not in scenario.turn_ids:
            report.problems.append(
                Problem(
                    str(path),
                    row.line,
                    f"unknown turn '{row.turn}' (scenario {sid} has "
                    f"{', '.join(scenario.turn_ids)})",
                )
            )

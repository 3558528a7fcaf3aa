"""content/drills/ → the database: scenarios, rush-mode sets, rules, quick phrases.

`drills_load` checks the whole folder first (the same check as
``lms drills check``) and writes in one transaction, so a failed load writes
nothing. Scenarios are keyed by id and updated only when their file changed
(content hash); one edited in the admin since its last load is reported and
left alone unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .branching import walk
from .checking import PHRASES_FILE, RULES_FILE, check_path
from .documents import content_hash
from .library import load_library
from .models import LibraryFile, RushSet, Scenario, ScenarioVersion
from .scenario import Scenario as EngineScenario
from .validation import InvalidData, Problem


class DrillLoadError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the drills")


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # edited in the admin
    rush_sets: int = 0
    rules: int = 0
    phrases: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped; "
            f"{self.rush_sets} rush-hour sets, {self.rules} rules, "
            f"{self.phrases} quick phrases"
        )


def default_root() -> Path:
    return Path(settings.BASE_DIR) / "content" / "drills"


def display_path(path: Path) -> str:
    """Relative to the project when inside it (what the admin shows)."""
    try:
        return path.resolve().relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        return str(path)


def drills_load(*, root: Path | None = None, force: bool = False) -> LoadReport:
    root = Path(root or default_root())
    report = check_path(root)
    if not report.ok:
        raise DrillLoadError(report.problems)
    if not root.is_dir():
        raise DrillLoadError([Problem(str(root), None, "not a folder")])
    try:
        library = load_library(root)
    except InvalidData as exc:
        raise DrillLoadError(exc.problems) from None
    with transaction.atomic():
        result = LoadReport()
        for sid, document in sorted(library.scenarios.items()):
            path = library.paths[sid]
            _load_scenario(document, path, force=force, report=result)
        for rush in library.rush_sets.values():
            path = _rush_path(root, rush.id)
            source = path.read_text(encoding="utf-8") if path else ""
            RushSet.objects.update_or_create(
                slug=rush.id,
                defaults={
                    "title": rush.title,
                    "description": rush.description,
                    "scenario_slugs": list(rush.concurrent),
                    "source": source,
                    "source_path": display_path(path) if path else "",
                    "content_hash": content_hash(source),
                },
            )
            result.rush_sets += 1
        for kind, name in (
            (LibraryFile.Kind.RULES, RULES_FILE),
            (LibraryFile.Kind.PHRASES, PHRASES_FILE),
        ):
            path = root / name
            if path.is_file():
                source = path.read_text(encoding="utf-8")
                LibraryFile.objects.update_or_create(
                    kind=kind,
                    defaults={
                        "source": source,
                        "source_path": display_path(path),
                        "content_hash": content_hash(source),
                    },
                )
        result.rules = len(library.rules)
        result.phrases = len(library.phrases)
    return result


def _rush_path(root: Path, rush_id: str) -> Path | None:
    for suffix in (".yaml", ".yml"):
        for path in root.rglob(f"{rush_id}{suffix}"):
            return path
    return None


def _load_scenario(
    document: EngineScenario, path: Path, *, force: bool, report: LoadReport
) -> None:
    source = path.read_text(encoding="utf-8")
    digest = content_hash(source)
    scenario = Scenario.objects.filter(slug=document.id).first()
    if scenario is None:
        scenario = Scenario(slug=document.id, active=True)
        report.created.append(document.id)
    elif scenario.content_hash == digest:
        if scenario.loaded_hash != digest or scenario.source_path != display_path(path):
            scenario.loaded_hash = digest
            scenario.source_path = display_path(path)
            scenario.save(update_fields=["loaded_hash", "source_path", "updated_at"])
        report.unchanged.append(document.id)
        return
    elif scenario.edited_since_load and not force:
        report.skipped.append(document.id)
        return
    else:
        report.updated.append(document.id)
    scenario_apply_source(scenario, source=source, document=document)
    scenario.source_path = display_path(path)
    scenario.loaded_hash = digest
    scenario.save()
    scenario_version(scenario)


def scenario_apply_source(
    scenario: Scenario, *, source: str, document: EngineScenario
) -> Scenario:
    """Copy what the catalogue shows from a checked source; the caller saves."""
    scenario.slug = document.id
    scenario.title = document.title
    scenario.track = document.track
    scenario.mood = document.persona.mood
    scenario.pass_score = document.pass_score
    scenario.turn_count = len(walk(document, {}))  # the path without branches
    scenario.description = document.description
    scenario.source = source
    scenario.content_hash = content_hash(source)
    return scenario


def scenario_version(scenario: Scenario) -> ScenarioVersion:
    """The stored version of the scenario's current source (made on first use)."""
    version, _created = ScenarioVersion.objects.get_or_create(
        scenario=scenario,
        content_hash=scenario.content_hash,
        defaults={"source": scenario.source},
    )
    return version

"""Loading a whole drills folder: scenarios, rush-mode sets, rules, phrases.

For the command line and for whoever imports drills into the database. Raises
:class:`InvalidData` with every problem (run ``lms drills check`` for the full
cross-file checks). Pure module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lms.drills.checking import PHRASES_FILE, RULES_FILE, SPECIAL_FILES, find_root
from lms.drills.judging.rules import Rule
from lms.drills.phrases import QuickPhrase, load_quick_phrases
from lms.drills.rules_file import load_rules
from lms.drills.scenario import RushSet, Scenario, load_document
from lms.drills.validation import InvalidData, Problem


@dataclass
class Library:
    root: Path
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    rush_sets: dict[str, RushSet] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    phrases: tuple[QuickPhrase, ...] = ()


def rules_file_for(path: Path, project_root: Path) -> Path | None:
    """The rules.yaml a scenario at ``path`` is judged by.

    Its own drills folder's (beside it or a level or two up), else the project's
    (``project_root``, normally content/drills): a scenario kept elsewhere is
    still judged by the store-wide rules. None when neither exists.
    """
    own = find_root(path) / RULES_FILE
    if own.is_file():
        return own
    project = project_root / RULES_FILE
    return project if project.is_file() else None


def load_library(root: str | Path) -> Library:
    root = Path(root)
    if not root.is_dir():
        raise InvalidData([Problem(str(root), None, "not a folder")])
    library = Library(root)
    problems: list[Problem] = []
    if (root / RULES_FILE).is_file():
        try:
            library.rules = load_rules(root / RULES_FILE)
        except InvalidData as exc:
            problems.extend(exc.problems)
    if (root / PHRASES_FILE).is_file():
        try:
            library.phrases = load_quick_phrases(root / PHRASES_FILE)
        except InvalidData as exc:
            problems.extend(exc.problems)
    for path in sorted(root.rglob("*.y*ml")):
        if path.name in SPECIAL_FILES or path.suffix not in (".yaml", ".yml"):
            continue
        try:
            document = load_document(path)
        except InvalidData as exc:
            problems.extend(exc.problems)
            continue
        if isinstance(document, Scenario):
            if document.id in library.scenarios:
                problems.append(
                    Problem(str(path), 1, f"duplicate scenario id '{document.id}'")
                )
                continue
            library.scenarios[document.id] = document
            library.paths[document.id] = path
        else:
            library.rush_sets[document.id] = document
    if problems:
        raise InvalidData(problems)
    return library

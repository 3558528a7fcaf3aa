"""What the shipped curriculum holds, counted from the files in git.

`lms content inventory` prints it as the Markdown table kept in
content/README.md; a test keeps that table true. Pure: reads files only.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lms.drills.library import load_library

from .markdown import plain_text
from .source import scan_content_tree

MARKDOWN_TYPES = ("markdown", "tip", "warning", "legacy")


@dataclass
class Inventory:
    courses: int = 0
    lessons: int = 0
    characters: int = 0
    legacy_callouts: int = 0
    questions: Counter = field(default_factory=Counter)
    questions_linked: int = 0
    quizzes: int = 0
    scenarios: int = 0
    turns: int = 0
    long_scenarios: int = 0  # 5 turns or more
    branching_scenarios: int = 0
    samples: int = 0
    samples_by_grade: Counter = field(default_factory=Counter)

    def as_markdown(self) -> str:
        by_type = ", ".join(f"{kind} {n}" for kind, n in sorted(self.questions.items()))
        grades = ", ".join(
            f"{grade}: {n}" for grade, n in sorted(self.samples_by_grade.items())
        )
        rows = [
            ("Courses", self.courses),
            ("Lessons", self.lessons),
            ("Lesson text (characters, no spaces)", f"{self.characters:,}"),
            ("Legacy callouts", self.legacy_callouts),
            ("Questions", sum(self.questions.values())),
            ("Questions by type", by_type),
            ("Questions linked to a lesson", self.questions_linked),
            ("Quizzes", self.quizzes),
            ("Drill scenarios", self.scenarios),
            ("Drill turns", self.turns),
            ("Scenarios with 5 turns or more", self.long_scenarios),
            ("Scenarios that branch on the reply", self.branching_scenarios),
            ("Graded sample replies", self.samples),
            ("Samples by grade", grades),
        ]
        lines = ["| What | Count |", "|---|---|"]
        lines += [f"| {label} | {value} |" for label, value in rows]
        return "\n".join(lines)


def count_inventory(base_dir: Path) -> Inventory:
    inventory = Inventory()
    _count_lessons(inventory, base_dir / "content" / "courses")
    _count_questions(inventory, base_dir / "quizzes")
    _count_drills(inventory, base_dir / "content" / "drills")
    return inventory


def _count_lessons(inventory: Inventory, root: Path) -> None:
    courses, _problems = scan_content_tree(root)
    inventory.courses = len(courses)
    for course in courses:
        for lesson in course.lessons:
            inventory.lessons += 1
            for block in lesson.document.blocks:
                if block.type == "legacy":
                    inventory.legacy_callouts += 1
                if block.type in MARKDOWN_TYPES:
                    text = plain_text(block.value)
                elif isinstance(block.value, dict):
                    text = " ".join(
                        str(v) for v in block.value.values() if isinstance(v, str)
                    )
                else:
                    continue
                inventory.characters += len(re.sub(r"\s+", "", text))


def _count_questions(inventory: Inventory, root: Path) -> None:
    for path in sorted(root.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "quizzes" in data:
            inventory.quizzes += len(data["quizzes"] or [])
        for question in data.get("questions") or []:
            inventory.questions[question.get("type", "?")] += 1
            if question.get("lesson"):
                inventory.questions_linked += 1


def _count_drills(inventory: Inventory, root: Path) -> None:
    library = load_library(root)
    inventory.scenarios = len(library.scenarios)
    for scenario in library.scenarios.values():
        inventory.turns += len(scenario.turns)
        if len(scenario.turns) >= 5:
            inventory.long_scenarios += 1
        if any(turn.next for turn in scenario.turns):
            inventory.branching_scenarios += 1
    for path in sorted((root / "samples").glob("*.graded.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                inventory.samples += 1
                inventory.samples_by_grade[row["grade"]] += 1

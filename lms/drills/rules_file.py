"""Reading and checking rules.yaml: named concepts, then rules built from them.

The engine (judging/rules.py) gets :class:`Rule` objects with their concepts
resolved; every problem is reported as ``path:line: message``. Pure module.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lms.drills.judging.concepts import Concept, reading_regex
from lms.drills.judging.learned import CLEAN, LearnedRule, read_examples
from lms.drills.judging.rules import DEFAULT_WITHIN, Rule
from lms.drills.scenario import SEVERITIES
from lms.drills.validation import SLUG_RE, Problem, Validator, load_valid
from lms.drills.yamllines import line_of

LESSON_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_WITHIN = 60


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    """Read and validate rules.yaml; raises :class:`InvalidData`."""
    return load_valid(path, validate_rules)


def validate_rules(
    data: Any, *, path: str = ""
) -> tuple[list[Problem], tuple[Rule, ...]]:
    check = Validator(path)
    if data is None:
        check.add(1, "rules file is empty: it needs a 'rules' list")
        return check.problems, ()
    if not check.mapping(
        data,
        "rules file",
        required=("rules",),
        optional=("concepts", "learned"),
        line=1,
    ):
        return check.problems, ()
    concepts = _concepts(check, data)
    rules: list[Rule] = []
    seen: set[str] = set()
    items = check.items(data, "rules", "rules file")
    if not items and not check.problems:
        check.add(line_of(data, "rules"), "rules file: 'rules' has no rules")
    for index, item in enumerate(items):
        rule = _rule(check, item, index, line_of(items, index), concepts)
        if rule is None:
            continue
        if rule.id in seen:
            check.add(
                line_of(item, "id", value=True), f"rule '{rule.id}': duplicate rule id"
            )
            continue
        seen.add(rule.id)
        rules.append(rule)
    learned = _learned(check, data, rules, path)
    return check.problems, tuple(rules) + ((learned,) if learned else ())


def _learned(
    check: Validator, data: Mapping[str, Any], rules: list[Rule], path: str
) -> LearnedRule | None:
    """The ``learned:`` section: labelled replies that train the second opinion."""
    node = data.get("learned")
    if node is None:
        return None
    where = "learned"
    line = line_of(data, "learned")
    if not check.mapping(
        node, where, required=("examples", "threshold", "categories"), line=line
    ):
        return None
    folder_name = check.string(node, "examples", where)
    threshold = check.number(node, "threshold", where, minimum=0.5, maximum=0.99)
    categories = node.get("categories")
    by_id = {rule.id: rule for rule in rules}
    targets: list[tuple[str, Rule]] = []
    if not isinstance(categories, Mapping) or not categories:
        check.add(
            line_of(node, "categories", value=True),
            f"{where}: 'categories' must map each example category to a rule id",
        )
        return None
    for category, rule_id in categories.items():
        if rule_id not in by_id:
            known = ", ".join(sorted(by_id))
            check.add(
                line_of(categories, category, value=True),
                f"{where}: category '{category}' names unknown rule '{rule_id}' "
                f"(rules: {known})",
            )
            continue
        targets.append((str(category), by_id[rule_id]))
    if folder_name is None or threshold is None:
        return None
    folder = Path(path).parent / folder_name if path else Path(folder_name)
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        check.add(
            line_of(node, "examples", value=True),
            f"{where}: no *.csv files of labelled replies in {folder}",
        )
        return None
    examples, problems = read_examples(files)
    for problem in problems:
        check.add_at(*problem)
    allowed = {CLEAN} | {category for category, _rule in targets}
    for example in examples:
        if example.category not in allowed:
            check.add_at(
                example.path,
                example.line,
                f"unknown category '{example.category}' "
                f"(rules.yaml learned.categories: {', '.join(sorted(allowed))})",
            )
    if check.problems:
        return None
    return LearnedRule(tuple(examples), float(threshold), tuple(targets))


def _concepts(check: Validator, data: Mapping[str, Any]) -> dict[str, Concept]:
    node = data.get("concepts")
    if node is None:
        return {}
    if not isinstance(node, Mapping):
        check.add(line_of(data, "concepts", value=True), "'concepts' must be a mapping")
        return {}
    concepts: dict[str, Concept] = {}
    for name, body in node.items():
        where = f"concept '{name}'"
        line = line_of(node, name)
        if not isinstance(name, str) or not SLUG_RE.match(name):
            check.add(line, f"{where}: name must be lower-case letters and hyphens")
            continue
        if not check.mapping(
            body, where, required=("label",),
            optional=("any", "regex", "pinyin", "not"), line=line,
        ):  # fmt: skip
            continue
        label = check.string(body, "label", where)
        pinyin = check.strings(body, "pinyin", where)
        for spec in pinyin:
            try:
                reading_regex(spec)
            except ValueError as exc:
                check.add(line_of(body, "pinyin", value=True), f"{where}: {exc}")
        concept = Concept(
            name=name,
            label=label or name,
            any=check.strings(body, "any", where),
            regex=check.regexes(body, "regex", where),
            pinyin=pinyin,
            not_=check.strings(body, "not", where),
        )
        if not (concept.any or concept.regex or concept.pinyin):
            check.add(line, f"{where}: give 'any', 'regex' or 'pinyin'")
            continue
        concepts[name] = concept
    return concepts


def _near(
    check: Validator, item: Mapping[str, Any], where: str, concepts: dict[str, Concept]
) -> tuple[tuple[Concept, ...], ...]:
    groups = check.items(item, "near", where)
    line = line_of(item, "near", value=True)
    out: list[tuple[Concept, ...]] = []
    for index, group in enumerate(groups):
        group_line = line_of(groups, index) or line
        names = [group] if isinstance(group, str) else group
        if not isinstance(names, list) or not names:
            check.add(group_line, f"{where}: 'near' item {index + 1} lists no concepts")
            continue
        resolved = _named(check, names, where, "near", group_line, concepts)
        if resolved is not None:
            out.append(resolved)
    return tuple(out)


def _named(
    check: Validator,
    names: list[Any],
    where: str,
    key: str,
    line: int | None,
    concepts: dict[str, Concept],
) -> tuple[Concept, ...] | None:
    """The concepts ``names`` refers to, or None after reporting unknown ones."""
    unknown = [name for name in names if name not in concepts]
    known = ", ".join(sorted(concepts)) or "none defined"
    for name in unknown:
        check.add(
            line, f"{where}: unknown concept '{name}' in '{key}' (concepts: {known})"
        )
    return None if unknown else tuple(concepts[name] for name in names)


def _rule(
    check: Validator,
    item: Any,
    index: int,
    line: int | None,
    concepts: dict[str, Concept],
) -> Rule | None:
    where = f"rule {index + 1}"
    if not check.mapping(
        item,
        where,
        required=("id", "label", "severity", "reason", "lesson"),
        optional=("any", "regex", "near", "within", "unless"),
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
    near = _near(check, item, where, concepts)
    unless_names = check.strings(item, "unless", where)
    unless = _named(
        check, list(unless_names), where, "unless",
        line_of(item, "unless", value=True), concepts,
    ) or ()  # fmt: skip
    within = DEFAULT_WITHIN
    if "within" in item:
        value = check.number(item, "within", where, minimum=1, maximum=MAX_WITHIN)
        within = int(value) if value is not None else DEFAULT_WITHIN
    if not (item.get("any") or item.get("regex") or item.get("near")):
        check.add(line_of(item), f"{where}: give 'any' phrases, a 'regex' or 'near'")
    if None in (rid, label, severity, reason, lesson):
        return None
    return Rule(
        str(rid), str(label), str(severity), str(reason), str(lesson),
        literals, regexes, near, within, unless,
    )  # fmt: skip

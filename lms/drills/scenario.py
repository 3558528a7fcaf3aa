"""Drill scenarios: the schema, its validation and the immutable objects.

A scenario file holds one simulated chat (see docs in the issue / README): a
persona, a context panel, response-time targets, a pass score and turns. Each
turn has customer messages, model answers, key points and forbidden items and
may branch with ``next``. A rush-mode set file only lists ``concurrent``
scenario ids. ``parse_document`` validates and builds either; problems carry
line numbers when the data came from :func:`yamllines.load_yaml`. Pure module.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lms.drills.validation import (
    SLUG_RE,
    TURN_ID_RE,
    InvalidData,
    Problem,
    Validator,
    read_yaml_file,
)
from lms.drills.yamllines import line_of, plain

TRACKS = ("presales", "aftersales")
# What the Scenario and RushSet columns hold (slug, title).
ID_LENGTH = 80
TITLE_LENGTH = 200
MOODS = ("calm", "impatient", "angry")
SEVERITIES = ("fatal", "major", "minor")
END = "end"  # a ``next`` target that finishes the drill
MISSING_PREFIX = "missing:"


@dataclass(frozen=True, slots=True)
class KeyPoint:
    id: str
    label: str
    weight: float = 1.0
    any: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    must: bool = False
    contradict: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Forbidden:
    id: str
    reason: str
    severity: str
    any: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Turn:
    id: str
    customer: tuple[str, ...]
    model_answers: tuple[str, ...]
    key_points: tuple[KeyPoint, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    quick_phrase: str | None = None
    # (condition, target) in file order; condition is "default" or "missing:<kp>".
    next: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Persona:
    name: str
    nick: str
    mood: str


@dataclass(frozen=True, slots=True)
class Targets:
    first_response_s: float
    response_s: float


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    track: str
    persona: Persona
    context: Mapping[str, Any]
    targets: Targets
    pass_score: int
    turns: tuple[Turn, ...]
    description: str = ""
    # Hash of the source data: scorers are cached per fingerprint.
    fingerprint: str = field(default="", compare=False)

    def __hash__(self) -> int:
        return hash((self.id, self.fingerprint))

    def turn(self, turn_id: str) -> Turn:
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise KeyError(turn_id)

    @property
    def turn_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.turns)


@dataclass(frozen=True, slots=True)
class RushSet:
    """A rush-mode set: several scenarios run at the same time."""

    id: str
    title: str
    concurrent: tuple[str, ...]
    description: str = ""


def fingerprint(data: Any) -> str:
    dump = json.dumps(plain(data), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(dump.encode("utf-8")).hexdigest()


def load_document(path: str | Path) -> Scenario | RushSet:
    """Read, validate and build a scenario or rush-mode set file."""
    return parse_document(read_yaml_file(path), path=str(path))


def load_scenario(path: str | Path) -> Scenario:
    document = load_document(path)
    if not isinstance(document, Scenario):
        raise InvalidData([Problem(str(path), 1, "a rush-mode set, not a scenario")])
    return document


def parse_document(data: Any, *, path: str = "") -> Scenario | RushSet:
    """Validate ``data`` (a mapping) and build the scenario or rush-mode set."""
    problems, document = validate_document(data, path=path)
    if problems or document is None:
        raise InvalidData(problems)
    return document


def validate_document(
    data: Any, *, path: str = ""
) -> tuple[list[Problem], Scenario | RushSet | None]:
    """Every problem in ``data``, and the built object when there are none."""
    check = Validator(path)
    if data is None:
        check.add(1, "the file is empty")
        return check.problems, None
    if isinstance(data, Mapping) and "turns" not in data and "concurrent" in data:
        document: Scenario | RushSet | None = _rush_set(check, data)
    else:
        document = _scenario(check, data)
    return check.problems, (document if not check.problems else None)


def _rush_set(check: Validator, data: Mapping[str, Any]) -> RushSet | None:
    where = "rush-mode set"
    check.mapping(
        data, where, required=("id", "title", "concurrent"), optional=("description",)
    )
    sid = check.string(data, "id", where, pattern=SLUG_RE, max_length=ID_LENGTH)
    title = check.string(data, "title", where, max_length=TITLE_LENGTH)
    description = check.string(data, "description", where) or ""
    ids = check.strings(data, "concurrent", where, allow_single=False)
    if "concurrent" in data and len(ids) < 2:
        check.add(line_of(data, "concurrent"), f"{where}: list two or more scenarios")
    seen: set[str] = set()
    for index, cid in enumerate(ids):
        if cid in seen:
            check.add(
                line_of(data["concurrent"], index),
                f"{where}: scenario '{cid}' listed twice",
            )
        seen.add(cid)
    if sid is None or title is None:
        return None
    return RushSet(sid, title, ids, description)


def _scenario(check: Validator, data: Any) -> Scenario | None:
    where = "scenario"
    if not check.mapping(
        data,
        where,
        required=(
            "id",
            "title",
            "track",
            "persona",
            "context",
            "targets",
            "pass_score",
            "turns",
        ),
        optional=("description",),
        line=1,
    ):
        return None
    if "concurrent" in data:
        check.add(
            line_of(data, "concurrent"),
            "scenario: 'concurrent' belongs in a rush-mode set file without turns",
        )
    sid = check.string(data, "id", where, pattern=SLUG_RE, max_length=ID_LENGTH)
    title = check.string(data, "title", where, max_length=TITLE_LENGTH)
    track = check.string(data, "track", where, choices=TRACKS)
    description = check.string(data, "description", where) or ""
    persona = _persona(check, data.get("persona"), line_of(data, "persona", value=True))
    context = data.get("context")
    if "context" in data and not isinstance(context, Mapping):
        check.add(
            line_of(data, "context", value=True),
            "scenario: 'context' must be a mapping",
        )
    targets = _targets(check, data.get("targets"), line_of(data, "targets", value=True))
    pass_score = check.number(
        data, "pass_score", where, minimum=0, maximum=100, integer=True
    )
    turns = _turns(check, data)
    if None in (sid, title, track, persona, targets, pass_score) or not turns:
        return None
    assert persona is not None and targets is not None  # for the type checker
    return Scenario(
        id=str(sid),
        title=str(title),
        track=str(track),
        persona=persona,
        context=plain(context) if isinstance(context, Mapping) else {},
        targets=targets,
        pass_score=int(pass_score or 0),
        turns=tuple(turns),
        description=description,
        fingerprint=fingerprint(data),
    )


def _persona(check: Validator, node: Any, line: int | None) -> Persona | None:
    where = "persona"
    if node is None:
        return None
    if not check.mapping(node, where, required=("name", "nick", "mood"), line=line):
        return None
    name = check.string(node, "name", where)
    nick = check.string(node, "nick", where)
    mood = check.string(node, "mood", where, choices=MOODS)
    if name is None or nick is None or mood is None:
        return None
    return Persona(name, nick, mood)


def _targets(check: Validator, node: Any, line: int | None) -> Targets | None:
    where = "targets"
    if node is None:
        return None
    if not check.mapping(
        node, where, required=("first_response_s", "response_s"), line=line
    ):
        return None
    first = check.number(node, "first_response_s", where, positive=True)
    later = check.number(node, "response_s", where, positive=True)
    if first is None or later is None:
        return None
    return Targets(float(first), float(later))


def _turns(check: Validator, data: Mapping[str, Any]) -> list[Turn]:
    nodes = check.items(data, "turns", "scenario")
    if "turns" in data and not nodes and isinstance(data["turns"], list | type(None)):
        check.add(line_of(data, "turns"), "scenario: 'turns' needs at least one turn")
    turns: list[Turn] = []
    seen: dict[str, int | None] = {}
    for index, node in enumerate(nodes):
        line = line_of(nodes, index)
        turn = _turn(check, node, index, line)
        if turn is None:
            continue
        if turn.id in seen:
            check.add(
                line_of(node, "id", value=True),
                f"turn '{turn.id}': duplicate turn id (first on line {seen[turn.id]})",
            )
            continue
        seen[turn.id] = line_of(node, "id", value=True)
        turns.append(turn)
    raw_ids = {str(n["id"]) for n in nodes if isinstance(n, Mapping) and "id" in n}
    _check_next_targets(check, nodes, raw_ids)
    return turns


def _turn(check: Validator, node: Any, index: int, line: int | None) -> Turn | None:
    where = f"turn {index + 1}"
    if not check.mapping(
        node,
        where,
        required=("id", "customer", "model_answers"),
        optional=("key_points", "forbidden", "quick_phrase", "next"),
        line=line,
    ):
        return None
    tid = check.string(node, "id", where, pattern=TURN_ID_RE)
    if tid == END:
        check.add(line_of(node, "id", value=True), f"{where}: '{END}' is reserved")
        tid = None
    where = f"turn '{tid}'" if tid else where
    customer = check.strings(node, "customer", where, nonempty=True)
    answers = check.strings(node, "model_answers", where, nonempty=True)
    key_points = _key_points(check, node, where)
    forbidden = _forbidden_items(check, node, where)
    phrase = check.string(node, "quick_phrase", where)
    if phrase is not None and not phrase.startswith("/"):
        check.add(
            line_of(node, "quick_phrase", value=True),
            f"{where}: quick_phrase must be a code starting with '/', like /hy",
        )
    branches = _next(check, node, where, {kp.id for kp in key_points})
    if tid is None or not customer or not answers:
        return None
    return Turn(tid, customer, answers, key_points, forbidden, phrase, branches)


def _key_points(
    check: Validator, node: Mapping[str, Any], where: str
) -> tuple[KeyPoint, ...]:
    points: list[KeyPoint] = []
    seen: set[str] = set()
    items = check.items(node, "key_points", where)
    for index, item in enumerate(items):
        item_where = f"{where} key point {index + 1}"
        if not check.mapping(
            item,
            item_where,
            required=("id", "label"),
            optional=("weight", "any", "regex", "must", "contradict", "hint"),
            line=line_of(items, index),
        ):
            continue
        kid = check.string(item, "id", item_where, pattern=TURN_ID_RE)
        if kid is not None:
            item_where = f"{where} key point '{kid}'"
        label = check.string(item, "label", item_where)
        weight = check.number(item, "weight", item_where, positive=True)
        literals = check.strings(item, "any", item_where)
        regexes = check.regexes(item, "regex", item_where)
        if not item.get("any") and not item.get("regex"):
            check.add(line_of(item), f"{item_where}: give 'any' phrases or a 'regex'")
        must = check.boolean(item, "must", item_where)
        contradict = check.strings(item, "contradict", item_where)
        hint = check.string(item, "hint", item_where) or ""
        if kid is None or label is None:
            continue
        if kid in seen:
            check.add(
                line_of(item, "id", value=True),
                f"{where}: duplicate key point id '{kid}'",
            )
            continue
        seen.add(kid)
        points.append(
            KeyPoint(
                kid,
                label,
                float(weight or 1.0),
                literals,
                regexes,
                bool(must),
                contradict,
                hint,
            )
        )
    return tuple(points)


def _forbidden_items(
    check: Validator, node: Mapping[str, Any], where: str
) -> tuple[Forbidden, ...]:
    found: list[Forbidden] = []
    seen: set[str] = set()
    items = check.items(node, "forbidden", where)
    for index, item in enumerate(items):
        item_where = f"{where} forbidden item {index + 1}"
        if not check.mapping(
            item,
            item_where,
            required=("id", "reason", "severity"),
            optional=("any", "regex"),
            line=line_of(items, index),
        ):
            continue
        fid = check.string(item, "id", item_where, pattern=TURN_ID_RE)
        if fid is not None:
            item_where = f"{where} forbidden '{fid}'"
        reason = check.string(item, "reason", item_where)
        severity = check.string(item, "severity", item_where, choices=SEVERITIES)
        literals = check.strings(item, "any", item_where)
        regexes = check.regexes(item, "regex", item_where)
        if not item.get("any") and not item.get("regex"):
            check.add(line_of(item), f"{item_where}: give 'any' phrases or a 'regex'")
        if fid is None or reason is None or severity is None:
            continue
        if fid in seen:
            check.add(
                line_of(item, "id", value=True),
                f"{where}: duplicate forbidden id '{fid}'",
            )
            continue
        seen.add(fid)
        found.append(Forbidden(fid, reason, severity, literals, regexes))
    return tuple(found)


def _next(
    check: Validator, node: Mapping[str, Any], where: str, key_point_ids: set[str]
) -> tuple[tuple[str, str], ...]:
    if "next" not in node:
        return ()
    value = node["next"]
    line = line_of(node, "next", value=True)
    if not isinstance(value, Mapping) or not value:
        check.add(
            line,
            f"{where}: 'next' must be a mapping like "
            "{default: t2, 'missing:apology': t2-angry}",
        )
        return ()
    branches: list[tuple[str, str]] = []
    for condition, target in value.items():
        key_line = line_of(value, condition)
        if not isinstance(target, str) or not target.strip():
            check.add(key_line, f"{where}: next '{condition}' must name a turn id")
            continue
        if condition == "default":
            pass
        elif isinstance(condition, str) and condition.startswith(MISSING_PREFIX):
            kid = condition[len(MISSING_PREFIX) :]
            if kid not in key_point_ids:
                check.add(
                    key_line,
                    f"{where}: next '{condition}' names no key point of this turn",
                )
                continue
        else:
            check.add(
                key_line,
                f"{where}: next condition '{condition}' must be 'default' "
                "or 'missing:<key point id>'",
            )
            continue
        branches.append((str(condition), target.strip()))
    return tuple(branches)


def _check_next_targets(check: Validator, nodes: list[Any], turn_ids: set[str]) -> None:
    for node in nodes:
        if not isinstance(node, Mapping) or not isinstance(node.get("next"), Mapping):
            continue
        for condition, target in node["next"].items():
            if isinstance(target, str) and target.strip() not in turn_ids | {END}:
                check.add(
                    line_of(node["next"], condition, value=True),
                    f"turn '{node.get('id')}': next target '{target}' is not a turn "
                    f"of this scenario (or '{END}')",
                )

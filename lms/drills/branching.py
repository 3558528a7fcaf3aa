"""Which turn follows which: file order, ``next`` branches and the drill's end.

Without ``next`` turns follow file order. ``next`` maps ``default`` and
``missing:<key point id>`` to a turn id (or ``end``); the first ``missing:``
condition whose key point the reply missed wins, else ``default``, else file
order. A turn reached only through a ``missing:`` branch is skipped in file
order. Pure module.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from lms.drills.scenario import END, MISSING_PREFIX, Scenario


@lru_cache(maxsize=256)
def branch_only_turns(scenario: Scenario) -> frozenset[str]:
    """Turns reached only through a ``missing:`` branch."""
    conditional: set[str] = set()
    default: set[str] = set()
    for turn in scenario.turns:
        for condition, target in turn.next:
            (default if condition == "default" else conditional).add(target)
    first = scenario.turns[0].id if scenario.turns else ""
    return frozenset(conditional - default - {first})


def first_turn_id(scenario: Scenario) -> str:
    return scenario.turns[0].id


def _file_order_successor(scenario: Scenario, turn_id: str) -> str | None:
    skipped = branch_only_turns(scenario)
    ids = scenario.turn_ids
    for later in ids[ids.index(turn_id) + 1 :]:
        if later not in skipped:
            return later
    return None


def next_turn_id(
    scenario: Scenario, turn_id: str, missed_key_points: Collection[str] = ()
) -> str | None:
    """The turn after ``turn_id`` given the key points the reply missed."""
    branches = scenario.turn(turn_id).next
    for condition, target in branches:
        if condition.startswith(MISSING_PREFIX):
            if condition[len(MISSING_PREFIX) :] in missed_key_points:
                return None if target == END else target
    for condition, target in branches:
        if condition == "default":
            return None if target == END else target
    return _file_order_successor(scenario, turn_id)


def possible_successors(scenario: Scenario, turn_id: str) -> set[str]:
    """Every turn that may follow ``turn_id`` (empty: the drill can end here)."""
    branches = scenario.turn(turn_id).next
    targets = {target for _, target in branches if target != END}
    if not any(condition == "default" for condition, _ in branches):
        after = _file_order_successor(scenario, turn_id)
        if after is not None:
            targets.add(after)
    return targets


def can_end_after(scenario: Scenario, turn_id: str) -> bool:
    """May the drill finish right after this turn (so the reply should close)?"""
    branches = scenario.turn(turn_id).next
    if any(target == END for _, target in branches):
        return True
    if any(condition == "default" for condition, _ in branches):
        return False
    return _file_order_successor(scenario, turn_id) is None


def find_cycle(scenario: Scenario) -> list[str]:
    """A loop of turn ids reachable through ``next``/file order, or []."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(turn_id: str) -> list[str]:
        state[turn_id] = 1
        path.append(turn_id)
        for target in sorted(possible_successors(scenario, turn_id)):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state:
                loop = visit(target)
                if loop:
                    return loop
        path.pop()
        state[turn_id] = 2
        return []

    for turn in scenario.turns:
        if turn.id not in state:
            loop = visit(turn.id)
            if loop:
                return loop
    return []


def walk(scenario: Scenario, missed: dict[str, Collection[str]]) -> list[str]:
    """The turn ids a trainee meets, given the key points missed per turn."""
    order: list[str] = []
    current: str | None = first_turn_id(scenario)
    while current is not None and current not in order:
        order.append(current)
        current = next_turn_id(scenario, current, missed.get(current, ()))
    return order

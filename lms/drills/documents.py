"""Stored sources → the engine's objects, parsed once per content hash.

Scenario, rules and quick-phrase sources live in the database (see loading.py);
parsing and building a scorer are the expensive part, so the results are kept
in-process keyed by the hash of the source they came from. An edit makes a new
hash, so nothing stale is ever served.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from .judging.rules import Rule
from .judging.scoring import Scorer, get_scorer
from .phrases import QuickPhrase, validate_quick_phrases
from .rules_file import validate_rules
from .scenario import Scenario as EngineScenario
from .scenario import parse_document
from .validation import InvalidData, Problem
from .yamllines import YamlSyntaxError, load_yaml

T = TypeVar("T")
_CACHE_SIZE = 256
_cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
_lock = threading.Lock()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cached(kind: str, digest: str, build: Callable[[], T]) -> T:
    key = (kind, digest)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = build()
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def read_yaml(source: str, path: str = "") -> Any:
    try:
        return load_yaml(source)
    except YamlSyntaxError as exc:
        raise InvalidData([Problem(path, exc.line, f"YAML: {exc}")]) from None


def parse_scenario_source(source: str, path: str = "") -> EngineScenario:
    document = parse_document(read_yaml(source, path), path=path)
    if not isinstance(document, EngineScenario):
        raise InvalidData([Problem(path, 1, "a rush-mode set, not a scenario")])
    return document


def scenario_document(digest: str, source: str) -> EngineScenario:
    return _cached("scenario", digest, lambda: parse_scenario_source(source))


def _parse_rules(source: str) -> tuple[Rule, ...]:
    # A ``learned:`` section names its examples folder relative to rules.yaml,
    # which lives in the project's drills folder.
    from .loading import default_root

    path = str(default_root() / "rules.yaml")
    problems, rules = validate_rules(read_yaml(source), path=path)
    if problems:
        raise InvalidData(problems)
    return rules


def _parse_phrases(source: str) -> tuple[QuickPhrase, ...]:
    problems, phrases = validate_quick_phrases(read_yaml(source))
    if problems:
        raise InvalidData(problems)
    return phrases


def _library(kind: str, parse: Callable[[str], tuple]) -> tuple:
    from .models import LibraryFile

    digest = (
        LibraryFile.objects.filter(kind=kind)
        .values_list("content_hash", flat=True)
        .first()
    )
    if digest is None:
        return ()

    def build() -> tuple:
        source = LibraryFile.objects.get(kind=kind).source
        return parse(source)

    return _cached(kind, digest, build)


def store_rules() -> tuple[Rule, ...]:
    """The platform rules last loaded (rules.yaml), or none."""
    from .models import LibraryFile

    return _library(LibraryFile.Kind.RULES, _parse_rules)


def store_phrases() -> tuple[QuickPhrase, ...]:
    """The store's quick phrases last loaded (quick_phrases.yaml), or none."""
    from .models import LibraryFile

    return _library(LibraryFile.Kind.PHRASES, _parse_phrases)


def scorer_for(
    document: EngineScenario, rules: tuple[Rule, ...] | None = None
) -> Scorer:
    return get_scorer(document, store_rules() if rules is None else rules)

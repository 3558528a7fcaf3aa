"""Every URL the project defines × every role → the status it must answer with.

Rows live beside each app's tests (`tests/<app>/matrix.py`).
`test_every_url_has_an_entry` fails when a URL is added without a row, so each
capability keeps the matrix complete. Wagtail's own admin URLs are covered by
one row for /admin/ (Wagtail checks its own permissions inside).
"""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.factories import AdminFactory, HRFactory, LearnerFactory, TrainerFactory
from tests.matrix import ROLES


def matrix_modules():
    for info in pkgutil.iter_modules([str(Path(tests.__file__).parent)]):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.matrix")
            except ModuleNotFoundError:
                continue


MODULES = list(matrix_modules())
MATRIX = {name: entry for module in MODULES for name, entry in module.ROWS.items()}

# Prefixes whose URLs belong to Wagtail's admin and are guarded by it.
DELEGATED_PREFIXES = ("admin/",)


def project_url_names(patterns=None, prefix="", namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    names = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(DELEGATED_PREFIXES):
                continue
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            names |= project_url_names(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
        elif isinstance(pattern, URLPattern):
            names.add(f"unnamed:{route}")
    return names


def test_every_url_has_an_entry():
    defined = project_url_names()
    listed = {name for name in MATRIX if not name.startswith("page:")}
    assert defined - listed == set(), "add these URLs to a tests/<app>/matrix.py"
    assert listed - defined - {"wagtailadmin_home"} == set(), "stale entries"


USERS = {
    "learner": lambda: LearnerFactory(username="m_learner"),
    "trainer": lambda: TrainerFactory(username="m_trainer"),
    "hr": lambda: HRFactory(username="m_hr"),
    "admin": lambda: AdminFactory(username="m_admin"),
}

CASES = [
    (name, role)
    for name, entry in MATRIX.items()
    if entry is not None
    for role in ROLES
]


@pytest.fixture
def url_context(site_tree):
    """Objects the parametrised URLs point at, from every app's matrix."""
    context = {}
    for module in MODULES:
        if hasattr(module, "context"):
            context.update(module.context(site_tree))
    return context


@pytest.mark.parametrize(("name", "role"), CASES)
def test_role_gets_expected_status(client, url_context, name, role):
    path, expected = MATRIX[name]
    path = path.format(**url_context)
    if role != "anonymous":
        client.force_login(USERS[role]())
    response = client.get(path)
    assert response.status_code == expected[role], f"{role} GET {path}"

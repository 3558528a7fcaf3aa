import pytest


@pytest.fixture
def world(site_tree):
    from tests.reports.helpers import build_world

    return build_world(site_tree)

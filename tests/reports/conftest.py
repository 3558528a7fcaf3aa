import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Exports are written under MEDIA_ROOT: keep them out of var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(site_tree):
    from tests.reports.helpers import build_world

    return build_world(site_tree)

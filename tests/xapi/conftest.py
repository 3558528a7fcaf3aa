import socket

import pytest

from tests.xapi.lrs import RalphLrs, free_port, point_at


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    """One real LRS for the session; tests find their statements by id."""
    server = RalphLrs(tmp_path_factory.mktemp("ralph")).start()
    yield server
    server.stop()


@pytest.fixture
def lrs(ralph, settings):
    """The settings point at the running LRS."""
    point_at(settings, ralph.endpoint)
    return ralph


@pytest.fixture
def own_lrs(tmp_path, settings):
    """An LRS of this test's own, to stop and start again (not yet running)."""
    server = RalphLrs(tmp_path / "ralph")
    point_at(settings, server.endpoint)
    yield server
    server.stop()


@pytest.fixture
def silent_lrs(settings):
    """Accepts connections and never answers: the worst an LRS can do."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        point_at(settings, f"http://127.0.0.1:{listener.getsockname()[1]}/xAPI/")
        settings.LMS_XAPI_TIMEOUT = 1.0
        yield listener


@pytest.fixture
def down_lrs(settings):
    """An address where nothing listens."""
    point_at(settings, f"http://127.0.0.1:{free_port()}/xAPI/")


@pytest.fixture
def index(site_tree):
    return site_tree[1]

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chhttp import ServerProcess  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("chdb")
    proc = ServerProcess(base / "data", base / "server.log")
    proc.start()
    yield proc
    if proc.proc.poll() is None:
        assert proc.stop() == 0, (base / "server.log").read_text()[-2000:]


@pytest.fixture(scope="session")
def port(server):
    return server.port

"""Shared fixtures. Area-specific fixtures live in the area's own test modules."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

import orgkg

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return orgkg.sample_paths()


@pytest.fixture(scope="session")
def sample_graph():
    """The graph of the bundled samples (do not mutate: build your own with orgkg.sample_graph())."""
    return orgkg.sample_graph()


@pytest.fixture
def sample_graph_file(tmp_path) -> Path:
    path = tmp_path / "org.json"
    orgkg.sample_graph().save(path)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "gold").is_dir():
        pytest.skip("../shared (seeds, corpus, eval) is not beside the checkout")
    return SHARED


@pytest.fixture
def listener():
    """A TCP listener on loopback that records every connection: (port, hits). Proves that a refused SERVICE
    or LOAD CSV never connected anywhere."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    s.settimeout(0.2)
    hits: list = []
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            try:
                c, _ = s.accept()
                hits.append(1)
                c.close()
            except OSError:
                continue

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    yield s.getsockname()[1], hits
    stop.set()
    t.join(2)
    s.close()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module (tests/headless.py; modules mark themselves BROWSER_MARKS)."""
    from headless import chromium

    with chromium() as b:
        yield b

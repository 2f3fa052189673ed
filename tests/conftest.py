"""Shared fixtures. Area-specific fixtures live in the area's own test modules."""

from __future__ import annotations

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

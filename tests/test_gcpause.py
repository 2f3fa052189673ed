import gc

import pytest

import orgkg
from orgkg.gcpause import paused_gc


def test_paused_inside_restored_after_even_on_error():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_keeps_a_disabled_collector_disabled():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_build_pauses_collection_and_gives_it_back(monkeypatch):
    seen = []
    real = orgkg._build_graph
    monkeypatch.setattr(orgkg, "_build_graph", lambda exs: seen.append(gc.isenabled()) or real(exs))
    g = orgkg.build()
    assert seen == [False] and gc.isenabled() and g.summary()["nodes"] > 0

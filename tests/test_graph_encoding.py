"""The build writes its records with orjson when it is there; for those records (strings, ints, bools, None,
lists and dicts of them) that must be exactly the standard encoder's text, or patched files and cold builds
would part ways."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from orgkg.graph import store
from orgkg.graph.build import Fold, Resolver, doc_ops, resolver_input
from orgkg.loaders import load_file

import orgkg


def test_builds_use_orjson():
    assert store.orjson is not None and store.encode_records is not store._enc  # a declared dependency

_enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)  # no lone surrogates: pages decode strictly
VALUES = st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | TEXT,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_records_encode_to_the_standard_text(value):
    assert store.encode_records(value) == _enc(value)


def test_values_orjson_refuses_fall_back_to_the_standard_encoder():
    for value in ({1: "a"}, 2**70):
        assert store.encode_records(value) == _enc(value)


def test_the_sample_graph_file_is_the_same_with_either_encoder():
    exs = sorted((load_file(p) for p in orgkg.sample_paths()), key=lambda e: e.doc)
    res = Resolver.from_inputs([resolver_input(ex) for ex in exs])
    g = Fold()
    for ex in exs:
        g.apply_all(doc_ops(ex, res))
    fast = "".join(store.file_chunks(g.summary(), g.nodes, g.edges, store.encode_records))
    plain = "".join(store.file_chunks(g.summary(), g.nodes, g.edges))
    assert fast == plain and '"evidence"' in fast
    utf8 = store.file_chunks(g.summary(), g.nodes, g.edges, store.encode_record_bytes)
    assert all(isinstance(piece, bytes) for piece in utf8)
    assert b"".join(utf8) == plain.encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "name", "x"]), st.text(max_size=8) | st.integers(-9, 9)),
                max_size=6))
def test_record_batches_as_bytes_are_the_text_batches_encoded(items):
    items = [{"id": str(i), **d} for i, d in enumerate(items)]
    text = store._batches(items, "id", batch=4)
    assert store._batches(items, "id", batch=4, encode=store.encode_record_bytes) == [t.encode("utf-8") for t in text]

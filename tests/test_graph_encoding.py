"""The graph file's one encoder (orjson, the standard encoder for what orjson refuses): every record reads
back as it was written, and the sample graph's file loads back to the same graph."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import orgkg
from orgkg.graph import store

# no lone surrogates: pages decode strictly
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)
VALUES = st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | TEXT | FLOATS,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_records_read_back_as_written(value):
    assert json.loads(store.encode(value)) == value


def test_values_orjson_refuses_fall_back_to_the_standard_encoder():
    assert json.loads(store.encode({1: "a"})) == {"1": "a"}
    assert json.loads(store.encode(2**70)) == 2**70


def test_the_sample_graph_file_loads_back_to_the_same_graph(tmp_path):
    g = orgkg.sample_graph()
    g.save(tmp_path / "g.json")
    assert store.dumps(orgkg.load(tmp_path / "g.json")) == store.dumps(g)
    assert '"evidence"' in store.dumps(g)

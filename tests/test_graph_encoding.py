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


RECORDS = st.lists(st.dictionaries(st.sampled_from(["source", "id", "text", "x"]), VALUES, max_size=4), max_size=6)


@settings(max_examples=500, deadline=None)
@given(RECORDS)
def test_a_block_of_lines_is_each_record_encoded_alone(records):
    """file_chunks writes a block of records with one encoder call and a newline at each record boundary: the
    same bytes as one call per record, whatever the records' strings or nested values hold."""
    assert store._lines(records) == b",\n".join(map(store.encode, records))


def test_a_boundary_written_inside_a_record_is_not_taken_for_one():
    nested = [{"source": "a", "evidence": [{"source": 1}, {"source": 2}]}, {"source": 'b"},{"source":"c'}]
    assert store._lines(nested) == b",\n".join(map(store.encode, nested))
    assert store._lines(nested).count(b"\n") == 1

"""RDF export/import gives back the identical graph, in every format, from the API and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orgkg
from orgkg.graph import OrgGraph
from orgkg.graph.rdf_read import from_rdf, parse
from orgkg.graph.store import dumps
from orgkg.ontology.rdf import iri_of, serialize, to_rdf
from orgkg.ontology.schema import ORGKG_ID


def test_rdflib_round_trip_is_identical(sample_graph):
    back = from_rdf(to_rdf(sample_graph))
    assert dumps(back) == dumps(sample_graph)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_text_round_trip_each_format(sample_graph, fmt):
    assert dumps(parse(serialize(sample_graph, fmt), fmt)) == dumps(sample_graph)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_cli_export_then_import(sample_graph_file, tmp_path, fmt):
    out = tmp_path / f"org.{fmt}"
    back = tmp_path / "back.json"
    run = [sys.executable, "-m", "orgkg"]
    r = subprocess.run(run + ["export", str(sample_graph_file), "--format", fmt, "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(run + ["import", str(out), "-o", str(back)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(back.read_text()) == json.loads(sample_graph_file.read_text())
    assert back.read_text() == sample_graph_file.read_text()


def test_import_of_garbage_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b ")
    r = subprocess.run([sys.executable, "-m", "orgkg", "import", str(bad), "-o", str(tmp_path / "o.json")],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and str(bad) in r.stderr and "Traceback" not in r.stderr


def test_rdf_uses_schema_iris_and_aligned_vocabularies(sample_graph):
    import rdflib

    rg = to_rdf(sample_graph)
    coord = rdflib.URIRef(ORGKG_ID + "role:coordinator-innovative-and-progressive-systemwide-training")
    types = set(rg.objects(coord, rdflib.RDF.type))
    assert rdflib.URIRef("http://www.w3.org/ns/org#Post") in types
    assert rdflib.URIRef("https://orgkg.dev/ns#Role") in types
    # every edge has a statement, and evidence hangs off the statement of that specific edge
    q = """SELECT ?st ?text WHERE { ?st rdf:subject ?s ; rdf:predicate orgkg:underDirectionOf ;
            orgkg:evidence ?e . ?e orgkg:text ?text ; a prov:Entity }"""
    rows = list(rg.query(q, initNs={"orgkg": "https://orgkg.dev/ns#", "prov": "http://www.w3.org/ns/prov#"},
                         initBindings={"s": coord}))
    assert rows and all("direction" in str(t).lower() for _, t in rows)


def _graph(names, texts, ints):
    g = OrgGraph()
    ids = [g.add_node("Role", n, nid=f"role:{i} {n}", described=bool(i % 2), months=ints[i % len(ints)],
                      aliases=[t for t in texts[:2]], revised=None) for i, n in enumerate(names)]
    for i in range(len(ids) - 1):
        g.add_edge(ids[i], ids[i + 1], "UNDER_DIRECTION_OF",
                   {"doc": "d.txt", "section": "duties", "text": texts[i % len(texts)], "start": i, "end": i + 3,
                    "rule": "r"})
    return g


@settings(max_examples=25, deadline=None)
@given(names=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=5, unique=True),
       texts=st.lists(st.text(max_size=30), min_size=1, max_size=3),
       ints=st.lists(st.integers(-10**12, 10**12), min_size=1, max_size=3))
def test_round_trip_any_text(names, texts, ints):
    """Quotes, newlines, unicode, spaces in ids: ttl and nt both give back the same graph."""
    g = _graph(names, texts, ints)
    for fmt in ("ttl", "nt"):
        assert dumps(parse(serialize(g, fmt), fmt)) == dumps(g)


def test_ids_needing_escapes_get_valid_iris():
    assert iri_of("role:chief-of-staff") == ORGKG_ID + "role:chief-of-staff"
    assert " " not in iri_of("document:my file <1>.txt") and ">" not in iri_of("document:my file <1>.txt")


def test_sample_graph_exports_nonempty():
    assert len(serialize(orgkg.sample_graph(), "nt").splitlines()) > 1000


def _same_rdf(g, evidence: bool = True) -> None:
    """The N-Triples fast path (what the SPARQL stores load) states exactly the triples of the rdflib form."""
    import pyoxigraph as ox
    import rdflib
    from rdflib.compare import isomorphic

    from orgkg.ontology.ntriples import ntriples_lines
    from orgkg.ontology.rdf import triples

    text = "".join(ntriples_lines(g, evidence))
    fast = rdflib.Graph().parse(data=text, format="nt")
    ref = rdflib.Graph()
    term = {"iri": rdflib.URIRef, "lit": rdflib.Literal}
    blanks: dict = {}
    for t in triples(g, evidence):
        ref.add(tuple(blanks.setdefault(v, rdflib.BNode()) if k == "bnode" else term[k](v) for k, v in t))
    assert len(fast) == len(ref) and isomorphic(fast, ref)
    if evidence:
        assert isomorphic(fast, to_rdf(g))
    store = ox.Store()
    store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == len(ref)


@pytest.mark.parametrize("evidence", [True, False])
def test_ntriples_fast_path_equals_rdflib_form(sample_graph, evidence):
    _same_rdf(sample_graph, evidence)


@settings(max_examples=25, deadline=None)
@given(names=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=5, unique=True),
       texts=st.lists(st.text(max_size=30), min_size=1, max_size=3),
       ints=st.lists(st.integers(-10**12, 10**12), min_size=1, max_size=3))
def test_ntriples_fast_path_any_text(names, texts, ints):
    _same_rdf(_graph(names, texts, ints))

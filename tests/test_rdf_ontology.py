"""ontology/orgkg.ttl and shapes.ttl cannot drift from ontology/schema.py; SHACL accepts good graphs, flags bad ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, URIRef

import orgkg
from orgkg.ontology.rdf import attr_iri
from orgkg.ontology.schema import COMPETENCY_KINDS, EDGE_TYPES, EVIDENCE_FIELDS, NODE_TYPES, ORGKG

ONTO = Path(orgkg.ontology.__file__).resolve().parent
ALIGNED = URIRef(ORGKG + "alignedWith")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTO / "orgkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTO / "shapes.ttl", format="turtle")


@pytest.mark.parametrize("name", list(NODE_TYPES))
def test_every_node_type_declared_with_its_aligned_classes(onto, name):
    nt = NODE_TYPES[name]
    cls = URIRef(nt.iri)
    assert (cls, RDF.type, OWL.Class) in onto
    assert onto.value(cls, RDFS.label) is not None and onto.value(cls, RDFS.comment) is not None
    for a in nt.aligned:
        assert (cls, RDFS.subClassOf, URIRef(a)) in onto, f"{name}: not aligned with {a}"
    for prop in nt.properties:
        if prop != "name":  # name is rdfs:label
            assert (URIRef(attr_iri(prop)), RDF.type, None) in onto, f"{name}.{prop} not declared"


@pytest.mark.parametrize("name", list(EDGE_TYPES))
def test_every_edge_type_declared_with_its_aligned_properties(onto, name):
    et = EDGE_TYPES[name]
    p = URIRef(et.iri)
    assert (p, RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(p, RDFS.label) is not None and onto.value(p, RDFS.comment) is not None
    for a in et.aligned:
        assert (p, RDFS.subPropertyOf, URIRef(a)) in onto or (p, ALIGNED, URIRef(a)) in onto, f"{name}: {a}"
    assert ((p, RDF.type, OWL.SymmetricProperty) in onto) == et.symmetric


def test_standard_alignments(onto):
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    assert (URIRef(ORGKG + "underDirectionOf"), RDFS.subPropertyOf, org.reportsTo) in onto
    assert (URIRef(ORGKG + "supervises"), OWL.inverseOf, org.reportsTo) in onto
    assert (URIRef(ORGKG + "collaboratesWith"), RDF.type, OWL.SymmetricProperty) in onto
    assert (URIRef(ORGKG + "JobClass"), RDFS.subClassOf, org.Role) in onto
    assert (URIRef(ORGKG + "Evidence"), RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in onto
    for f in EVIDENCE_FIELDS:
        assert (URIRef(attr_iri(f)), RDF.type, OWL.DatatypeProperty) in onto


def test_shapes_follow_the_schema(shapes):
    kinds = None
    for ps in shapes.subjects(SH.path, URIRef(ORGKG + "kind")):
        kinds = [str(x) for x in rdflib.collection.Collection(shapes, shapes.value(ps, SH["in"]))]
    assert kinds == list(COMPETENCY_KINDS)
    preds = None
    for ps in shapes.subjects(SH.path, RDF.predicate):
        if shapes.value(ps, SH["in"]) is not None:
            preds = {str(x) for x in rdflib.collection.Collection(shapes, shapes.value(ps, SH["in"]))}
    assert preds == {e.iri for e in EDGE_TYPES.values()}


def test_sample_graph_conforms(sample_graph):
    from orgkg.commands.validate import validate_graph

    conforms, violations = validate_graph(sample_graph)
    assert conforms, violations[:5]


def _broken_graph():
    g = orgkg.sample_graph()
    comp = next(n["id"] for n in g.nodes("Competency"))
    g.g.nodes[comp]["kind"] = "vibes"
    u, v, k, d = next((u, v, k, d) for u, v, k, d in g.g.edges(keys=True, data=True) if k == "UNDER_DIRECTION_OF")
    d["evidence"][0]["start"], d["evidence"][0]["end"] = 50, 10
    d2 = next(d for _, _, k, d in g.g.edges(keys=True, data=True) if k == "COLLABORATES_WITH")
    d2["evidence"] = []
    doc = next(n["id"] for n in g.nodes("Document"))
    g.add_edge(doc, comp, "UNDER_DIRECTION_OF", {"doc": "x", "text": "t", "start": 0, "end": 1, "rule": "r"})
    return g, g.name(comp)


def test_broken_graph_reports_each_violation():
    from orgkg.commands.validate import validate_graph

    g, comp_name = _broken_graph()
    conforms, violations = validate_graph(g)
    assert not conforms
    text = "\n".join(f"{v.focus} {v.path} {v.message}" for v in violations)
    assert "kind must be one of" in text and comp_name in text
    assert "start must be one integer >= 0 and <= end" in text
    assert "at least one piece of evidence" in text
    assert "only roles and units report" in text
    assert "reporting and collaboration point to roles, units or organisations" in text


def test_validate_cli_exit_codes(sample_graph_file, tmp_path):
    ok = subprocess.run([sys.executable, "-m", "orgkg", "validate", str(sample_graph_file)], capture_output=True, text=True)
    assert ok.returncode == 0 and "conforms" in ok.stdout
    g, comp_name = _broken_graph()
    bad = tmp_path / "bad.json"
    g.save(bad)
    r = subprocess.run([sys.executable, "-m", "orgkg", "validate", str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and "violation" in r.stdout and comp_name in r.stdout and "Traceback" not in r.stderr
    missing = subprocess.run([sys.executable, "-m", "orgkg", "validate", str(tmp_path / "nope.json")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1

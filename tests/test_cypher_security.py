"""Hostile names never reach an engine as query text: they resolve to "not found" and the graph is unchanged."""

from __future__ import annotations

import subprocess
import sys

import pytest

import orgkg
from orgkg.errors import UserError
from orgkg.queries.canned import NotFound, ask
from orgkg.queries.cypher import cypher

HOSTILE = [
    "x'}) MATCH (n) DETACH DELETE n //",
    '" } ; DROP GRAPH orgkg; //',
    "Robert'); MATCH (n) DETACH DELETE n;--",
    "{id: 'x'}",
    "back\\\\slash\\' } ) RETURN 1 UNION MATCH (n) DELETE n //",
    "$id",
    "`Role`",
]


@pytest.fixture(scope="module")
def g():
    return orgkg.sample_graph()


def counts(g) -> list:
    return cypher(g, "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n), count(r)").rows


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("lang", ["networkx", "cypher"])
def test_hostile_names_are_not_found(g, name, lang):
    before = counts(g)
    for query, args in [("chain", (name,)), ("collaborators", (name,)), ("subtree", (name,)),
                        ("shared-competencies", (name, name)), ("path", (name, "DSSEM")), ("requires", (name,))]:
        with pytest.raises(NotFound, match="not found"):
            ask(g, query, *args, lang=lang)
    assert counts(g) == before


@pytest.mark.parametrize("name", HOSTILE[:2])
def test_hostile_names_as_parameters_match_nothing(g, name):
    before = counts(g)
    assert cypher(g, "MATCH (n:Node {id: $id}) RETURN n", {"id": name}).rows == []
    assert cypher(g, "MATCH (n:Node) WHERE n.name = $x RETURN n", {"x": name}).rows == []
    assert counts(g) == before


@pytest.mark.parametrize("name", HOSTILE[:2])
def test_cli_ask_hostile_name(name, sample_graph_file):
    r = subprocess.run([sys.executable, "-m", "orgkg", "ask", "collaborators", name, "--graph", str(sample_graph_file),
                        "--lang", "cypher"], capture_output=True, text=True)
    assert r.returncode == 1 and "not found" in r.stderr and "Traceback" not in r.stderr
    after = subprocess.run([sys.executable, "-m", "orgkg", "cypher", str(sample_graph_file), "MATCH (n) RETURN count(n)",
                            "--format", "csv"], capture_output=True, text=True, check=True).stdout
    assert after.splitlines()[1] == str(orgkg.load(sample_graph_file).g.number_of_nodes())


def test_cli_ask_unknown_query_suggests(sample_graph_file):
    r = subprocess.run([sys.executable, "-m", "orgkg", "ask", "colaborators", "DSSEM"], capture_output=True, text=True)
    assert r.returncode == 2 and "not found" in r.stderr and "collaborators" in r.stderr  # a usage error


def test_cli_ask_dssem_table():
    r = subprocess.run([sys.executable, "-m", "orgkg", "ask", "collaborators", "DSSEM", "--lang", "cypher"],
                       capture_output=True, text=True, check=True)
    assert "Coordinator, Innovative and Progressive Systemwide Training" in r.stdout


def test_read_only_path_refuses_writes_with_parameters(g):
    with pytest.raises(UserError, match="read-only"):
        cypher(g, "MATCH (n:Node {id: $id}) DETACH DELETE n", {"id": "role:chief-of-staff"})
    assert cypher(g, "MATCH (n:Node {id: $id}) RETURN n.id", {"id": "role:chief-of-staff"}).rows

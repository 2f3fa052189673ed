"""The SPARQL 1.1 Protocol endpoint, queried over real HTTP: a CLI subprocess and an in-process server."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

import orgkg
from orgkg.ontology.schema import node_iri
from orgkg.queries.sparql_pool import QueryPool, Source
from orgkg.queries.sparql_server import Endpoint, Limits

COORD = "role:coordinator-innovative-and-progressive-systemwide-training"


def _get(url: str, query: str, accept: str = "application/sparql-results+json"):
    req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    return urllib.request.urlopen(req, timeout=30)


def _post(url: str, body: str, ctype: str, accept: str = "application/sparql-results+json"):
    req = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": ctype, "Accept": accept})
    return urllib.request.urlopen(req, timeout=30)


def _status(fn, *a) -> tuple[int, str]:
    try:
        r = fn(*a)
        return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.fixture(scope="module")
def cli_server(tmp_path_factory):
    """`orgkg serve-sparql` in a subprocess on a free port (port 0), stopped at the end."""
    path = tmp_path_factory.mktemp("srv") / "org.json"
    orgkg.sample_graph().save(path)
    p = subprocess.Popen([sys.executable, "-m", "orgkg", "serve-sparql", str(path), "--port", "0", "--max-rows", "5"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        assert "SPARQL endpoint http://127.0.0.1:" in line, line + p.stderr.read()
        yield line.split()[2]
    finally:
        p.terminate()
        p.wait(timeout=10)


def test_get_select_json(cli_server):
    q = f"SELECT ?name WHERE {{ <{node_iri(COORD)}> rdfs:label ?name }}"
    r = _get(cli_server, q)
    assert r.headers["Content-Type"] == "application/sparql-results+json"
    data = json.loads(r.read())
    assert data["results"]["bindings"][0]["name"]["value"].startswith("Coordinator, Innovative")


def test_post_query_csv_and_form(cli_server):
    r = _post(cli_server, "ASK { ?r a org:Post }", "application/sparql-query")
    assert json.loads(r.read()) == {"head": {}, "boolean": True}
    r = _post(cli_server, urllib.parse.urlencode({"query": "SELECT ?u WHERE { ?u a org:OrganizationalUnit } LIMIT 2"}),
              "application/x-www-form-urlencoded", "text/csv")
    assert r.headers["Content-Type"].startswith("text/csv") and r.read().decode().splitlines()[0] == "u"


def test_construct_turtle(cli_server):
    r = _get(cli_server, "CONSTRUCT { ?r org:reportsTo ?b } WHERE { ?r org:reportsTo ?b } LIMIT 2", "text/turtle")
    assert r.headers["Content-Type"].startswith("text/turtle") and "reportsTo" in r.read().decode()


def test_result_size_limit(cli_server):
    r = _get(cli_server, "SELECT ?s WHERE { ?s ?p ?o }")
    assert r.headers["X-Orgkg-Truncated"] == "true"
    assert len(json.loads(r.read())["results"]["bindings"]) == 5


@pytest.mark.parametrize("how", ["form", "sparql-update", "query-param", "get-update"])
def test_insert_data_refused(cli_server, how):
    upd = "INSERT DATA { <urn:x> rdfs:label 'pwned' }"
    if how == "form":
        code, body = _status(_post, cli_server, urllib.parse.urlencode({"update": upd}), "application/x-www-form-urlencoded")
    elif how == "sparql-update":
        code, body = _status(_post, cli_server, upd, "application/sparql-update")
    elif how == "query-param":
        code, body = _status(_get, cli_server, upd)
    else:
        code, body = _status(urllib.request.urlopen, cli_server + "?" + urllib.parse.urlencode({"update": upd}))
    assert code == 403, body
    assert _get(cli_server, "ASK { ?s rdfs:label 'pwned' }").read() == b'{"head": {}, "boolean": false}'


def test_syntax_error_is_400_one_line(cli_server):
    code, body = _status(_get, cli_server, "SELECT ?x WHERE { ?x")
    assert code == 400 and body.startswith("SPARQL syntax error") and body.count("\n") == 1


def test_injection_looking_name_is_just_data(cli_server):
    """A name full of SPARQL syntax, sent as a literal in a well-formed query, matches nothing and changes nothing."""
    import pyoxigraph as ox

    evil = "x' } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> 'c' } # \"\n>"
    lit = str(ox.Literal(evil))  # escaped by the engine's own serialiser
    r = _get(cli_server, f"SELECT ?r WHERE {{ ?r rdfs:label {lit} }}")
    assert json.loads(r.read())["results"]["bindings"] == []
    n = json.loads(_get(cli_server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").read())["results"]["bindings"][0]["n"]["value"]
    assert int(n) > 1000
    # and the raw name itself sent as the query: a syntax error, nothing run
    code, _ = _status(_get, cli_server, evil)
    assert code in (400, 403)


def test_allow_update_and_timeout_in_process(sample_graph_file):
    srv = Endpoint(QueryPool(Source(graph=str(sample_graph_file)), 1),
                   Limits(allow_update=True, timeout=0.5, max_rows=10, workers=1), port=0).start()
    try:
        url = srv.url
        assert url.startswith("http://127.0.0.1:")
        code, _ = _status(_post, url, "INSERT DATA { <urn:x> rdfs:label 'added' }", "application/sparql-update")
        assert code == 204
        assert json.loads(_get(url, "ASK { <urn:x> rdfs:label 'added' }").read())["boolean"] is True
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }"  # ~14M rows: seconds, stopped
        code, body = _status(_get, url, heavy)
        assert code == 503 and "time limit" in body
        # the worker that ran it was replaced, and the replacement replayed the update
        for _ in range(100):
            code, body = _status(_get, url, "ASK { <urn:x> rdfs:label 'added' }")
            if code == 200:
                break
        assert json.loads(body)["boolean"] is True
    finally:
        srv.stop()

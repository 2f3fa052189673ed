"""`orgkg serve`: the search index, the node card and the JSON API over a real uvicorn server.

The server is started the way a user starts it (`python -m orgkg serve GRAPH --port 0`) and stopped with
Ctrl-C (SIGINT); requests go over real sockets.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from orgkg.viz.explore import card, document
from orgkg.viz.search import SearchIndex

DSSEM_ID = "unit:department-of-systemwide-safety-and-emergency-management"
COORD = "Coordinator, Innovative and Progressive Systemwide Training"
COORD_ID = "role:coordinator-innovative-and-progressive-systemwide-training"
DSSWB_ID = "role:director-school-support-and-well-being"


@contextlib.contextmanager
def serve(graph: Path | None = None, *extra: str):
    """Run `orgkg serve` on a free port; yield its base URL; stop it with SIGINT as Ctrl-C would."""
    cmd = [sys.executable, "-m", "orgkg", "serve", *([str(graph)] if graph else []), "--port", "0", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("orgkg explorer on http://"), line + proc.stderr.read()
        proc.url = line.split()[3].rstrip("/")
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def get(url: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture(scope="module")
def server():
    with serve() as proc:
        yield proc


# ---- search index -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def index(sample_graph):
    return SearchIndex.from_graph(sample_graph)


def names(hits):
    return [h["name"] for h in hits]


def test_search_acronym_exact_first(index):
    hits = index.search("DSSEM")
    assert hits[0]["id"] == DSSEM_ID and hits[0]["aliases"] == ["DSSEM"] and hits[0]["type"] == "Unit"
    assert index.search("dssem")[0]["id"] == DSSEM_ID


def test_search_lists_every_match_ranked(index):
    hits = names(index.search("coordinator"))
    assert COORD in hits and "Coordinator, Employee Engagement and Labor Relations" in hits
    assert all(h.lower().startswith("coordinator") for h in hits[:2])  # starts-with before contains


def test_search_typo_initials_titles_words(index):
    assert COORD in names(index.search("cordinator innovative"))  # one typo forgiven
    assert names(index.search("HR"))[0] == "Office of Human Resources and Development"  # initials inside OHRD
    assert "Director, School Support and Well-Being" in names(index.search("director ii"))  # official title
    assert COORD in names(index.search("progressive training"))  # words in any order
    assert index.search("") == [] and index.search("   ") == []
    assert index.search("zzzqqq") == []


# ---- node card ----------------------------------------------------------------------------------
def test_card_collaborators_both_directions_with_evidence(sample_graph):
    c = card(sample_graph, DSSEM_ID)
    coord = next(x for x in c["collaborators"] if x["id"] == COORD_ID)
    assert coord["name"] == COORD
    rel = coord["relations"][0]
    assert rel["direction"] == "in" and "DSSEM" in rel["evidence"][0]["text"]
    c2 = card(sample_graph, COORD_ID)
    back = next(x for x in c2["collaborators"] if x["id"] == DSSEM_ID)
    assert back["relations"][0]["direction"] == "out"


def test_card_chain_supervisors_reports(sample_graph):
    c = card(sample_graph, COORD_ID)
    assert [x["name"] for x in c["chain"]] == ["Chief of Teaching, Learning, and Schools", COORD]
    assert c["supervisors"][0]["primary"] and c["supervisors"][0]["evidence"][0]["text"].startswith("Under the direction")
    multi = card(sample_graph, DSSWB_ID)
    assert len(multi["supervisors"]) == 2 and [s["primary"] for s in multi["supervisors"]] == [True, False]
    top = card(sample_graph, "role:superintendent-of-school")
    assert top["n_reports"] == len(top["reports"]) == 2 and top["chain"][-1]["id"] == top["id"]
    assert all("reports" in r and r["evidence"] for r in top["reports"])


def test_card_evidence_spans_slice_the_document(sample_graph):
    c = card(sample_graph, COORD_ID)
    e = c["supervisors"][0]["evidence"][0]
    text = document(sample_graph, e["doc"])["text"]
    assert " ".join(text[e["start"]:e["end"]].split()) == " ".join(e["text"].split())
    with pytest.raises(KeyError):
        document(sample_graph, "../../etc/passwd")


# ---- the HTTP API -------------------------------------------------------------------------------
def test_api_search_and_node(server):
    status, headers, body = get(server.url + "/api/search?q=DSSEM")
    assert status == 200 and headers["content-type"] == "application/json"
    hits = json.loads(body)
    assert hits[0] == {"id": DSSEM_ID, "name": "Department of Systemwide Safety and Emergency Management",
                       "type": "Unit", "aliases": ["DSSEM"]}
    status, _, body = get(server.url + "/api/nodes/" + urllib.request.quote(COORD_ID, safe=""))
    node = json.loads(body)
    assert status == 200
    assert {"id", "name", "type", "chain", "reports", "supervisors", "collaborators", "units", "evidence"} <= set(node)
    assert node["name"] == COORD and node["chain"][0]["name"] == "Chief of Teaching, Learning, and Schools"
    assert any(ev["type"] == "COLLABORATES_WITH" and ev["evidence"] for ev in node["evidence"])


def test_api_unknown_ids_give_404_json(server):
    for path in ("/api/nodes/role:nobody", "/api/docs/nothing.txt", "/api/docs/..%2F..%2Fetc%2Fpasswd"):
        status, headers, body = get(server.url + path)
        assert status == 404 and headers["content-type"] == "application/json", path
        assert json.loads(body)["error"] == "not found"


def test_api_document_text(server, sample_graph):
    e = card(sample_graph, COORD_ID)["supervisors"][0]["evidence"][0]
    status, _, body = get(server.url + "/api/docs/" + urllib.request.quote(e["doc"]))
    doc = json.loads(body)
    assert status == 200 and doc["name"] == e["doc"]
    assert " ".join(doc["text"][e["start"]:e["end"]].split()) == " ".join(e["text"].split())


def test_read_only_no_cors_no_rebinding(server):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert get(server.url + "/api/search?q=x", method=method)[0] == 405
    status, headers, _ = get(server.url + "/api/search?q=x", headers={"Origin": "http://evil.example"})
    assert status == 200 and not any(h.lower().startswith("access-control-") for h in headers)
    assert "default-src 'self'" in headers["content-security-policy"]
    port = server.url.rsplit(":", 1)[1]
    assert get(server.url + "/api/roots", headers={"Host": f"evil.example:{port}"})[0] == 400
    assert get(server.url + "/api/roots", headers={"Host": f"localhost:{port}"})[0] == 200


def test_page_and_assets_from_the_package(server):
    status, _, body = get(server.url + "/")
    assert status == 200 and b'src="/static/explorer.js"' in body
    assert not re.search(rb'(src|href)="(https?:)?//', body)  # nothing from a CDN
    status, _, js = get(server.url + "/static/explorer.js")
    assert status == 200 and b"window.orgkg" in js


def test_serve_graph_file_ctrl_c_and_bad_input(sample_graph_file, tmp_path):
    with serve(sample_graph_file) as proc:
        assert json.loads(get(proc.url + "/api/search?q=HR")[2])[0]["name"] == "Office of Human Resources and Development"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(15) == 0
        assert "Traceback" not in proc.stderr.read()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "orgkg", "serve", str(bad), "--port", "0"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and r.stderr.startswith(f"orgkg: {bad}") and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1

"""Corrections at build time, end to end through the CLI on the bundled sample (issue 25's example).

After `orgkg build --corrections`, the coordinator's chain shows the Chief of Staff with the correction as its
evidence (networkx, Cypher and SPARQL agree), rebuilds cached and --no-cache keep it, a build without the file
brings the original edge back; a stale entry warns with its line; a malformed file fails with FILE:LINE and
leaves the old graph byte-identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import orgkg

COORD = "Coordinator, Innovative and Progressive Systemwide Training"
OLD_BOSS = "Chief of Teaching, Learning, and Schools"
NEW_BOSS = "Chief of Staff"
WHY = "moved under the Chief of Staff in the 2026 reorganisation"

EXAMPLE = f"""# the 2026 reorganisation
- remove: {{type: UNDER_DIRECTION_OF, source: "{COORD}", target: "{OLD_BOSS}"}}
  why: "{WHY}"
  by: "J. Analyst"
  when: 2026-12-07
- add: {{type: UNDER_DIRECTION_OF, source: "{COORD}", target: "{NEW_BOSS}"}}
  why: "{WHY}"
  by: "J. Analyst"
  when: 2026-12-07
"""


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "orgkg", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture
def docs(tmp_path):
    """A copy of the sample descriptions (a build's cache lives beside its output, in tmp_path)."""
    d = tmp_path / "descriptions"
    shutil.copytree(orgkg.SAMPLES, d)
    return d


def _chain(graph, cwd) -> str:
    out = run("chain", COORD, "--graph", str(graph), cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _assert_corrected(stdout: str, file: str = "corrections.yaml") -> None:
    assert NEW_BOSS in stdout and OLD_BOSS not in stdout
    assert f"correction by J. Analyst (2026-12-07): {WHY}" in stdout
    assert f"{file}:6-9" in stdout  # the add entry's lines


def test_example_through_chain_cypher_sparql_and_rebuilds(tmp_path, docs):
    (tmp_path / "corrections.yaml").write_text(EXAMPLE, encoding="utf-8")
    build = ("build", str(docs), "-o", "org.json", "--corrections", "corrections.yaml")
    out = run(*build, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert f"removed {COORD} -UNDER_DIRECTION_OF-> {OLD_BOSS}  (corrections.yaml:2)" in out.stdout
    assert "corrections: 2 applied, 0 warning(s)" in out.stdout
    _assert_corrected(_chain("org.json", tmp_path))
    first = (tmp_path / "org.json").read_bytes()

    tables = {}
    for lang in ("networkx", "cypher", "sparql"):
        got = run("ask", "chain", COORD, "--lang", lang, "--graph", "org.json", cwd=tmp_path)
        assert got.returncode == 0, got.stderr
        *table, footer = got.stdout.strip().splitlines()
        assert footer == f"(1 row, {lang})"
        tables[lang] = table
    assert tables["networkx"] == tables["cypher"] == tables["sparql"]
    assert tables["networkx"][2].split() == ["role:chief-of-staff", "Chief", "of", "Staff", "1"]

    g = orgkg.load(tmp_path / "org.json")
    ev = g.cypher("MATCH (a {name: $a})-[e:UNDER_DIRECTION_OF]->(b) RETURN b.name, e.evidence, e.reviewed",
                  {"a": COORD}).rows
    assert [(r[0], r[2]) for r in ev] == [(NEW_BOSS, True)]
    assert json.loads(ev[0][1][0])["kind"] == "correction"
    q = ("SELECT ?boss ?why ?who ?at WHERE { ?st rdf:subject ?c ; rdf:object ?b ; orgkg:evidence ?e . "
         "?c rdfs:label ?coord . ?b rdfs:label ?boss . ?e orgkg:kind \"correction\" ; rdfs:comment ?why ; "
         "prov:wasAttributedTo ?agent ; prov:generatedAtTime ?at . ?agent rdfs:label ?who . "
         f"FILTER(?coord = \"{COORD}\") }}")
    sp = [tuple(str(x) for x in r) for r in g.sparql(q).rows]
    assert sp == [(NEW_BOSS, WHY, "J. Analyst", "2026-12-07T00:00:00")]

    for extra in ((), ("--no-cache",)):  # cached and uncached rebuilds keep the correction
        out = run(*build, *extra, cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        _assert_corrected(_chain("org.json", tmp_path))
        assert (tmp_path / "org.json").read_bytes() == first

    (tmp_path / "corrections.yaml").unlink()  # without the file, the documents' edge is back
    out = run("build", str(docs), "-o", "org.json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    back = _chain("org.json", tmp_path)
    assert OLD_BOSS in back and NEW_BOSS not in back and "correction" not in back


def test_stale_correction_warns_with_its_line(tmp_path, docs):
    (tmp_path / "c.yaml").write_text(EXAMPLE + """- confirm: {type: SUPERVISES, source: "Chief District Operations",
             target: "Lead Negotiator"}
- remove: {type: COLLABORATES_WITH, source: "Chief of Staff", target: "Board of Nobody"}
  why: "no such board"
""", encoding="utf-8")
    out = run("build", str(docs), "-o", "org.json", "--corrections", "c.yaml", cwd=tmp_path)
    assert out.returncode == 1  # done, but a correction matched nothing
    warn = [line for line in out.stderr.splitlines() if "warning" in line]
    assert warn == ["orgkg: warning: c.yaml:12: stale correction (remove): no Role or Unit or Organization "
                    "named 'Board of Nobody' in the graph"]
    g = orgkg.load(tmp_path / "org.json")
    assert g.g.edges["role:chief-district-operation", "role:lead-negotiator", "SUPERVISES"]["reviewed"] is True
    _assert_corrected(_chain("org.json", tmp_path), "c.yaml")


def test_edge_vanished_is_stale(tmp_path, docs):
    """A correction whose names exist but whose edge is gone (the document changed) is a warning too."""
    (tmp_path / "c.yaml").write_text(
        f'- remove: {{type: SUPERVISES, source: "{COORD}", target: "Chief of Staff"}}\n', encoding="utf-8")
    out = run("build", str(docs), "-o", "org.json", "--corrections", "c.yaml", cwd=tmp_path)
    assert out.returncode == 1
    assert "c.yaml:1: stale correction (remove): no SUPERVISES edge from" in out.stderr


MALFORMED = [
    ("- remove: {type: NOPE, source: a, target: b}\n", 1, "unknown edge type 'NOPE'"),
    ("- same: [BRS, Bus Route Supervisor]\n- add: {type: SUPERVISES, source: a}\n", 2, "'add' target missing"),
    ("- same: [BRS, Bus Route Supervisor]\n\n- frobnicate: x\n", 3, "unknown key 'frobnicate'"),
    ("- rename: {node: a, name: b}\n  why: [1, 2]\n", 2, "'why' must be text, not a list"),
    ("- same: [a, b]\n- different: [B, a]\n", 2, "'different' contradicts 'same' on line 1"),
    ("- same: [a, b\n", 2, "not valid YAML"),
    ("remove: {type: SUPERVISES, source: a, target: b}\n", 1, "expected a list of corrections"),
]


def test_malformed_file_fails_with_its_line_and_leaves_the_graph(tmp_path, docs):
    out = run("build", str(docs), "-o", "org.json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    before = (tmp_path / "org.json").read_bytes()
    for text, line, problem in MALFORMED:
        (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
        out = run("build", str(docs), "-o", "org.json", "--corrections", "bad.yaml", "--no-cache", cwd=tmp_path)
        assert out.returncode == 2, text
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"orgkg: bad.yaml:{line}: "), out.stderr
        assert problem in lines[0]
        assert (tmp_path / "org.json").read_bytes() == before


def test_missing_corrections_file_is_one_line(tmp_path, docs):
    out = run("build", str(docs), "-o", "org.json", "--corrections", "none.yaml", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == "orgkg: none.yaml: no such corrections file"
    assert not (tmp_path / "org.json").exists()


def test_python_api_applies_corrections(tmp_path):
    (tmp_path / "c.yaml").write_text(EXAMPLE + '- rename: {node: "lead negotiator", name: "Chief Negotiator"}\n'
                                     '- add: {type: MEMBER_OF, source: "Nobody Here", target: "DSSEM"}\n',
                                     encoding="utf-8")
    with pytest.warns(UserWarning, match=r"c.yaml:11: stale correction \(add\)"):
        g = orgkg.build(corrections=tmp_path / "c.yaml")
    assert [s.name for s in g.chain(COORD)[1:]] == [NEW_BOSS]
    assert g.find("lead negotiator")[0].name == "Chief Negotiator"

"""The merge rules: canonical names (checked against the first, regex version), filling attributes, one
engine for records and OrgGraph alike; and a build that only saves its file does not import networkx."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkg.graph import store
from orgkg.graph.ids import canonical, singular
from orgkg.graph.merge import Records, fill_node
from orgkg.graph.orggraph import OrgGraph

_LEADING = re.compile(r"^(?:the|other|all|an|a|our|its|each|any)\s+")
_PARENS = re.compile(r"\([^)]*\)")
_OTHER = re.compile(r"[^a-z0-9/ \-]+")
_SPACES = re.compile(r"\s+")


def canonical_by_regex(name: str) -> str:
    """canonical() as it was written first, with one regular expression per step."""
    s = unicodedata.normalize("NFKC", name or "").lower().replace("&", " and ").replace("\u00bf", "'")
    s = _PARENS.sub(" ", s)
    s = s.replace("'s ", " ").replace("s' ", "s ")
    s = _OTHER.sub(" ", s)
    s = _SPACES.sub(" ", s).strip(" -/")
    for _ in range(2):
        s = _LEADING.sub("", s)
    words = [w for w in s.split() if w != "the"]
    if words:
        words[-1] = singular(words[-1])
    for i, w in enumerate(words[1:], 1):
        if w in ("of", "for"):
            words[i - 1] = singular(words[i - 1])
            break
    return " ".join(words)


words = st.sampled_from(["the", "The", "a", "an", "A", "other", "all", "its", "each", "any", "our", "of", "for",
                         "Schools", "principals", "office", "-", "/", "&", "(DSSEM)", "(", ")", "s'", "'s", "é",
                         "\t", "\n", "\u00bf", "\u00a0", "ﬁ", "Ⅻ", "x-", "-y", "/z", "directors", "classes"])
names = st.one_of(st.text(max_size=12), st.lists(st.one_of(words, st.text(max_size=3)), max_size=7).map(" ".join),
                  st.lists(words, max_size=6).map("".join))


@settings(max_examples=600, deadline=None)
@given(names)
def test_canonical_equals_the_regex_version(name):
    assert canonical(name) == canonical_by_regex(name)


def test_canonical_examples():
    for name in ["the Superintendent of Schools", "An other  all the Directors of Schools", " - / the a", "a", "the",
                 "Office of the General Counsel", "Dept. (DSSEM) & Co's things", "", "any the an x"]:
        assert canonical(name) == canonical_by_regex(name)


def test_fill_node_fills_only_unset_values():
    data = {"type": "Role", "name": "R", "aliases": [], "described": False, "grade": "", "code": 0, "months": None,
            "title": "T", "sq_oq": []}
    fill_node(data, "Role", "R2", {"described": True, "grade": "G", "code": 7, "months": 10, "title": "U", "sq_oq": ["x"]})
    assert data == {"type": "Role", "name": "R", "aliases": ["R2"], "described": True, "grade": "G", "code": 7,
                    "months": 10, "title": "T", "sq_oq": ["x"]}


def test_records_and_orggraph_merge_alike():
    """The build's records and OrgGraph.add_node/add_edge apply the same rules: same file."""
    ev = [{"doc": d, "start": s, "end": s + 1, "rule": "r", "text": t} for d, s, t in
          [("a", 1, "x"), ("a", 1, "y"), ("b", 1, "z"), ("a", 2, "w"), ("b", 1, "v")]]
    rec, g = Records(), OrgGraph()
    for nid, name in (("unit:a", "A"), ("unit:b", "B")):
        rec.add_node("Unit", name, nid, {})
        g.add_node("Unit", name, nid=nid)
    for u, v, e in [("unit:a", "unit:b", e) for e in ev] + [("unit:b", "unit:a", None), ("unit:b", "unit:a", ev[0])]:
        rec.add_edge(u, v, "PART_OF", e)
        g.add_edge(u, v, "PART_OF", e)
    rec.add_edge("unit:c", "unit:a", "PART_OF", None)  # a bare node, given its attributes later
    g.add_edge("unit:c", "unit:a", "PART_OF")
    rec.add_node("Unit", "C", "unit:c", {"aliases": ["CC"]})
    g.add_node("Unit", "C", nid="unit:c", aliases=["CC"])
    assert rec.edges[("unit:a", "unit:b", "PART_OF")]["evidence"] == [ev[0], ev[2], ev[3]]
    assert store.dumps(g) == b"".join(store.file_chunks(rec.summary(), rec.nodes, rec.edges)).decode()
    with pytest.raises(ValueError):
        rec.add_edge("unit:a", "unit:b", "NOT_A_TYPE", None)
    with pytest.raises(ValueError):
        g.add_node("Nothing", "x")


def test_file_chunks_of_an_empty_and_a_one_line_graph():
    assert b"".join(store.file_chunks({}, {}, {})).decode().splitlines()[1:] == ['],"edges":[', "]}"]
    text = b"".join(store.file_chunks({}, {"n": {"id": "n"}}, {("n", "n", "T"): {"source": "n", "target": "n"}})).decode()
    assert text.splitlines()[1:] == ['{"id":"n"}', '],"edges":[', '{"source":"n","target":"n"}', "]}"]


def test_the_build_path_does_not_import_networkx(tmp_path):
    """`orgkg build` and a build that only writes its file leave networkx unimported; OrgGraph still has it.
    Nor does a small build import what it does not run: the process pool, the graph walks, the other commands."""
    code = ("import sys, orgkg.cli, orgkg\n"
            f"rc = orgkg.cli.main(['build', *map(str, orgkg.sample_paths()), '-o', {str(tmp_path / 'g.json')!r}, '--quiet'])\n"
            "assert rc == 0, rc\n"
            "assert 'networkx' not in sys.modules, 'networkx imported'\n"
            "unused = {'concurrent.futures.process', 'orgkg.commands.chain', 'orgkg.viz.cli'}\n"
            "assert not unused & set(sys.modules), unused & set(sys.modules)\n"
            "assert len(orgkg.load(" + repr(str(tmp_path / "g.json")) + ")) > 0\n"
            "assert 'networkx' in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)  # orgkg as imported here
    assert r.returncode == 0, r.stderr

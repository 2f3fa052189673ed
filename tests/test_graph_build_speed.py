"""The build's faster code paths give exactly what the plain ones gave.

Why: canonical() decides node ids, merge_node() every attribute, and the fold and the save run on every
build; each was rewritten for speed, and the graph file must stay byte for byte the same. A build that only
saves its graph must not import networkx either (it costs ~0.2 s of every `orgkg build`).
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from orgkg.graph import store
from orgkg.graph.build import Fold
from orgkg.graph.ids import canonical, singular
from orgkg.graph.orggraph import _PLAIN, _UNSET, OrgGraph, merge_node

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


def test_the_unset_test_is_membership_in_unset():
    """merge_node skips `value in _UNSET` for non-empty plain values: the same answer for every value."""
    for value in [None, False, True, 0, 1, -1, 0.0, 2.5, float("nan"), "", "a", [], [0], {}, {"a": 1}, (), (1,), 0j, set()]:
        assert (not (value and value.__class__ in _PLAIN) and value in _UNSET) == (value in _UNSET)


def test_merge_node_fills_only_unset_values():
    data = {"type": "Role", "name": "R", "aliases": [], "described": False, "grade": "", "code": 0, "months": None,
            "title": "T", "sq_oq": []}
    merge_node(data, "R2", {"described": True, "grade": "G", "code": 7, "months": 10, "title": "U", "sq_oq": ["x"]})
    assert data == {"type": "Role", "name": "R", "aliases": ["R2"], "described": True, "grade": "G", "code": 7,
                    "months": 10, "title": "T", "sq_oq": ["x"]}


def test_fold_keeps_first_evidence_of_each_signature_like_orggraph():
    """Evidence signatures are only tracked from an edge's second piece of evidence on: same list as OrgGraph."""
    ev = [{"doc": d, "start": s, "end": s + 1, "rule": "r", "text": t} for d, s, t in
          [("a", 1, "x"), ("a", 1, "y"), ("b", 1, "z"), ("a", 2, "w"), ("b", 1, "v")]]
    ops = [("n", "Unit", "A", "unit:a", {}), ("n", "Unit", "B", "unit:b", {})]
    ops += [("e", "unit:a", "unit:b", "PART_OF", e) for e in ev]
    ops += [("e", "unit:b", "unit:a", "PART_OF", None), ("e", "unit:b", "unit:a", "PART_OF", ev[0])]
    f, g = Fold(), OrgGraph()
    f.apply_all(ops)
    for op in ops:
        (g.add_node(op[1], op[2], nid=op[3], **op[4]) if op[0] == "n" else g.add_edge(*op[1:]))
    assert f.edges[("unit:a", "unit:b", "PART_OF")]["evidence"] == [ev[0], ev[2], ev[3]]
    assert store.dumps(g) == "".join(store.file_chunks(f.summary(), f.nodes, f.edges))


def test_file_chunks_of_an_empty_and_a_one_line_graph():
    assert "".join(store.file_chunks({}, {}, {})).splitlines()[1:] == ['],"edges":[', "]}"]
    text = "".join(store.file_chunks({}, {"n": {"id": "n"}}, {("n", "n", "T"): {"source": "n", "target": "n"}}))
    assert text.splitlines()[1:] == ['{"id":"n"}', '],"edges":[', '{"source":"n","target":"n"}', "]}"]


def test_the_build_path_does_not_import_networkx(tmp_path):
    """`orgkg build` and a build that only writes its file leave networkx unimported; OrgGraph still has it.
    Nor does a small build import what it does not run: the process pool, the graph walks, the other commands."""
    code = ("import sys, orgkg.cli, orgkg\n"
            f"rc = orgkg.cli.main(['build', *map(str, orgkg.sample_paths()), '-o', {str(tmp_path / 'g.json')!r}, '--quiet'])\n"
            "assert rc == 0, rc\n"
            "assert 'networkx' not in sys.modules, 'networkx imported'\n"
            "unused = {'concurrent.futures.process', 'orgkg.graph.traverse', 'orgkg.commands.chain', 'orgkg.viz.cli'}\n"
            "assert not unused & set(sys.modules), unused & set(sys.modules)\n"
            "assert len(orgkg.load(" + repr(str(tmp_path / "g.json")) + ")) > 0\n"
            "assert 'networkx' in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)  # orgkg as imported here
    assert r.returncode == 0, r.stderr

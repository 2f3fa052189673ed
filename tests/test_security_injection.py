"""Hostile names and ids through every query language: answers agree, nothing is changed.

Why: role names come from documents orgkg did not write, and node ids can come from imported
graph files. They must reach Cypher and SPARQL only as parameters or engine-escaped terms. A graph
whose names AND ids are injection attempts must give the same answers in networkx, Cypher
(embedded FalkorDB) and SPARQL, and leave every store as it was; unknown hostile names are simply
"not found". (The query helpers own their own read-only tests; this checks the surfaces together.)
"""

from __future__ import annotations

import pytest

from orgkg.graph import OrgGraph
from orgkg.graph.store import dumps

HOSTILE = [
    "x'}) MATCH (n) DETACH DELETE n //",
    "\" } ; DROP ALL ; INSERT DATA { <a> <b> <c> } #",
    "back\\slash {braces} 'single' \"double\" `tick`",
    "a\nnewline\tand tab ]]> <script>",
    "') RETURN 1 UNION MATCH (n) SET n.name = 'owned' //",
]


def hostile_graph(hostile_ids: bool) -> OrgGraph:
    """Chain top <- mid <- low, low collaborates with a unit; every name (and optionally id) hostile."""
    g = OrgGraph()

    def nid(kind: str, i: int) -> str | None:
        return f"{kind}:{HOSTILE[i]}" if hostile_ids else None

    ev = {"doc": "h.txt", "section": "summary", "text": "stated", "start": 0, "end": 6, "rule": "test"}
    top = g.add_node("Role", HOSTILE[0], nid("role", 0), described=True)
    mid = g.add_node("Role", HOSTILE[1], nid("role", 1), described=True)
    low = g.add_node("Role", HOSTILE[2], nid("role", 2), described=True)
    unit = g.add_node("Unit", HOSTILE[3], nid("unit", 3))
    g.add_edge(low, mid, "UNDER_DIRECTION_OF", ev)
    g.add_edge(mid, top, "UNDER_DIRECTION_OF", ev)
    g.add_edge(low, unit, "COLLABORATES_WITH", ev)
    return g


LANGS = ("networkx", "cypher", "sparql")


def _ask(g: OrgGraph, name: str, arg: str, lang: str):
    from orgkg.queries.canned import ask

    return sorted(map(tuple, ask(g, name, arg, lang=lang)))


@pytest.mark.parametrize("hostile_ids", [False, True], ids=["hostile-names", "hostile-ids"])
def test_hostile_names_same_answers_everywhere_and_nothing_changes(hostile_ids):
    g = hostile_graph(hostile_ids)
    before = dumps(g)
    low = HOSTILE[2]
    answers = {}
    for lang in LANGS:
        answers[lang] = (_ask(g, "chain", low, lang), _ask(g, "collaborators", low, lang))
    want = answers["networkx"]
    assert len(want[0]) == 2, want  # mid and top above low
    assert len(want[1]) == 1, want
    for lang in LANGS[1:]:
        assert answers[lang] == want, f"{lang} differs from networkx: {answers[lang]} != {want}"
    # the stores still hold the whole graph: ask again in every language after all the hostile queries
    for lang in LANGS:
        assert _ask(g, "chain", low, lang) == want[0], f"{lang} store changed by a hostile query"
    assert dumps(g) == before


@pytest.mark.parametrize("name", HOSTILE)
def test_unknown_hostile_name_is_simply_not_found(sample_graph, name):
    from orgkg.queries.canned import ask

    nodes, edges = sample_graph.g.number_of_nodes(), sample_graph.g.number_of_edges()
    for lang in LANGS:
        with pytest.raises(LookupError):
            ask(sample_graph, "collaborators", name, lang=lang)
    assert (sample_graph.g.number_of_nodes(), sample_graph.g.number_of_edges()) == (nodes, edges)
    still = ask(sample_graph, "collaborators", "DSSEM", lang="cypher")
    assert any("coordinator-innovative-and-progressive-systemwide-training" in str(r) for r in still)

"""Documents that disagree: conflicting placements and collaboration claimed by one side only."""

from __future__ import annotations

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import parents
from orgkg.ontology.schema import COLLABORATES_WITH

from .docs import doc_path, is_described, own_docs
from .findings import Finding, unique_evidence


def _claims(g: OrgGraph) -> dict[tuple[str, str], list[dict]]:
    """(child, parent) -> evidence of every statement that puts parent above child."""
    out: dict[tuple[str, str], list[dict]] = {}
    for nid in g.g.nodes:
        for p, _, ev in parents(g, nid):
            out.setdefault((nid, p), []).extend(ev)
    return {k: unique_evidence(v) for k, v in out.items()}


def conflicts(g: OrgGraph) -> list[Finding]:
    """A placed under B by one document and under C by another that never says B; or A above B and B above A."""
    claims = _claims(g)
    by_child: dict[str, dict[str, dict[str, list[dict]]]] = {}  # child -> doc -> parent -> evidence
    for (c, p), ev in claims.items():
        for e in ev:
            by_child.setdefault(c, {}).setdefault(e.get("doc"), {}).setdefault(p, []).append(e)
    out = []
    for c, per_doc in sorted(by_child.items()):
        mine = own_docs(g, c)
        docs = sorted(per_doc, key=lambda d: (d not in mine, str(d)))
        seen = set()
        for i, da in enumerate(docs):
            for db in docs[i + 1:]:
                only_a = set(per_doc[da]) - set(per_doc[db])
                only_b = set(per_doc[db]) - set(per_doc[da])
                if not only_a or not only_b:
                    continue  # one document adds to the other, it does not contradict it
                pa, pb = sorted(only_a)[0], sorted(only_b)[0]
                if (pa, pb) in seen:
                    continue
                seen.add((pa, pb))
                ev = per_doc[da][pa][:1] + per_doc[db][pb][:1]
                who = "its own description" if da in mine else da
                out.append(Finding(
                    "conflict", c, g.name(c),
                    f"{who} places it under {g.name(pa)}; {db} places it under {g.name(pb)}", ev,
                    {"kind": "placement", "claims": [{"doc": da, "parent": pa}, {"doc": db, "parent": pb}]}))
    for (c, p), ev in sorted(claims.items()):
        if c < p and (p, c) in claims:
            back = claims[(p, c)]
            same = {e.get("doc") for e in ev} & {e.get("doc") for e in back}
            where = "the same document" if same and len({e.get("doc") for e in ev + back}) == 1 else "the documents"
            out.append(Finding(
                "conflict", c, g.name(c),
                f"{where} put {g.name(c)} under {g.name(p)} and {g.name(p)} under {g.name(c)}", ev[:1] + back[:1],
                {"kind": "reversed", "claims": [{"doc": ev[0].get("doc") if ev else None, "child": c, "parent": p},
                                                {"doc": back[0].get("doc") if back else None, "child": p, "parent": c}]}))
    return out


def _mentions(g: OrgGraph, b_docs: set[str], a: str, b: str) -> bool:
    """Does one of B's documents mention A: an extracted relation between them, or A's name in its text."""
    for u, v in ((a, b), (b, a)):
        for d in (g.g.get_edge_data(u, v) or {}).values():
            if any(e.get("doc") in b_docs for e in d.get("evidence", [])):
                return True
    names = [n.lower() for n in [g.name(a), *g.g.nodes[a].get("aliases", [])] if len(n) > 3]
    for doc in b_docs:
        path = doc_path(g, doc)
        try:
            text = open(path, encoding="utf-8", errors="replace").read().lower() if path else ""
        except OSError:
            text = ""
        if any(n in text for n in names):
            return True
    return False


def one_sided(g: OrgGraph) -> list[Finding]:
    """A's document says it collaborates with B; B has its own description, which never mentions A."""
    out = []
    for u, v, k, d in g.g.edges(keys=True, data=True):
        if k != COLLABORATES_WITH:
            continue
        for a, b in ((u, v), (v, u)):
            a_docs = own_docs(g, a)
            said = [e for e in d.get("evidence", []) if e.get("doc") in a_docs]
            if not said or not is_described(g, b) or g.g.nodes[b]["type"] not in ("Role", "Unit"):
                continue
            b_docs = own_docs(g, b)
            if not b_docs or _mentions(g, b_docs, a, b):
                continue
            out.append(Finding("one_sided", a, g.name(a),
                               f"says it collaborates with {g.name(b)}; {', '.join(sorted(b_docs))} does not mention it",
                               unique_evidence(said), {"other": b, "other_documents": sorted(b_docs)}))
    return sorted(out, key=lambda f: (f.name.lower(), f.data["other"]))

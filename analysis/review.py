"""The review queue: what in a graph most needs a human, most urgent first, each item with its evidence.

    from orgkg.analysis.review import review_queue
    for item in review_queue(g, limit=20):
        print(item.kind, item.name, item.message, item.evidence[:1])

Reuses the health checks (analysis/reporting, consistency, catalogue) and adds low-confidence edges and
names that nearly match. An edge a person already confirmed or corrected (`reviewed`, or evidence of kind
"correction") is left out, and so is a finding whose every edge is such. Each item says which `orgkg correct`
would settle it. Priorities are data (PRIORITY): a kind's base, plus a severity inside the kind.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import asdict, dataclass, field

from orgkg.graph import OrgGraph
from orgkg.graph.ids import canonical
from orgkg.ontology.schema import DESCRIBED_IN, ROLE, SUPERVISES, UNDER_DIRECTION_OF, UNIT

from . import catalogue, consistency, reporting
from .findings import unique_evidence

# kind -> (base priority, what settles it)
PRIORITY: dict[str, tuple[int, str]] = {
    "cycle": (100, "remove one of the reporting lines"),
    "conflict": (90, "remove the wrong placement or confirm both"),
    "low_confidence": (80, "confirm or remove the edge"),
    "multiple_supervisors": (60, "remove the wrong supervisor or confirm each"),
    "stub": (50, "describe the role, or merge it with `same` if it is another's name"),
    "near_match": (40, "`same` if one node, `different` if two"),
    "unsupervised": (30, "add its supervisor"),
}
KINDS = tuple(PRIORITY)
LOW_CONFIDENCE = 0.75  # edges below this confidence are queued
NEAR_MATCH = 0.9  # name similarity (difflib ratio of canonical names) at or above which two nodes are a candidate


@dataclass
class ReviewItem:
    kind: str
    score: float
    subject: str  # node id (the first, for several)
    name: str
    message: str
    action: str  # which correction settles it
    evidence: list[dict] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def is_reviewed(d: dict) -> bool:
    """A person confirmed or corrected this edge."""
    return bool(d.get("reviewed")) or any(e.get("kind") == "correction" for e in d.get("evidence") or [])


def confidence(d: dict) -> float:
    """An edge's confidence: its own, else the best of its evidence's, else 1.0 (extractors that give none)."""
    if d.get("confidence") is not None:
        return float(d["confidence"])
    given = [e["confidence"] for e in d.get("evidence") or [] if e.get("confidence") is not None]
    return float(max(given)) if given else 1.0


def _reporting_edges(g: OrgGraph, child: str, parent: str) -> list[dict]:
    """The edges that put `parent` above `child`, stated either way."""
    out = []
    for u, v, k in ((child, parent, UNDER_DIRECTION_OF), (parent, child, SUPERVISES)):
        if g.g.has_edge(u, v, key=k):
            out.append(g.g.edges[u, v, k])
    return out


def _settled(g: OrgGraph, pairs) -> bool:
    """Every reporting edge behind these (child, parent) pairs was reviewed by a person."""
    edges = [d for c, p in pairs for d in _reporting_edges(g, c, p)]
    return bool(edges) and all(is_reviewed(d) for d in edges)


def review_queue(g: OrgGraph, limit: int | None = None, threshold: float = LOW_CONFIDENCE,
                 apart: set[frozenset] | None = None) -> list[ReviewItem]:
    """Everything to review, highest score first; `apart`: pairs of node ids a person said are different.

    Example: `review_queue(orgkg.sample_graph(), limit=5)[0].kind`.
    """
    items = (_cycles(g) + _conflicts(g) + _low_confidence(g, threshold) + _multiple(g) + _stubs(g)
             + _near_matches(g, apart or set()) + _unsupervised(g))
    items.sort(key=lambda i: (-i.score, i.kind, i.name.lower(), i.subject))
    return items[:limit] if limit is not None else items


def _item(kind: str, severity: float, subject: str, name: str, message: str, evidence, data: dict) -> ReviewItem:
    base, action = PRIORITY[kind]
    return ReviewItem(kind, round(base + min(severity, 9.99), 2), subject, name, message, action,
                      unique_evidence(evidence), data)


def _cycles(g: OrgGraph) -> list[ReviewItem]:
    out = []
    for f in reporting.cycles(g):
        nodes = f.data["nodes"]
        if _settled(g, zip(nodes, nodes[1:] + nodes[:1])):
            continue
        out.append(_item("cycle", 10 / max(len(nodes), 1), f.subject, f.name, f.message, f.evidence, f.data))
    return out


def _conflicts(g: OrgGraph) -> list[ReviewItem]:
    out = []
    for f in consistency.conflicts(g):
        claims = f.data["claims"]
        pairs = [(c.get("child", f.subject), c["parent"]) for c in claims]
        if _settled(g, pairs):
            continue
        out.append(_item("conflict", len(claims), f.subject, f.name, f.message, f.evidence, f.data))
    return out


def _low_confidence(g: OrgGraph, threshold: float) -> list[ReviewItem]:
    out = []
    for u, v, k, d in g.g.edges(keys=True, data=True):
        c = confidence(d)
        if k == DESCRIBED_IN or c >= threshold or is_reviewed(d):
            continue
        msg = f"{g.name(u)} {k} {g.name(v)}: confidence {c:.2f}"
        out.append(_item("low_confidence", (1 - c) * 10, u, g.name(u), msg, d.get("evidence") or [],
                         {"source": u, "target": v, "type": k, "confidence": c}))
    return out


def _multiple(g: OrgGraph) -> list[ReviewItem]:
    out = []
    for f in reporting.multiple_supervisors(g):
        if _settled(g, [(f.subject, p) for p in f.data["supervisors"]]):
            continue
        out.append(_item("multiple_supervisors", f.data["count"], f.subject, f.name, f.message, f.evidence, f.data))
    return out


def _stubs(g: OrgGraph) -> list[ReviewItem]:
    out = []
    for f in catalogue.gaps(g):
        deps = f.data["dependant_count"]
        if f.data["kind"] != "stub role" or deps < 1:
            continue
        out.append(_item("stub", deps / 2, f.subject, f.name, f"{f.name}: not described; {deps} role(s) depend on it",
                         f.evidence, f.data))
    return out


def _unsupervised(g: OrgGraph) -> list[ReviewItem]:
    out = []
    for f in reporting.unsupervised(g):
        below = f.data["reports_below"]
        docs = ", ".join(f.data["documents"]) or "no document"
        out.append(_item("unsupervised", below / 2, f.subject, f.name,
                         f"{f.name}: {f.message} ({docs}); {below} below it", f.evidence, f.data))
    return out


_STOP = frozenset(("of", "and", "the", "for", "in", "to", "a", "an", "on", "at", "or"))
_COMMON = 50  # a word this many names share says little about two of them being one (chief, director, ...)


def _near_matches(g: OrgGraph, apart: set[frozenset]) -> list[ReviewItem]:
    """Pairs of roles (or of units) whose canonical names nearly match: candidates for `same`.

    Compared only within blocks of names sharing a word no more than _COMMON names have, so a 10,000-role
    graph is not 50 million comparisons; each name is set once as the matcher's second sequence (difflib
    indexes that one), and the cheap upper bounds (lengths, then character counts) go before `ratio`."""
    out = []
    sm = difflib.SequenceMatcher(None, autojunk=False)
    for node_type in (ROLE, UNIT):
        names = {nid: canonical(d["name"]) for nid, d in g.g.nodes(data=True) if d["type"] == node_type}
        by_word: dict[str, list[str]] = {}
        for nid in sorted(names):
            for w in set(names[nid].split()) - _STOP:
                by_word.setdefault(w, []).append(nid)
        against: dict[str, set[str]] = {}  # b -> the names a < b it shares a telling word with
        for block in by_word.values():
            if len(block) <= _COMMON:
                for i, b in enumerate(block):
                    against.setdefault(b, set()).update(block[:i])
        for b in sorted(against):
            sm.set_seq2(names[b])
            lb = len(names[b])
            for a in sorted(against[b]):
                la = len(names[a])
                if 2 * min(la, lb) / (la + lb) < NEAR_MATCH or frozenset((a, b)) in apart:
                    continue
                sm.set_seq1(names[a])
                if sm.quick_ratio() >= NEAR_MATCH and (ratio := sm.ratio()) >= NEAR_MATCH:
                    out.append(_near_item(g, a, b, ratio))
    return out


def _near_item(g: OrgGraph, a: str, b: str, ratio: float) -> ReviewItem:
    ev = [_one_sentence(g, a), _one_sentence(g, b)]
    return _item("near_match", ratio * 9.99, a, g.name(a),
                 f"{g.name(a)!r} and {g.name(b)!r} nearly match ({ratio:.2f})", [e for e in ev if e],
                 {"other": b, "other_name": g.name(b), "similarity": round(ratio, 3)})


def _one_sentence(g: OrgGraph, nid: str) -> dict | None:
    """A sentence that mentions the node: the first evidence of its edges (those that name it first)."""
    for edges in (g.g.in_edges(nid, keys=True, data=True), g.g.out_edges(nid, keys=True, data=True)):
        for _, _, k, d in sorted(edges, key=lambda x: (x[0], x[1], x[2])):
            for e in d.get("evidence") or [] if k != DESCRIBED_IN else []:
                if e.get("text"):
                    return e
    return None


def counts(items: list[ReviewItem]) -> dict[str, int]:
    c = Counter(i.kind for i in items)
    return {k: c[k] for k in KINDS if c[k]}


__all__ = ["ReviewItem", "review_queue", "is_reviewed", "confidence", "counts", "PRIORITY", "KINDS",
           "LOW_CONFIDENCE", "NEAR_MATCH"]

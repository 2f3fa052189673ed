"""What a picture shows: the selected nodes and edges, their positions, tooltips and styles.

One `View` feeds both the interactive HTML page and the Graphviz chart, so focused views,
type filters and the large-graph summary behave the same in both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from orgkg.errors import UserError
from orgkg.graph import OrgGraph
from orgkg.graph.traverse import chain, children, collaborators, members, parents, subtree
from orgkg.ontology.schema import (
    COMPETENCY,
    DOCUMENT,
    EDGE_TYPES,
    NODE_TYPES,
    ORGANIZATION,
    PART_OF,
    REPORTING_TYPES,
    ROLE,
    UNIT,
)

from .layout import Layout, compute_layout

DEFAULT_TYPES = (ROLE, UNIT, ORGANIZATION)  # competencies and documents would drown the org chart
SUMMARY_THRESHOLD = 1500  # above this many nodes the full picture collapses units
_TYPE_ORDER = {t: i for i, t in enumerate(NODE_TYPES)}


@dataclass
class VNode:
    id: str
    name: str
    type: str
    stub: bool
    level: int
    x: float
    y: float
    title: str  # tooltip / details text
    names: list[str]  # what the search box matches: name, aliases, acronyms
    parents: list[str] = field(default_factory=list)
    count: int = 0  # summary nodes: how many nodes were collapsed into this one

    @property
    def multi_parent(self) -> bool:
        return len(self.parents) > 1


@dataclass
class VEdge:
    id: str
    source: str
    target: str
    type: str
    title: str
    evidence: list[dict]
    primary: bool = True  # False: a reporting line to a second supervisor
    count: int = 1  # summary edges: how many edges were merged


@dataclass
class View:
    title: str
    nodes: list[VNode]
    edges: list[VEdge]
    total_nodes: int  # in the whole graph
    total_edges: int
    summary: bool = False
    banner: str | None = None
    focus: str | None = None  # node id the page selects on open
    hidden: dict[str, str] = field(default_factory=dict)  # searchable name -> summary node that contains it

    def node(self, nid: str) -> VNode:
        return next(n for n in self.nodes if n.id == nid)


@dataclass(frozen=True)
class ViewSpec:
    """What to draw: one of a focus (and `depth` hops around it), a reporting chain, someone's collaborators
    or a unit (none: the whole organisation); the node types; and whether (None: past `threshold` nodes)
    the organisation is drawn as a summary."""

    focus: str | None = None
    chain_of: str | None = None
    collaborators_of: str | None = None
    unit: str | None = None
    depth: int = 2
    types: tuple[str, ...] | None = None
    summary: bool | None = None
    threshold: int = SUMMARY_THRESHOLD


def build_view(g: OrgGraph, spec: ViewSpec | None = None) -> View:
    """Select, lay out and describe. Names are resolved forgivingly (name, alias or acronym).

    Example: build_view(g, ViewSpec(focus="DSSEM", depth=1)).title
    """
    spec = spec or ViewSpec()
    focus, chain_of, collaborators_of, unit = spec.focus, spec.chain_of, spec.collaborators_of, spec.unit
    depth, types, summary, threshold = spec.depth, spec.types, spec.summary, spec.threshold
    types = tuple(types) if types else DEFAULT_TYPES
    bad = [t for t in types if t not in NODE_TYPES]
    if bad:
        raise UserError(f"unknown node type {bad[0]!r}; known: {', '.join(NODE_TYPES)}")
    if depth < 0:
        raise UserError(f"--depth must be 0 or more, not {depth}")
    picked, title, start = _select(g, focus, chain_of, collaborators_of, unit, depth, types)
    keep = [n for n in picked if g.g.nodes[n]["type"] in types or n == start]
    if any(t in types for t in (COMPETENCY, DOCUMENT)) and start is not None:
        keep += _attached(g, keep, types)
    keep = list(dict.fromkeys(keep))
    keep_set = set(keep)
    edges = [(u, v, k, d) for u, v, k, d in g.g.edges(keep, keys=True, data=True) if v in keep_set]
    total_n, total_e = g.g.number_of_nodes(), g.g.number_of_edges()
    if summary or (summary is None and len(keep) > threshold):
        return _summary_view(g, keep, edges, title, threshold, total_n, total_e)
    lay = compute_layout(keep, _hierarchy(g, keep_set, edges), key=lambda n: _sort_key(g, n))
    vnodes = [_vnode(g, n, lay) for n in keep]
    vedges = [_vedge(g, u, v, k, d, lay) for u, v, k, d in edges]
    return View(title, vnodes, vedges, total_n, total_e, focus=start)


# ---- selection ---------------------------------------------------------------------------------
def _resolve(g: OrgGraph, name: str, kinds: tuple[str, ...] | None = None) -> str:
    try:
        return g.resolve(name, kinds)
    except LookupError as e:
        raise UserError(str(e), code=1) from None


def _select(g, focus, chain_of, collab_of, unit, depth, types) -> tuple[list[str], str, str | None]:
    asked = [x for x in (focus, chain_of, collab_of, unit) if x]
    if len(asked) > 1:
        raise UserError("choose one of --focus, --chain, --collaborators, --unit")
    if focus:
        nid = _resolve(g, focus)
        ids = [s.id for s in reversed(chain(g, nid))] + [s.id for s in subtree(g, nid, depth)[1:]]
        ids += [v for _, v, k in g.g.out_edges(nid, keys=True) if k == PART_OF]  # where it sits
        ids += [u for u, _, k in g.g.in_edges(nid, keys=True) if k == PART_OF]  # what sits in it
        return ids, f"{g.name(nid)}: chain to the top and reports {depth} level(s) down", nid
    if chain_of:
        nid = _resolve(g, chain_of, (ROLE, UNIT))
        return [s.id for s in chain(g, nid)], f"Reporting chain of {g.name(nid)}", nid
    if collab_of:
        nid = _resolve(g, collab_of, (ROLE, UNIT, ORGANIZATION))
        ids = members(g, nid) + [c.id for c in collaborators(g, nid)]
        return ids, f"Collaborators of {g.name(nid)}", nid
    if unit:
        nid = _resolve(g, unit, (UNIT, ORGANIZATION))
        ids: list[str] = []
        for m in members(g, nid):
            ids += [s.id for s in subtree(g, m, depth)]
        return ids, f"{g.name(nid)}: its members and their reports ({depth} level(s))", nid
    ids = [n for n, d in g.g.nodes(data=True) if d["type"] in types]
    return ids, "Organisation graph", None


def _attached(g: OrgGraph, keep: list[str], types: tuple[str, ...]) -> list[str]:
    """Competencies/documents of the roles in a focused view (the full view already has them all)."""
    out = []
    for n in keep:
        for _, v, _k in g.g.out_edges(n, keys=True):
            if g.g.nodes[v]["type"] in (COMPETENCY, DOCUMENT) and g.g.nodes[v]["type"] in types:
                out.append(v)
    return out


def _hierarchy(g: OrgGraph, keep: set[str], edges) -> list[tuple[str, str]]:
    """(parent, child): reporting lines; PART_OF puts a unit above members that report to no one shown."""
    pairs = []
    for n in keep:
        pairs += [(p, n) for p, _, _ in parents(g, n) if p in keep]
    has_parent = {c for _, c in pairs}
    pairs += [(v, u) for u, v, k, _ in edges if k == PART_OF and u not in has_parent]
    return pairs


def _sort_key(g: OrgGraph, n: str):
    d = g.g.nodes[n]
    return (_TYPE_ORDER.get(d["type"], 9), d["name"].lower(), n)


# ---- description -------------------------------------------------------------------------------
def _vnode(g: OrgGraph, n: str, lay: Layout) -> VNode:
    d = g.g.nodes[n]
    stub = d["type"] == ROLE and not d.get("described")
    ps = [p for p, _, _ in parents(g, n)]
    x, y = lay.pos[n]
    return VNode(n, d["name"], d["type"], stub, lay.level[n], x, y, node_text(g, n, lay.cyclic),
                 [d["name"], *d.get("aliases", [])], ps)


def node_text(g: OrgGraph, n: str, cyclic: set[str] = frozenset()) -> str:
    d = g.g.nodes[n]
    lines = [d["name"], f"{NODE_TYPES[d['type']].label}"
             + (" · stub: referenced by a description but not described itself"
                if d["type"] == ROLE and not d.get("described") else "")]
    if d.get("aliases"):
        lines.append("also: " + ", ".join(d["aliases"]))
    facts = [f"{k}: {d[k]}" for k in ("official_title", "code", "grade", "months", "overtime_eligible", "kind")
             if d.get(k) not in (None, "", [])]
    lines += facts
    ps = parents(g, n)
    if ps:
        lines.append(("supervisors" if len(ps) > 1 else "supervisor") + ": "
                     + "; ".join(g.name(p) for p, _, _ in ps))
    kids = children(g, n)
    if kids:
        lines.append(f"direct reports: {len(kids)}")
    if n in cyclic:
        lines.append("on a reporting cycle (the documents contradict each other)")
    if d.get("documents"):
        lines.append("described in: " + ", ".join(d["documents"]))
    lines.append(f"id: {n}")
    return "\n".join(lines)


def edge_text(g: OrgGraph, u: str, v: str, k: str, evidence: list[dict], limit: int = 3) -> str:
    lines = [f"{g.name(u)} — {EDGE_TYPES[k].label} → {g.name(v)}"]
    for e in evidence[:limit]:
        lines.append(f"“{' '.join(str(e.get('text', '')).split())}”")
        lines.append(f"   — {e.get('doc')}, {e.get('section')}, characters {e.get('start')}–{e.get('end')}")
    if len(evidence) > limit:
        lines.append(f"(+{len(evidence) - limit} more statements)")
    if not evidence:
        lines.append("(no evidence sentence recorded)")
    return "\n".join(lines)


def _vedge(g: OrgGraph, u: str, v: str, k: str, d: dict, lay: Layout) -> VEdge:
    primary = True
    if k in REPORTING_TYPES:
        child, parent = (u, v) if k != "SUPERVISES" else (v, u)
        primary = lay.primary.get(child, parent) == parent
    ev = list(d.get("evidence", []))
    return VEdge(f"{u}|{k}|{v}", u, v, k, edge_text(g, u, v, k, ev), ev, primary)


# ---- large graphs: collapse units --------------------------------------------------------------
def _unit_depths(g: OrgGraph) -> dict[str, int]:
    """PART_OF depth of each unit/organisation (0 = not part of anything)."""
    up: dict[str, list[str]] = defaultdict(list)
    for u, v, k in g.g.edges(keys=True):
        if k == PART_OF and g.g.nodes[u]["type"] in (UNIT, ORGANIZATION):
            up[u].append(v)
    depth: dict[str, int] = {}
    for n, d in g.g.nodes(data=True):
        if d["type"] not in (UNIT, ORGANIZATION):
            continue
        seen, cur, k = {n}, n, 0
        while up.get(cur):
            nxt = sorted(up[cur])[0]
            if nxt in seen:
                break
            seen.add(nxt)
            cur, k = nxt, k + 1
        depth[n] = k
    return depth


def _grouping(g: OrgGraph, keep: list[str], level: int, depths: dict[str, int]) -> dict[str, str]:
    """node -> the unit at PART_OF depth <= `level` it belongs to (deepest such), itself if none."""
    group: dict[str, str] = {}
    units = sorted((u for u, dd in depths.items() if dd <= level), key=lambda u: depths[u])
    for u in units:  # shallow first, so deeper units overwrite with the finer group
        for m in members(g, u):
            group[m] = u
    return {n: group.get(n, n) for n in keep}


def _summary_view(g, keep, edges, title, threshold, total_n, total_e) -> View:
    depths = _unit_depths(g)
    levels = sorted(set(depths.values())) or [0]
    group = _grouping(g, keep, levels[0], depths)
    for lv in levels[1:]:  # the finest grouping that still fits under the threshold
        finer = _grouping(g, keep, lv, depths)
        if len(set(finer.values())) > threshold:
            break
        group = finer
    size = Counter(group.values())
    reps = list(dict.fromkeys(group[n] for n in keep))
    merged: dict[tuple[str, str, str], list] = {}
    for u, v, k, d in edges:
        a, b = group[u], group[v]
        if a == b:
            continue
        merged.setdefault((a, b, k), []).append(d.get("evidence", []))
    hier = [(b, a) if k != "SUPERVISES" else (a, b) for (a, b, k) in merged if k in REPORTING_TYPES]
    hier += [(b, a) for (a, b, k) in merged if k == PART_OF]
    lay = compute_layout(reps, hier, key=lambda n: _sort_key(g, n))
    vnodes = []
    for r in reps:
        d = g.g.nodes[r]
        n_in = size[r]
        label = f"{d['name']} [{n_in}]" if n_in > 1 else d["name"]
        text = node_text(g, r, lay.cyclic)
        if n_in > 1:
            text = (f"{label}\nsummary: this {NODE_TYPES[d['type']].label} stands for {n_in} nodes\n"
                    f"see them: orgkg viz GRAPH --unit \"{d['name']}\"\n\n" + text)
        stub = d["type"] == ROLE and not d.get("described")
        x, y = lay.pos[r]
        vnodes.append(VNode(r, label, d["type"], stub, lay.level[r], x, y, text, [d["name"], *d.get("aliases", [])],
                            lay.parents.get(r, []), n_in))
    vedges = []
    for (a, b, k), evs in merged.items():
        flat = [e for ev in evs for e in ev]
        t = edge_text(g, a, b, k, flat, limit=1)
        if len(evs) > 1:
            t = f"{len(evs)} {EDGE_TYPES[k].label} lines between these groups\n" + t
        primary = True
        if k in REPORTING_TYPES:
            child, parent = (a, b) if k != "SUPERVISES" else (b, a)
            primary = lay.primary.get(child, parent) == parent
        vedges.append(VEdge(f"{a}|{k}|{b}", a, b, k, t, flat[:1], primary, len(evs)))
    hidden = {}
    for n in keep:
        if group[n] != n:
            d = g.g.nodes[n]
            for nm in (d["name"], *d.get("aliases", [])):
                hidden.setdefault(nm, group[n])
    banner = (f"Summary view: the graph has {len(keep):,} nodes to draw, more than {threshold:,}, so units are "
              f"collapsed into one box each ([n] = members inside); {len(reps):,} boxes shown. Focus to see "
              f"individual roles: orgkg viz GRAPH --unit NAME, --focus NAME or --chain NAME (or show(focus=...)).")
    return View(title + " (summary)", vnodes, vedges, total_n, total_e, summary=True, banner=banner, hidden=hidden)

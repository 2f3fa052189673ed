"""Applying a corrections file (graph/corrections.py) to an OrgGraph, in file order.

Run after extraction and entity resolution, before the graph is saved, at every build: corrections are never
stored in the extraction cache, so they survive every rebuild and vanish when their file does.

- remove: the edge is taken out, and so is the same statement made the other way (B SUPERVISES A for
  A UNDER_DIRECTION_OF B; either direction of COLLABORATES_WITH), since every surface reads both;
- add: the edge is added (or kept) with evidence of kind "correction" (by, when, why, file, line) and marked
  reviewed; the evidence's doc is the corrections file's name and its start/end are the entry's lines;
- confirm: the edge (or its statement the other way) is marked reviewed;
- same: the nodes become one, the described one (else the first named that is not an acronym): names kept
  as aliases, documents merged, edges re-pointed (their evidence merged, loops dropped);
- different: nothing to do when the names are two nodes; when resolution made them one, the name that is
  not the node's own is split off into its own node, taking with it the statements whose sentence uses that
  name (not the node's own name) from documents other than the node's own description;
- rename: a new display name, the old one kept as an alias.

A correction that matches nothing any more (a name or edge vanished) is a warning naming its file line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orgkg.ontology.schema import (
    COLLABORATES_WITH,
    COMPETENCY,
    DESCRIBED_IN,
    EDGE_TYPES,
    ORGANIZATION,
    REQUIRES,
    ROLE,
    SUPERVISES,
    UNDER_DIRECTION_OF,
    UNIT,
)

from .corrections import Correction
from .ids import canonical, node_id
from .merge import evidence_sig, merge_node
from .orggraph import OrgGraph

NAMED_TYPES = (ROLE, UNIT, ORGANIZATION, COMPETENCY)  # what `same`, `different` and `rename` may name
_MIRROR = {UNDER_DIRECTION_OF: SUPERVISES, SUPERVISES: UNDER_DIRECTION_OF, COLLABORATES_WITH: COLLABORATES_WITH}


class Stale(Exception):
    """The correction matches nothing in this graph (a name or an edge vanished)."""


class Refused(Exception):
    """The correction names things that exist, but applying it would be wrong (its message says why)."""


@dataclass
class CorrectionReport:
    """What a corrections file did to a graph: one line per applied entry, the edges it took out, warnings."""

    file: str
    applied: list[str] = field(default_factory=list)  # "FILE:LINE: what was done"
    removed: list[dict] = field(default_factory=list)  # {source, type, target, where, evidence}
    warnings: list[str] = field(default_factory=list)  # "FILE:LINE: stale ...", "FILE:LINE: not applied ..."
    summary: dict = field(default_factory=dict)  # the corrected graph's summary

    def to_text(self) -> str:
        """The build summary's lines: counts, then every edge taken out and the entry that took it out."""
        out = [f"  corrections: {len(self.applied)} applied, {len(self.warnings)} warning(s) ({self.file})\n"]
        for r in self.removed:
            out.append(f"    removed {r['source']} -{r['type']}-> {r['target']}  ({r['where']})\n")
        return "".join(out)

    def to_dict(self) -> dict:
        return {"file": self.file, "applied": self.applied, "removed": self.removed, "warnings": self.warnings,
                "summary": self.summary}


def apply_corrections(g: OrgGraph, corrections: list[Correction], file: str | None = None) -> CorrectionReport:
    """Apply `corrections` to `g` in place, in order; returns what was done and what did not match.

    Example: `report = apply_corrections(g, load_corrections("corrections.yaml")); report.warnings`.
    """
    report = CorrectionReport(file or (corrections[0].file if corrections else ""))
    for c in corrections:
        try:
            done = _APPLY[c.kind](g, c, report)
        except Stale as e:
            report.warnings.append(f"{c.where}: stale correction ({c.kind}): {e}")
        except Refused as e:
            report.warnings.append(f"{c.where}: correction not applied ({c.kind}): {e}")
        else:
            report.applied.append(f"{c.where}: {done}")
        g._index = None  # names and nodes may have changed: the name index is rebuilt on next use
    report.summary = g.summary()
    return report


class CorrectionWarning(UserWarning):
    """A correction that matched nothing, or was not applied (the message names its file line)."""


def apply_file(g: OrgGraph, path) -> CorrectionReport:
    """Apply the corrections file at `path` to `g`; each warning is also a Python CorrectionWarning.

    Example: `apply_file(orgkg.sample_graph(), "corrections.yaml").applied`.
    """
    import warnings

    from .corrections import load_corrections

    report = apply_corrections(g, load_corrections(path), str(path))
    for w in report.warnings:
        warnings.warn(w, CorrectionWarning, stacklevel=2)
    return report


def correct_file(path, corrections: list[Correction], file: str | None = None) -> CorrectionReport:
    """Apply `corrections` to the graph saved at `path` and save it again (atomically, as every save).

    The build's hook: `orgkg build --corrections FILE` writes the graph its documents give, then this.
    Example: `correct_file("org.json", load_corrections("corrections.yaml")).removed`.
    """
    from .orggraph import load
    from .store import save

    g = load(path)
    report = apply_corrections(g, corrections, file)
    save(g, path)
    return report


def correction_evidence(c: Correction) -> dict:
    """The evidence an added edge carries: who, when, why, and where in the corrections file."""
    from pathlib import Path

    who = f" by {c.by}" if c.by else ""
    date = f" ({c.when})" if c.when else ""
    text = f"correction{who}{date}: {c.why or 'no reason given'}"
    # the evidence fields first, then the rest sorted: the order an RDF import gives back
    return {"doc": Path(c.file).name, "section": "correction", "text": text, "start": c.line, "end": c.end_line,
            "rule": "correction", "by": c.by, "file": c.file, "kind": "correction", "line": c.line,
            "when": c.when, "why": c.why}


def is_correction(e: dict) -> bool:
    return e.get("kind") == "correction"


# ---- finding what an entry names ----------------------------------------------------------------
def _resolve(g: OrgGraph, name: str, types: tuple[str, ...]) -> str:
    found = g.find(name, types)
    if found:
        return found[0].id
    sugg = [s for s in g.suggest(name, 10) if g.find(s, types)][:5]  # only names the entry could mean
    hint = f" (did you mean: {', '.join(repr(s) for s in sugg)}?)" if sugg else ""
    raise Stale(f"no {' or '.join(types)} named {name!r} in the graph{hint}")


def _ends(g: OrgGraph, c: Correction) -> tuple[str, str, str]:
    t = c.args["type"]
    et = EDGE_TYPES[t]
    return _resolve(g, c.args["source"], et.sources), _resolve(g, c.args["target"], et.targets), t


def _statements(g: OrgGraph, u: str, v: str, t: str) -> list[tuple[str, str, str]]:
    """The edge (u, v, t) and the same statement made the other way, those present in `g`."""
    keys = [(u, v, t)]
    if t in _MIRROR:
        keys.append((v, u, _MIRROR[t]))
    return [k for k in keys if g.g.has_edge(*k)]


def _label(g: OrgGraph, u: str, v: str, t: str) -> str:
    return f"{g.name(u)} -{t}-> {g.name(v)}"


# ---- the six corrections ------------------------------------------------------------------------
def _remove(g: OrgGraph, c: Correction, report: CorrectionReport) -> str:
    u, v, t = _ends(g, c)
    found = _statements(g, u, v, t)
    if not found:
        raise Stale(f"no {t} edge from {g.name(u)!r} to {g.name(v)!r} (nor stated the other way)")
    for key in found:
        ev = g.g.edges[key].get("evidence") or []
        report.removed.append({"source": g.name(key[0]), "type": key[2], "target": g.name(key[1]),
                               "where": c.where, "evidence": ev[0].get("text") if ev else None})
        g.g.remove_edge(*key)
    return "removed " + "; ".join(_label(g, *k) for k in found)


def _add(g: OrgGraph, c: Correction, report: CorrectionReport) -> str:
    u, v, t = _ends(g, c)
    existed = g.g.has_edge(u, v, key=t)
    g.add_edge(u, v, t, correction_evidence(c))
    g.g.edges[u, v, t]["reviewed"] = True
    return ("already stated; correction evidence added to " if existed else "added ") + _label(g, u, v, t)


def _confirm(g: OrgGraph, c: Correction, report: CorrectionReport) -> str:
    u, v, t = _ends(g, c)
    found = _statements(g, u, v, t)
    if not found:
        raise Stale(f"no {t} edge from {g.name(u)!r} to {g.name(v)!r} to confirm (nor stated the other way)")
    for key in found:
        g.g.edges[key]["reviewed"] = True
    return "confirmed " + "; ".join(_label(g, *k) for k in found)


def _rename(g: OrgGraph, c: Correction, report: CorrectionReport) -> str:
    nid = _resolve(g, c.args["node"], NAMED_TYPES)
    new = c.args["name"]
    d = g.g.nodes[nid]
    other = [m.id for m in g.find(new, (d["type"],)) if m.id != nid]
    if other:
        raise Refused(f"{new!r} already names {g.name(other[0])!r}; merge them with `same` instead")
    old = d["name"]
    if old == new:
        return f"{old!r} already has that name"
    d["name"] = new
    d["aliases"] = [a for a in d.get("aliases") or [] if a != new]
    if old not in d["aliases"]:
        d["aliases"].append(old)
    return f"renamed {old!r} to {new!r} (old name kept as an alias)"


def _same(g: OrgGraph, c: Correction, report: CorrectionReport) -> str:
    ids: list[str] = []
    for name in c.args["names"]:
        nid = _resolve(g, name, NAMED_TYPES)
        if nid not in ids:
            ids.append(nid)
    if len(ids) == 1:
        return f"{g.name(ids[0])!r} is already one node"
    types = {g.g.nodes[n]["type"] for n in ids}
    if len(types) > 1:
        raise Refused("the names are nodes of different types (" + ", ".join(
            f"{g.name(n)!r}: {g.g.nodes[n]['type']}" for n in ids) + ")")
    keep = min(ids, key=lambda n: (not g.g.nodes[n].get("described"), _is_acronym(g.name(n)), ids.index(n)))
    merged = [g.name(n) for n in ids if n != keep]
    moved = sum(_merge_into(g, keep, n) for n in ids if n != keep)
    return f"merged {', '.join(map(repr, merged))} into {g.name(keep)!r} ({moved} edge(s) re-pointed)"


def _is_acronym(name: str) -> bool:
    return name.isupper() and " " not in name


def _merge_into(g: OrgGraph, keep: str, other: str) -> int:
    """Fold node `other` into `keep`: names, documents and edges; returns the number of edges moved."""
    od = g.g.nodes[other]
    merge_node(g.g.nodes[keep], od["name"], {k: v for k, v in od.items() if k not in ("type", "name")})
    edges = [(u, v, k, d) for u, v, k, d in g.g.out_edges(other, keys=True, data=True)]
    edges += [(u, v, k, d) for u, v, k, d in g.g.in_edges(other, keys=True, data=True) if u != other]
    for u, v, k, d in edges:
        _put_edge(g, keep if u == other else u, keep if v == other else v, k, d)
    g.g.remove_node(other)
    return len(edges)


def _put_edge(g: OrgGraph, u: str, v: str, k: str, d: dict) -> None:
    """Add edge data to (u, v, k), merging its evidence and reviewed flag with an edge already there."""
    if u == v:
        return  # A under B with A and B one node: not a statement about anyone
    if not g.g.has_edge(u, v, key=k):
        g.g.add_edge(u, v, key=k, **{a: list(b) if isinstance(b, list) else b for a, b in d.items()})
        return
    cur = g.g.edges[u, v, k]
    sigs = {evidence_sig(e) for e in cur["evidence"]}
    cur["evidence"] += [e for e in d.get("evidence") or [] if evidence_sig(e) not in sigs]
    if d.get("reviewed"):
        cur["reviewed"] = True


def _different(g: OrgGraph, c: Correction, report: CorrectionReport) -> str:
    names = c.args["names"]
    for n in names:
        _resolve(g, n, NAMED_TYPES)  # every name must still be there
    done = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ia, ib = _resolve(g, a, NAMED_TYPES), _resolve(g, b, NAMED_TYPES)  # again: a split moves names
            if ia == ib:
                done.append(_split(g, ia, a, b))
                g._index = None
    return "; ".join(done) if done else f"already {len(names)} separate nodes"


def _split(g: OrgGraph, nid: str, a: str, b: str) -> str:
    """Split the name of `a`/`b` that is not node `nid`'s own off into a node of its own."""
    d = g.g.nodes[nid]
    own = canonical(d["name"])
    if canonical(a) == canonical(b):
        raise Refused(f"{a!r} and {b!r} are the same name once case, articles and plurals are ignored")
    if own not in (canonical(a), canonical(b)):
        raise Refused(f"both are other names of {d['name']!r}; rename it to one of them first")
    off = b if canonical(a) == own else a
    new_id = node_id(d["type"], off)
    if new_id in g.g:
        raise Refused(f"a node {g.name(new_id)!r} already has the id {new_id!r}")
    key = canonical(off)
    d["aliases"] = [x for x in d.get("aliases") or [] if canonical(x) != key]
    g.add_node(d["type"], off, nid=new_id, **({"described": False} if d["type"] == ROLE else {}))
    moved = _move_mentions(g, nid, new_id, off)
    return f"split {off!r} off {d['name']!r} ({moved} statement(s) use that name)"


def _move_mentions(g: OrgGraph, nid: str, new_id: str, name: str) -> int:
    """Move the evidence whose sentence uses `name` (not the node's own name) from edges of `nid` to `new_id`."""
    d = g.g.nodes[nid]
    own_docs = set(d.get("documents") or [])
    mine = sorted({d["name"], *(d.get("aliases") or [])}, key=len, reverse=True)
    pattern = re.compile(r"\b" + re.escape(name.lower()) + r"s?\b")
    moved = 0
    edges = list(g.g.out_edges(nid, keys=True, data=True)) + list(g.g.in_edges(nid, keys=True, data=True))
    for u, v, k, data in edges:
        if k in (DESCRIBED_IN, REQUIRES) or u == v:
            continue
        go, stay = [], []
        for e in data.get("evidence") or []:
            text = (e.get("text") or "").lower()
            for n in mine:
                text = text.replace(n.lower(), " ")
            uses = e.get("doc") not in own_docs and not e.get("kind") and pattern.search(text)
            (go if uses else stay).append(e)
        if not go:
            continue
        moved += len(go)
        _put_edge(g, new_id if u == nid else u, new_id if v == nid else v, k, {**data, "evidence": go})
        if stay:
            data["evidence"] = stay
        else:
            g.g.remove_edge(u, v, key=k)
    return moved


_APPLY = {"remove": _remove, "add": _add, "confirm": _confirm, "same": _same, "different": _different,
          "rename": _rename}

__all__ = ["CorrectionReport", "CorrectionWarning", "apply_corrections", "apply_file", "correct_file",
           "correction_evidence", "is_correction", "NAMED_TYPES"]

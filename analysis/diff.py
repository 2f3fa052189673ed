"""What changed between two graphs: two versions of a catalogue, or a build before and after corrections.

    from orgkg.analysis.diff import diff_graphs
    d = diff_graphs(orgkg.load("old.json"), orgkg.load("new.json"))
    d.equal, d.moved, d.to_markdown()

A role is the same role in both graphs when it has the same id, or when the same document describes it under
a new title (a rename, reported as such, not as one role removed and another added). Moves, collaborations
and competencies are compared for what exists in both graphs; what was added or removed is listed once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from orgkg.graph import OrgGraph
from orgkg.graph.traverse import parents
from orgkg.ontology.schema import COLLABORATES_WITH, DESCRIBED_IN, ORGANIZATION, REQUIRES, ROLE, UNIT

ENTITY_TYPES = (ROLE, UNIT, ORGANIZATION)
_PLURAL = {ROLE: "roles", UNIT: "units", ORGANIZATION: "organizations"}


@dataclass
class GraphDiff:
    """Every list holds plain dicts (JSON-ready); names are display names, ids the graphs' own."""

    added: list[dict] = field(default_factory=list)  # {id, name, type}
    removed: list[dict] = field(default_factory=list)  # {id, name, type}
    renamed: list[dict] = field(default_factory=list)  # {old_id, id, old, new, document}
    moved: list[dict] = field(default_factory=list)  # {id, name, old: [names], new: [names]}
    collaborations_gained: list[list[str]] = field(default_factory=list)  # [name, name]
    collaborations_lost: list[list[str]] = field(default_factory=list)
    competencies: list[dict] = field(default_factory=list)  # {id, name, added: [names], removed: [names]}

    @property
    def equal(self) -> bool:
        return not any(asdict(self).values())

    def to_dict(self) -> dict:
        return {"equal": self.equal, **asdict(self)}

    def sections(self) -> list[tuple[str, list[str]]]:
        """(title, lines) per non-empty kind of change, in a fixed order: what the text and Markdown show."""
        out = []
        for verb, items in (("added", self.added), ("removed", self.removed)):
            for t in ENTITY_TYPES:
                names = [i["name"] for i in items if i["type"] == t]
                if names:
                    out.append((f"{_PLURAL[t]} {verb}", names))
        out.append(("titles renamed", [f"{r['old']} -> {r['new']} ({r['document']})" if r["document"]
                                       else f"{r['old']} -> {r['new']}" for r in self.renamed]))
        out.append(("reporting lines moved", [f"{m['name']}: {_names(m['old'])} -> {_names(m['new'])}"
                                              for m in self.moved]))
        out.append(("collaborations gained", [f"{a} <-> {b}" for a, b in self.collaborations_gained]))
        out.append(("collaborations lost", [f"{a} <-> {b}" for a, b in self.collaborations_lost]))
        out.append(("competencies changed", [f"{c['name']}: " + "; ".join(
            [f"+ {n}" for n in c["added"]] + [f"- {n}" for n in c["removed"]]) for c in self.competencies]))
        return [(title, lines) for title, lines in out if lines]

    def to_text(self) -> str:
        if self.equal:
            return "no differences\n"
        out = []
        for title, lines in self.sections():
            out.append(f"{title} ({len(lines)}):\n")
            out += [f"  {line}\n" for line in lines]
        return "".join(out)

    def to_markdown(self) -> str:
        out = ["# What changed\n\n"]
        if self.equal:
            return out[0] + "No differences.\n"
        for title, lines in self.sections():
            out.append(f"## {title[:1].upper()}{title[1:]} ({len(lines)})\n\n")
            out += [f"- {line}\n" for line in lines]
            out.append("\n")
        return "".join(out)


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "(none)"


def diff_graphs(old: OrgGraph, new: OrgGraph) -> GraphDiff:
    """The changes from `old` to `new`.

    Example: `diff_graphs(g, g).equal is True`.
    """
    d = GraphDiff()
    same = _identity(old, new, d)  # old id -> new id, for the entities in both
    gone = sorted(set(_entities(old)) - set(same))
    made = sorted(set(_entities(new)) - set(same.values()))
    d.removed = [{"id": n, "name": old.name(n), "type": old.g.nodes[n]["type"]} for n in gone]
    d.added = [{"id": n, "name": new.name(n), "type": new.g.nodes[n]["type"]} for n in made]
    kept = set(same.values())
    for o, n in sorted(same.items()):
        before = sorted({same[p] for p, _, _ in parents(old, o) if p in same})
        after = sorted({p for p, _, _ in parents(new, n) if p in kept})
        if before != after:
            d.moved.append({"id": n, "name": new.name(n), "old": [new.name(p) for p in before],
                            "new": [new.name(p) for p in after]})
    _collaborations(old, new, same, d)
    _competencies(old, new, same, d)
    return d


def _entities(g: OrgGraph) -> list[str]:
    return [n for n, t in g.g.nodes(data="type") if t in ENTITY_TYPES]


def _described_by(g: OrgGraph) -> dict[str, str]:
    """document name -> the role it describes."""
    out = {}
    for u, v, k in g.g.edges(keys=True):
        if k == DESCRIBED_IN:
            out[g.g.nodes[v].get("name") or v] = u
    return out


def _identity(old: OrgGraph, new: OrgGraph, d: GraphDiff) -> dict[str, str]:
    """old id -> new id: the same id, or the role the same document describes (a renamed title)."""
    same = {n: n for n in _entities(old) if n in new.g and new.g.nodes[n]["type"] == old.g.nodes[n]["type"]}
    old_docs, new_docs = _described_by(old), _described_by(new)
    taken = set(same.values())
    for doc, o in sorted(old_docs.items()):
        n = new_docs.get(doc)
        if n is None or o in same or n in taken:
            continue
        same[o] = n
        taken.add(n)
        d.renamed.append({"old_id": o, "id": n, "old": old.name(o), "new": new.name(n), "document": doc})
    for o, n in sorted(same.items()):
        if o == n and old.name(o) != new.name(n):  # same id, new display name (a `rename` correction)
            d.renamed.append({"old_id": o, "id": n, "old": old.name(o), "new": new.name(n), "document": None})
    return same


def _pairs(g: OrgGraph, ids: dict[str, str]) -> set[frozenset]:
    """COLLABORATES_WITH as unordered pairs of (mapped) ids, for edges whose ends are both in `ids`."""
    return {frozenset((ids[u], ids[v])) for u, v, k in g.g.edges(keys=True)
            if k == COLLABORATES_WITH and u in ids and v in ids and u != v}


def _collaborations(old: OrgGraph, new: OrgGraph, same: dict[str, str], d: GraphDiff) -> None:
    before = _pairs(old, same)
    after = _pairs(new, {n: n for n in same.values()})

    def named(pairs: set[frozenset]) -> list[list[str]]:
        return sorted(sorted(new.name(x) for x in p) for p in pairs)

    d.collaborations_gained = named(after - before)
    d.collaborations_lost = named(before - after)


def _required(g: OrgGraph, nid: str) -> dict[str, str]:
    return {v: g.name(v) for _, v, k in g.g.out_edges(nid, keys=True) if k == REQUIRES}


def _competencies(old: OrgGraph, new: OrgGraph, same: dict[str, str], d: GraphDiff) -> None:
    for o, n in sorted(same.items()):
        if new.g.nodes[n]["type"] != ROLE:
            continue
        before, after = _required(old, o), _required(new, n)
        if before.keys() != after.keys():
            d.competencies.append({"id": n, "name": new.name(n),
                                   "added": sorted(after[c] for c in after.keys() - before.keys()),
                                   "removed": sorted(before[c] for c in before.keys() - after.keys())})


__all__ = ["GraphDiff", "diff_graphs"]

"""`orgkg collaborators NAME`: who collaborates with a role, unit or acronym (both directions)."""

from __future__ import annotations

from orgkg.graph import collaborators

from ._common import add_graph_option, open_graph, resolve
from ._output import add_format_option, where, write_rows


def register(sub) -> None:
    p = sub.add_parser("collaborators", help="who collaborates with a role, unit or acronym",
                       description="Who collaborates with NAME or with a role located in it, in either direction.")
    p.add_argument("name", metavar="NAME")
    add_graph_option(p)
    add_format_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    g = open_graph(args.graph)
    nid = resolve(g, args.name, ("Role", "Unit", "Organization"))
    if args.format == "text":
        print_collaborators(g, nid)
    else:
        write_rows([{"id": c.id, "name": c.name, "type": c.type, "via": g.name(c.via), "evidence": c.evidence}
                    for c in collaborators(g, nid)], args.format)
    return 0


def print_collaborators(g, nid: str) -> None:
    found = collaborators(g, nid)
    print(f"who collaborates with {g.name(nid)}: {len(found)}")
    for c in found:
        via = "" if c.via == nid else f" (via {g.name(c.via)}, located in it)"
        print(f"  - {c.name} [{c.type.lower()}]{via}")
        for e in c.evidence[:1]:
            t = " ".join(e["text"].split())
            print(f"      \"{t[:157] + '…' if len(t) > 160 else t}\" — {where(e)}")

"""`orgkg chain ROLE`: the reporting chain up to the top, every step with its evidence sentence."""

from __future__ import annotations

from orgkg.graph import chain

from ._common import add_graph_option, open_graph, resolve


def register(sub) -> None:
    p = sub.add_parser("chain", help="reporting chain of a role up to the top, with evidence",
                       description="Who is above ROLE, nearest first; each step shows the sentence that states it.")
    p.add_argument("role", metavar="ROLE", help="role name, alias or acronym (forgiving on case and articles)")
    add_graph_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    g = open_graph(args.graph)
    nid = resolve(g, args.role, ("Role", "Unit"))
    print_chain(g, nid)
    return 0


def print_chain(g, nid: str) -> None:
    steps = chain(g, nid)
    print(f"{steps[0].name}")
    if len(steps) == 1:
        print("  (no supervisor stated in the documents)")
    for s in steps[1:]:
        below = g.name(s.below)
        stub = "" if s.type != "Role" or g.g.nodes[s.id].get("described") else " [not described]"
        print(f"  {'  ' * (s.distance - 1)}↑ {s.distance}: {s.name}{stub}  ({below} {s.relation.lower().replace('_', ' ')})"
              if s.relation == "UNDER_DIRECTION_OF" else
              f"  {'  ' * (s.distance - 1)}↑ {s.distance}: {s.name}{stub}  (supervises {below})")
        for e in s.evidence[:2]:
            print(f"  {'  ' * (s.distance - 1)}    \"{_short(e['text'])}\" — {e['doc']}:{e['start']}-{e['end']}")


def _short(text: str, n: int = 160) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"

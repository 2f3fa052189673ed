"""`orgkg chain ROLE`: the reporting chain up to the top, every step with its evidence sentence."""

from __future__ import annotations

from orgkg.graph import chain

from ._common import add_graph_option, open_graph, resolve
from ._output import add_format_option, where, write_rows


def register(sub) -> None:
    p = sub.add_parser("chain", help="reporting chain of a role up to the top, with evidence",
                       description="Who is above ROLE, nearest first; each step shows the sentence that states it.")
    p.add_argument("role", metavar="ROLE", help="role name, alias or acronym (forgiving on case and articles)")
    add_graph_option(p)
    add_format_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    g = open_graph(args.graph)
    nid = resolve(g, args.role, ("Role", "Unit"))
    if args.format == "text":
        print_chain(g, nid)
    else:
        write_rows(chain_rows(g, nid), args.format)
    return 0


def chain_rows(g, nid: str) -> list[dict]:
    """The chain as rows: distance 0 is the role asked about; each later step with how it is stated."""
    return [{"distance": s.distance, "id": s.id, "name": s.name, "type": s.type,
             "described": bool(g.g.nodes[s.id].get("described")) if s.type == "Role" else None,
             "relation": s.relation, "below": g.name(s.below) if s.below else None, "evidence": s.evidence}
            for s in chain(g, nid)]


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
            print(f"  {'  ' * (s.distance - 1)}    \"{_short(e['text'])}\" — {where(e)}")
    for line in hr_lines(g, nid):
        print(f"  HR data: {line}")


def hr_lines(g, nid: str) -> list[str]:
    """The HR export's reporting line of each post of this role (`build --positions`), with its row."""
    from orgkg.graph.posts import hr_reporting

    return [f"{post} reports to {boss}" + (f" ({role})" if role else "") + (f" — {where(ev)}" if ev else "")
            for post, boss, role, ev in hr_reporting(g, nid)]


def _short(text: str, n: int = 160) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"

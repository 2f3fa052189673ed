"""`orgkg competencies`: what roles require, what they share, similar roles, and duplicates normalisation missed.

    orgkg competencies ROLE                 what ROLE requires (with evidence)
    orgkg competencies --who COMPETENCY     which roles require it
    orgkg competencies --shared A B         what both roles require (succession, mobility)
    orgkg competencies --similar [ROLE]     role pairs ranked by competency overlap (Jaccard)
    orgkg competencies --unit NAME          what a unit's roles require in total
    orgkg competencies --unique             competencies only one role requires
    orgkg competencies --duplicates         near-identical competencies that were not merged
    orgkg competencies                      the most widely required competencies
"""

from __future__ import annotations

import json
import sys

from orgkg.errors import UserError

from ._common import add_graph_option, open_graph, resolve, table


def register(sub) -> None:
    p = sub.add_parser("competencies", help="competencies per role, shared, similar roles, unit totals, duplicates",
                       description=__doc__.split("\n\n", 1)[0], epilog=__doc__.split("\n\n", 1)[1],
                       formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("role", metavar="ROLE", nargs="?", help="list what this role requires")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--who", metavar="COMPETENCY", help="roles that require COMPETENCY")
    mode.add_argument("--shared", nargs=2, metavar=("A", "B"), help="competencies both roles require")
    mode.add_argument("--similar", action="store_true", help="role pairs ranked by overlap (only pairs with ROLE if given)")
    mode.add_argument("--unit", metavar="NAME", help="what the roles located in unit NAME require in total")
    mode.add_argument("--unique", action="store_true", help="competencies that only one role requires")
    mode.add_argument("--duplicates", action="store_true", help="near-duplicate competencies normalisation did not merge")
    p.add_argument("--with-reports", action="store_true", help="with --unit: also count roles reporting to the unit")
    p.add_argument("--threshold", type=float, default=0.8, help="with --duplicates: token-set similarity (default 0.8)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="rows to show (0 = all; default 20)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_graph_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.analysis import competencies as c

    g = open_graph(args.graph)
    limit = None if args.limit == 0 else args.limit
    name = g.name
    if args.shared:
        a, b = (resolve(g, x, ("Role",)) for x in args.shared)
        items = c.shared(g, a, b)
        title = f"Competencies required by both {name(a)} and {name(b)}"
        rows = [[r.kind, r.name] for r in items]
        headers, data = ["kind", "competency"], [r.to_dict() for r in items]
    elif args.similar:
        rid = resolve(g, args.role, ("Role",)) if args.role else None
        items = c.similar_roles(g, rid, top=limit)
        title = f"Roles most similar to {name(rid)}" if rid else "Most similar role pairs"
        rows = [[f"{s.score:.2f}", len(s.shared), s.a_name, s.b_name] for s in items]
        headers, data = ["jaccard", "shared", "role", "similar role"], [s.to_dict() for s in items]
    elif args.unit:
        uid = resolve(g, args.unit, ("Unit", "Organization"))
        roles = c.unit_roles(g, uid, args.with_reports)
        items = c.unit_requirements(g, uid, args.with_reports)
        title = f"What the {len(roles)} role(s) of {name(uid)} require ({len(items)} competencies)"
        rows = [[len(r.roles), r.kind, r.name, "; ".join(name(x) for x in r.roles)] for r in items]
        headers = ["roles", "kind", "competency", "required by"]
        data = {"roles": roles, "competencies": [r.to_dict() for r in items]}
    elif args.unique:
        per = c.unique(g)
        title = "Competencies only one role requires"
        rows = [[name(r), q.kind, q.name] for r, qs in per.items() for q in qs]
        headers, data = ["role", "kind", "competency"], {r: [q.to_dict() for q in qs] for r, qs in per.items()}
    elif args.duplicates:
        if not 0 < args.threshold <= 1:
            raise UserError(f"--threshold {args.threshold}: must be in (0, 1]")
        items = c.duplicates(g, args.threshold)
        title = f"Competencies that look the same but were not merged (token-set similarity >= {args.threshold:g})"
        rows = [[f"{d.score:.2f}", d.a_name, d.b_name, d.status] for d in items]
        headers, data = ["similarity", "competency", "near-duplicate", "status"], [d.to_dict() for d in items]
    elif args.who:
        cid = resolve(g, args.who, ("Competency",))
        roles = c.roles_requiring(g, cid)
        title = f"Roles that require {name(cid)}"
        rows = [[name(r)] for r in roles]
        headers, data = ["role"], {"competency": cid, "roles": roles}
    elif args.role:
        rid = resolve(g, args.role, ("Role",))
        items = c.competencies_of(g, rid)
        title = f"{name(rid)} requires {len(items)} competencies"
        rows = [[r.kind, r.name, _cite(r.evidence)] for r in items]
        headers, data = ["kind", "competency", "evidence"], [r.to_dict() for r in items]
        if not items and not g.g.nodes[rid].get("described"):
            title += " (it is only referenced: no description of its own)"
    else:
        items = c.roles_per_competency(g)
        title = "Most widely required competencies"
        rows = [[len(rs), g.g.nodes[cid].get("kind"), name(cid)] for cid, rs in items]
        headers, data = ["roles", "kind", "competency"], [{"competency": cid, "roles": rs} for cid, rs in items]
    if args.format == "json":
        json.dump({"title": title, "results": data}, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(title)
    shown = rows if limit is None else rows[:limit]
    if not rows:
        print("  none found")
        return 0
    table(shown, headers)
    if len(rows) > len(shown):
        print(f"  … and {len(rows) - len(shown)} more (--limit 0 shows all)")
    return 0


def _cite(evidence: list[dict]) -> str:
    return f"{evidence[0]['doc']}:{evidence[0]['start']}" if evidence else ""

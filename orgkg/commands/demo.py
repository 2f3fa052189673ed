"""`orgkg demo` (also plain `orgkg`): build the sample graph and show what it answers."""

from __future__ import annotations

import orgkg

from .chain import print_chain
from .collaborators import print_collaborators

DEMO_ROLE = "Coordinator, Innovative and Progressive Systemwide Training"
DEMO_UNIT = "DSSEM"


def register(sub) -> None:
    p = sub.add_parser("demo", help="run the main job on the bundled sample data (the default)",
                       description="Build the graph of the five bundled MCPS descriptions and show a chain "
                                   "and a collaborators answer.")
    p.add_argument("-o", "--output", help="also save the sample graph here")
    p.set_defaults(func=run)


def run(args) -> int:
    paths = orgkg.sample_paths()
    g = orgkg.build(paths)
    s = g.summary()
    print(f"orgkg demo: {len(paths)} sample class descriptions -> {s['nodes']} nodes, {s['edges']} edges")
    print("  nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes_by_type"].items()))
    print("  edges: " + ", ".join(f"{k} {v}" for k, v in s["edges_by_type"].items()))
    print()
    print("Reporting chain (orgkg chain ...):")
    print_chain(g, g.resolve(DEMO_ROLE))
    print()
    print(f"Who collaborates with {DEMO_UNIT} (orgkg collaborators {DEMO_UNIT}):")
    print_collaborators(g, g.resolve(DEMO_UNIT))
    if args.output:
        g.save(args.output)
        print(f"\nsaved {args.output}")
    return 0

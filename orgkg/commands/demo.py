"""`orgkg demo` (also plain `orgkg`): build the sample graph and show what it answers."""

from __future__ import annotations

from pathlib import Path

import orgkg

from .chain import print_chain
from .collaborators import print_collaborators

DEMO_ROLE = "Coordinator, Innovative and Progressive Systemwide Training"
DEMO_UNIT = "DSSEM"
# a small fictional HR export of the sample roles' positions: real reporting lines beside described ones
DEMO_POSITIONS = Path(orgkg.__file__).parent / "sample_positions" / "positions.csv"


def register(sub) -> None:
    p = sub.add_parser("demo", help="run the main job on the bundled sample data (the default)",
                       description="Build the graph of the five bundled MCPS descriptions and their fictional HR "
                                   "positions, and show a chain (described and HR reporting lines), a "
                                   "collaborators answer and where HR data and descriptions disagree.")
    p.add_argument("-o", "--output", help="also save the sample graph here")
    p.set_defaults(func=run)


def run(args) -> int:
    paths = orgkg.sample_paths()
    from orgkg.analysis.positions import disagreements
    from orgkg.graph.posts import add_posts
    from orgkg.loaders.positions import read_positions

    g = orgkg.build(paths)
    posts = add_posts(g, read_positions(DEMO_POSITIONS))["posts"]
    s = g.summary()
    print(f"orgkg demo: {len(paths)} sample class descriptions and {posts} HR positions ({DEMO_POSITIONS.name}) "
          f"-> {s['nodes']} nodes, {s['edges']} edges")
    print("  nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes_by_type"].items()))
    print("  edges: " + ", ".join(f"{k} {v}" for k, v in s["edges_by_type"].items()))
    print()
    print("Reporting chain (orgkg chain ...):")
    print_chain(g, g.resolve(DEMO_ROLE))
    print()
    print(f"Who collaborates with {DEMO_UNIT} (orgkg collaborators {DEMO_UNIT}):")
    print_collaborators(g, g.resolve(DEMO_UNIT))
    print()
    print("Where HR data and the descriptions disagree (orgkg check):")
    for f in disagreements(g) or ():
        print(f"  - {f.name}: {f.message}")
    if args.output:
        g.save(args.output)
        print(f"\nsaved {args.output}")
    return 0

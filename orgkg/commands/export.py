"""`orgkg export GRAPH --format ttl|nt|jsonld [-o FILE]`: the graph as RDF (ontology/orgkg.ttl vocabulary)."""

from __future__ import annotations

import sys

from ._common import add_graph_option


def register(sub) -> None:
    p = sub.add_parser("export", help="write the graph as RDF: Turtle, N-Triples or JSON-LD",
                       description="Write GRAPH as RDF (W3C ORG, SKOS, schema.org and PROV-O aligned; each edge "
                                   "reified with its evidence). `orgkg import` reads it back into the same graph.")
    add_graph_option(p, positional=True)
    p.add_argument("--format", choices=("ttl", "nt", "jsonld"), default="ttl", help="RDF format (default ttl)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    p.set_defaults(func=run)


def run(args) -> int:
    from orgkg.graph.store import atomic_write
    from orgkg.ontology.rdf import serialize

    from ._common import open_graph

    g = open_graph(args.graph)
    text = serialize(g, args.format)
    if args.output:
        try:
            atomic_write(args.output, text)
        except OSError as e:
            from orgkg.errors import UserError

            raise UserError(f"{args.output}: cannot write ({e.strerror or e})") from None
        print(f"{args.output}: {args.format}, {len(g)} nodes, {g.g.number_of_edges()} edges", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0

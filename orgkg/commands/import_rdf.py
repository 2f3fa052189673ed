"""`orgkg import RDF_FILE -o org.json`: read an RDF export (Turtle, N-Triples, JSON-LD) back into a graph file."""

from __future__ import annotations

import argparse
from pathlib import Path

from orgkg.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("import", help="read an RDF export (ttl, nt, jsonld) back into an orgkg graph file",
                       description="Read RDF written by `orgkg export` and save the identical orgkg graph JSON.")
    p.add_argument("rdf_file", metavar="RDF_FILE", help="Turtle (.ttl), N-Triples (.nt) or JSON-LD (.jsonld) file")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="graph JSON to write")
    p.add_argument("--loader", choices=("ttl", "nt", "jsonld"), help="RDF format (default: from the file suffix)")
    p.add_argument("--format", dest="loader", choices=("ttl", "nt", "jsonld"), default=argparse.SUPPRESS,
                   help=argparse.SUPPRESS)  # the old name of --loader, kept so scripts keep working
    p.set_defaults(func=run)


def read_rdf(path: str, fmt: str | None = None):
    import rdflib

    from orgkg.graph.rdf_read import RDFImportError, from_rdf
    from orgkg.ontology.rdf import FORMATS, SUFFIX_FORMAT

    fmt = fmt or SUFFIX_FORMAT.get(Path(path).suffix.lower())
    if fmt is None:
        raise UserError(f"{path}: cannot tell the RDF format from the suffix; use --loader ttl|nt|jsonld")
    if not Path(path).is_file():
        raise UserError(f"{path}: no such file")
    rg = rdflib.Graph()
    try:
        rg.parse(path, format=FORMATS[fmt])
    except Exception as e:  # rdflib raises many parser-specific types
        msg = " ".join(str(e).split())[:300]
        raise UserError(f"{path}: not valid {fmt} ({type(e).__name__}: {msg})") from None
    try:
        return from_rdf(rg)
    except (RDFImportError, ValueError) as e:
        raise UserError(f"{path}: not an orgkg RDF graph ({e})") from None


def run(args) -> int:
    g = read_rdf(args.rdf_file, args.loader)
    if len(g) == 0:
        raise UserError(f"{args.rdf_file}: no orgkg nodes found (nodes need orgkg:id)")
    g.save(args.output)
    s = g.summary()
    print(f"{args.output}: {s['nodes']} nodes, {s['edges']} edges")
    return 0

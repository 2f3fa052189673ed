"""`orgkg validate GRAPH`: check the graph against the SHACL shapes in ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ._common import add_graph_option


@dataclass
class Violation:
    focus: str  # node name (or IRI when it has none)
    path: str  # property path, prefixed
    message: str
    value: str
    severity: str


def register(sub) -> None:
    p = sub.add_parser("validate", help="check a graph against the SHACL shapes (exit 1 on violations)",
                       description="Run the SHACL shapes of ontology/shapes.ttl over the RDF form of GRAPH with pyshacl "
                                   "and print each violation: node, property path, message. Exit 0 when the graph "
                                   "conforms, 1 when it does not.")
    add_graph_option(p, positional=True)
    p.add_argument("--limit", type=int, default=50, metavar="N", help="print at most N violations (default 50)")
    p.set_defaults(func=run)


def shapes_path() -> Path:
    from orgkg.ontology import __file__ as onto

    return Path(onto).resolve().parent / "shapes.ttl"


def validate_rdf(rg) -> tuple[bool, list[Violation]]:
    """(conforms, violations) for an rdflib data graph."""
    import rdflib
    from pyshacl import validate

    shapes = rdflib.Graph().parse(shapes_path(), format="turtle")
    conforms, report, _ = validate(rg, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = []
    for r in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(r, sh.focusNode)
        label = rg.value(focus, rdflib.RDFS.label) or rg.value(focus, rdflib.URIRef("https://orgkg.dev/ns#id"))
        path = report.value(r, sh.resultPath)
        msgs = [str(m) for m in report.objects(r, sh.resultMessage)]
        value = report.value(r, sh.value)
        out.append(Violation(
            focus=str(label) if label is not None else _short(rg, focus),
            path=_short(rg, path) if path is not None else "",
            message="; ".join(sorted(msgs)) or "violates " + _short(report, report.value(r, sh.sourceShape)),
            value="" if value is None else _short(rg, value),
            severity=_short(report, report.value(r, sh.resultSeverity)).split(":")[-1]))
    out.sort(key=lambda v: (v.focus, v.path, v.message))
    return bool(conforms), out


def validate_graph(g) -> tuple[bool, list[Violation]]:
    from orgkg.ontology.rdf import to_rdf

    return validate_rdf(to_rdf(g))


def _short(rg, term) -> str:
    if term is None:
        return ""
    try:
        return rg.namespace_manager.normalizeUri(term) if not hasattr(term, "language") else str(term)
    except Exception:
        return str(term)


def load_any(path: str):
    """An OrgGraph from orgkg JSON or an RDF file (by suffix)."""
    from orgkg.errors import UserError
    from orgkg.ontology.rdf import SUFFIX_FORMAT

    from ._common import open_graph

    suffix = Path(path).suffix.lower()
    if suffix in SUFFIX_FORMAT and suffix != ".json":
        from .import_rdf import read_rdf

        return read_rdf(path)
    if not Path(path).exists():
        raise UserError(f"{path}: no such graph file")
    return open_graph(path)


def run(args) -> int:
    from ._common import default_graph_path, open_graph

    if args.graph:
        g = load_any(args.graph)
    else:
        args.graph = "org.json" if default_graph_path() else "the sample graph"
        g = open_graph(None)
    conforms, violations = validate_graph(g)
    if conforms:
        print(f"{args.graph}: conforms to the orgkg shapes ({len(g)} nodes, {g.g.number_of_edges()} edges)")
        return 0
    print(f"{args.graph}: {len(violations)} violation(s) of the orgkg shapes")
    for v in violations[: args.limit]:
        val = f" (value: {v.value})" if v.value else ""
        print(f"  {v.focus}  {v.path or '-'}: {v.message}{val}")
    if len(violations) > args.limit:
        print(f"  ... {len(violations) - args.limit} more (use --limit)")
    return 1

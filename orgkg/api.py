"""The Python API: build, load and open graphs, and `Graph`, an OrgGraph with the conveniences notebooks use.

The library below (graph/, queries/, viz/, analysis/) takes plain `OrgGraph`s; this layer sits on top of all
of it, so `g.ask(...)`, `g.show(...)`, `g.check()` or `g.cypher(...)` can reach every part without any of
those parts importing each other upwards.

    import orgkg
    g = orgkg.build("descriptions/")          # or a list of files and folders; orgkg.sample_graph()
    g.chain("Coordinator, Innovative and Progressive Systemwide Training")
    g.save("org.json"); g = orgkg.load("org.json")
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from orgkg.graph import OrgGraph
from orgkg.graph.pipeline import build as build_graph
from orgkg.graph.samples import SAMPLES, sample_paths
from orgkg.graph.samples import open_graph as _open_graph
from orgkg.loaders import Extraction, load_many

__all__ = ["SAMPLES", "Graph", "build", "extract", "load", "open_graph", "sample_graph", "sample_paths"]


class Graph(OrgGraph):
    """An OrgGraph with queries, checks and rendering as methods (what `orgkg.build`/`load` return)."""

    # ---- query engines (imported on use: pyoxigraph and FalkorDB are heavy) ----
    def ask(self, name: str, *args, lang: str = "networkx", backend=None) -> list[tuple]:
        """A canned query (chain, subtree, collaborators, span, requires, shared-competencies, path)."""
        from orgkg.queries.canned import ask

        return ask(self, name, *args, lang=lang, backend=backend)

    def sparql(self, query: str, **kwargs):
        """Read-only SPARQL 1.1 over this graph (embedded pyoxigraph)."""
        from orgkg.queries.sparql import sparql

        return sparql(self, query, **kwargs)

    def cypher(self, query: str, params: dict | None = None, **kwargs):
        """Read-only Cypher over this graph (embedded FalkorDB, or a backend URI)."""
        from orgkg.queries.cypher import cypher

        return cypher(self, query, params, **kwargs)

    # ---- analysis and rendering ----
    def check(self, **kwargs):
        """The org health report (cycles, gaps, conflicts, spans, old and truncated descriptions)."""
        from orgkg.analysis import health

        return health(self, **kwargs)

    def competencies(self, role: str):
        """The competencies a role requires."""
        from orgkg.analysis import competencies_of

        return competencies_of(self, role)

    def show(self, **kwargs):
        """Render inline in Jupyter."""
        from orgkg.viz import show

        return show(self, **kwargs)


def _paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """A string or Path is one path; every path must exist (a missing one is an error, not an empty graph)."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(f"{missing[0]}: no such file or directory")
    return [Path(p) for p in paths]


def extract(paths: str | Path | Iterable[str | Path], format: str | None = None,
            errors: list[str] | None = None) -> list[Extraction]:
    """Every document's extraction; unreadable files add a one-line message to `errors`.

    >>> len(extract(sample_paths()[0]))
    1
    """
    return list(load_many(_paths(paths), format, errors))


def build(paths: str | Path | Iterable[str | Path] | None = None, format: str | None = None,
          errors: list[str] | None = None, corrections: str | Path | None = None) -> Graph:
    """The graph of the given files and folders (a string is one path; default: the bundled samples);
    `corrections`: a corrections file (docs/corrections.md) applied after resolution, a stale entry a
    CorrectionWarning.

    >>> build("orgkg/samples").summary()["described_roles"]  # doctest: +SKIP
    5
    """
    g = Graph(build_graph(extract(paths if paths is not None else sample_paths(), format, errors)).g)
    if corrections is not None:
        from orgkg.graph.correct import apply_file

        apply_file(g, corrections)
    return g


def load(path: str | Path) -> Graph:
    """A graph file saved by `orgkg build` or `Graph.save`."""
    return Graph.load(path)


def sample_graph() -> Graph:
    """The graph of the bundled samples."""
    return build(sample_paths())


def open_graph(path: str | Path | None) -> Graph:
    """The graph file at `path`, or the sample graph when no path is given (what every command reads)."""
    return Graph(_open_graph(path).g)

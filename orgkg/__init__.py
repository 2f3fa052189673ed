"""orgkg: job descriptions -> an evidence-backed organisation knowledge graph.

    import orgkg
    g = orgkg.build(["descriptions/"])        # or orgkg.sample_graph()
    g.chain("Coordinator, Innovative and Progressive Systemwide Training")
    g.collaborators("DSSEM")
    g.save("org.json"); g = orgkg.load("org.json")
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from orgkg.graph import OrgGraph
from orgkg.graph import build as _build_graph
from orgkg.graph import load as _load_graph
from orgkg.loaders import Extraction, load_file, load_many

__version__ = "0.1.0"

SAMPLES = Path(__file__).resolve().parent / "samples"


def sample_paths() -> list[Path]:
    """The five bundled MCPS class descriptions."""
    return sorted(SAMPLES.glob("*.txt"))


def extract(paths: Iterable[str | Path], format: str | None = None,
            errors: list[str] | None = None) -> list[Extraction]:
    return list(load_many(paths, format, errors))


def build(paths: Iterable[str | Path] | None = None, format: str | None = None,
          errors: list[str] | None = None, corrections: str | Path | None = None) -> OrgGraph:
    """Build the graph of the given files/directories (default: the bundled samples); `corrections`: a
    corrections file (docs/corrections.md) applied after resolution, a stale entry a CorrectionWarning."""
    g = _build_graph(extract(paths if paths is not None else sample_paths(), format, errors))
    if corrections is not None:
        from orgkg.graph.correct import apply_file
        apply_file(g, corrections)
    return g


def load(path: str | Path) -> OrgGraph:
    return _load_graph(path)


def sample_graph() -> OrgGraph:
    return build(sample_paths())


__all__ = ["OrgGraph", "build", "extract", "load", "load_file", "sample_paths", "sample_graph", "__version__"]

"""The graph a command reads: a graph file, or the graph of the bundled sample descriptions.

The samples are data of the installed package (orgkg/samples/*.txt), found through importlib.resources.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from orgkg.errors import UserError
from orgkg.loaders import load_file

from .orggraph import OrgGraph, load
from .pipeline import build

SAMPLES = Path(str(files("orgkg").joinpath("samples")))  # the folder of the bundled descriptions


def sample_paths() -> list[Path]:
    """The five bundled MCPS class descriptions."""
    return sorted(SAMPLES.glob("*.txt"))


def sample_graph() -> OrgGraph:
    """The graph of the bundled samples."""
    return build(load_file(p) for p in sample_paths())


def open_graph(path: str | Path | None) -> OrgGraph:
    """The graph file at `path`, or the sample graph when there is no path.

    >>> len(open_graph(None)) > 100
    True
    """
    if path:
        if Path(path).is_dir():
            raise UserError(f"{path}: is a directory, not a graph file (build one with `orgkg build {path} -o org.json`)")
        return load(path)
    return sample_graph()

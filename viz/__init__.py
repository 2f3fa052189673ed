"""orgkg.viz: see the organisation — interactive offline HTML, Graphviz charts, inline Jupyter views.

    from orgkg import viz
    viz.to_html(g, "org.html", focus="DSSEM", depth=2)
    viz.to_chart(g, "org.svg", chain="Chief of Staff")
    viz.show(g, unit="Office of Human Resources and Development")   # in Jupyter
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orgkg.graph.lazy import lazy_getattr

if TYPE_CHECKING:
    from .layout import Layout, compute_layout
    from .views import DEFAULT_TYPES, SUMMARY_THRESHOLD, View, build_view

# Loaded on first use (PEP 562): the layout needs networkx (~0.3 s to import), and every `orgkg` command,
# `orgkg build` included, imports orgkg.viz.cli to register `viz` and `chart`.
_LAZY = {"Layout": ".layout", "compute_layout": ".layout", "DEFAULT_TYPES": ".views", "SUMMARY_THRESHOLD": ".views",
         "View": ".views", "build_view": ".views"}

__getattr__ = lazy_getattr(__name__, _LAZY)


def view(g, focus: str | None = None, chain: str | None = None, collaborators: str | None = None,
         unit: str | None = None, depth: int = 2, types: tuple[str, ...] | None = None,
         summary: bool | None = None, threshold: int | None = None) -> View:
    """What would be drawn: nodes with positions, edges with evidence (no rendering). `threshold`: nodes past
    which the whole organisation is drawn as a summary (default views.SUMMARY_THRESHOLD)."""
    from .views import SUMMARY_THRESHOLD, build_view

    return build_view(g, focus=focus, chain_of=chain, collaborators_of=collaborators, unit=unit, depth=depth,
                      types=types, summary=summary, threshold=SUMMARY_THRESHOLD if threshold is None else threshold)


def html(g, **kw) -> str:
    from .page import render
    return render(view(g, **kw))


def to_html(g, path: str | Path, **kw) -> Path:
    from .page import write
    return write(view(g, **kw), path)


def to_chart(g, path: str | Path, **kw) -> Path:
    from .chart import write_chart
    return write_chart(view(g, **kw), path)


def show(g, height: int = 640, **kw):
    """Inline in Jupyter: an IPython HTML object wrapping the full page in an iframe srcdoc."""
    from .notebook import display_object
    return display_object(view(g, **kw), height)


__all__ = ["DEFAULT_TYPES", "SUMMARY_THRESHOLD", "Layout", "View", "build_view", "compute_layout", "html", "show",
           "to_chart", "to_html", "view"]

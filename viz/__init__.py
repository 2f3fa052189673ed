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
    from .views import DEFAULT_TYPES, SUMMARY_THRESHOLD, View, ViewSpec, build_view

# Loaded on first use (PEP 562): the layout needs networkx (~0.3 s to import), and every `orgkg` command,
# `orgkg build` included, imports orgkg.viz.cli to register `viz` and `chart`.
_LAZY = {"Layout": ".layout", "compute_layout": ".layout", "DEFAULT_TYPES": ".views", "SUMMARY_THRESHOLD": ".views",
         "View": ".views", "ViewSpec": ".views", "build_view": ".views"}

__getattr__ = lazy_getattr(__name__, _LAZY)


def view(g, **kw) -> View:
    """What would be drawn: nodes with positions, edges with evidence (no rendering). Keywords: focus, chain,
    collaborators, unit, depth, types, summary, threshold (nodes past which the whole organisation is drawn as
    a summary, default views.SUMMARY_THRESHOLD); see views.ViewSpec.

    Example: viz.view(g, focus="DSSEM", depth=1).nodes
    """
    from .views import ViewSpec, build_view

    names = {"chain": "chain_of", "collaborators": "collaborators_of"}
    if kw.get("threshold") is None:
        kw.pop("threshold", None)
    return build_view(g, ViewSpec(**{names.get(k, k): v for k, v in kw.items()}))


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


__all__ = ["DEFAULT_TYPES", "SUMMARY_THRESHOLD", "Layout", "View", "ViewSpec", "build_view", "compute_layout", "html", "show",
           "to_chart", "to_html", "view"]

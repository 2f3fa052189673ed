"""Inline display in Jupyter that survives JupyterLab, classic Notebook and exported HTML.

pyvis' notebook mode writes a file and points an iframe at it (blank when the file is not
served) or loads scripts from CDNs. We put the whole self-contained page in the iframe's
`srcdoc`, so the output cell carries everything it needs.
"""

from __future__ import annotations

import html as _html

from .page import render
from .views import View


def iframe(view: View, height: int = 640) -> str:
    page = render(view)
    return (f'<div class="orgkg-viz-frame"><iframe class="orgkg-viz" srcdoc="{_html.escape(page, quote=True)}" '
            f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd;" '
            f'sandbox="allow-scripts allow-same-origin" title="{_html.escape(view.title, quote=True)}"></iframe></div>')


def display_object(view: View, height: int = 640):
    """An IPython HTML display object (falls back to any object with _repr_html_)."""
    markup = iframe(view, height)
    try:
        from IPython.display import HTML
    except ImportError:  # pragma: no cover - IPython ships with every Jupyter kernel
        class HTML:  # type: ignore[no-redef]
            def __init__(self, data: str):
                self.data = data

            def _repr_html_(self) -> str:
                return self.data
    return HTML(markup)

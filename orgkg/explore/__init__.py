"""orgkg.explore: the read-only local web explorer behind `orgkg serve` (Starlette app, JSON API, page).

    from orgkg.explore import make_app
    app = make_app(orgkg.sample_graph(), host="127.0.0.1")   # run with uvicorn
"""

from .app import make_app

__all__ = ["make_app"]

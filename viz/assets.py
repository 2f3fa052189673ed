"""Where the explorer's page and its vendored JavaScript live inside the package (served or inlined)."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
SCRIPTS = ("layout.js", "explorer.js")  # in load order
STYLES = ("explorer.css",)


def read(name: str) -> str:
    """One asset's text (UTF-8)."""
    return (STATIC / name).read_text(encoding="utf-8")

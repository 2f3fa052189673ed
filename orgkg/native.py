"""Compiled twins of the hot modules, and the import hook that uses a twin only while it matches its source.

Extraction and the graph build are plain Python. When a C compiler is there at install time, setup.py also
compiles the modules in `COMPILED` with Cython, unchanged (same source, same semantics, ~15 % fewer
instructions for a whole build), into `orgkg/_native/<module>-<source key><ext suffix>`. The file name holds
a hash of the exact source it was compiled from, and the twin never sits beside its `.py`, so it can never
shadow it: after an edit (an editable install, a checkout moved on) the hook finds no twin for the new source,
imports the `.py` and warns once that the module runs slower until it is compiled again.

`ORGKG_PURE_PYTHON=1` turns the hook off. This module must import nothing of orgkg's: setup.py loads it by
path to name the files it writes.
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec, SourceFileLoader
from importlib.util import spec_from_file_location
from pathlib import Path

NATIVE_DIR = Path(__file__).resolve().parent / "_native"
PURE_ENV = "ORGKG_PURE_PYTHON"

# The modules worth compiling: what a build runs per page or per graph element (bench/instructions.py). A
# `.pyx` one is C only, with a Python stand-in in the module that imports it (loaders/_scan.pyx).
COMPILED = (
    "orgkg.loaders.acronyms", "orgkg.loaders.competencies", "orgkg.loaders.generic", "orgkg.loaders.lexicon",
    "orgkg.loaders.mcps", "orgkg.loaders.memo", "orgkg.loaders.mentions", "orgkg.loaders.model",
    "orgkg.loaders.phrases", "orgkg.loaders.pipeline", "orgkg.loaders.relations", "orgkg.loaders.segment",
    "orgkg.loaders.text", "orgkg.loaders._scan",
    "orgkg.graph.build", "orgkg.graph.cache", "orgkg.graph.ids", "orgkg.graph.incremental", "orgkg.graph.orggraph",
    "orgkg.graph.store",
)


class StaleCompiledModule(RuntimeWarning):
    """A module's source changed since it was compiled: it runs as Python until the next install."""


def source_key(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()[:16]


def compiled_file(module: str, source: bytes, suffix: str = EXTENSION_SUFFIXES[0]) -> str:
    """The file name a compiled twin of `module` built from `source` has (setup.py writes it, the hook reads it)."""
    return f"{module}-{source_key(source)}{suffix}"


def _twins(native_dir: Path) -> dict[str, set[str]]:
    """module -> the names of its compiled files for this interpreter, whatever source they were built from."""
    suffix = EXTENSION_SUFFIXES[0]
    found: dict[str, set[str]] = {}
    try:
        names = os.listdir(native_dir)
    except OSError:
        return found
    for name in names:
        if name.endswith(suffix):
            module, sep, _ = name[: -len(suffix)].rpartition("-")
            if sep:
                found.setdefault(module, set()).add(name)
    return found


class CompiledFinder:
    """A meta path finder for the modules that have compiled twins (the import system asks for an object)."""

    def __init__(self, native_dir: Path = NATIVE_DIR) -> None:
        self.native_dir = native_dir
        self.twins = _twins(native_dir)

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        names = self.twins.get(fullname)
        if not names or not path:
            return None
        leaf = fullname.rpartition(".")[2]
        source_path = next((p for d in path for p in (Path(d) / f"{leaf}.py", Path(d) / f"{leaf}.pyx") if p.is_file()),
                            None)
        if source_path is None:
            return None
        name = compiled_file(fullname, source_path.read_bytes())
        if name in names:
            twin = str(self.native_dir / name)
            return spec_from_file_location(fullname, twin, loader=ExtensionFileLoader(fullname, twin))
        # one line, at the source itself (line 0: no code line is echoed under it)
        warnings.warn_explicit(f"{source_path.name} changed since it was compiled: it runs as Python, slower, "
                               "until orgkg is installed again (pip install -e .)", StaleCompiledModule,
                               str(source_path), 0)
        if source_path.suffix == ".pyx":  # C only: its importer falls back to the Python it stands in for
            raise ModuleNotFoundError(f"{fullname} is not compiled from its current source", name=fullname)
        # the source itself, named explicitly: a compiled file left beside it must not shadow it
        return spec_from_file_location(fullname, source_path, loader=SourceFileLoader(fullname, str(source_path)))


def pure_requested() -> bool:
    """ORGKG_PURE_PYTHON set (to anything but 0): no twins are built (setup.py) or used (install)."""
    return os.environ.get(PURE_ENV, "") not in ("", "0")


def install() -> CompiledFinder | None:
    """Put the hook first on the import path, once; None when turned off or when nothing is compiled."""
    if pure_requested():
        return None
    for finder in sys.meta_path:
        if isinstance(finder, CompiledFinder):
            return finder
    finder = CompiledFinder()
    if not finder.twins:
        return None
    sys.meta_path.insert(0, finder)
    return finder


def status() -> dict[str, str]:
    """module -> 'compiled' or 'python', for the modules in COMPILED that are imported now."""
    out = {}
    for module in COMPILED:
        mod = sys.modules.get(module)
        if mod is not None:
            loader = getattr(getattr(mod, "__spec__", None), "loader", None)
            out[module] = "compiled" if isinstance(loader, ExtensionFileLoader) else "python"
    return out


def summary() -> str:
    """One line for `orgkg --version` and the benchmarks: how much of the hot path runs compiled."""
    import orgkg.graph  # noqa: F401 - imports every module in COMPILED that a build uses
    import orgkg.graph.incremental  # noqa: F401

    # every module in COMPILED is imported now, but a C-only one (.pyx) whose twin is missing or stale: its
    # importer runs the Python it stands in for
    states = dict.fromkeys(COMPILED, "python") | status()
    done = sum(s == "compiled" for s in states.values())
    if pure_requested():
        return f"pure Python ({PURE_ENV} is set)"
    if done == 0:
        return "pure Python (no compiled modules: installed without a C compiler or Cython)"
    stale = [m for m, s in states.items() if s != "compiled"]
    return f"compiled: {done} of {len(states)} hot modules" + (f" (as Python: {', '.join(stale)})" if stale else "")

"""What a cached extraction depends on besides its file: the code and data of the installed package.

An extraction reads the loaders' code, the schema and vocabularies in ontology/, format profiles and any
other data file shipped beside them; an edit to any of these must make every cache entry stale. So the
fingerprint hashes every file of every orgkg package folder (source and data), and the package version.
Hashing the whole package (~100 files, under 1 MB) costs a few milliseconds per build and never misses a
dependency; editing the explorer's templates also invalidates the cache, which only costs one slow build.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from functools import lru_cache
from pathlib import Path

# The packages of the distribution (pyproject.toml's [tool.setuptools] packages; a test keeps them equal).
PACKAGES = ("orgkg", "orgkg.ontology", "orgkg.loaders", "orgkg.graph", "orgkg.queries", "orgkg.viz",
            "orgkg.analysis", "orgkg.synth", "orgkg.commands", "orgkg.explore", "orgkg.loaders.documents")


def package_dirs() -> list[Path]:
    """The folders the packages are loaded from (found without importing them)."""
    dirs: list[Path] = []
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            dirs += [Path(p).resolve() for p in spec.submodule_search_locations]
    return dirs


def package_files(dirs: list[Path]) -> list[Path]:
    """Every file under `dirs` (each once), but compiled code caches and hidden files, in a stable order."""
    found = set()
    for d in dirs:
        for f in d.rglob("*"):
            rel = f.relative_to(d).parts
            if f.is_file() and "__pycache__" not in rel and not any(p.startswith(".") for p in rel):
                found.add(f)
    return sorted(found)


def fingerprint(dirs: list[Path], version: str) -> str:
    """A hash of these folders' files (names and bytes) and `version`."""
    h = hashlib.sha256(f"{version}\0".encode())
    for f in package_files(dirs):
        h.update(f"{f}\0".encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """The fingerprint of the installed package (computed once per process).

    >>> len(package_fingerprint())
    16
    """
    try:
        version = importlib.metadata.version("orgkg")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return fingerprint(package_dirs(), version)

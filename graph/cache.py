"""An extraction cache keyed by content: rebuilding after one edit re-extracts only that document.

Entries live in a directory beside the graph file (`org.json.cache/`), one JSON file per document
version: `<sha256 of the file bytes>-<context>.json`, where the context hashes the path, the format
asked for and the extractor's own source code, so a changed extractor never serves stale results.
Writes are atomic (temp file + rename); an unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from orgkg.loaders.model import Alias, Competency, Evidence, Extraction, Relation

CACHE_VERSION = 1


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Hash of the loaders' source: editing the extractor invalidates every entry."""
    import orgkg.loaders as pkg

    h = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for f in sorted(Path(pkg.__file__).parent.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def to_json(ex: Extraction) -> dict:
    return dataclasses.asdict(ex)


def _ev(d: dict | None) -> Evidence | None:
    return None if d is None else Evidence(**d)


def from_json(d: dict) -> Extraction:
    """Exactly the Extraction `to_json` was given (tuples restored, nested dataclasses rebuilt)."""
    d = dict(d)
    d["sections"] = {k: tuple(v) for k, v in d.get("sections", {}).items()}
    d["relations"] = [Relation(**{**r, "evidence": _ev(r["evidence"])}) for r in d.get("relations", [])]
    d["aliases"] = [Alias(**{**a, "evidence": _ev(a.get("evidence"))}) for a in d.get("aliases", [])]
    d["competencies"] = [Competency(**{**c, "evidence": _ev(c["evidence"])}) for c in d.get("competencies", [])]
    return Extraction(**d)


class ExtractionCache:
    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        self.hits = 0
        self.misses = 0

    @classmethod
    def beside(cls, output: str | Path) -> ExtractionCache:
        return cls(Path(str(output) + ".cache"))

    def key(self, data: bytes, path: str | Path, format: str | None) -> str:
        ctx = hashlib.sha256(f"{path}\0{format or 'auto'}\0{extractor_fingerprint()}".encode()).hexdigest()[:16]
        return f"{hashlib.sha256(data).hexdigest()}-{ctx}"

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> Extraction | None:
        try:
            ex = from_json(json.loads(self._file(key).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return ex

    def put(self, key: str, ex: Extraction) -> None:
        f = self._file(key)
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=f.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(to_json(ex), out, ensure_ascii=False)
            os.replace(tmp, f)
        except OSError:
            pass  # a cache that cannot be written only costs speed next time

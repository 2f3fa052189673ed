"""Building the graph file from description files: extract (through the cache), merge, save.

Every build merges the whole graph again from every document's extraction; what a rebuild saves is the
extraction of unchanged files, which come from a content-keyed cache beside the output
(`org.json.cache/`, graph/cache.py). A rebuild after one edit thus costs the cache reads, the merge and the
save of the whole graph, not the extraction (bench/incremental.py times each), and the file always equals a
cold build's.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from orgkg.errors import UserError
from orgkg.loaders.errors import printable
from orgkg.loaders.model import Extraction
from orgkg.loaders.parallel import extract_many
from orgkg.loaders.text import read_file, refusal

from .atomic import remove_stale_temps, writable_target
from .cache import ExtractionCache
from .merge import merge
from .orggraph import OrgGraph
from .store import dumps, file_chunks, write_graph


@dataclass
class BuildResult:
    """What `build_file` did: the graph's summary, counts and the time of each step."""

    summary: dict
    documents: int
    extracted: int
    timings: dict = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (document path, warning), in document order
    notes: list[str] = field(default_factory=list)  # problems of the cache (one line each), never fatal

    @property
    def reused(self) -> int:
        return self.documents - self.extracted


def build(extractions: Iterable[Extraction]) -> OrgGraph:
    """The graph of these extractions, in memory.

    >>> from orgkg.loaders import extract_text
    >>> build([extract_text("ANALYST\\nWorks under the direction of the Director.", "a.txt")]).summary()["nodes"] > 0
    True
    """
    return OrgGraph.from_records(merge(extractions))


def build_file(files: list[Path], output: str | Path, loader: str = "auto", jobs: int | None = 1,
               errors: list[str] | None = None, progress=None, use_cache: bool = True, fix=None) -> BuildResult:
    """Extract `files` (unchanged ones from the cache beside `output`), merge them and save the graph at `output`.

    Problems with single files go to `errors` as one line each; no readable document at all is a UserError.
    """
    errors = errors if errors is not None else []
    t0 = time.perf_counter()
    target = writable_target(output)  # refuses a device, FIFO, folder... before anything is made
    remove_stale_temps(target)
    # beside the file a link names, as the lock is: two links to one graph share one cache
    cache = ExtractionCache.beside(target) if use_cache else None
    try:
        exs, extracted = extract_cached(files, loader, jobs, errors, progress, cache)
    finally:
        if cache is not None:
            cache.close()
    notes = cache.warnings if cache is not None else []
    if not exs:
        raise UserError("no documents could be read; nothing built")
    t1 = time.perf_counter()
    rec = merge(exs)
    g = None
    if fix is not None:  # `fix(graph)`: corrections (graph/correct.py) on the merged graph, before its one save
        g = OrgGraph.from_records(rec)
        fix(g)
    summary = rec.summary() if g is None else g.summary()
    t2 = time.perf_counter()
    write_graph(output, file_chunks(summary, rec.nodes, rec.edges) if g is None else dumps(g))
    t3 = time.perf_counter()
    warnings = [(ex.path, w) for ex in sorted(exs, key=lambda e: e.doc) for w in ex.warnings]
    return BuildResult(summary, len(exs), extracted, {"extract_s": t1 - t0, "merge_s": t2 - t1, "save_s": t3 - t2},
                       warnings, notes)


def extract_cached(files: list[Path], loader: str, jobs: int | None, errors: list[str], progress,
                   cache: ExtractionCache | None) -> tuple[list[Extraction], int]:
    """Every readable file's extraction, in file order, and how many were extracted (not taken from `cache`).

    A file is read once: its bytes give the cache key and, on a miss, the extraction, so an entry always
    holds the extraction of the very content its key names."""
    if cache is None:
        got = extract_many(files, jobs=jobs, format=loader, errors=errors, progress=progress)
        exs = [ex for ex in got if ex is not None]
        return exs, len(exs)
    found: list[Extraction | None] = [None] * len(files)
    todo: list[int] = []
    data: list[bytes | None] = []
    keys: list[str | None] = []
    for start in range(0, len(files), _BATCH):
        raws = [_read(f) for f in files[start:start + _BATCH]]
        # the name as the extraction records it: a name that is not UTF-8 keys by its printable form
        batch = [cache.key(raw, printable(str(f)), loader) if raw is not None else None
                 for f, raw in zip(files[start:start + _BATCH], raws)]
        hits = cache.get_many([k for k in batch if k is not None])
        for i, (raw, key) in enumerate(zip(raws, batch), start):
            found[i] = hits.get(key) if key is not None else None
            if found[i] is None:
                todo.append(i)
                data.append(raw)
                keys.append(key)
    if progress is not None:
        progress.advance(len(files) - len(todo))
    new = extract_many([files[i] for i in todo], jobs=jobs, format=loader, errors=errors, progress=progress, data=data)
    cache.put_many([(k, ex) for k, ex in zip(keys, new) if k is not None and ex is not None])
    for i, ex in zip(todo, new):
        found[i] = ex
    return [ex for ex in found if ex is not None], sum(ex is not None for ex in new)


_BATCH = 1000  # files read, keyed and looked up at a time: only the bytes of files to extract are kept


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None when it cannot be read or is refused unread (the extraction then reports why)."""
    try:
        st = os.stat(path)
        return None if refusal(path, st) is not None else read_file(path, st.st_size)
    except OSError:
        return None

"""N-Triples text straight from the triple generator: the fast path into a pyoxigraph Store.

SPARQL at 100k roles loads the graph this way: rdflib is too slow to build, and the text is streamed so
memory stays bounded. The triples are exactly those of `rdf.triples` (same IRIs, same literals).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from typing import Any

from orgkg.ontology.rdf import _XSD, Terms, triples


def to_oxigraph(g, store=None):
    """Load `g` into a (new, in-memory unless given) pyoxigraph Store using bulk_extend."""
    import pyoxigraph as ox

    store = store if store is not None else ox.Store()
    load_into(store, g)
    return store


_NT_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt_literal(v: Any) -> str:
    if type(v) is str:
        if "\\" in v or '"' in v or "\n" in v or "\r" in v:  # rare: str.translate is slow on every string
            v = v.translate(_NT_ESCAPE)
        return '"' + v + '"'
    if isinstance(v, bool):
        return f'"{"true" if v else "false"}"^^<{_XSD}boolean>'
    if isinstance(v, int):
        return f'"{v}"^^<{_XSD}integer>'
    if isinstance(v, float):
        return f'"{v!r}"^^<{_XSD}double>'
    return '"' + v.translate(_NT_ESCAPE) + '"'  # a str subclass


class _NTBlank:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"_:b{self.n}"


def ntriples_lines(g, evidence: bool = True) -> Iterator[str]:
    """N-Triples lines of the RDF form of `g` (the triples of `to_rdf`), the terms made as text at once."""
    typed = lambda v, dt: _nt_literal(v) + f"^^<{dt}>"  # noqa: E731
    for s, p, o in triples(g, evidence, Terms("<{}>".format, _nt_literal, _NTBlank(), typed)):
        yield f"{s} {p} {o} .\n"


def ntriples(g) -> bytes:
    return "".join(ntriples_lines(g)).encode("utf-8")


class _LinesReader(io.RawIOBase):
    """A binary file object over a generator of text lines, so pyoxigraph can stream-parse them."""

    def __init__(self, lines: Iterator[str], batch: int = 4096):
        self._lines, self._batch, self._buf = lines, batch, b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while len(self._buf) < len(b):
            chunk = "".join(itertools.islice(self._lines, self._batch))
            if not chunk:
                break
            self._buf += chunk.encode("utf-8")
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def load_into(store, g, evidence: bool = True) -> None:
    """Stream the graph's N-Triples into a pyoxigraph Store (one bulk load; memory stays bounded).
    `evidence=False`: the lean query form (see `triples`)."""
    import pyoxigraph as ox

    store.bulk_load(io.BufferedReader(_LinesReader(ntriples_lines(g, evidence)), 1 << 20), format=ox.RdfFormat.N_TRIPLES)

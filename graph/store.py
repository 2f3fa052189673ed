"""Saving and loading the graph: one versioned JSON file, written atomically; GraphML export.

A save writes a temporary file beside the target, fsyncs it and renames it over the
target, so a crash mid-save leaves the previous graph intact.

Layout (still format version 1, plain JSON; older indented files load the same): a header line with
format, version and summary, then one compact line per node and per edge, sorted by id. One item per
line keeps diffs readable and lets graph/incremental.py patch a few lines instead of re-serialising all.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from orgkg.ontology.schema import EDGE_TYPES, GRAPH_FORMAT, GRAPH_FORMAT_VERSION, NODE_TYPES

from orgkg.errors import UserError

from .orggraph import OrgGraph

try:
    import orjson
except ImportError:  # a declared dependency; without it the standard encoder writes the same text, slower
    orjson = None


def to_dict(g: OrgGraph) -> dict:
    nodes = [{"id": nid, **d} for nid, d in sorted(g.g.nodes(data=True), key=lambda x: x[0])]
    edges = [{"source": u, "target": v, **d}
             for u, v, _k, d in sorted(g.g.edges(keys=True, data=True), key=lambda x: (x[0], x[1], x[2]))]
    return {"format": GRAPH_FORMAT, "version": GRAPH_FORMAT_VERSION, "summary": g.summary(),
            "nodes": nodes, "edges": edges}


def from_dict(data: dict, where: str = "<graph>") -> OrgGraph:
    if not isinstance(data, dict) or data.get("format") != GRAPH_FORMAT:
        raise UserError(f"{where}: not an orgkg graph file (no \"format\": \"{GRAPH_FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int):
        raise UserError(f"{where}: graph file has no format version")
    if version > GRAPH_FORMAT_VERSION:
        raise UserError(f"{where}: graph file format version {version} is newer than this orgkg reads "
                        f"({GRAPH_FORMAT_VERSION}); upgrade orgkg")
    import networkx as nx  # on use (see orggraph.OrgGraph)

    g = nx.MultiDiGraph()
    try:
        for n in data["nodes"]:
            n = dict(n)
            nid = n.pop("id")
            if n.get("type") not in NODE_TYPES:
                raise UserError(f"{where}: node {nid!r} has unknown type {n.get('type')!r}")
            g.add_node(nid, **n)
        for e in data["edges"]:
            e = dict(e)
            u, v = e.pop("source"), e.pop("target")
            if e.get("type") not in EDGE_TYPES:
                raise UserError(f"{where}: edge {u!r} -> {v!r} has unknown type {e.get('type')!r}")
            if u not in g or v not in g:
                raise UserError(f"{where}: edge {u!r} -> {v!r} points to a missing node")
            g.add_edge(u, v, key=e["type"], **e)
    except (KeyError, TypeError, AttributeError) as err:
        raise UserError(f"{where}: malformed graph file ({type(err).__name__}: {err})") from None
    return OrgGraph(g)


# check_circular off: the same text without a per-container id bookkeeping (graph records hold no cycles)
_enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _orjson_text(obj) -> str:
    try:
        return orjson.dumps(obj).decode()
    except TypeError:  # orjson.JSONEncodeError: a key that is no string, an int beyond 64 bits
        return _enc(obj)


def _orjson_bytes(obj) -> bytes:
    try:
        return orjson.dumps(obj)
    except TypeError:
        return _enc(obj).encode("utf-8")


# A build's records hold strings, ints, bools, None and lists and dicts of them, never floats; for those orjson
# writes exactly _enc's text, ~1.7x faster (tests/test_graph_encoding.py). Not for any graph: floats would be
# written differently (1e-05 vs 0.00001; NaN as null), so OrgGraph.save keeps _enc. `encode_record_bytes` is
# that text in UTF-8, as orjson makes it: a build's graph file is written without decoding and encoding it again.
encode_records = _orjson_text if orjson is not None else _enc
encode_record_bytes = _orjson_bytes if orjson is not None else (lambda obj: _enc(obj).encode("utf-8"))


def header_line(summary: dict) -> str:
    return _enc({"format": GRAPH_FORMAT, "version": GRAPH_FORMAT_VERSION, "summary": summary})[:-1] + ',"nodes":['


NODES_END = '],"edges":['
EDGES_END = "]}"


def _batches(items: list[dict], first_key: str, batch: int = 512, encode=_enc) -> list[str] | list[bytes]:
    """The items' JSON texts joined by ',\n', in pieces of `batch` items (joined by ',\n' too).

    One encoder call per batch of items, then a newline after each separator between items: every item
    starts with '{"<first_key>":', and that text after '},' can only be such a boundary when the count of
    matches is one less than the batch's items (JSON strings escape '"', so no match hides in a string);
    any other count (an attribute holding such dicts) falls back to one call per item. Batches beat both
    one call per item (call overhead) and one call for all (the encoder slows down on huge outputs).
    Text or UTF-8 bytes, as `encode` gives.
    """
    sep = '},{"' + first_key + '":'
    nl = '},\n{"' + first_key + '":'
    comma = ",\n"
    if isinstance(encode([]), bytes):
        sep, nl, comma = sep.encode(), nl.encode(), comma.encode()
    out = []
    for i in range(0, len(items), batch):
        part = items[i:i + batch]
        text = encode(part)
        if text.count(sep) == len(part) - 1:
            out.append(text[1:-1].replace(sep, nl))
        else:
            out.append(comma.join(encode(item) for item in part))
    return out


def file_chunks(summary: dict, nodes: dict[str, dict], edges: dict[tuple[str, str, str], dict],
                encode=_enc) -> list[str] | list[bytes]:
    """The file text, in pieces, of a graph given as its records (its lines): node id -> {"id", ...attributes}
    and (source, target, type) -> {"source", "target", ...attributes}. Pieces, not one text: joining them
    would copy the whole file once more. `encode`: encode_records (text) or encode_record_bytes (UTF-8) for a
    build's records; the pieces are of the type it returns."""
    as_bytes = isinstance(encode([]), bytes)
    parts = [header_line(summary), "\n"]
    for records, first_key, end in ((nodes, "id", NODES_END), (edges, "source", EDGES_END)):
        for text in _batches(list(map(records.__getitem__, sorted(records))), first_key, encode=encode):
            parts += [text, b",\n" if as_bytes else ",\n"]
        if records:
            parts[-1] = "\n"  # the last batch's line ends the section
        parts += [end, "\n"]
    return [p.encode() if as_bytes and isinstance(p, str) else p for p in parts]


def dumps(g: OrgGraph) -> str:
    nodes = {nid: {"id": nid, **d} for nid, d in g.g.nodes(data=True)}
    edges = {(u, v, k): {"source": u, "target": v, **d} for u, v, k, d in g.g.edges(keys=True, data=True)}
    return "".join(file_chunks(g.summary(), nodes, edges))


@contextmanager
def atomic_file(path: str | Path) -> Iterator[int]:
    """A raw file descriptor for a new version of `path`: a temp file beside it, fsynced and renamed over
    it when the block ends, removed if it fails, so `path` is always the old file or the complete new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        try:
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_all(fd: int, data: bytes | memoryview) -> None:
    """os.write until all of `data` is written (a write may be short)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def atomic_write(path: str | Path, text: str | Iterable[str] | Iterable[bytes]) -> None:
    """Write `text` (or its pieces, in order: text, or bytes as they are) to `path` atomically; see `atomic_file`."""
    with atomic_file(path) as fd:
        for piece in [text] if isinstance(text, str) else text:
            write_all(fd, piece if isinstance(piece, bytes) else piece.encode("utf-8"))


def save_error(path: str | Path, e: OSError) -> UserError:
    """The one-line error for a graph that could not be written (the previous file is left as it was)."""
    return UserError(f"{path}: cannot save graph ({e.strerror or e})")


def write_graph(path: str | Path, text: str | Iterable[str] | Iterable[bytes]) -> None:
    """atomic_write of a graph file's text, a failure reported as one line."""
    try:
        atomic_write(path, text)
    except OSError as e:
        raise save_error(path, e) from None


def save(g: OrgGraph, path: str | Path) -> None:
    write_graph(path, dumps(g))


def load(path: str | Path) -> OrgGraph:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such graph file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"{path}: cannot read graph file ({e})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise UserError(f"{path}: corrupt or truncated graph file (invalid JSON at line {e.lineno})") from None
    return from_dict(data, str(path))


def write_graphml(g: OrgGraph, path: str | Path) -> None:
    """GraphML holds scalars only: lists and evidence become JSON strings."""
    import networkx as nx  # on use (see orggraph.OrgGraph)

    h = nx.MultiDiGraph()
    for nid, d in g.g.nodes(data=True):
        h.add_node(nid, **{k: _scalar(v) for k, v in d.items() if v is not None})
    for u, v, k, d in g.g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{kk: _scalar(vv) for kk, vv in d.items() if vv is not None})
    tmp = Path(str(path) + ".tmp")
    nx.write_graphml(h, tmp)
    os.replace(tmp, path)


def _scalar(v):
    if isinstance(v, (str, int, float, bool)):
        return v
    return json.dumps(v, ensure_ascii=False)

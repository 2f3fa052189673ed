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
from pathlib import Path

import networkx as nx
from orgkg.ontology.schema import EDGE_TYPES, GRAPH_FORMAT, GRAPH_FORMAT_VERSION, NODE_TYPES

from orgkg.errors import UserError

from .orggraph import OrgGraph


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


_enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def node_line(nid: str, d: dict) -> str:
    return _enc({"id": nid, **d})


def edge_line(u: str, v: str, d: dict) -> str:
    return _enc({"source": u, "target": v, **d})


def header_line(summary: dict) -> str:
    return _enc({"format": GRAPH_FORMAT, "version": GRAPH_FORMAT_VERSION, "summary": summary})[:-1] + ',"nodes":['


NODES_END = '],"edges":['
EDGES_END = "]}"


def join_lines(summary: dict, node_lines: list[str], edge_lines: list[str]) -> str:
    """The file text: every node and edge line on its own line, separated by commas."""
    parts = [header_line(summary)]
    if node_lines:
        parts.append(",\n".join(node_lines))
    parts.append(NODES_END)
    if edge_lines:
        parts.append(",\n".join(edge_lines))
    parts.append(EDGES_END)
    return "\n".join(parts) + "\n"


def split_lines(text: str) -> tuple[str, list[str], list[str]] | None:
    """(header, node lines, edge lines) of a file `join_lines` wrote, or None for any other layout."""
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "" or lines[-2] != EDGES_END or not lines[0].endswith(',"nodes":['):
        return None
    try:
        mid = lines.index(NODES_END, 1)
    except ValueError:
        return None
    nodes, edges = lines[1:mid], lines[mid + 1:-2]
    for part in (nodes, edges):
        for i in range(len(part) - 1):
            if not part[i].endswith(","):
                return None
            part[i] = part[i][:-1]
    return lines[0], nodes, edges


def dumps(g: OrgGraph) -> str:
    nodes = [node_line(nid, d) for nid, d in sorted(g.g.nodes(data=True), key=lambda x: x[0])]
    edges = [edge_line(u, v, d) for u, v, _k, d in sorted(g.g.edges(keys=True, data=True), key=lambda x: (x[0], x[1], x[2]))]
    return join_lines(g.summary(), nodes, edges)


def atomic_write(path: str | Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
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


def save(g: OrgGraph, path: str | Path) -> None:
    try:
        atomic_write(path, dumps(g))
    except OSError as e:
        raise UserError(f"{path}: cannot save graph ({e.strerror or e})") from None


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

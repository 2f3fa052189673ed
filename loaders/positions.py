"""HR positions exports (CSV or XLSX): one row per position, reporting to its manager's position.

HR systems know the real reporting lines: each position has an id, a job title, a job class code, a
department and the id of the position it reports to. Columns are found by their header names; common
exports' names are known (HEADERS) and the user names others with `--map id=Position ID,...`. Bad rows
(no id, a duplicate id, a manager id that no row has, a reporting cycle) are reported with their row
number — the row as a spreadsheet numbers it, the header being row 1 — and the rest loads.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .documents.decode import decode_text
from .errors import InputError, printable
from .text import MAX_BYTES

# field -> header names of common exports (compared lower-cased, punctuation as spaces); first match wins
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("position id", "position number", "position no", "position nbr", "pos id", "position", "position code",
           "id"),
    "title": ("job title", "position title", "working title", "title", "business title", "job name"),
    "manager": ("reports to position id", "reports to position", "reports to position number", "manager position id",
                "supervisor position id", "parent position id", "reports to pos id", "reports to", "manager id",
                "supervisor id", "manager position"),
    "unit": ("department", "department name", "dept", "unit", "org unit", "organization unit", "division",
             "business unit", "organization"),
    "class_code": ("job code", "job class code", "class code", "job class", "jobcode", "classification code",
                   "job profile id", "job profile"),
}
REQUIRED = ("id", "title", "manager")


@dataclass
class Position:
    row: int  # as a spreadsheet numbers it: the header is row 1
    id: str
    title: str
    manager: str | None
    unit: str | None
    class_code: str | None
    text: str  # the row as read, cells joined by ", ": the evidence of every fact it gives


@dataclass
class PositionTable:
    path: str
    positions: list[Position] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per row left out or line dropped

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


def read_positions(path: str | Path, mapping: str | None = None) -> PositionTable:
    """The positions of a CSV or XLSX export; InputError (one line) if the file or its columns are unusable.

    >>> t = read_positions("orgkg/sample_positions/positions.csv")
    >>> t.positions[0].id, t.problems
    ('P-100', [])
    """
    shown = printable(str(path))
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise InputError(f"{shown}: file too large ({size / 2**20:.1f} MiB)")
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(f"{shown}: cannot read ({e.strerror or e})") from None
    rows = _xlsx_rows(data, shown) if data.startswith(b"PK\x03\x04") else _csv_rows(data, shown)
    header_row, header = next(((n, r) for n, r in rows if any(r)), (0, []))
    if not header:
        raise InputError(f"{shown}: no header row")
    cols = _columns(header, parse_map(mapping, shown), shown)
    table = PositionTable(str(path))
    first_row: dict[str, int] = {}
    for n, cells in rows:
        if n > header_row and any(c.strip() for c in cells):
            _add_row(table, (n, cells), cols, first_row, shown)
    _check_managers(table, shown)
    return table


def parse_map(mapping: str | None, shown: str = "--map") -> dict[str, str]:
    """`id=Position ID,manager=Reports To` -> {'id': 'Position ID', 'manager': 'Reports To'}.

    >>> parse_map("id=Pos,unit=Dept")
    {'id': 'Pos', 'unit': 'Dept'}
    """
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (mapping or "").split(","))):
        key, sep, header = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in HEADERS or not header.strip():
            raise InputError(f"--map: {part!r} is not FIELD=HEADER with FIELD one of {', '.join(HEADERS)}")
        out[key] = header.strip()
    return out


def _norm(h: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(h).lower()).split())


def _columns(header: list[str], mapping: dict[str, str], shown: str) -> dict[str, int]:
    """Field -> column index, from --map first, then the known header names."""
    index = {}
    for i, h in enumerate(header):
        index.setdefault(_norm(h), i)
    cols: dict[str, int] = {}
    for key, names in HEADERS.items():
        if key in mapping:
            if _norm(mapping[key]) not in index:
                raise InputError(f"{shown}: no column {mapping[key]!r} (--map {key}=...); columns: "
                                 + ", ".join(repr(h) for h in header if h))
            cols[key] = index[_norm(mapping[key])]
            continue
        hit = next((index[n] for n in names if n in index and index[n] not in cols.values()), None)
        if hit is not None:
            cols[key] = hit
    missing = [k for k in REQUIRED if k not in cols]
    if missing:
        raise InputError(f"{shown}: no column for {', '.join(missing)}; name it with --map "
                         f"{missing[0]}=HEADER (columns: {', '.join(repr(h) for h in header if h)})")
    return cols


def _add_row(table: PositionTable, row: tuple[int, list[str]], cols: dict[str, int], first_row: dict[str, int],
             shown: str) -> None:
    """Add the row's position, or say why it is left out; `first_row`: the row number of each id so far."""
    n, cells = row

    def get(key: str) -> str | None:
        i = cols.get(key)
        v = " ".join(cells[i].split()) if i is not None and i < len(cells) else ""
        return v or None

    pid = get("id")
    if pid is None:
        table.problems.append(f"{shown}: row {n}: no position id; row left out")
        return
    if pid in first_row:
        table.problems.append(f"{shown}: row {n}: duplicate position id {pid!r} (first on row {first_row[pid]}); "
                              "row left out")
        return
    first_row[pid] = n
    title = get("title") or pid
    text = ", ".join(c.strip() for c in cells if c.strip())
    table.positions.append(Position(n, pid, title, get("manager"), get("unit"), get("class_code"), text))


def _check_managers(table: PositionTable, shown: str) -> None:
    """Drop reporting lines to unknown positions, to the position itself, and around cycles, row by row."""
    by_id = {p.id: p for p in table.positions}
    for p in table.positions:
        if p.manager is not None and (p.manager not in by_id or p.manager == p.id):
            why = "reports to itself" if p.manager == p.id else f"reports to unknown position {p.manager!r}"
            table.problems.append(f"{shown}: row {p.row}: {why}; reporting line left out")
            p.manager = None
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in table.positions:
        path: list[Position] = []
        p: Position | None = start
        while p is not None and p.id not in state:
            state[p.id] = 1
            path.append(p)
            p = by_id.get(p.manager) if p.manager else None
        if p is not None and state[p.id] == 1:  # back on this walk's own path: a cycle
            loop = path[path.index(p):]
            ids = " -> ".join([q.id for q in loop] + [loop[0].id])
            for q in loop:
                table.problems.append(f"{shown}: row {q.row}: reporting cycle ({ids}); reporting line left out")
                q.manager = None
        for q in path:
            state[q.id] = 2


def _csv_rows(data: bytes, shown: str) -> list[tuple[int, list[str]]]:
    text, _, _ = decode_text(data, shown)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect)
    out = []
    try:
        for cells in reader:
            out.append((reader.line_num, cells))
    except csv.Error as e:
        raise InputError(f"{shown}: not readable as CSV (line {reader.line_num}: {e})") from None
    return out


def _xlsx_rows(data: bytes, shown: str) -> list[tuple[int, list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise InputError(f"{shown}: not a readable XLSX workbook ({type(e).__name__})") from None
    try:
        ws = wb.worksheets[0]
        return [(n, ["" if v is None else _cell(v) for v in row])
                for n, row in enumerate(ws.iter_rows(values_only=True), 1)]
    finally:
        wb.close()


def _cell(v) -> str:
    """A cell as text; whole floats (Excel's numbers) without '.0', so id 100 matches manager id 100."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)

"""The corrections file: what the people who own the graph know better than the documents.

A YAML list, kept under version control by its users and applied at every build, after extraction and
entity resolution, in file order (graph/correct.py applies it). Each entry is one correction plus who made
it, when and why:

    - remove: {type: UNDER_DIRECTION_OF, source: "Coordinator, ...", target: "Chief of Teaching, ..."}
      why: "moved under the Chief of Staff in the 2026 reorganisation"
      by: "J. Analyst"
      when: 2026-12-07
    - add: {type: UNDER_DIRECTION_OF, source: "Coordinator, ...", target: "Chief of Staff"}
    - confirm: {type: COLLABORATES_WITH, source: "...", target: "..."}
    - same: ["BRS", "Bus Route Supervisor"]
    - different: ["Director", "Director of Finance"]
    - rename: {node: "supervisor of safety", name: "Supervisor, Safety, Security and Training"}

Entries name things as users do (names, acronyms, aliases), never internal ids. This module only reads and
checks the file: a malformed entry is a one-line error naming the file and the entry's line, raised before
any graph is touched.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

from orgkg.errors import UserError
from orgkg.ontology.schema import DESCRIBED_IN, EDGE_TYPES

from .ids import canonical

# kind -> the shape of its value: an edge, two or more names, or a node and its new name
KINDS: dict[str, str] = {"remove": "edge", "add": "edge", "confirm": "edge",
                         "same": "names", "different": "names", "rename": "rename"}
META = ("why", "by", "when")
EDGE_KEYS = ("type", "source", "target")
RENAME_KEYS = ("node", "name")
# edge types a correction may name: every relation the extractor makes, not the role -> document link
CORRECTABLE = tuple(t for t in EDGE_TYPES if t != DESCRIBED_IN)


class CorrectionError(UserError):
    """A corrections file that cannot be applied as written: `FILE:LINE: problem`."""


@dataclass
class Correction:
    """One entry of a corrections file.

    `args`: {"type", "source", "target"} for remove/add/confirm, {"names": [...]} for same/different,
    {"node", "name"} for rename. `line`..`end_line`: where the entry is in `file` (1-based).
    """

    kind: str
    args: dict
    file: str
    line: int
    end_line: int
    why: str | None = None
    by: str | None = None
    when: str | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def describe(self) -> str:
        """The entry in one line, for messages: `remove UNDER_DIRECTION_OF 'A' -> 'B'`."""
        a = self.args
        if KINDS[self.kind] == "edge":
            return f"{self.kind} {a['type']} {a['source']!r} -> {a['target']!r}"
        if KINDS[self.kind] == "names":
            return f"{self.kind} " + ", ".join(repr(n) for n in a["names"])
        return f"rename {a['node']!r} to {a['name']!r}"


def load_corrections(path: str | Path) -> list[Correction]:
    """Read and check a corrections file; a missing or malformed file is a CorrectionError.

    Example: `load_corrections("corrections.yaml")[0].kind == "remove"`.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorrectionError(f"{path}: no such corrections file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise CorrectionError(f"{path}: cannot read corrections file ({e})") from None
    return parse_corrections(text, str(path))


def parse_corrections(text: str, file: str = "corrections.yaml") -> list[Correction]:
    """The entries of a corrections file's text, checked, in file order.

    Example: `parse_corrections('- same: [BRS, Bus Route Supervisor]')[0].args == {"names": ["BRS", ...]}`.
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise CorrectionError(f"{file}:{line}: not valid YAML ({e.problem or e.context})") from None
    except yaml.YAMLError as e:
        raise CorrectionError(f"{file}: not valid YAML ({e})") from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise CorrectionError(f"{file}:{_line(root)}: expected a list of corrections (each entry starting with '- ')")
    loader = yaml.SafeLoader("")
    out = [_entry(item, file, loader) for item in root.value]
    _check_contradictions(out)
    return out


def _line(node) -> int:
    return node.start_mark.line + 1


def _end_line(node) -> int:
    """The last line holding the entry (a block mapping's end mark sits at the start of the next line)."""
    end = node.end_mark
    return max(_line(node), end.line + (1 if end.column else 0))


def _entry(node, file: str, loader) -> Correction:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise CorrectionError(f"{file}:{_line(node)}: expected an entry such as `remove: {{...}}` "
                              f"(one of {', '.join(KINDS)})")
    kinds, meta = [], {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        where = f"{file}:{_line(key_node)}"
        if key in KINDS:
            kinds.append((key, value_node))
        elif key in META:
            meta[key] = _meta_value(key, loader.construct_object(value_node, deep=True), where)
        else:
            raise CorrectionError(f"{where}: unknown key {key!r} (expected one of {', '.join(KINDS)}; "
                                  f"and {', '.join(META)})")
    line = _line(node)
    if not kinds:
        raise CorrectionError(f"{file}:{line}: entry names no correction (expected one of {', '.join(KINDS)})")
    if len(kinds) > 1:
        raise CorrectionError(f"{file}:{_line(kinds[1][1])}: one correction per entry "
                              f"(found {kinds[0][0]!r} and {kinds[1][0]!r})")
    kind, value_node = kinds[0]
    where = f"{file}:{_line(value_node)}"
    value = loader.construct_object(value_node, deep=True)
    args = _ARGS[KINDS[kind]](kind, value, where)
    return Correction(kind, args, file, line, _end_line(node), meta.get("why"), meta.get("by"), meta.get("when"))


def _meta_value(key: str, value, where: str) -> str | None:
    """why/by as text; when as an ISO date (YAML reads 2026-12-07 as a date)."""
    if value is None:
        return None
    if key == "when" and isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        if not text:
            raise CorrectionError(f"{where}: {key!r} is empty")
        return text
    raise CorrectionError(f"{where}: {key!r} must be text, not {_kind_of(value)}")


def _kind_of(value) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), type(value).__name__)


def _text(value, what: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        shown = "missing" if value is None else f"must be a name, not {_kind_of(value)}"
        raise CorrectionError(f"{where}: {what} {shown}")
    return value.strip()


def _mapping(kind: str, value, keys: tuple[str, ...], where: str) -> dict:
    if not isinstance(value, dict):
        form = ", ".join(f"{k}: ..." for k in keys)
        raise CorrectionError(f"{where}: {kind!r} needs a mapping {{{form}}}, not {_kind_of(value)}")
    unknown = [k for k in value if k not in keys]
    if unknown:
        raise CorrectionError(f"{where}: {kind!r} has unknown key {unknown[0]!r} (expected {', '.join(keys)})")
    return {k: _text(value.get(k), f"{kind!r} {k}", where) for k in keys}


def edge_type(raw: str, where: str) -> str:
    """`under direction of` / `under_direction_of` -> UNDER_DIRECTION_OF, or a CorrectionError naming the types."""
    t = "_".join(raw.replace("-", " ").split()).upper()
    if t not in CORRECTABLE:
        raise CorrectionError(f"{where}: unknown edge type {raw!r} (expected one of {', '.join(CORRECTABLE)})")
    return t


def _edge_args(kind: str, value, where: str) -> dict:
    args = _mapping(kind, value, EDGE_KEYS, where)
    args["type"] = edge_type(args["type"], where)
    if canonical(args["source"]) == canonical(args["target"]):
        raise CorrectionError(f"{where}: {kind!r} source and target are the same name ({args['source']!r})")
    return args


def _names_args(kind: str, value, where: str) -> dict:
    if not isinstance(value, list) or len(value) < 2:
        raise CorrectionError(f"{where}: {kind!r} needs a list of two or more names, e.g. [\"BRS\", \"Bus Route "
                              f"Supervisor\"], not {_kind_of(value) if not isinstance(value, list) else 'one name'}")
    names = [_text(v, f"{kind!r} name", where) for v in value]
    if len({canonical(n) for n in names}) < len(names) and kind == "different":
        raise CorrectionError(f"{where}: 'different' names the same name twice ({', '.join(map(repr, names))})")
    return {"names": names}


def _rename_args(kind: str, value, where: str) -> dict:
    return _mapping(kind, value, RENAME_KEYS, where)


_ARGS = {"edge": _edge_args, "names": _names_args, "rename": _rename_args}


def _check_contradictions(entries: list[Correction]) -> None:
    """`same` and `different` on the same two names cannot both hold: the later one is the error."""
    apart: dict[frozenset, Correction] = {}
    together: dict[frozenset, Correction] = {}
    for c in entries:
        if KINDS[c.kind] != "names":
            continue
        keys = [canonical(n) for n in c.args["names"]]
        pairs = {frozenset((a, b)) for i, a in enumerate(keys) for b in keys[i + 1:] if a != b}
        mine, other = (together, apart) if c.kind == "same" else (apart, together)
        for p in pairs:
            if p in other:
                o = other[p]
                raise CorrectionError(f"{c.where}: {c.kind!r} contradicts {o.kind!r} on line {o.line} "
                                      f"({' and '.join(repr(n) for n in c.args['names'])})")
            mine.setdefault(p, c)


# ---- writing entries (`orgkg correct`) ------------------------------------------------------------
def _quote(s: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def render_entry(kind: str, args: dict, why: str | None = None, by: str | None = None,
                 when: str | None = None) -> str:
    """One entry as YAML text, to append to a corrections file without re-dumping (its comments stay).

    Example: `render_entry("same", {"names": ["BRS", "Bus Route Supervisor"]}, why="one role")`
    -> '- same: ["BRS", "Bus Route Supervisor"]\\n  why: "one role"\\n'.
    """
    shape = KINDS[kind]
    if shape == "edge":
        body = "{" + ", ".join(f"{k}: {args[k] if k == 'type' else _quote(args[k])}" for k in EDGE_KEYS) + "}"
    elif shape == "names":
        body = "[" + ", ".join(_quote(n) for n in args["names"]) + "]"
    else:
        body = "{" + ", ".join(f"{k}: {_quote(args[k])}" for k in RENAME_KEYS) + "}"
    lines = [f"- {kind}: {body}"]
    for key, value in (("why", why), ("by", by), ("when", when)):
        if value:
            lines.append(f"  {key}: {value if key == 'when' else _quote(value)}")
    return "\n".join(lines) + "\n"


__all__ = ["KINDS", "CORRECTABLE", "Correction", "CorrectionError", "load_corrections", "parse_corrections",
           "render_entry", "edge_type"]

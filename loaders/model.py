"""What a loader produces: one `Extraction` per document, every fact with its evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Evidence:
    """Where a fact is stated: offsets are characters into the original (decoded) file text."""

    doc: str
    section: str | None
    text: str
    start: int
    end: int
    rule: str
    # where in the source file the extracted text came from, for formats whose text is not the file's bytes
    # (a PDF page, an HTML or DOCX element): "page 2", "table 1, row 3"; None for plain text
    locator: str | None = None

    def to_json(self) -> dict:
        d = asdict(self)
        if d["locator"] is None:
            del d["locator"]
        return d


@dataclass
class Relation:
    type: str
    target: str
    target_type: str
    evidence: Evidence
    source: str | None = None  # None: the described role
    source_type: str = "Role"
    # how sure the rule is: 1.0 for a labelled field or an explicit verb; lower when inferred from position,
    # distribution over a list or a generic head. The review queue sorts on it.
    confidence: float = 1.0

    def to_json(self, role_name: str | None) -> dict:
        return {
            "type": self.type,
            "source": self.source or role_name,
            "source_type": self.source_type,
            "target": self.target,
            "target_type": self.target_type,
            "confidence": self.confidence,
            "evidence": self.evidence.to_json(),
        }


@dataclass
class Alias:
    alias: str
    name: str
    evidence: Evidence | None = None

    def to_json(self) -> dict:
        return {"alias": self.alias, "name": self.name}


@dataclass
class Competency:
    name: str  # as written (repaired)
    kind: str
    key: str  # normalised: the same competency in two documents has the same key
    evidence: Evidence

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "key": self.key, "evidence": self.evidence.to_json()}


@dataclass
class Extraction:
    doc: str  # file name
    path: str
    format: str
    role: dict = field(default_factory=dict)  # header fields; None where the page does not say
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)  # spans in the original text
    relations: list[Relation] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    competencies: list[Competency] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # sections / fields the page lacks
    truncated: bool = False
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""

    @property
    def role_name(self) -> str | None:
        return self.role.get("working_title") or self.role.get("official_title")

    def to_json(self) -> dict:
        """The stable shape `orgkg extract --format jsonl` prints and the benchmark scores."""
        name = self.role_name
        return {
            "doc": self.doc,
            "format": self.format,
            "role": self.role,
            "relations": [r.to_json(name) for r in self.relations],
            "aliases": [a.to_json() for a in self.aliases],
            "competencies": [c.to_json() for c in self.competencies],
            "dates": self.dates,
            "missing": self.missing,
            "truncated": self.truncated,
            "warnings": self.warnings,
        }


# The wire form: an Extraction as nested tuples, for moving it between processes. Pickle rebuilds a
# dataclass instance through NEWOBJ + BUILD (about 3x the cost of a tuple and a call to __init__); the
# parent of a `--jobs` build unpickles every document, serially, so this form takes its share of a 10,000-
# document build from ~0.85 to ~0.3 s. Field order is the declaration order (tests check every field).

def _ev(e: Evidence) -> tuple:
    return (e.doc, e.section, e.text, e.start, e.end, e.rule, e.locator)


def pack(ex: Extraction) -> tuple:
    """`ex` as tuples, lists and dicts only (shared, not copied: pack to send, not to keep)."""
    return (ex.doc, ex.path, ex.format, ex.role, ex.sections,
            [(r.type, r.target, r.target_type, _ev(r.evidence), r.source, r.source_type, r.confidence)
             for r in ex.relations],
            [(a.alias, a.name, None if a.evidence is None else _ev(a.evidence)) for a in ex.aliases],
            [(c.name, c.kind, c.key, _ev(c.evidence)) for c in ex.competencies],
            ex.dates, ex.missing, ex.truncated, ex.warnings, ex.sha256)


def unpack(t: tuple) -> Extraction:
    """The Extraction `pack` made `t` from."""
    doc, path, format, role, sections, rels, aliases, comps, dates, missing, truncated, warnings, sha256 = t
    E = Evidence
    return Extraction(doc, path, format, role, sections,
                      [Relation(a, b, c, E(*e), s, st, cf) for a, b, c, e, s, st, cf in rels],
                      [Alias(a, n, None if e is None else E(*e)) for a, n, e in aliases],
                      [Competency(n, k, key, E(*e)) for n, k, key, e in comps],
                      dates, missing, truncated, warnings, sha256)

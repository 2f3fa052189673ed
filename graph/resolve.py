"""Entity resolution across documents: which node a name in a document means.

- acronyms and their expansions are one node (DSSEM == Department of Systemwide ...);
- case, article and plural variants share a canonical key, hence an id;
- a described role's own aliases attach to it; a role only referenced is a stub;
- never merge across types: a Role and a Unit with the same words stay two nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from orgkg.loaders.model import Extraction
from orgkg.ontology.schema import ROLE

from .ids import canonical, slug

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&./\-]*[A-Z0-9]$")


class Resolver:
    """Maps (type, name) to a node id, through acronyms and aliases gathered from every document.

    Built once from all the documents of a build (in document order), so a name means the same node in every
    document; a document's own acronym definitions still win inside that document.

    >>> Resolver([]).node_id("Role", "the Directors of Schools")
    ('role:director-of-school', 'the Directors of Schools')
    """

    def __init__(self, extractions: Iterable[Extraction]):
        self.acronyms: dict[str, str] = {}  # acronym -> the name it stands for
        self.alias_of: dict[str, str] = {}  # canonical alias -> canonical name (any type)
        self.role_names: dict[str, str] = {}  # canonical -> display name of described roles
        conflicts: set[str] = set()
        for ex in extractions:
            for a in ex.aliases:
                if ACRONYM.match(a.alias):
                    prev = self.acronyms.get(a.alias)
                    if prev is not None and canonical(prev) != canonical(a.name):
                        conflicts.add(a.alias)  # the same letters for two things: keep neither global
                    self.acronyms.setdefault(a.alias, a.name)
                else:
                    self.alias_of[canonical(a.alias)] = canonical(a.name)
            if ex.role_name:
                self.role_names.setdefault(canonical(ex.role_name), ex.role_name)
        for c in conflicts:
            del self.acronyms[c]

    def name(self, raw: str, doc_acronyms: dict[str, str] | None = None) -> str:
        """The name `raw` stands for: an acronym's expansion (the document's own first), else `raw`."""
        raw = raw.strip()
        if doc_acronyms and raw in doc_acronyms:
            return doc_acronyms[raw]
        return self.acronyms.get(raw, raw)

    def node_id(self, node_type: str, raw: str, doc_acronyms: dict[str, str] | None = None) -> tuple[str, str]:
        """(node id, display name) of `raw` as a node of `node_type`."""
        name = self.name(raw, doc_acronyms)
        key = canonical(name)
        key = self.alias_of.get(key, key)
        if node_type == ROLE and key in self.role_names:
            name = self.role_names[key]
        return f"{node_type.lower()}:{slug(key)}", name


def doc_acronyms(ex: Extraction) -> dict[str, str]:
    """The acronyms a document defines itself (they win over the corpus-wide ones inside it)."""
    return {a.alias: a.name for a in ex.aliases if ACRONYM.match(a.alias)}

"""Entity resolution across documents: which node a name in a document means, and by which rule.

- acronyms and their expansions are one node (DSSEM == Department of Systemwide ...);
- case, article and plural variants share a canonical key, hence an id;
- a described role's own aliases attach to it; a role only referenced is a stub;
- a mention of a described role by another form of its title reaches the described role, not a stub:
  "director of the Division of X" for "Director, Division of X", the official title when the working title only
  prefixes it with the department ("bus route supervisors" for "Transportation Bus Route Supervisor", official
  title "Bus Route Supervisor"), and an acronym the page defines for its own title ("(BRS)");
- never merge across types: a Role and a Unit with the same words stay two nodes.

Every rule is read from the corpus (titles, official titles, acronym definitions), none from a word list of one
organisation; a form two described roles share is ambiguous and resolves to neither. `resolve` says which rules
it applied (ontology/schema.py RESOLUTIONS), so an edge can carry how its target was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from orgkg.loaders.lexicon import ROLE_HEADS, UNIT_HEADS, WEAK_UNIT_HEADS
from orgkg.loaders.model import Extraction
from orgkg.ontology.schema import ACRONYM, ALIAS, PLURAL, RESOLUTIONS, ROLE, UNIT

from .ids import canonical, singular, slug
from .titles import official_names_the_class, title_variants

ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&./\-]*[A-Z0-9]$")
_OWN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&./\-]{1,14})\)")  # "Bus Route Supervisor (BRS)"
_PARENS = re.compile(r"\([^)]*\)")
_STRONG_UNIT_HEADS = UNIT_HEADS - WEAK_UNIT_HEADS
_SEPARATED = re.compile(r",| and | or |/")  # a name that a list split could have cut


class Resolver:
    """Maps (type, name) to a node id, through acronyms, aliases and described titles from every document.

    Built once from all the documents of a build (in document order), so a name means the same node in every
    document; a document's own acronym definitions still win inside that document.

    >>> Resolver([]).node_id("Role", "the Directors of Schools")
    ('role:director-of-school', 'the Directors of Schools')
    """

    def __init__(self, extractions: Iterable[Extraction]):
        self.acronyms: dict[str, str] = {}  # acronym -> the name it stands for
        self.alias_of: dict[str, str] = {}  # canonical alias -> canonical name (any type)
        self.role_names: dict[str, str] = {}  # canonical -> display name of described roles
        self.role_variant: dict[str, tuple[str, str]] = {}  # another form's key -> (described key, rule)
        self.wholes: dict[str, str] = {}  # key of a name with a comma/and stated whole somewhere -> its type
        self._edges: tuple[frozenset[str], frozenset[str]] | None = None
        self._ids: frozenset[str] | None = None
        self._neighbours: tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]] | None = None
        self._memo: dict[tuple[str, str], tuple[str, str, str | None]] = {}
        conflicts: set[str] = set()
        exs = list(extractions)
        for ex in exs:
            for a in ex.aliases:
                if ACRONYM_RE.match(a.alias):
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
        self._index_variants(exs)
        self._index_wholes(exs)

    def _index_variants(self, exs: list[Extraction]) -> None:
        """The other forms of every described title (graph/titles.py) and the acronym a page defines for its
        own title; a form claimed by two described roles, or that is a described role's own title, is dropped."""
        claims: dict[str, dict[str, str]] = {}  # form key -> {described key: rule}
        for ex in exs:
            title = ex.role_name
            if not title:
                continue
            own = canonical(title)
            official = ex.role.get("official_title")
            forms = title_variants(title, official if official != title else None)
            forms += [(k, ALIAS) for k in map(canonical, _own_acronyms(ex)) if official_names_the_class(own, k)]
            for key, how in forms:
                mine = claims.setdefault(key, {})
                old = mine.get(own)
                if old is None or RESOLUTIONS[how].confidence > RESOLUTIONS[old].confidence:
                    mine[own] = how
        for key, mine in claims.items():
            if len(mine) == 1 and key not in self.role_names and key:
                (own, how), = mine.items()
                if key != own:
                    self.role_variant[key] = (own, how)

    def _index_wholes(self, exs: list[Extraction]) -> None:
        """Names with a comma, 'and', 'or' or a slash that some document states whole: a relation target read
        in one piece, or an acronym's expansion (typed by its head word). graph/rejoin.py puts the pieces of
        such a name back together where another document's list split cut it."""
        wholes = self.wholes
        # each (target, type) once, in first-seen order: the first type stated for a name still wins
        for target, kind in dict.fromkeys((rel.target, rel.target_type) for ex in exs for rel in ex.relations):
            if _SEPARATED.search(target):
                wholes.setdefault(canonical(target), kind)
        for name in self.acronyms.values():
            if _SEPARATED.search(name):
                kind = _head_type(name)
                if kind:
                    wholes.setdefault(canonical(name), kind)

    def name(self, raw: str, doc_acronyms: dict[str, str] | None = None) -> str:
        """The name `raw` stands for: an acronym's expansion (the document's own first), else `raw`."""
        raw = raw.strip()
        if doc_acronyms and raw in doc_acronyms:
            return doc_acronyms[raw]
        return self.acronyms.get(raw, raw)

    def resolve(self, node_type: str, raw: str, doc_acronyms: dict[str, str] | None = None
                ) -> tuple[str, str, str | None]:
        """(node id, display name, rules) of `raw` as a node of `node_type`; rules is None when the name was
        taken as written (case, articles and punctuation aside), else the RESOLUTIONS names joined by "+".

        >>> r = Resolver([])
        >>> r.role_names["principal"] = "Principal"
        >>> r.resolve("Role", "the principals")
        ('role:principal', 'Principal', 'plural')
        """
        if not doc_acronyms or raw not in doc_acronyms:  # the same name means the same node in every document
            memo = (node_type, raw)
            hit = self._memo.get(memo)
            if hit is None:
                hit = self._memo[memo] = self._resolve(node_type, raw, None)
            return hit
        return self._resolve(node_type, raw, doc_acronyms)

    def _resolve(self, node_type: str, raw: str, doc_acronyms: dict[str, str] | None) -> tuple[str, str, str | None]:
        raw = raw.strip()
        name = self.name(raw, doc_acronyms)
        steps = [ACRONYM] if name != raw else []
        key = canonical(name)
        aliased = self.alias_of.get(key)
        if aliased is not None and aliased != key:
            key = aliased
            steps.append(ALIAS)
        if node_type == ROLE:
            variant = self.role_variant.get(key)
            if variant is not None:
                key = variant[0]
                steps.append(variant[1])
            display = self.role_names.get(key)
            if display is not None:
                name = display
                if not steps and plural_head(raw):
                    steps.append(PLURAL)
        return f"{node_type.lower()}:{slug(key)}", name, "+".join(steps) or None

    def node_id(self, node_type: str, raw: str, doc_acronyms: dict[str, str] | None = None) -> tuple[str, str]:
        """(node id, display name) of `raw` as a node of `node_type`."""
        nid, name, _ = self.resolve(node_type, raw, doc_acronyms)
        return nid, name

    def whole_type(self, name: str) -> str | None:
        """The node type of `name` if the corpus knows it as one whole name (a described role or a form of its
        title, or a name stated whole somewhere), else None.

        >>> r = Resolver([])
        >>> r.role_names["consultant superintendent of school"] = "Consultant, Superintendent of Schools"
        >>> r.whole_type("Consultant, Superintendent of Schools"), r.whole_type("Consultant, Budget")
        ('Role', None)
        """
        return self.title_type(name) or self.wholes.get(self._key(name))

    def title_type(self, name: str) -> str | None:
        """ROLE if `name` is a described role's title or another form of it, else None.

        >>> r = Resolver([])
        >>> r.role_names["manager ombudsman service"] = "Manager, Ombudsman Services"
        >>> r.title_type("the manager, ombudsman services"), r.title_type("Manager")
        ('Role', None)
        """
        key = self._key(name)
        return ROLE if key in self.role_names or key in self.role_variant else None

    def _key(self, name: str) -> str:
        key = canonical(name)
        return self.alias_of.get(key, key)

    def title_edges(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first words and the last words of every described title and its forms (canonical keys): a span of
        a sentence can only be one of them if it starts and ends with one (graph/rejoin.py's cheap filter)."""
        if self._edges is None:
            keys = [k.split() for k in (*self.role_names, *self.role_variant) if k]
            self._edges = _with_plurals(k[0] for k in keys), _with_plurals(k[-1] for k in keys)
        return self._edges

    def node_type(self, node_type: str, raw: str, doc_acronyms: dict[str, str] | None = None) -> str:
        """The type a relation end is merged as: the loader's, except for an acronym that stands for a described
        role. A loader reading "supervises the BRS" cannot tell a role's acronym from a unit's; the corpus can
        (BRS = Bus Route Supervisor, which a page describes), and the acronym then attaches to that role.

        >>> r = Resolver([])
        >>> r.role_names["bus route supervisor"] = "Bus Route Supervisor"
        >>> r.acronyms["BRS"] = "Bus Route Supervisors"
        >>> r.node_type("Unit", "BRS"), r.node_type("Unit", "Bus Route Supervisors"), r.node_type("Unit", "DSSEM")
        ('Role', 'Unit', 'Unit')
        """
        if node_type == ROLE or not (raw in self.acronyms or doc_acronyms and raw in doc_acronyms):
            return node_type
        return ROLE if self.is_described(raw, doc_acronyms) else node_type

    def title_neighbours(self) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """Every two neighbouring words of the described titles and their forms, each word singular, as (word ->
        the words that follow it, word -> the words before it): a target can only grow into a title across such
        a pair (graph/rejoin.py's cheap filter)."""
        if self._neighbours is None:
            keys = [k.split() for k in (*self.role_names, *self.role_variant)]
            one = {x: singular(x) for x in {x for k in keys for x in k}}  # titles share most of their words
            pairs: set[tuple[str, str]] = set()
            for k in keys:
                w = [one[x] for x in k if x != "the"]
                pairs.update(zip(w, w[1:]))
            follows: dict[str, set[str]] = {}
            precedes: dict[str, set[str]] = {}
            for a, b in pairs:  # titles share most of their pairs too
                follows.setdefault(a, set()).add(b)
                precedes.setdefault(b, set()).add(a)
            self._neighbours = ({a: frozenset(bs) for a, bs in follows.items()},
                                {b: frozenset(as_) for b, as_ in precedes.items()})
        return self._neighbours

    def is_described(self, raw: str, doc_acronyms: dict[str, str] | None = None) -> bool:
        """Whether `raw`, as a role, resolves to a described role."""
        nid, _, _ = self.resolve(ROLE, raw, doc_acronyms)
        return nid in self._described_ids

    @property
    def _described_ids(self) -> frozenset[str]:
        if self._ids is None:
            self._ids = frozenset(f"role:{slug(k)}" for k in self.role_names)
        return self._ids


def _own_acronyms(ex: Extraction) -> list[str]:
    """Expansions of the acronyms a page puts in its own title and defines: "Transportation Bus Route Supervisor
    (BRS)" with BRS = Bus Route Supervisor names its role so (when the expansion names the class as an official
    title would: "Registered Nurse (RN) - Medical-Surgical" is one kind of registered nurse, not all of them)."""
    defined = {a.alias: a.name for a in ex.aliases if ACRONYM_RE.match(a.alias)}
    titles = (ex.role.get("working_title") or "", ex.role.get("official_title") or "")
    return [defined[m] for t in titles for m in _OWN_ACRONYM.findall(t) if m in defined]


def _head_type(name: str) -> str | None:
    """Unit or Role by the head words of a name nobody typed (an acronym's expansion); None when neither."""
    words = name.lower().split()
    if not _STRONG_UNIT_HEADS.isdisjoint(words):
        return UNIT
    if words and words[-1] in ROLE_HEADS:
        return ROLE
    return None


def _with_plurals(words: Iterable[str]) -> frozenset[str]:
    """The words and the plurals a sentence may write them in (keys hold the singular: 'supervisors')."""
    out = set(words)
    out |= {w + "s" for w in out} | {w + "es" for w in out} | {w[:-1] + "ies" for w in out if w.endswith("y")}
    return frozenset(out)


def plural_head(raw: str) -> bool:
    """Whether a name is plural in its head: 'principals', 'directors of schools' (not 'Director of Schools').

    >>> plural_head("bus route supervisors"), plural_head("Director of Schools"), plural_head("Manager, Relations")
    (True, False, False)
    """
    words = _PARENS.sub(" ", raw.lower().split(",")[0]).split()  # "Managers, Board Relations": before the comma
    if not words:
        return False
    head = next((words[i - 1] for i in range(1, len(words)) if words[i] in ("of", "for")), words[-1])
    head = head.strip(".,;:'\"")
    return singular(head) != head


def doc_acronyms(ex: Extraction) -> dict[str, str]:
    """The acronyms a document defines itself (they win over the corpus-wide ones inside it)."""
    return {a.alias: a.name for a in ex.aliases if ACRONYM_RE.match(a.alias)}

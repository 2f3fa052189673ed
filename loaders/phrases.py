"""Reading the noun phrases after a relation word: lists, coordination, units, vague groups.

`targets(text, start, end)` turns "the principal and special education supervisor"
into two targets, "chief/and/or associate superintendent of X" into two roles of X,
and "staff in the Office of Technology Innovation" into the office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from orgkg.ontology.schema import ORGANIZATION, ROLE, UNIT

from .conjuncts import Tok, at_separators, conjuncts, has_head
from .lexicon import (
    QUALIFIED_ROLE_HEADS,
    ROLE_HEADS,
    UNIT_HEADS,
    VAGUE,
    VERBS,
)
from .listend import cut_list, starts_unit
from .memo import WordMemo
from .mentions import ORGANIZATION_MARKER_RE, classify, named


@dataclass
class Target:
    name: str
    type: str
    start: int  # span of the mention in the repaired text
    end: int
    located_in: Target | None = None  # "X in the Department of Y": Y
    distributed: bool = False  # read from a list's shape: "the offices of A, B and C", "associates (A, B)"


_LOWER = itemgetter(1)  # a token's lower-cased word (conjuncts.Tok)
_LOCATION_WORDS = frozenset({"in", "within", "at"})


_TOKEN = re.compile(r"[A-Za-z0-9][\w'&.\-]*[\w&]|[A-Za-z0-9]|[,;:/()&]")
# split() at a captured token gives gap, token, gap, ..., gap: the text in between and the tokens, in one flat list
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
_LOWER_OF = WordMemo(str.lower)  # one lower-cased string per distinct word, its hash computed once for every lookup


def targets(text: str, start: int, end: int, acronyms: dict[str, str] | None = None,
            list_context: bool = False, examples: bool = False) -> list[Target]:
    """Targets named in text[start:end], which begins right after the relation word.

    `list_context`: bare capitalised names are units ("the offices of A, B and C").
    `examples`: items after "including" are targets too ("depot staff including depot managers").
    """
    acronyms = acronyms or {}
    window = min(end, start + 200)  # most lists end early: read a short window, widen it only when needed
    while True:
        toks = _members_not_container(_tokens(text, start, window))
        cut, subject_cut, exhausted = cut_list(toks, acronyms, examples)
        if not exhausted or window >= end:
            break
        window = min(end, start + 4 * (window - start))
    if not _may_name(cut, acronyms):
        return []  # "oversees the development of curricula": no word that any name needs
    toks = cut
    head, where, rest = _split_location(toks, acronyms)
    conjs = conjuncts(head, acronyms, list_context)
    if subject_cut and len(conjs) > 1 and conjs[-1][0][1] in ("the", "this"):
        conjs = conjs[:-1]  # "..., the director facilitates": the next clause's subject
    inner: list[tuple[int, int]] = []
    conjs = _open_parenthesised_lists(conjs, acronyms, list_context, inner)
    if not where and not rest:  # the usual list, with no place in it
        found = []
        for c in conjs:
            spread = _distributed(c, text)
            found += spread if spread else [t] if (t := _target(c, text, acronyms, list_context)) else []
        for t in found:
            t.distributed = t.distributed or any(a <= t.start < b for a, b in inner)
        return found
    out: list[Target] = []
    where_conjs = conjuncts(where, acronyms, True)
    located = [_target(c, text, acronyms, True) for c in where_conjs[:1]]
    locs = [t for t in located if t and t.type in (UNIT, ORGANIZATION)]
    # "... in the Department of X (DX) and the principal": later list items are targets, not places
    after = [t for t in (_target(c, text, acronyms, list_context) for c in where_conjs[1:]) if t]
    if locs:  # "staff in the Office of A and the B Unit": both are places
        locs += [t for t in after if t.type != ROLE]
        after = [t for t in after if t.type == ROLE]
    trailing = _trailing_and_group(conjs, text) if locs else set()
    for k, conj in enumerate(conjs):
        t = _target(conj, text, acronyms, list_context)
        if locs and k in trailing:
            if t is None:
                if _is_generic_staff(conj):
                    out.extend(x for x in locs if x not in out)
                continue
            if t.located_in is None:  # "the Budget Unit in the Department of Finance": the unit, held by the place
                t.located_in = locs[0]
        if t is not None:
            out.append(t)
    if locs and not conjs:
        out.extend(locs)
    out.extend(after)
    for conj in conjuncts(rest, acronyms, list_context):
        t = _target(conj, text, acronyms, list_context)
        if t is not None:
            out.append(t)
    return out


def shared_head_names(piece: str) -> list[str]:
    """The groups a list of modifiers before one head names, or [] when the piece is no such list.

    Example: shared_head_names("assigned certificated and classified staff")
    -> ['certificated staff', 'classified staff']
    """
    got = targets(piece, 0, len(piece))
    head = piece.split()[-1].lower() if piece.split() else ""
    if len(got) < 2 or piece.lower().split().count(head) != 1:
        return []
    return [t.name for t in got] if all(t.name.lower().split()[-1] == head for t in got) else []


_NAME_WORDS = ROLE_HEADS | QUALIFIED_ROLE_HEADS | UNIT_HEADS


def _may_name(toks: list[Tok], acronyms: dict[str, str]) -> bool:
    """Whether the tokens could hold a name that mentions.named accepts. A name is made of these words; it is
    accepted only with a capitalised word (a proper name, an acronym, a list item in list context), a head
    word (its hyphenated last part included), an organisation marker or an acronym's expansion. False spares
    the list reading of most spans that name nobody; tests/test_phrases_may_name.py checks it never
    says False where targets would find one."""
    for t in toks:
        w = t[0]
        if w[:1].isupper() or t[1] in _NAME_WORDS or w in acronyms or t[1].rpartition("-")[2] in _NAME_WORDS:
            return True
    low = " ".join(map(_LOWER, toks))
    return ORGANIZATION_MARKER_RE.search(low) is not None or any(v.lower() in low for v in acronyms.values())


def _open_parenthesised_lists(conjs: list[list[Tok]], acronyms, list_context: bool,
                              inner: list[tuple[int, int]]) -> list[list[Tok]]:
    """'hourly associates (Material Handlers, Forklift Operators, Loaders)': the items in the parentheses
    are targets too (an acronym or a single name in parentheses stays part of its name); the spans of the
    opened parentheses go to `inner`."""
    out = []
    for conj in conjs:
        words = [t[1] for t in conj]
        if "(" in words and ")" in words and words.index("(") < words.index(")") \
                and not _SEPARATORS.isdisjoint(words[words.index("("):words.index(")")]):
            a, b = words.index("("), words.index(")")
            items = conjuncts(conj[a + 1:b], acronyms, list_context)
            # "analysts (two Senior Analysts and one Analyst)": two or more named members; not "(Bands 5 and 6)"
            if "," in words[a:b] or len(items) >= 2 and all(has_head(c, acronyms) for c in items):
                out.append(conj[:a] + conj[b + 1:])
                out.extend(items)
                inner.append((conj[a][2], conj[b][3]))
                continue
        out.append(conj)
    return [c for c in out if c]


_SEPARATORS = frozenset({",", "and", "or"})
_PLURAL_UNITS = {"divisions": "Division", "offices": "Office", "departments": "Department", "bureaus": "Bureau",
                 "units": "Unit", "branches": "Branch", "sections": "Section"}


def _distributed(conj: list[Tok], text: str) -> list[Target]:
    """'the Divisions of Planning, Permits, and Inspections': one unit per item, the head given to each
    ('Division of Planning', ...); empty when the conjunct is no such list."""
    k = 1 if conj and conj[0][1] == "the" else 0
    if len(conj) < k + 3 or conj[k][1] not in _PLURAL_UNITS or conj[k + 1][1] != "of":
        return []
    head = _PLURAL_UNITS[conj[k][1]]
    items, _ = at_separators(conj[k + 2:])
    out = []
    for item in items:
        words = [t for t in item if t[1] != "the"]
        if words and words[0][0][:1].isupper():
            out.append(Target(f"{head} of {_surface(words, text)}", UNIT, words[0][2], words[-1][3], distributed=True))
    return out


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of text[start:end]. One split gives the gaps and words, their running lengths the
    positions: no Python step per token, and no (gap, word) pair to build per token as findall would.
    The pattern looks neither behind nor at word boundaries, so splitting the slice reads what a scan of
    the text from start to end reads."""
    parts = _TOKEN_SPLIT.split(text[start:end])
    if len(parts) == 1:
        return []
    bounds = list(accumulate(map(len, parts), initial=start))
    words = parts[1::2]
    return list(zip(words, map(_LOWER_OF.__getitem__, words), bounds[1::2], bounds[2::2], range(len(words))))


# "a crew made up of X", "a team consisting of X": the members, not the container, are the targets
_CONTAINER_PHRASES = (("made", "up", "of"), ("consisting", "of"), ("comprised", "of"), ("composed", "of"),
                      ("comprising",), ("team", "of"), ("crew", "of"), ("group", "of"))
_CONTAINER_STARTS = frozenset(p[0] for p in _CONTAINER_PHRASES)


def _members_not_container(toks: list[Tok]) -> list[Tok]:
    """The tokens without the container before 'made up of' (back to the last list separator)."""
    low = [t[1] for t in toks]
    if _CONTAINER_STARTS.isdisjoint(low):
        return toks  # most lists: no container word at all
    for phrase in _CONTAINER_PHRASES:
        for k in range(len(low) - len(phrase) + 1):
            if tuple(low[k:k + len(phrase)]) == phrase:
                start = max((j + 1 for j in range(k) if low[j] in (",", "and", "or", ";")), default=0)
                if any(w in VERBS for w in low[start:k]):
                    return toks  # "..., the Nurse Manager leads a team of X": a new clause, whose verb ends the list
                return toks[:start] + toks[k + len(phrase):]
    return toks


def _split_location(toks: list[Tok], acronyms) -> tuple[list[Tok], list[Tok], list[Tok]]:
    """'supervisor of safety ... in the Department of X (DSSEM), Y' -> (head, location, rest of the list)."""
    if _LOCATION_WORDS.isdisjoint(map(_LOWER, toks)):
        return toks, [], []  # the usual case, found without a Python step per token
    depth = 0
    for k, t in enumerate(toks):
        if t[0] == "(":
            depth += 1
        elif t[0] == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and k > 0 and t[1] in ("in", "within", "at") and starts_unit(toks, k + 1, acronyms):
            loc = toks[k + 1:]
            d = 0
            for j, u in enumerate(loc):
                d += (u[0] == "(") - (u[0] == ")")
                if d == 0 and u[0] == ",":
                    return toks[:k], loc[:j], loc[j + 1:]
            return toks[:k], loc, []
    return toks, [], []


def _trailing_and_group(conjs: list[list[Tok]], text: str) -> set[int]:
    """Indices of the last conjunct and those joined to it by 'and' only (a location applies to them)."""
    if not conjs:
        return set()
    group = {len(conjs) - 1}
    for k in range(len(conjs) - 1, 0, -1):
        if "," in text[conjs[k - 1][-1][3]:conjs[k][0][2]]:
            break
        group.add(k - 1)
    return group


def _surface(conj: list[Tok], text: str) -> str:
    """The words of a conjunct as written; words that were not adjacent are joined by a space."""
    if conj[-1][4] - conj[0][4] == len(conj) - 1:
        return text[conj[0][2]:conj[-1][3]]  # consecutive tokens (the usual case): the text between them as is
    out = conj[0][0]
    for p, t in zip(conj, conj[1:]):
        between = text[p[3]:t[2]]
        adjacent = t[4] == p[4] + 1 or (t[4] == p[4] + 2 and between.strip() == ",")
        out += between + t[0] if adjacent and p[3] <= t[2] else " " + t[0]
    return out


def _target(conj: list[Tok], text: str, acronyms: dict[str, str], list_context: bool) -> Target | None:
    """The mention `conj` names, if any."""
    if len(conj) > 2 and conj[0][1] == "of" and conj[1][1] == "the":
        conj = conj[1:]  # "member of the X Committee and of the Y Group": the preposition repeated
    if not conj:
        return None
    surface = _surface(conj, text)
    owner = None
    if "'" in surface or "\u2019" in surface:
        owner, surface = _owner_and_owned(surface, acronyms, list_context)
    got = named(surface, acronyms, list_context)
    if got is None:
        return None
    # a bare name typed a unit only by the list it stands in ("the offices of A, B and C")
    distributed = list_context and named(surface, acronyms, False) is None
    t = Target(got[0], got[1], conj[0][2], conj[-1][3], distributed=distributed)
    nested = _UNIT_OF_UNIT.match(got[0]) if got[1] in (UNIT, ORGANIZATION) else None
    if nested:  # "the Environmental Health Division of the Health Department": a unit and the unit it is in
        t.name, t.type = nested.group(1), UNIT
        t.located_in = Target(nested.group(2), classify(nested.group(2), acronyms) or UNIT, t.start, t.end)
    elif owner is not None and t.type in (UNIT, ORGANIZATION):
        t.located_in = Target(owner[0], owner[1], t.start, t.end)
    return t


# people a name is for, not its owner: "Women's Health Clinic", "Veterans' Services Office"
_COMMON_OWNERS = VAGUE | frozenset("children women men veterans people girls boys youth adults patients".split())
_POSSESSIVE_MARK = re.compile(r"(?<=\w)(?:['\u2019]s|s['\u2019])\s+(?=[A-Za-z])")


def _owner_and_owned(surface: str, acronyms, list_context: bool) -> tuple[tuple[str, str] | None, str]:
    """'the County's Land Use Review Committee' -> (None, 'Land Use Review Committee'); 'the Water Authority's
    Laboratory Unit' -> (('Water Authority', Unit), 'Laboratory Unit'): the owner is no part of the name, and
    holds it when it is a named unit. A possessive before a bare head stays ('the Controller's Office')."""
    marks = list(_POSSESSIVE_MARK.finditer(surface))
    if not marks:
        return None, surface
    m = marks[-1]
    owned = surface[m.end():]
    owner_text = surface[:m.start()] + ("s" if surface[m.start()] == "s" else "")
    if len(owned.split()) < 2 or owner_text.lower().removeprefix("the ") in _COMMON_OWNERS \
            or named(owned, acronyms, False) is None:
        return None, surface  # "the Controller's Office", "Children's Librarian": the possessive names it
    owner = named(owner_text, acronyms, list_context)
    return (owner if owner is not None and owner[1] in (UNIT, ORGANIZATION) else None), owned


# a named unit (two or more capitalised words, then a unit head) of a larger named unit
_UNIT_OF_UNIT = re.compile(r"^((?:[A-Z][\w&'\u2019\-]*\s+)+(?:Division|Section|Branch|Unit|Office|Bureau|Team|Committee|"
                           r"Subcommittee))\s+of\s+"
                           r"(?:the\s+)?([A-Z][\w&'\u2019\- ]*(?:Department|Division|Office|Directorate|Agency|Bureau|"
                           r"Ministry|Authority|Administration|Service|Services|Senate|Council|Board)"
                           r"(?:\s+of\s+[A-Z][\w&'\u2019\- ]*)?)$")


def _is_generic_staff(conj: list[Tok]) -> bool:
    words = [t[1] for t in conj]
    return all(w in VAGUE or w in ("all", "the", "other", "and", ",") for w in words)

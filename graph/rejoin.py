"""Names a loader cut in pieces, made whole again where the corpus knows the whole name.

One sentence read alone cannot tell "Supervises the Consultant, Superintendent of Schools" (one role) from
"Supervises the consultant, the superintendent and the principal" (three): a loader splits at commas and "and",
and gives the first sentence two targets, "Consultant" and "Superintendent of Schools", so the graph gains a
stub and a false line to the superintendent (a false cycle once the superintendent supervises the writer).
The corpus can tell: one page describes "Consultant, Superintendent of Schools". Two steps, per document:

- rejoin: the targets one statement gives (same sentence, rule, relation type and source) that stand next to
  each other in the sentence, with only commas, "and", "or" and slashes between them (no article), become one
  target when the text from the first to the last is a whole name the corpus knows (`Resolver.whole_type`: a
  described role or a form of its title, or a name with a comma or "and" some document states in one piece);
  the longest such run wins;
- complete: a target that looks cut (next to a list separator, ending inside a word, or a role no page
  describes) becomes the longest described title (`Resolver.title_type`) the sentence spells around it, so
  "the manager, eastern early childhood programs and school safety", read as "manager", is that manager.

Only names the corpus states whole are ever produced, so a real list ("the principal and the Transportation
Unit") is left as the loader read it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING

from orgkg.loaders.model import Relation
from orgkg.ontology.schema import COMPLETED, REJOINED, ROLE

from .ids import singular

if TYPE_CHECKING:
    from .resolve import Resolver

_GAP = re.compile(r"^(?:\s|[,;/&]|\band\b|\bor\b)*$", re.IGNORECASE)  # "A, the B": two names
_LIST = re.compile(r"(?:,|\band|\bor)\s+(?:the|a|an)\s")  # an article after a separator starts a new name
_TOKEN = re.compile(r"[a-z0-9][a-z0-9\-]*")  # the words of a lower-cased sentence, as title keys hold them
_LEFT_WORDS = 8  # a title's head before the piece read ("Project Manager, Science Instruction and " + "Board ...")
_RIGHT_WORDS = 12  # and its area after it ("manager" + ", eastern early childhood programs and school safety")

Resolved = tuple[Relation, "str | None"]


def rejoin(relations: list[Relation], res: Resolver, acronyms: dict[str, str] | None = None) -> list[Resolved]:
    """The relations of one document with cut names made whole; each with REJOINED or COMPLETED when it was
    changed, else None.

    >>> from orgkg.loaders.model import Evidence, Extraction
    >>> from orgkg.graph.resolve import Resolver
    >>> res = Resolver([Extraction("c.txt", "c.txt", "mcps", role={"working_title": "Consultant, Superintendent of Schools"})])
    >>> ev = Evidence("a.txt", None, "Supervises the Consultant, Superintendent of Schools.", 0, 53, "sup")
    >>> rels = [Relation("SUPERVISES", t, "Role", ev) for t in ("Consultant", "Superintendent of Schools")]
    >>> [(r.target, how) for r, how in rejoin(rels, res)]
    [('Consultant, Superintendent of Schools', 'rejoined')]
    """
    out: list[Resolved] = [(r, None) for r in relations]
    statements = list(map(_statement, relations))
    if len(set(statements)) < len(statements):  # some statement gave two targets: maybe one name split
        groups: dict[tuple, list[int]] = {}
        for i, st in enumerate(statements):
            groups.setdefault(st, []).append(i)
        replaced: dict[int, Resolved | None] = {}
        for idxs in groups.values():
            if len(idxs) > 1:
                _rejoin_group(relations, idxs, res, replaced)
        out = [replaced.get(i, pair) for i, pair in enumerate(out) if replaced.get(i, pair) is not None]
    words: dict[int, list[str]] = {}  # sentence start -> its words, made once per sentence
    done = [(k, c) for k, (r, how) in enumerate(out) if how is None
            and (c := _completed(r, res, acronyms, words)) is not None]
    if not done:
        return out
    taken: dict[tuple, list[tuple[int, int]]] = {}  # statement -> spans of the titles completed in it
    pieces = set()
    for k, (whole, s, e) in sorted(done, key=lambda d: d[1][1] - d[1][2]):  # the longest title first
        spans = taken.setdefault(_statement(out[k][0]), [])
        if any(s < e2 and s2 < e for s2, e2 in spans):
            pieces.add(k)  # a piece of a longer title the same statement completed
            continue
        spans.append((s, e))
        out[k] = (dataclasses.replace(out[k][0], target=whole, target_type=ROLE), COMPLETED)
    # another piece of a completed title is no name of its own ("Field Translation Services for x")
    return [(r, how) for k, (r, how) in enumerate(out) if k not in pieces
            and (how is not None or not _inside(r, taken.get(_statement(r))))]


def _statement(r: Relation) -> tuple:
    return r.type, r.source, r.evidence.start, r.evidence.end, r.evidence.rule


def _inside(r: Relation, spans: list[tuple[int, int]] | None) -> bool:
    """Whether `r`'s target overlaps one of these spans of its sentence: as written, or without a last word the
    loader added ("Ombudsman Services Unit" for the "Ombudsman Services" of a title, named after the page's unit)."""
    if not spans:
        return False
    low = r.evidence.text.lower()
    words = r.target.lower().split()
    for t in (" ".join(words), " ".join(words[:-1]) if len(words) > 1 else ""):
        at = low.find(t) if t else -1
        if at >= 0:
            return any(at < e and s < at + len(t) for s, e in spans)
    return False


def _rejoin_group(relations: list[Relation], idxs: list[int], res: Resolver,
                  replaced: dict[int, Resolved | None]) -> None:
    """Join the runs of one statement's targets that spell a known whole name (into `replaced`: the first
    relation of a run -> the joined one, the others -> None)."""
    text = relations[idxs[0]].evidence.text
    spans = _located(text, [(relations[i].target, i) for i in idxs])
    if spans is None:
        return
    gaps = [_GAP.match(text[a[1]:b[0]]) is not None for a, b in zip(spans, spans[1:])]  # only separators between
    k = 0
    while k < len(spans):
        reach = k
        while reach < len(gaps) and gaps[reach]:
            reach += 1  # targets k..reach are neighbours
        for j in range(reach, k, -1):
            whole = " ".join(text[spans[k][0]:spans[j][1]].split())
            kind = res.whole_type(whole)
            if kind is not None:
                first = relations[spans[k][2]]
                replaced[spans[k][2]] = (dataclasses.replace(first, target=whole, target_type=kind), REJOINED)
                for q in range(k + 1, j + 1):
                    replaced[spans[q][2]] = None
                k = j
                break
        k += 1


def _located(text: str, targets: list[tuple[str, int]]) -> list[tuple[int, int, int]] | None:
    """(start, end, relation index) of each target in the sentence, in sentence order; None when one is not
    written there as it is (a distributed head, "offices of A and B", names what the sentence never spells)."""
    low = text.lower()
    spans = []
    for target, i in targets:
        t = " ".join(target.lower().split())
        at = low.find(t) if t else -1
        if at < 0:
            return None
        spans.append((at, at + len(t), i))
    spans.sort()
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
        return None  # overlapping pieces: not a list of neighbours
    return spans


def _completed(rel: Relation, res: Resolver, acronyms: dict[str, str] | None,
               cache: dict[int, list[str]]) -> tuple[str, int, int] | None:
    """The longest described title the sentence spells around `rel`'s target, if the target looks cut, and
    where it starts and ends in the sentence."""
    text = rel.evidence.text
    low = text.lower()
    t, mine = _target_words(rel.target)
    at = low.find(t) if t else -1
    if at < 0:
        return None
    end = at + len(t)
    if not (_looks_cut(low, at, end) or rel.target_type == ROLE and not res.is_described(rel.target, acronyms)):
        return None
    if not mine or not _may_grow(low, at, end, mine, res.title_neighbours()):
        return None
    words = cache.get(rel.evidence.start)
    if words is None:
        words = cache[rel.evidence.start] = _TOKEN.findall(low)
    a = len(_TOKEN.findall(low, 0, at))
    b = a + len(mine) - 1
    if words[a:b + 1] != mine:
        return None  # the target starts inside a word: not a name the sentence spells
    first, last = res.title_edges()
    lefts = [i for i in range(a, max(-1, a - _LEFT_WORDS - 1), -1) if words[i] in first]
    rights = [i for i in range(b, min(len(words), b + _RIGHT_WORDS + 1)) if words[i] in last]
    for _, i, j in sorted(((j - i, i, j) for i in lefts for j in rights if (i, j) != (a, b)), reverse=True):
        if res.title_type(" ".join(words[i:j + 1])):
            spans = [m.span() for m in _TOKEN.finditer(low)]  # only now: most targets complete to nothing
            if _LIST.search(low, spans[i][0], spans[j][1]):
                continue  # "the consultant, the superintendent": a list, whatever title its words make
            return " ".join(text[spans[i][0]:spans[j][1]].split()), spans[i][0], spans[j][1]
    return None


@functools.lru_cache(maxsize=1 << 16)  # a pure function of one name; targets recur across documents
def _target_words(target: str) -> tuple[str, list[str]]:
    """A target as a lower-cased sentence writes it (spaces folded), and its words (a list the caller keeps)."""
    t = " ".join(target.lower().split())
    return t, _TOKEN.findall(t)


def _may_grow(low: str, at: int, end: int, mine: list[str],
              neighbours: tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]) -> bool:
    """Whether a title could run past the target: the words across one of its edges (articles skipped) are two
    neighbouring words of some described title (`Resolver.title_neighbours`). A cheap test before the sentence
    is cut into words; a side is read only when the target's own edge word has a neighbour in some title."""
    follows, precedes = neighbours
    nexts = follows.get(singular(mine[-1]))
    if nexts:
        after = next((w for w in _TOKEN.findall(low, end, end + 60) if w != "the"), None)
        if after is not None and singular(after) in nexts:
            return True
    prevs = precedes.get(singular(mine[0]))
    if prevs:
        before = next((w for w in reversed(_TOKEN.findall(low, max(0, at - 60), at)) if w != "the"), None)
        return before is not None and singular(before) in prevs
    return False


def _looks_cut(low: str, at: int, end: int) -> bool:
    """A target next to a list separator, or ending inside a word: maybe a piece of a longer name."""
    after, before = low[end:end + 5], low[max(0, at - 5):at]
    return (after[:1] in (",", "/") or after.startswith((" and ", " or "))
            or (end < len(low) and low[end].isalnum())
            or before.rstrip().endswith((",", "/", " and", " or")))

"""Ranked, forgiving search over every role, unit and organisation: what the explorer's search box asks.

A leader types part of a name, an acronym ("HR", "DSSEM"), a working or official title, or a misspelling;
every keystroke must answer in well under 100 ms at 100,000 roles, so nothing here scans the graph per query:
words are kept in a sorted vocabulary (prefix ranges by bisection) and a deletion index (one typo, SymSpell
style); only the candidate entries those give are scored.

    idx = SearchIndex.from_graph(g)
    idx.search("dssem")[0]["name"]   # 'Department of Systemwide Safety and Emergency Management'
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass

from orgkg.graph import OrgGraph
from orgkg.ontology.schema import ORGANIZATION, ROLE, UNIT

SEARCHED = (ROLE, UNIT, ORGANIZATION)
STOP = frozenset({"of", "and", "the", "for", "a", "an", "in", "to", "on", "&"})
_WORD = re.compile(r"[a-z0-9]+")
_TYPE_RANK = {ROLE: 0, UNIT: 1, ORGANIZATION: 2}


def words(text: str) -> list[str]:
    """Lower-case words of `text` (punctuation dropped), the unit the index matches on."""
    return _WORD.findall(text.lower())


def initials(text: str) -> str:
    """'Office of Human Resources and Development' -> 'ohrd': lets 'HR' find the office by its letters."""
    return "".join(w[0] for w in words(text) if w not in STOP)


def _deletes(word: str) -> set[str]:
    """`word` with one letter removed, each way (words of 4+ letters: shorter ones tolerate no typo)."""
    return {word[:i] + word[i + 1:] for i in range(len(word))} if len(word) >= 4 else set()


@dataclass
class Entry:
    id: str
    name: str
    type: str
    aliases: list[str]
    texts: list[str]  # lower-cased name, aliases, titles
    letters: str  # initials of the name


class SearchIndex:
    """Entries plus three lookups: exact text -> entries, word -> entries, one-deletion -> words."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.exact: dict[str, list[int]] = {}
        by_word: dict[str, set[int]] = {}
        for i, e in enumerate(entries):
            for t in e.texts:
                self.exact.setdefault(t, []).append(i)
                for w in words(t):
                    by_word.setdefault(w, set()).add(i)
            if len(e.letters) >= 2:
                self.exact.setdefault(e.letters, []).append(i)
        self.vocab = sorted(by_word)
        self.by_word = by_word
        self.typo: dict[str, list[str]] = {}
        for w in self.vocab:
            for d in _deletes(w) | {w}:
                self.typo.setdefault(d, []).append(w)

    @classmethod
    def from_graph(cls, g: OrgGraph) -> SearchIndex:
        """Index every role, unit and organisation: name, aliases (acronyms), official and working titles."""
        entries = []
        for nid, d in g.g.nodes(data=True):
            if d.get("type") not in SEARCHED:
                continue
            aliases = list(d.get("aliases", []))
            titles = [d[k] for k in ("official_title", "working_title") if isinstance(d.get(k), str) and d[k]]
            texts = list(dict.fromkeys(t.strip().lower() for t in [d["name"], *aliases, *titles] if t.strip()))
            entries.append(Entry(nid, d["name"], d["type"], aliases, texts, initials(d["name"])))
        return cls(entries)

    def _prefixed(self, w: str) -> list[str]:
        lo = bisect.bisect_left(self.vocab, w)
        hi = bisect.bisect_left(self.vocab, w + "\uffff")
        return self.vocab[lo:hi]

    def _word_hits(self, w: str, last: bool) -> tuple[set[int], set[int]]:
        """(entries with `w` as a word or, for the word being typed, a word prefix; entries within one typo)."""
        exact = set(self.by_word.get(w, ()))
        if last:
            for v in self._prefixed(w)[:2000]:
                exact |= self.by_word[v]
        fuzzy: set[int] = set()
        for d in _deletes(w) | {w}:
            for v in self.typo.get(d, ()):
                if v != w:
                    fuzzy |= self.by_word[v]
        return exact, fuzzy - exact

    def _candidates(self, q: str) -> tuple[set[int], set[int]]:
        """Entries matching every query word (exactly/by prefix) and those that need a typo forgiven."""
        ws = [w for w in words(q) if w not in STOP] or words(q)
        if not ws:
            return set(), set()
        good: set[int] | None = None
        loose: set[int] | None = None
        for i, w in enumerate(ws):
            ex, fz = self._word_hits(w, i == len(ws) - 1)
            good = ex if good is None else good & ex
            loose = (ex | fz) if loose is None else loose & (ex | fz)
        return good or set(), (loose or set()) - (good or set())

    def _score(self, i: int, q: str, fuzzy: bool) -> tuple:
        e = self.entries[i]
        if q in e.texts:
            tier = 0
        elif any(t.startswith(q) for t in e.texts):
            tier = 1
        elif any(q in t for t in e.texts):
            tier = 2
        else:
            tier = 4 if fuzzy else 3
        return (tier, _TYPE_RANK.get(e.type, 9), len(e.name), e.name.lower(), e.id)

    def search(self, q: str, limit: int = 20) -> list[dict]:
        """Best matches first: exact name/alias/acronym, then starts-with, contains, all words, one typo away,
        and initials ('HR' -> Human Resources). Each hit: {"id", "name", "type", "aliases"}."""
        q = " ".join((q or "").lower().split())
        if not q:
            return []
        scored: dict[int, tuple] = {}
        for i in self.exact.get(q, ()):
            scored[i] = (0, _TYPE_RANK.get(self.entries[i].type, 9), len(self.entries[i].name),
                         self.entries[i].name.lower(), self.entries[i].id)
        good, loose = self._candidates(q)
        for group, fuzzy in ((good, False), (loose, True)):
            for i in group:
                if i not in scored:
                    scored[i] = self._score(i, q, fuzzy)
        if len(scored) < limit and 2 <= len(q) <= 8 and q.isalnum():
            for i, e in enumerate(self.entries):  # letters inside a longer acronym: 'hr' in 'ohrd'
                if i not in scored and q in e.letters:
                    scored[i] = (5, _TYPE_RANK.get(e.type, 9), len(e.name), e.name.lower(), e.id)
        best = heapq.nsmallest(limit, scored.items(), key=lambda kv: kv[1])
        return [self.hit(i) for i, _ in best]

    def hit(self, i: int) -> dict:
        e = self.entries[i]
        return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases}

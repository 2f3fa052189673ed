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
import itertools
import re

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


class SearchIndex:
    """Entries in a fixed order of importance (type, then shorter names), and lookups that let a query touch
    only the entries it can match: exact text -> entries, sorted texts (starts-with by bisection), word ->
    posting list (ascending entry numbers, so the first matches found are the best), one-deletion -> words."""

    def __init__(self, rows: list[tuple[str, str, str, list[str], list[str]]]):
        rows = sorted(rows, key=lambda r: (_TYPE_RANK.get(r[2], 9), len(r[1]), r[1].lower(), r[0]))
        self.ids = [r[0] for r in rows]
        self.names = [r[1] for r in rows]
        self.types = [r[2] for r in rows]
        self.aliases = [r[3] for r in rows]
        self.texts = [r[4] for r in rows]
        self.words: list[frozenset[str]] = []
        self.letters = [initials(r[1]) for r in rows]
        # all initials in one string, so 'hr' inside 'ohrd' is found by one C-speed scan, not a Python loop
        self.letters_text = "\n".join(self.letters)
        self.letters_at = list(itertools.accumulate((len(x) + 1 for x in self.letters), initial=0))
        self.exact: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        starts = []
        for i, (_, _, _, _, texts) in enumerate(rows):
            ws = set()
            for t in texts:
                self.exact.setdefault(t, []).append(i)
                starts.append((t, i))
                ws.update(_WORD.findall(t))
            self.words.append(frozenset(ws))
            for w in ws:
                postings.setdefault(w, []).append(i)
            if len(self.letters[i]) >= 2:
                self.exact.setdefault(self.letters[i], []).append(i)
        starts.sort()
        self.start_texts = [t for t, _ in starts]
        self.start_ids = [i for _, i in starts]
        self.postings = postings
        self.vocab = sorted(postings)
        self.typo: dict[str, list[str]] = {}
        for w in self.vocab:
            for d in _deletes(w) | {w}:
                self.typo.setdefault(d, []).append(w)

    @classmethod
    def from_graph(cls, g: OrgGraph) -> SearchIndex:
        """Index every role, unit and organisation: name, aliases (acronyms), official and working titles."""
        rows = []
        for nid, d in g.g.nodes(data=True):
            if d.get("type") not in SEARCHED:
                continue
            aliases = list(d.get("aliases", []))
            texts = [d["name"], *aliases] + [d[k] for k in ("official_title", "working_title") if isinstance(d.get(k), str)]
            texts = list({t.strip().lower(): None for t in texts if t and t.strip()})
            rows.append((nid, d["name"], d["type"], aliases, texts))
        return cls(rows)

    def __len__(self) -> int:
        return len(self.ids)

    def _prefixed(self, w: str) -> list[str]:
        lo = bisect.bisect_left(self.vocab, w)
        return self.vocab[lo:bisect.bisect_left(self.vocab, w + "\uffff", lo)]

    def _allowed(self, w: str, typos: bool) -> set[str]:
        """Vocabulary words that satisfy query word `w`: itself, words it starts, and (typos) one edit away."""
        ok = set(self._prefixed(w))
        if typos:
            for d in _deletes(w) | {w}:
                ok.update(self.typo.get(d, ()))
        return ok

    def _all_words(self, ws: list[str], typos: bool, want: int, budget: int = 40_000) -> list[int]:
        """The first `want` entries (best first) having, for every query word, a word it allows. Driven by the
        rarest query word's posting lists, merged in entry order; at most `budget` entries looked at."""
        allowed = [self._allowed(w, typos) for w in ws]
        if not all(allowed):
            return []
        sizes = [sum(len(self.postings[v]) for v in a) for a in allowed]
        k = sizes.index(min(sizes))
        others = [a for j, a in enumerate(allowed) if j != k]
        out, last = [], -1
        for n, i in enumerate(heapq.merge(*(self.postings[v] for v in allowed[k]))):
            if i == last:
                continue
            last = i
            if all(not a.isdisjoint(self.words[i]) for a in others):
                out.append(i)
                if len(out) >= want:
                    break
            if n > budget:
                break
        return out

    def search(self, q: str, limit: int = 20) -> list[dict]:
        """Best matches first: exact name/alias/acronym, then names starting with the text, then entries with
        every word (the last one as typed so far), then one typo forgiven per word, then initials ('HR' ->
        Office of Human Resources and Development). Each hit: {"id", "name", "type", "aliases"}."""
        q = " ".join((q or "").lower().split())
        if not q:
            return []
        out: dict[int, None] = {}

        def take(ids) -> bool:
            for i in ids:
                out.setdefault(i, None)
            return len(out) >= limit

        lo = bisect.bisect_left(self.start_texts, q)
        hi = bisect.bisect_left(self.start_texts, q + "\uffff", lo)
        ws = [w for w in words(q) if w not in STOP] or words(q)
        done = (take(sorted(self.exact.get(q, ())))
                or take(heapq.nsmallest(limit, set(self.start_ids[lo:hi])))
                or (ws and take(self._all_words(ws, False, limit)))
                or (ws and take(self._all_words(ws, True, limit))))
        if not done and 2 <= len(q) <= 8 and q.isalnum():  # letters inside a longer acronym: 'hr' in 'ohrd'
            take(self._in_initials(q, limit))
        return [self.hit(i) for i in list(out)[:limit]]

    def _in_initials(self, q: str, limit: int) -> list[int]:
        """Entries whose initials contain `q`, best first."""
        out: list[int] = []
        pos = self.letters_text.find(q)
        while pos >= 0 and len(out) < limit:
            i = bisect.bisect_right(self.letters_at, pos) - 1
            if not out or out[-1] != i:
                out.append(i)
            pos = self.letters_text.find(q, pos + 1)
        return out

    def hit(self, i: int) -> dict:
        return {"id": self.ids[i], "name": self.names[i], "type": self.types[i], "aliases": self.aliases[i]}

"""Applying the relation rules (loaders/rules.py) to one clause: trigger, then the targets that follow it.

Each relation keeps the rule's name, so a wrong edge can be traced to the rule that made it. Rules run on
repaired text; spans are mapped back to the original file by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from orgkg.ontology.schema import COLLABORATES_WITH, MEMBER_OF, ORGANIZATION, PART_OF, ROLE, SUPERVISES, UNIT

from .lexicon import ROLE_HEADS
from .memo import WordMemo
from .phrases import Target, targets
from .rules import RULES, Rule, required_sets


@dataclass(frozen=True)
class Prefilter:
    """What the clause prefilter reads of a rule table: literal sets (rules.required_sets), per rule the bit
    mask of its sets (rule i's first set is bit i, its other sets follow all rules' first sets), and the
    memo word -> bits of the sets it holds a literal of."""

    masks: tuple[int, ...]
    first: int
    words: WordMemo


def prefilter(rules: tuple[Rule, ...]) -> Prefilter:
    """The prefilter of a rule table (apply_rules builds it once per table: a test that adds a rule gets its own).

    Example: prefilter(RULES).words["supervises"] & prefilter(RULES).first != 0 -> True
    """
    per_rule = [required_sets(r.trigger) or (frozenset(r.keys),) for r in rules]
    sets = [own[0] for own in per_rule]
    masks = []
    for i, own in enumerate(per_rule):
        mask = 1 << i
        for extra in own[1:]:
            mask |= 1 << len(sets)
            sets.append(extra)
        masks.append(mask)
    bits: dict[str, int] = {}  # literal -> the sets it belongs to
    for j, lits in enumerate(sets):
        for k in lits:
            bits[k] = bits.get(k, 0) | 1 << j
    by_start: dict[str, list[tuple[str, int]]] = {}  # a literal's first three letters -> (literal, bits)
    for k, b in bits.items():
        by_start.setdefault(k[:3], []).append((k, b))

    def held(w: str) -> int:  # letters only: a literal lies within one white-space-delimited word
        got = 0
        for i in range(len(w) - 2):  # each place a literal could start: a dict lookup, not a scan per literal
            for k, b in by_start.get(w[i:i + 3], ()):
                if w.startswith(k, i):
                    got |= b
        return got

    return Prefilter(tuple(masks), (1 << len(rules)) - 1, WordMemo(held))


_BUILT: dict[int, tuple[tuple[Rule, ...], Prefilter]] = {}  # id(table) -> (table, its prefilter)


def _prefilter_of(rules: tuple[Rule, ...]) -> Prefilter:
    """prefilter(rules), built once per table object (hashing a table of rules per clause would cost more)."""
    got = _BUILT.get(id(rules))
    if got is None or got[0] is not rules:
        got = _BUILT[id(rules)] = (rules, prefilter(rules))
    return got[1]


_SKILL_WORDS = re.compile(r"\b(?:ability|able|skill|experience)\b", re.IGNORECASE)
MAX_TARGET_SPAN = 800
RELATION_SECTIONS = frozenset({"summary", "duties", "special", None})

# "supervises depot staff, including depot managers", "liaises with ministries, including the Ministry of X": the
# examples are targets too
_EXAMPLE_TYPES = (SUPERVISES, COLLABORATES_WITH)
_RELATIVE = re.compile(r"\b(?:who|which|that|whom|whose)\b", re.IGNORECASE)

Found = tuple[Rule, Target, int, "Target | None"]


def apply_rules(text: str, start: int, end: int, acronyms: dict[str, str]) -> list[Found]:
    """(rule, target, trigger position, stated source or None for the described role) for every relation
    stated in the clause text[start:end].

    Example: apply_rules("Supervises the Payroll Unit.", 0, 28, {}) -> [(sup.supervises, Payroll Unit, 0, None)]
    """
    found: list[Found] = []
    seen: set[tuple[str, str, str]] = set()
    read: dict[tuple[int, int, bool, bool], list[Target]] = {}  # the lists read in this clause, by place and reading
    pf = _prefilter_of(RULES)
    held = reduce(or_, map(pf.words.__getitem__, text[start:end].lower().split()), 0)
    first = held & pf.first
    while first:  # the rules with a literal of each of their sets in the clause, in table order (most: none)
        bit = first & -first
        first ^= bit
        i = bit.bit_length() - 1
        if held & pf.masks[i] != pf.masks[i]:
            continue
        rule = RULES[i]
        for m in rule.pattern.finditer(text, start, end):
            if rule.targets_before:
                found += _named_before(rule, text, start, m.start(), acronyms, seen)
                continue
            if rule.inverse:  # "the Programs Department, which includes ...": the unit before the trigger
                source = _name_ending_at(text, max(start, m.start() - 200), m.start(), acronyms)
                if source is None or source.type == ROLE:
                    continue
            else:
                source = _source_of(rule, text, start, m.start(), acronyms)
            if source is False:
                continue
            window = min(end, m.end() + MAX_TARGET_SPAN)  # a target list is never longer: keeps clauses linear
            if rule.strict and not _may_pass_strict(text, m.end(), window):
                continue  # "manages budgets and projects": no name there could pass _strict_ok
            how = (m.end(), window, rule.list_context, rule.type in _EXAMPLE_TYPES)
            if how not in read:  # "works collaboratively with X": two rules end where the same list starts
                read[how] = targets(text, m.end(), window, acronyms, rule.list_context, rule.type in _EXAMPLE_TYPES)
            for t in read[how][:1] if rule.single else read[how]:
                if t.type not in rule.allowed or (rule.strict and not _strict_ok(t)) \
                        or rule.type == MEMBER_OF and _some_body(t, text):
                    continue
                key = (rule.type, source.name.lower() if source else "", t.name.lower())
                if key in seen or (source is not None and source.name.lower() == t.name.lower()):
                    continue
                seen.add(key)
                found.append((rule, source, m.start(), t) if rule.inverse else (rule, t, m.start(), source))
    return found


_CLAUSE_VERB = re.compile(r"[:;]|\b(?:is|are|has|have|had|was|were|include|includes|including|with|of|for|to)\s",
                          re.IGNORECASE)


def _some_body(t: Target, text: str) -> bool:
    """A body named by its kind only: 'hospital committees as assigned', 'a cross-team forum' (lower case, plural
    or after 'a'/'an'); membership of no body in particular."""
    if not t.name.islower():
        return False
    return t.name.endswith("s") or text[max(0, t.start - 3):t.start].lower() in (" a ", "an ")


def _named_before(rule: Rule, text: str, start: int, trigger: int, acronyms: dict[str, str],
                  seen: set[tuple[str, str, str]]) -> list[Found]:
    """The described role's relations to the names that end at the trigger: 'Today: four Program Coordinators
    and two Clerks, who will report to you' (read back to the clause's last colon, verb or preposition)."""
    lo = max(start, trigger - 200)
    for m in _CLAUSE_VERB.finditer(text, lo, trigger):
        lo = m.end()
    out: list[Found] = []
    for t in targets(text, lo, trigger, acronyms, rule.list_context, rule.type == SUPERVISES):
        key = (rule.type, "", t.name.lower())
        if t.type in rule.allowed and key not in seen:
            seen.add(key)
            out.append((rule, t, trigger, None))
    return out


def _source_of(rule: Rule, text: str, start: int, trigger: int, acronyms: dict[str, str]) -> Target | None | bool:
    """Whose relation the trigger at `trigger` states: a Target named before it ("The Division of X is part
    of Y"), None for the described role, or False when it is someone else's or not a relation at all."""
    before = text[max(start, trigger - 200):trigger]  # a bounded look-back keeps long clauses linear
    tail = before[-24:]  # ", which in turn is": a relative pronoun right before the trigger
    relative = "which" in tail or "who" in tail
    if rule.type == PART_OF and relative:
        # "... within the CDB, which in turn is part of the Division of X": the CDB's relation
        source = _relative_source(text, max(start, trigger - 200), trigger, acronyms)
        if source is not None:
            return source
    if rule.type == PART_OF and before.strip() and trigger - start <= 200:
        source = _explicit_subject(text, start, trigger, acronyms)
        if source is not None:
            return source
    if rule.name == "part.apposition" and before.strip():
        source = _named_before_comma(text, max(start, trigger - 120), trigger, acronyms)
        if source is not None:
            return source  # "... with the Shared Instrument Facility, a core facility of the Office of Research"
    if _RELATIVE.search(before):
        # "the Streets Superintendent, who manages the Streets Division": that role's relation
        return relative and _relative_source(text, max(start, trigger - 200), trigger, acronyms) or False
    if rule.needs_subject and (trigger - start > 200 or before.strip() and not _subject_before(before)):
        return False
    if rule.role_subject and before.strip() and not _role_subject(text[start:min(trigger, start + 80)]):
        return False  # a duty line without a subject ("Reports to and works with X") is the role's own
    if rule.type == SUPERVISES and _SKILL_WORDS.search(before):
        return False  # "ability to supervise staff": a requirement, not a duty
    return None


_SELF_SUBJECT = re.compile(r"^(?:the|this)\s+(?:position|incumbent|employee|job|class|role)\b", re.IGNORECASE)


def _explicit_subject(text: str, start: int, trigger: int, acronyms: dict[str, str]) -> Target | None:
    """The entity a clause is about when it is not the described role: 'The Division of X, which ...'."""
    subj = _without_relative_end(text[start:trigger])
    if not subj.strip() or _SELF_SUBJECT.match(subj.strip()):
        return None
    found = targets(text, start, start + len(subj), acronyms, list_context=False)
    if len(found) == 1 and found[0].type in (ROLE, UNIT, ORGANIZATION) and found[0].located_in is None:
        return found[0]
    return None


def _named_before_comma(text: str, lo: int, trigger: int, acronyms: dict[str, str]) -> Target | None:
    """The unit named by the last 'the ...' phrase before an apposition's comma, if it names exactly one."""
    at = text.rfind("the ", lo, trigger)
    if at < 0 or (at > 0 and text[at - 1].isalnum()):
        return None
    found = targets(text, at, trigger, acronyms)
    if len(found) == 1 and found[0].type in (UNIT, ORGANIZATION) and found[0].end >= trigger - 2:
        return found[0]
    return None


_RELATIVE_END = re.compile(r"\S,\s*(?:who|which)\s+(?:(?:in\s+turn|also|itself|currently|now|then)\s+)?$",
                           re.IGNORECASE)


def _relative_source(text: str, lo: int, trigger: int, acronyms: dict[str, str]) -> Target | None:
    """The one entity named right before ', who' or ', which' at the trigger: 'the Patient Access Supervisor,
    who reports to ...' -> the supervisor."""
    m = _RELATIVE_END.search(text, lo, trigger)
    return None if m is None else _name_ending_at(text, lo, m.start() + 1, acronyms)


def _name_ending_at(text: str, lo: int, comma: int, acronyms: dict[str, str]) -> Target | None:
    """The one entity whose name ends at `comma`, read from the last 'the' before it, else from the start of
    the run of capitalised words before it."""
    starts = []
    at = text.rfind("the ", lo, comma)
    if at >= 0 and (at == 0 or not text[at - 1].isalnum()):
        starts.append(at)
    words = list(re.finditer(r"[\w&'\u2019\-]+", text[lo:comma]))
    k = len(words)
    while k > 0 and (words[k - 1].group()[:1].isupper() or words[k - 1].group() in ("of", "and", "for", "&")):
        k -= 1
    if k < len(words):
        starts.append(lo + words[k].start())
    for s in starts:
        found = targets(text, s, comma, acronyms)
        if len(found) == 1 and found[0].end >= comma - 2:
            return found[0]
    return None


def _without_relative_end(s: str) -> str:
    """s without the ending ',?\\s*(?:which|that|who)?\\s*$' that re.sub would remove: the longest such suffix,
    read from the end (the regex would try it from every position of s)."""
    s = s.rstrip()
    if s.endswith(("which", "that", "who")):
        s = s[:-5] if s.endswith("which") else s[:-4] if s.endswith("that") else s[:-3]
        s = s.rstrip()
    return s[:-1] if s.endswith(",") else s


def _subject_before(before: str) -> bool:
    """Whether text before the trigger is just the role's subject ('The coordinator', 'The DSSWB')."""
    b = before.strip()
    if len(b.split()) > 9:
        return False
    low = b.lower()
    return low.startswith(("the ", "this ", "he ", "she ", "incumbent", "position", "employee", "you", "they ",
                           "the role", "role ")) or b.isupper()


_SELF_WORDS = frozenset("incumbent position role employee postholder post-holder jobholder".split())


def _role_subject(opening: str) -> bool:
    """Whether a clause opens with a role as its subject, then a verb: 'The Kitchen Manager runs', 'This position
    oversees', 'You will'; not 'The unit processes' (a unit's predicate)."""
    words = [w.strip(",;:()").lower() for w in opening.split()[:8]]
    if not words:
        return False
    if words[0] in ("you", "he", "she", "they", "incumbent"):
        return True
    if words[0] not in ("the", "this", "our", "your"):
        return False
    for k in range(1, min(len(words), 6)):
        if words[k] in ROLE_HEADS or words[k] in _SELF_WORDS:  # then a verb, or the trigger itself
            return k == len(words) - 1 or words[k + 1].isalpha() and opening.split()[k + 1][:1].islower()
    return False


_UNIT_ENDS = ("unit", "office", "department", "division", "team", "crew", "section", "branch")
_STRICT_ENDS = _UNIT_ENDS + ("staff", "personnel")
_CAPITAL = re.compile(r"[A-Z]")


def _may_pass_strict(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] could name a target that _strict_ok accepts: a capitalised word, or one of
    the words a qualified unit or staff name ends with. Every target's name is made of the text's words
    (an acronym expands only from a capitalised word), so without either no target can pass."""
    if _CAPITAL.search(text, start, end) is not None:
        return True
    low = text[start:end].lower()
    return any(e in low for e in _STRICT_ENDS)


def _strict_ok(t: Target) -> bool:
    if t.type == UNIT:
        return t.name[:1].isupper() or (len(t.name.split()) >= 2 and t.name.lower().endswith(_UNIT_ENDS))
    if t.type == ROLE:
        return t.name.lower().endswith(("staff", "personnel")) or (t.name[:1].isupper() and len(t.name.split()) >= 2)
    return False


__all__ = ["MAX_TARGET_SPAN", "RELATION_SECTIONS", "RULES", "Rule", "apply_rules"]

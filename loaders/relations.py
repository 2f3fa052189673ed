"""Relation rules: a trigger phrase, then the targets that follow it.

Each rule has a name that travels with the evidence, so a wrong edge can be
traced to the rule that made it. Rules run on repaired text; spans are mapped
back to the original file by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, reduce
from itertools import compress
from operator import or_

from orgkg.ontology.schema import (
    COLLABORATES_WITH,
    MEMBER_OF,
    ORGANIZATION,
    PART_OF,
    ROLE,
    SUPERVISES,
    UNDER_DIRECTION_OF,
    UNIT,
)

from .lexicon import CO_VERBS
from .memo import WordMemo
from .phrases import Target, targets
from .text import has_case_folds, lazy_regex, lower_twin_form

_VERBS = "|".join(sorted(CO_VERBS, key=len, reverse=True))
_COVERB_TAIL = rf"(?:(?:\s*,\s*|\s+)(?:and\s+|or\s+)?(?:{_VERBS})\b)*"
_DIRECTION = r"(?:direction|supervision|guidance|leadership|oversight)"
_ADJ = (r"(?:(?:general|direct|immediate|administrative|overall|broad|close|functional|technical|limited|additional|"
        r"day-to-day|daily|programmatic|minimal|professional|line|operational)\s+)")


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    pattern_text: str  # the regex, matched case-insensitively
    list_context: bool = False  # "the offices of A, B and C": bare names are units
    allowed: tuple[str, ...] = (ROLE, UNIT, ORGANIZATION)
    strict: bool = False  # only clearly named units or qualified staff (for common verbs like "leads")
    needs_subject: bool = False  # only when the described role is the clause's subject

    @cached_property
    def pattern(self) -> re.Pattern:
        """The rule's IGNORECASE regex, compiled on first use: _matches needs it only for clauses with
        has_case_folds, which most corpora never hold."""
        return re.compile(self.pattern_text, re.IGNORECASE)


RULES: tuple[Rule, ...] = (
    Rule("udo.under_direction", UNDER_DIRECTION_OF,
         rf"\bunder\s+(?:the\s+)?{_ADJ}?{_DIRECTION}(?:\s*,?\s*and\s+{_ADJ}?{_DIRECTION})?\s+(?:of|from)\s+"),
    Rule("udo.at_direction", UNDER_DIRECTION_OF, r"\bat\s+the\s+direction\s+of\s+"),
    Rule("udo.receives", UNDER_DIRECTION_OF,
         rf"\breceives?\s+{_ADJ}?{_DIRECTION}(?:\s+and\s+{_ADJ}?{_DIRECTION})?\s+from\s+"),
    Rule("udo.reports_to", UNDER_DIRECTION_OF,
         r"\b(?:reports|reporting|report)\s+(?:directly\s+|administratively\s+|functionally\s+)?to\s+",
         needs_subject=True),
    Rule("udo.received_from", UNDER_DIRECTION_OF,
         rf"\b{_DIRECTION}\s+is\s+(?:received|provided)\s+(?:from|by)\s+"),
    Rule("udo.supervised_by", UNDER_DIRECTION_OF,
         r"\b(?:is\s+)?(?:supervised|directed|managed)\s+by\s+", needs_subject=True),
    Rule("sup.supervises", SUPERVISES,
         rf"\b(?:directly\s+)?supervis(?:es|e|ing)\b{_COVERB_TAIL}\s+(?:(?:the\s+)?work\s+of\s+)?"),
    Rule("sup.provides_supervision", SUPERVISES,
         rf"\bprovides?\s+(?:\w+\s+){{0,2}}?{_ADJ}?supervision\s+(?:of|for|to)\s+"),
    Rule("sup.responsible_supervision", SUPERVISES,
         r"\bresponsible\s+for\s+(?:the\s+)?(?:supervision\s+of|supervising)\s+(?:and\s+\w+\s+)?"),
    Rule("sup.supervision_of", SUPERVISES,
         r"\b(?:include|includes)\s+(?:the\s+)?supervision\s+(?:and\s+\w+\s+)?(?:of|for)\s+"),
    Rule("sup.all_aspects", SUPERVISES,
         r"\b(?:guides|directs|manages|oversees|leads|administers|coordinates)\s+all\s+aspects\s+of\s+",
         strict=True),
    Rule("sup.exercises", SUPERVISES,
         rf"\bexercises?\s+{_ADJ}?(?:and\s+{_ADJ})?supervision\s+(?:over|of)\s+"
         r"|\bsupervision\s+is\s+exercised\s+over\s+"),
    Rule("sup.oversees", SUPERVISES, rf"\boversees?\b{_COVERB_TAIL}\s+"),
    Rule("sup.leads_work_of", SUPERVISES,
         r"\b(?:leads|directs|manages)\s+the\s+work\s+of\s+(?:the\s+)?(?:offices?\s+of\s+)?", list_context=True),
    Rule("sup.manages", SUPERVISES,
         rf"\b(?:manages|directs|leads|heads){_COVERB_TAIL}\s+(?:the\s+(?:work|operations|activities)\s+of\s+)?",
         strict=True),
    Rule("collab.collaborates", COLLABORATES_WITH,
         r"\bcollaborat(?:es|e|ing|ively)\s+(?:\w+ly\s+)?(?:with|alongside)\s+"),
    Rule("collab.works_with", COLLABORATES_WITH,
         r"\bwork(?:s|ing)?\s*(?:\w+ly\s+)?(?:with|alongside)\s+"),
    Rule("collab.in_collaboration", COLLABORATES_WITH,
         r"\bin\s+(?:close\s+)?(?:collaboration|consultation|partnership|cooperation|coordination|conjunction)\s+with\s+"),
    Rule("collab.coordinates_with", COLLABORATES_WITH,
         r"\bcoordinat(?:es|e|ing)\s+(?:\w+ly\s+)?with\s+"),
    Rule("collab.consults", COLLABORATES_WITH,
         r"\b(?:consults|confers|partners|cooperates|liaises|interfaces)(?:,?\s+as\s+needed,?|\s+\w+ly)?\s+with\s+"),
    Rule("collab.liaison", COLLABORATES_WITH,
         r"\b(?:serves?|acts?|functions?)\s+as\s+(?:a|an|the)?\s*(?:[\w'\-]+\s+){0,3}?liaison\s+(?:to|with|for|between)\s+"
         r"|\b(?:provides?|maintains?)\s+(?:\w+\s+)?liaison\s+(?:to|with|for)\s+"),
    Rule("collab.relationships", COLLABORATES_WITH,
         r"\b(?:establishes|maintains|builds|develops|fosters)\s+(?:\w+\s+){0,3}?(?:collaborative|working|"
         r"partnership|productive)\s+(?:\w+\s+)?relationships?\s+with\s+"),
    Rule("part.part_of", PART_OF, r"\b(?:is|are)\s+(?:a\s+)?part\s+of\s+", allowed=(UNIT, ORGANIZATION),
         needs_subject=True),
    Rule("part.located_in", PART_OF,
         r"\b(?:(?:is|are)\s+)?(?:organi[sz]ationally\s+)?(?:located|housed|based|situated|placed)\s+"
         r"(?:in|within|at)\s+|\b(?:is|are)\s+assigned\s+to\s+|\boperates?\s+(?:within|under)\s+",
         allowed=(UNIT, ORGANIZATION), needs_subject=True),
    Rule("member.member_of", MEMBER_OF, r"\b(?:as|is)\s+(?:a|an)\s+(?:\w+\s+)?member\s+of\s+",
         allowed=(UNIT, ORGANIZATION)),
    Rule("member.member_bare", MEMBER_OF, r"\b(?:active\s+|voting\s+|standing\s+)?member\s+of\s+",
         allowed=(UNIT, ORGANIZATION), needs_subject=True),
    Rule("member.serves_on", MEMBER_OF, r"\b(?:serves|sits|participates)\s+on\s+(?=(?:the\s+|a\s+|an\s+|various\s+)?"
                                       r"[\w\-' ]{0,60}?(?:committee|team|board|council|panel|task force|commission)s?\b)",
         allowed=(UNIT,)),
)


_ESCAPE = re.compile(r"\\.", re.DOTALL)


def _top_level_branches(p: str) -> list[str]:
    """The alternatives of a pattern split at its top-level '|' (none of ours has one inside a class). Found
    with str.find and str.count over the pattern with its escapes blanked out: a loop over each character
    cost more than compiling a rule."""
    plain = _ESCAPE.sub("__", p)  # same offsets; an escaped '(', ')' or '|' is no syntax
    out, depth, start, last = [], 0, 0, 0
    k = plain.find("|")
    while k >= 0:
        depth += plain.count("(", last, k) - plain.count(")", last, k)
        last = k
        if depth == 0:
            out.append(p[start:k])
            start = k + 1
        k = plain.find("|", k + 1)
    return out + [p[start:]]


def _plain_lower_form(rule: Rule) -> str:
    """The pattern of the rule's text.lower_twin (case-sensitive, for lower-cased text without has_case_folds),
    without the \\b that starts each alternative, so sre scans for the first letters instead of trying the
    whole pattern at every position; apply_rules tests that boundary itself. A string, not compiled: only
    _lower_case_form's pattern is ever matched."""
    twin, flags = lower_twin_form(rule.pattern_text, re.IGNORECASE)
    if flags:
        raise ValueError(f"{rule.name}: flags beyond IGNORECASE: {flags}")
    branches = _top_level_branches(twin)
    if not all(b.startswith(r"\b") and b[2:3].isalpha() or b.startswith(r"\b(") for b in branches):
        raise ValueError(f"{rule.name}: every alternative must start with \\b and a word")
    return "|".join(b[2:] for b in branches)


def _group_end(p: str) -> int:
    """The index of the ')' that closes the group opening p (no class of ours holds a parenthesis)."""
    depth, k = 0, 0
    while k < len(p):
        c = p[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return k
        k += 1
    raise ValueError(f"unbalanced: {p!r}")


def _spell_branch(b: str) -> list[str]:
    """One alternative with its leading group spelled out: '(?:a|b)?r' -> ['ar', 'br', 'r'], '(?:a|b)r' ->
    ['ar', 'br'], again until each opens with what follows no group. sre tries them in that order, as it
    tries the group's ('x?y' tries 'xy' before 'y'), so the two find the same matches."""
    if not b.startswith("(?:"):
        return [b]
    close = _group_end(b)
    after = b[close + 1:]
    if after[:1] in ("*", "+", "{") or after.startswith(("??", "?+")):
        return [b]
    optional = after.startswith("?")
    rest = after[1:] if optional else after
    out = [x for h in _top_level_branches(b[3:close]) for x in _spell_branch(h + rest)]
    return out + _spell_branch(rest) if optional else out


def _spelled_out(p: str) -> str:
    return "|".join(x for b in _top_level_branches(p) for x in _spell_branch(b))


# Their plain forms open with an optional or grouped word, which gives sre no first letters to scan for: it
# tries them at every position. Spelled out, each alternative opens with a letter (tests/test_fast_paths_exact.py
# compares the two forms' matches). Not sup.supervises: its long co-verb tail, written twice, costs more to
# compile than the scans save.
_SPELL_OUT = frozenset({"udo.supervised_by", "collab.liaison", "part.located_in", "member.member_bare"})


def _lower_case_form(rule: Rule) -> str:
    """The pattern _matches scans lower-cased clauses with: the plain lower form, spelled out for _SPELL_OUT."""
    plain = _plain_lower_form(rule)
    return _spelled_out(plain) if rule.name in _SPELL_OUT else plain


# worked out here, so a rule they do not fit fails at import; each compiled at its first use (lazy_regex): a corpus
# may never fire some rules (6 of 27 in the synthetic one), and compiling is most of what setting up the rules costs
_LOWER = tuple(lazy_regex(_lower_case_form(r)) for r in RULES)


def _matches(i: int, text: str, low: str, start: int, end: int, folds: bool) -> list[tuple[int, int]]:
    """Spans in text of rule i's matches in the clause text[start:end] (low: the clause lower-cased),
    as `RULES[i].pattern.finditer(text, start, end)` gives them."""
    if folds:
        return [m.span() for m in RULES[i].pattern.finditer(text, start, end)]
    out = []
    pat = _LOWER[i]()
    pos = 0
    while (m := pat.search(low, pos)) is not None:
        a, b = m.span()
        c = text[start + a - 1] if start + a else " "
        if c.isalnum() or c == "_":  # the \b before the match fails: look again one letter on
            pos = a + 1
            continue
        out.append((start + a, start + b))
        pos = b
    return out


# a literal every match of the rule contains: a clause without it skips the rule's regex
KEYS: dict[str, tuple[str, ...]] = {
    "udo.under_direction": ("under",),
    "udo.at_direction": ("direction",),
    "udo.receives": ("receive",),
    "udo.reports_to": ("report",),
    "udo.received_from": ("received", "provided"),
    "udo.supervised_by": ("supervised", "directed", "managed"),
    "sup.supervises": ("supervise", "supervising"),
    "sup.provides_supervision": ("supervision",),
    "sup.responsible_supervision": ("responsible",),
    "sup.supervision_of": ("supervision",),
    "sup.all_aspects": ("aspects",),
    "sup.exercises": ("exercise",),
    "sup.oversees": ("oversee",),
    "sup.leads_work_of": ("leads", "directs", "manages"),
    "sup.manages": ("manages", "directs", "leads", "heads"),
    "collab.collaborates": ("collaborat",),
    "collab.works_with": ("work",),
    "collab.in_collaboration": ("collaboration", "consultation", "partnership", "cooperation", "coordination", "conjunction"),
    "collab.coordinates_with": ("coordinat",),
    "collab.consults": ("consults", "confers", "partners", "cooperates", "liaises", "interfaces"),
    "collab.liaison": ("liaison",),
    "collab.relationships": ("relationship",),
    "part.part_of": ("part",),
    "part.located_in": ("located", "housed", "based", "situated", "placed", "assigned", "operate"),
    "member.member_of": ("member",),
    "member.member_bare": ("member",),
    "member.serves_on": ("serves", "sits", "participates"),
}
# a second literal some rules' matches hold, one of these words ("works closely with": "with")
ALSO: dict[str, tuple[str, ...]] = {
    "sup.provides_supervision": ("provide",),
    "sup.responsible_supervision": ("supervis",),
    "sup.supervision_of": ("include",),
    "sup.exercises": ("supervision",),
    "sup.leads_work_of": ("work",),
    "collab.works_with": ("with", "alongside"),
    "collab.coordinates_with": ("with",),
    "member.serves_on": ("committee", "team", "board", "council", "panel", "task", "commission"),
}
_ALL_KEYS = tuple(sorted({k for ks in KEYS.values() for k in ks} | {k for ks in ALSO.values() for k in ks}))
if not all(k.isalpha() for k in _ALL_KEYS):
    raise ValueError("rule keys must be letters only: _rules_for finds them word by word")
_GUARDS = tuple(sorted({k for ks in ALSO.values() for k in ks}))
# a word's bits: bit i for each rule i its KEYS fire, and bit len(RULES) + n for ALSO literal _GUARDS[n] in it
_KEY_BITS = tuple(sum(1 << i for i, r in enumerate(RULES) if k in KEYS[r.name])
                  | (1 << (len(RULES) + _GUARDS.index(k)) if k in _GUARDS else 0) for k in _ALL_KEYS)
# rule i fires when its bit is set and bits & _NEEDS[i]: one of its ALSO literals, or (none) its own bit again
_NEEDS = tuple(sum(1 << (len(RULES) + _GUARDS.index(k)) for k in ALSO[r.name]) if r.name in ALSO else 1 << i
               for i, r in enumerate(RULES))
_ALL_RULES = tuple(range(len(RULES)))


def _word_bits(w: str) -> int:
    """A white-space-delimited word -> the rules its keys fire and the ALSO literals in it, as bits: a clause
    ORs its words' ints, cheaper than a union of sets."""
    return reduce(or_, compress(_KEY_BITS, map(w.__contains__, _ALL_KEYS)), 0)


_WORD_BITS = WordMemo(_word_bits)


def _fired(bits: int) -> tuple[int, ...]:
    """The rules, in order, that a clause with these bits fires: a rule's KEYS, and one of its ALSO literals if
    it has any."""
    return tuple(i for i in _ALL_RULES if bits >> i & 1 and bits & _NEEDS[i])


_FIRED = WordMemo(_fired)  # few combinations of keys ever meet in a clause: each is worked out once


def _rules_for(low: str) -> tuple[int, ...]:
    """Indices, in order, of the rules whose keys (and ALSO words) the lower-cased clause holds. Keys are letters,
    so each lies in one word; words repeat across a corpus, so their key tests are done once per distinct word
    (a substring test per key and clause costs more than the rest of the prefilter)."""
    return _FIRED[reduce(or_, filter(None, map(_WORD_BITS.__getitem__, low.split())), 0)]


_SKILL_KEYS = ("abil", "able", "skill", "experience")
_SKILL_WORDS = re.compile(r"\b(?:ability|able|skill|experience)\b", re.IGNORECASE)
MAX_TARGET_SPAN = 800
RELATION_SECTIONS = frozenset({"summary", "duties", "special", None})

_RELATIVE = re.compile(r"\b(?:who|which|that|whom|whose)\b", re.IGNORECASE)


def apply_rules(text: str, start: int, end: int,
                acronyms: dict[str, str]) -> list[tuple[Rule, Target, int, Target | None]]:
    """(rule, target, trigger position, stated source or None for the described role) for every relation
    stated in the clause text[start:end]."""
    clause = text[start:end]
    folds = has_case_folds(clause)  # then lower-cased substring guards are not exact: take the regex paths
    low = clause.lower()
    if folds:  # IGNORECASE rules may match where no lower-cased key is: try them all
        fire = _ALL_RULES
    else:
        fire = _rules_for(low)
    if not fire:
        return []  # most clauses: nothing else to set up
    found: list[tuple[Rule, Target, int, Target | None]] = []
    seen: set[tuple[str, str, str]] = set()
    read: dict[tuple[int, int, bool, bool], list[Target]] = {}
    for i in fire:
        rule = RULES[i]
        for ma, mb in _matches(i, text, low, start, end, folds):
            before = text[max(start, ma - 200):ma]  # a bounded look-back keeps long clauses linear
            source = None
            if rule.type == PART_OF and before.strip() and ma - start <= 200:
                source = _explicit_subject(text, start, ma, acronyms)  # "The Division of X is part of Y"
            blow = before.lower()  # cheap substring tests spare most regex searches below
            if source is None:
                if ("wh" in blow or "that" in blow or folds) and _RELATIVE.search(before):
                    continue  # "the office which reports to ...": someone else's relation
                if rule.needs_subject and (ma - start > 200 or before.strip() and not _subject_before(before)):
                    continue
            if rule.type == SUPERVISES and (folds or any(map(blow.__contains__, _SKILL_KEYS))) \
                    and _SKILL_WORDS.search(before):
                continue
            window = min(end, mb + MAX_TARGET_SPAN)  # a target list is never longer: keeps long clauses linear
            if rule.strict and not _may_pass_strict(text[mb:window]):
                continue  # "manages budgets and projects": nothing there could pass _strict_ok, so no parsing
            for t in _targets_once(read, text, mb, window, acronyms, rule.list_context, rule.type == SUPERVISES):
                if t.type not in rule.allowed:
                    continue
                if rule.strict and not _strict_ok(t):
                    continue
                key = (rule.type, source.name.lower() if source else "", t.name.lower())
                if key in seen or (source is not None and source.name.lower() == t.name.lower()):
                    continue
                seen.add(key)
                found.append((rule, t, ma, source))
    return found


def _targets_once(read: dict[tuple[int, int, bool, bool], list[Target]], text: str, start: int, end: int,
                  acronyms: dict[str, str], list_context: bool, examples: bool) -> list[Target]:
    """targets(...), read once per clause for each place and reading: rules that end where another did
    ("supervises and manages the X", "leads the work of X") read the same list (callers only read it)."""
    key = (start, end, list_context, examples)
    got = read.get(key)
    if got is None:
        got = read[key] = targets(text, start, end, acronyms, list_context, examples)
    return got


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
    return low.startswith(("the ", "this ", "he ", "she ", "incumbent", "position", "employee")) or b.isupper()


_STRICT_WORDS = ("staff", "personnel", "unit", "office", "department", "division")


def _may_pass_strict(after: str) -> bool:
    """Whether any target read from `after` could pass _strict_ok: every name that passes has a capital
    letter (acronyms too) or ends in one of _STRICT_WORDS, and names are pieces of the text."""
    if not after.islower():  # an upper-case letter somewhere (or no letter at all): it may
        return True
    return any(map(after.__contains__, _STRICT_WORDS))


def _strict_ok(t: Target) -> bool:
    if t.type == UNIT:
        return t.name[:1].isupper() or (len(t.name.split()) >= 2 and
                                         t.name.lower().endswith(("unit", "office", "department", "division")))
    if t.type == ROLE:
        return t.name.lower().endswith(("staff", "personnel")) or (t.name[:1].isupper() and len(t.name.split()) >= 2)
    return False


__all__ = ["KEYS", "RULES", "RELATION_SECTIONS", "Rule", "apply_rules"]

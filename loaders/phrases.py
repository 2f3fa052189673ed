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

from .lexicon import (
    CO_VERBS,
    QUALIFIED_ROLE_HEADS,
    ROLE_HEADS,
    UNIT_HEADS,
    VAGUE,
    VERBS,
    WEAK_UNIT_HEADS,
)
from .memo import WordMemo
from .mentions import ACRONYM, named


@dataclass
class Target:
    name: str
    type: str
    start: int  # span of the mention in the repaired text
    end: int
    located_in: Target | None = None  # "X in the Department of Y": Y


# A token is a plain tuple: [0] the word, [1] it lower-cased, [2] start and [3] end in the text, [4] its index
# in the token stream (a gap means the words were not adjacent). _tokens builds them in C, and tuple items
# read as fast as slots; `Tok` names the shape for type hints.
Tok = tuple[str, str, int, int, int]
_WORD, _LOWER = itemgetter(0), itemgetter(1)  # for map(): a token list's words without a Python step each
_LOCATION_WORDS = frozenset({"in", "within", "at"})


_TOKEN = re.compile(r"[A-Za-z0-9][\w'&.\-]*[\w&]|[A-Za-z0-9]|[,;:/()]")
# split() at a captured token gives gap, token, gap, ..., gap: the text in between and the tokens, in one flat list
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
_PARTICIPLE = re.compile(r"[a-z]+(?:ing|ed)")
_KEEP_PARTICIPLES = frozenset("""
leading learning training building engineering counseling planning teaching testing housing nursing programming
accounting purchasing marketing processing funded based sustaining consulting gifted advanced related coordinated
integrated continuing operating licensed certified qualified designated elected appointed supporting printing
heating ventilating lending staffing""".split())
_HARD = frozenset("is are was were will shall may can must has have be who which whose that than so when where while "
                  "because since unless until if between among".split())
_ADJECTIVE = re.compile(r"^[a-z][a-z\-]*(?:al|ic|ive|ary|ory|ous|ial|ical)$")
_VERB_AFTER_NAME = re.compile(r"^[a-z]{3,}(?:es|s)$(?<!ss)(?<!us)(?<!is)")
_NOT_ADVERBS = frozenset("family supply assembly county italy july rally ally anomaly monopoly".split())
_SOFT = frozenset("on by from with as about regarding concerning during through via per into upon toward towards "
                  "across among throughout".split())
_EXAMPLES = frozenset({"including", "especially", "particularly"})
_SEPARATORS = frozenset({",", "/", "and", "or", "and/or"})
# what _cut's list-end tests read of a word alone, one bit each: a word with none of them is kept untested
(_T_PAREN, _T_STOP, _T_NAMED, _T_VERB, _T_VERB_AFTER_NAME, _T_PLURAL_VERB, _T_ADVERB, _T_CO_VERB_ING, _T_BARE_PARTICIPLE,
 _T_THE) = (1 << k for k in range(10))
_NAMED_WORDS = frozenset({"to", "for", "in", "within", "at", "such"}) | _EXAMPLES | _SOFT | _HARD
_AFTER_A_NAME = _T_VERB | _T_VERB_AFTER_NAME | _T_PLURAL_VERB | _T_ADVERB | _T_CO_VERB_ING | _T_BARE_PARTICIPLE | _T_THE


def _cut_tests(w: str) -> int:
    """The bits of _cut's tests whose condition on the word itself (as written) holds: the context (the words
    around it) is all _cut has left to read."""
    lw = w.lower()
    lower = w.islower()
    holds = (w in ("(", ")"), w in (";", ":"), lw in _NAMED_WORDS, lw in VERBS,
             lower and _VERB_AFTER_NAME.match(lw) is not None, lw in VERBS and lw.endswith("s") and lower,
             lw.endswith("ly") and len(lw) > 4 and lw not in _NOT_ADVERBS and lower,
             lw.endswith("ing") and lw in CO_VERBS and lower and lw not in _KEEP_PARTICIPLES,
             _PARTICIPLE.fullmatch(lw) is not None and lw not in _KEEP_PARTICIPLES, lw == "the")
    return sum(1 << k for k, h in enumerate(holds) if h)


_CUT_TESTS = WordMemo(_cut_tests)
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
        toks = _tokens(text, start, window)
        cut, subject_cut, exhausted = _cut(toks, acronyms, examples)
        if not exhausted or window >= end:
            break
        window = min(end, start + 4 * (window - start))
    toks = cut
    head, where, rest = _split_location(toks, acronyms)
    conjs = _conjuncts(head, acronyms, list_context)
    if subject_cut and len(conjs) > 1 and conjs[-1][0][1] in ("the", "this"):
        conjs = conjs[:-1]  # "..., the director facilitates": the next clause's subject
    if not where and not rest:  # the usual list, with no place in it
        return [t for c in conjs if (t := _target(c, text, acronyms, list_context)) is not None]
    out: list[Target] = []
    where_conjs = _conjuncts(where, acronyms, True)
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
            if t is None or t.type != ROLE:
                if _is_generic_staff(conj):
                    out.extend(x for x in locs if x not in out)
                continue
            t.located_in = locs[0]
        if t is not None:
            out.append(t)
    if locs and not conjs:
        out.extend(locs)
    out.extend(after)
    for conj in _conjuncts(rest, acronyms, list_context):
        t = _target(conj, text, acronyms, list_context)
        if t is not None:
            out.append(t)
    return out


def _tokens_py(text: str, start: int, end: int) -> list[Tok]:
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


try:  # the same tokens from one C loop (loaders/_scan.pyx), where the install compiled it
    from ._scan import tokens as _scan_tokens
except ImportError:
    _scan_tokens = None

if _scan_tokens is None:
    _tokens = _tokens_py
else:
    def _tokens(text: str, start: int, end: int) -> list[Tok]:
        return _scan_tokens(text, start, end, _LOWER_OF)


def _cut(toks: list[Tok], acronyms: dict[str, str], examples: bool) -> tuple[list[Tok], bool, bool]:
    """Keep the tokens up to where the noun-phrase list ends; (tokens, ended at a verb, ran out of tokens).
    Each test is asked only of words whose own condition for it holds (_CUT_TESTS): most words have none."""
    out: list[Tok] = []
    depth = 0
    skipping = 0
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        tests = _CUT_TESTS[t[0]]
        if not tests and not skipping:
            out.append(t)  # most tokens: no test below can end the list here, in parentheses or not
            i += 1
            continue
        w, lw = t[0], t[1]
        if tests & _T_PAREN:
            if w == "(":
                depth += 1
            else:
                depth = max(0, depth - 1)
                if depth == 0:
                    if not skipping:
                        out.append(t)
                    i += 1
                    continue
        if depth:
            if not skipping:
                out.append(t)
            i += 1
            continue
        if skipping:
            # a modifier ("in the design of ...") is skipped up to the next list separator
            if w == ",":
                skipping = 0
                out.append(t)
            elif skipping > 7 or lw in _HARD or tests & _T_STOP:
                break
            else:
                skipping += 1
            i += 1
            continue
        if tests & _T_STOP:
            break
        nxt = toks[i + 1][0] if i + 1 < n else ""
        if tests & _T_NAMED:
            if lw in _EXAMPLES or (lw == "such" and nxt.lower() == "as"):
                if not examples:
                    break
                out.append((",", ",", t[2], t[2], t[4]))
                i += 2 if lw == "such" else 1
                continue
            if out:
                if lw == "to":
                    break
                if lw == "for":
                    # "Center for Skillful Teaching", "consultant for Career Pathways"; not "... for all schools"
                    prev = out[-1][1]
                    head_before = prev in ROLE_HEADS or prev in UNIT_HEADS or prev in QUALIFIED_ROLE_HEADS
                    proper = nxt[:1].isupper()
                    if (head_before or proper) and nxt.lower() not in ("all", "each", "any", "every", "a", "an", "both"):
                        out.append(t)
                        i += 1
                        continue
                    skipping = 1
                    i += 1
                    continue
                if lw in ("in", "within", "at"):
                    if _starts_unit(toks, i + 1, acronyms):
                        out.append(t)
                        i += 1
                        continue
                    if nxt.lower() == "order" or nxt.lower().endswith("ing"):
                        break
                    skipping = 1
                    i += 1
                    continue
                if lw in _SOFT:
                    skipping = 1
                    i += 1
                    continue
                if lw in _HARD:
                    break
        if out and tests & _AFTER_A_NAME:
            prev = out[-1][1]
            if tests & _T_VERB and prev not in ("the", "of", "a", "an", "and", "or", "/"):
                return _trim(out), True, False
            if tests & _T_VERB_AFTER_NAME and out[-1][0][:1].isupper() and not ACRONYM.match(out[-1][0]) \
                    and nxt.islower() and nxt not in ("and", "or"):
                return _trim(out), True, False  # "the Chief of Records Management improves secondary ...": a verb
            if tests & _T_PLURAL_VERB and prev in ("and", "or") \
                    and (nxt.lower() in ("the", "a", "an", "all", "and", "its", "their") or (nxt.islower() and nxt not in _SOFT
                                                                                      and nxt not in ("for", "to", "in", "at"))):
                return _trim(out[:-1]), False, False  # "oversees the X Division and supervises crew leaders"
            if tests & _T_ADVERB:
                break  # "... and jointly appointed by": an adverb starts a new predicate
            if tests & _T_CO_VERB_ING:
                break  # "supervising the program and providing leadership"
            if tests & _T_BARE_PARTICIPLE and prev not in ("and", "or", ",", "the", "of"):
                break
            if tests & _T_THE and prev not in ("and", "or", ",", "of", "/", "for", "in", "within", "at", "("):
                break  # "... Student Leadership the specialist works": a new clause
        out.append(t)
        i += 1
    else:
        return _trim(out), False, True
    return _trim(out), False, False


def _trim(out: list[Tok]) -> list[Tok]:
    while out and out[-1][1] in ("and", "or", ",", "/", "the", "of", "(", "for", "in", "within", "at", "a"):
        out.pop()
    return out


def _starts_unit(toks: list[Tok], i: int, acronyms: dict[str, str]) -> bool:
    """Whether the tokens from i name a unit: '(the) Department of ...', 'DSSEM', 'the Office ...'."""
    j = i
    if j < len(toks) and toks[j][1] == "the":
        j += 1
    if j >= len(toks):
        return False
    w = toks[j][0]
    if w in acronyms or (ACRONYM.match(w) and len(w) >= 2):
        return True
    if not w[:1].isupper():
        return False
    for k in range(j, min(len(toks), j + 8)):
        lw = toks[k][1]
        if lw in UNIT_HEADS and lw not in WEAK_UNIT_HEADS:
            return True
        if not toks[k][0][:1].isupper() and lw not in ("of", "and", "for", "the", "&"):
            return False
    return False


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
        elif depth == 0 and k > 0 and t[1] in ("in", "within", "at") and _starts_unit(toks, k + 1, acronyms):
            loc = toks[k + 1:]
            d = 0
            for j, u in enumerate(loc):
                d += (u[0] == "(") - (u[0] == ")")
                if d == 0 and u[0] == ",":
                    return toks[:k], loc[:j], loc[j + 1:]
            return toks[:k], loc, []
    return toks, [], []


# the words _split and its helpers test by name (as written or lower-cased): a word's shape is the word itself
_SPLIT_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "or", "and/or", ",", "/", "(", ")", "&",
                          "department", "division", "office", "unit", "bureau"})


def _word_shape(w: str) -> str | int:
    """What _split and its helpers read of a word (leaving aside whether it is an acronym of the document): the
    word itself when they test it by name, else the bits of every test they put to it. Lists of names repeat
    their shape far more than their words ("the Director of X and the Y Unit"), so a split is memoised per shape."""
    lw = w.lower()
    if lw in _SPLIT_WORDS:
        return w
    tests = (w[:1].isupper(), w.islower(), _CAPITAL_WORD[w], _HEAD_WORD[w], ACRONYM.match(w) is not None,
             _ADJECTIVE.match(w) is not None, lw in VAGUE, w in VAGUE or w.rstrip("s") in VAGUE, lw in ROLE_HEADS,
             lw in WEAK_UNIT_HEADS, lw in _STRONG_HEADS, _ROLE_WORD[lw])
    return sum(1 << k for k, hit in enumerate(tests) if hit)


_SHAPE = WordMemo(_word_shape)
# (the words' shapes, which of them are acronyms, list_context) -> the conjuncts as token indices
_SPLITS: dict[tuple[tuple[str | int, ...], tuple[bool, ...], bool], tuple[tuple[int, ...], ...]] = {}


def _conjuncts(toks: list[Tok], acronyms, list_context: bool) -> list[list[Tok]]:
    """Split a token list at commas, 'and', 'or' and slashes, then rejoin what is one name.

    The split reads the words' shapes (_word_shape) and which of them are acronyms, nothing else; lists of names
    repeat across a corpus (every role of a unit names it), so each distinct shape is split once."""
    if not toks:
        return []
    if _SEPARATORS.isdisjoint(map(_LOWER, toks)):
        return [list(toks)]  # one name: nothing to split or rejoin
    words = list(map(_WORD, toks))
    key = (tuple(map(_SHAPE.__getitem__, words)), tuple(map(acronyms.__contains__, words)), list_context)
    memo = _SPLITS.get(key)
    if memo is not None:
        return [list(map(toks.__getitem__, part)) for part in memo]
    out = _split(toks, acronyms, list_context)
    if len(_SPLITS) < 200_000:  # bounded: a pathological corpus cannot grow it without end
        where = {id(t): j for j, t in enumerate(toks)}
        _SPLITS[key] = tuple(tuple(where[id(t)] for t in part) for part in out)
    return out


def _split(toks: list[Tok], acronyms, list_context: bool) -> list[list[Tok]]:
    parts: list[list[Tok]] = [[]]
    seps: list[list[Tok]] = []
    depth = 0
    for t in toks:
        lw = t[1]
        if t[0] == "(":
            depth += 1
        elif t[0] == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (t[0] in (",", "/") or lw in ("and", "or", "and/or")):
            if parts[-1]:
                parts.append([])
                seps.append([t])
            elif seps:
                seps[-1].append(t)
            continue
        parts[-1].append(t)
    if not parts[-1]:
        parts.pop()
        seps = seps[:len(parts) - 1]
    if not parts:
        return []
    sepw = ["".join(map(_LOWER, s)) for s in seps]
    # forward: "the Recruitment and Retention Team", "Student Welfare and Compliance unit"
    k = 0
    while k < len(parts) - 1:
        cur, nxt = parts[k], parts[k + 1]
        if (sepw[k] == "and" and not _has_head(cur, acronyms) and _capitalised(cur) and nxt[0][0][:1].isupper()
                and _has_head(nxt, acronyms) and len(cur) <= 3 and "of" not in map(_WORD, cur)
                and nxt[0][1] != "the"):
            parts[k] = cur + seps[k] + nxt
            del parts[k + 1], seps[k], sepw[k]
            continue
        # "the Diversity, Equity and Inclusion Council": capitalised words in a comma run, then "and" + head
        if sepw[k] == "," and _bare_name(cur, acronyms):
            j = k
            while j + 1 < len(parts) - 1 and sepw[j] == "," and _bare_name(parts[j + 1], acronyms):
                j += 1
            last = parts[j + 1] if j + 1 < len(parts) else None
            if (j > k and last and sepw[j] in ("and", ",and") and _has_head(last, acronyms)
                    and last[0][0][:1].isupper() and last[0][1] != "the"):
                parts[k] = [t for q in range(k, j + 2) for t in (parts[q] + (seps[q] if q <= j else []))]
                del parts[k + 1:j + 2], seps[k:j + 1], sepw[k:j + 1]
                continue
        k += 1
    # "professional, technical and clerical staff": adjectives sharing the last head
    k = 0
    while k < len(parts) - 1:
        cur = parts[k]
        if len(cur) == 1 and _ADJECTIVE.match(cur[0][0]) and not _has_head(cur, acronyms) \
                and cur[0][1] not in VAGUE and any(_has_head(p, acronyms) for p in parts[k + 1:]):
            j = k + 1
            while j < len(parts) - 1 and len(parts[j]) == 1 and _ADJECTIVE.match(parts[j][0][0]):
                j += 1
            if _has_head(parts[j], acronyms) and parts[j][0][0].islower():
                parts[k] = [t for q in range(k, j + 1) for t in (parts[q] + (seps[q] if q < j else []))]
                del parts[k + 1:j + 1], seps[k:j], sepw[k:j]
                continue
        k += 1
    merged: list[list[Tok]] = [parts[0]]
    merged_seps: list[str] = []
    for sep_toks, sep, part in zip(seps, sepw, parts[1:]):
        prev = merged[-1]
        headed = _has_head(part, acronyms)
        prev_words = list(map(_LOWER, prev))
        join = False
        last = part[-1][0]
        vague_part = last.islower() and (last in VAGUE or last.rstrip("s") in VAGUE)
        if not headed and part[0][1] != "the" and not vague_part:
            if ("of" in prev_words or "for" in prev_words) and _same_case_as_complement(prev, part):
                join = True  # "Chief of Teaching, Learning, and Schools"; not "Board of Education, co"
            elif (not _has_head(prev, acronyms) or (_weakly_headed(prev) and _capitalised(prev))) and "and" in sep \
                    and not list_context and (_capitalised(part) or not _capitalised(prev)):
                join = True  # "Student Welfare and Compliance", "Magnet Programs and Special Education"
            elif not _has_head(prev, acronyms) and sep == "and" and list_context and _capitalised(prev) \
                    and _capitalised(part) and len(prev) <= 3:
                join = True
        if not join and headed and sep == "and" and ("of" in prev_words) and part[0][1] != "the" \
                and _capitalised(part) and _weakly_headed(part) and prev_words[0] not in ROLE_HEADS:
            join = True  # "Division of Assessment and Summer Programs"
        if join:
            merged[-1] = prev + sep_toks + part
        else:
            merged.append(part)
            merged_seps.append(sep)
    # "chief/and/or associate superintendent of X", "teacher/coordinator of the Y Program":
    # a bare head before a slash borrows the next conjunct's complement
    for k in range(len(merged) - 1):
        cur, nxt = merged[k], merged[k + 1]
        bare = [t for t in cur if t[1] not in ("the", "a", "an")]
        if len(bare) == 1 and bare[0][1] in ROLE_HEADS and "/" in merged_seps[k]:
            of_idx = next((i for i, t in enumerate(nxt) if t[1] in ("of", "for")), None)
            if of_idx is not None:
                merged[k] = cur + nxt[of_idx:]
    # "the director, Department of Materials Management": a role and its unit, one name
    out: list[list[Tok]] = []
    for k, part in enumerate(merged):
        if out and merged_seps[k - 1] == "," and _bare_role(out[-1]) \
                and part[0][1] in ("department", "division", "office", "unit", "bureau") \
                and (_capitalised(part) or "of" in [t[0] for t in part]):
            out[-1] = out[-1] + part
            continue
        # a working title "Planner, Professional Learning": capitalised head, then a specialty without a head
        if out and merged_seps[k - 1] == "," and _bare_role(out[-1]) and out[-1][-1][0][:1].isupper() \
                and _capitalised(part) and part[0][1] != "the" and not _role_headed(part):
            out[-1] = out[-1] + part
            continue
        out.append(part)
    return out


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


def _bare_name(part: list[Tok], acronyms) -> bool:
    """One or two capitalised words without a head: a piece of a longer name."""
    words = [t for t in part if t[1] != "the"]
    return 1 <= len(words) <= 2 and _capitalised(words) and not _has_head(words, acronyms) \
        and not any(ACRONYM.match(t[0]) for t in words)


def _same_case_as_complement(prev: list[Tok], part: list[Tok]) -> bool:
    """Whether `part` is written like the words after prev's 'of'/'for' (both capitalised or both not)."""
    for k, t in enumerate(prev[:-1]):
        if t[1] in ("of", "for"):
            nxt = next((u for u in prev[k + 1:] if u[1] not in ("the", "a", "an")), None)
            return nxt is None or nxt[0][:1].isupper() == part[0][0][:1].isupper()
    return True


def _weakly_headed(part: list[Tok]) -> bool:
    """Only weak unit words head it ('Summer Programs', 'Student Services'), no role or strong unit head."""
    words = list(map(_LOWER, part))
    return not WEAK_UNIT_HEADS.isdisjoint(words) and _STRONG_HEADS.isdisjoint(words)


_STRONG_HEADS = ROLE_HEADS | (UNIT_HEADS - WEAK_UNIT_HEADS)


def _role_headed(part: list[Tok]) -> bool:
    return any(map(_ROLE_WORD.__getitem__, map(_LOWER, part)))


def _bare_role(part: list[Tok]) -> bool:
    words = [t[1] for t in part if t[1] not in ("the", "a", "an")]
    return 1 <= len(words) <= 3 and words[-1] in ROLE_HEADS


# a word a capitalised name may hold
_CAPITAL_WORD = WordMemo(lambda w: w[:1].isupper() or w.lower() in ("of", "and", "the", "for", "&", "(", ")")
                          or w.isdigit())


def _head_word(w: str) -> bool:
    """Whether w heads a role or unit whatever the document's acronyms (_has_head asks those apart)."""
    lw = w.lower()
    return (lw in ROLE_HEADS or lw in UNIT_HEADS or lw.rsplit("-", 1)[-1] in ROLE_HEADS
            or (lw in QUALIFIED_ROLE_HEADS and not w[:1].isupper()) or (ACRONYM.match(w) is not None and len(w) >= 2))


_HEAD_WORD = WordMemo(_head_word)
_ROLE_WORD = WordMemo(lambda lw: lw in ROLE_HEADS or lw.rsplit("-", 1)[-1] in ROLE_HEADS)  # lower-cased words


def _capitalised(part: list[Tok]) -> bool:
    return all(map(_CAPITAL_WORD.__getitem__, map(_WORD, part)))


def _has_head(part: list[Tok], acronyms: dict[str, str]) -> bool:
    depth = 0
    for t in part:
        w = t[0]
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif not depth and (_HEAD_WORD[w] or w in acronyms):
            return True
    return False


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
    if not conj:
        return None
    got = named(_surface(conj, text), acronyms, list_context)
    return None if got is None else Target(got[0], got[1], conj[0][2], conj[-1][3])


def _is_generic_staff(conj: list[Tok]) -> bool:
    words = [t[1] for t in conj]
    return all(w in VAGUE or w in ("all", "the", "other", "and", ",") for w in words)

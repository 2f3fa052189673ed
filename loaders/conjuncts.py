"""Splitting a list of names at commas, 'and', 'or' and slashes, and rejoining what is one name.

"the Division of Assessment and Summer Programs" stays one unit; "the principal, the Director of X and
the Y Unit" are three names; "professional, technical and clerical staff" share their head.
"""

from __future__ import annotations

import re
from operator import itemgetter

from .lexicon import CO_VERBS, QUALIFIED_ROLE_HEADS, ROLE_HEADS, UNIT_HEADS, VAGUE, VERBS, WEAK_UNIT_HEADS
from .memo import WordMemo
from .mentions import ACRONYM

# A token: [0] the word, [1] it lower-cased, [2] start and [3] end in the text, [4] its index in the token
# stream (a gap means the words were not adjacent).
Tok = tuple[str, str, int, int, int]
_WORD, _LOWER = itemgetter(0), itemgetter(1)
_NUMERALS = frozenset("i ii iii iv v vi 1 2 3 4 5".split())
_SEPARATORS = frozenset({",", "/", "and", "or", "and/or"})
ADJECTIVE = re.compile(r"^[a-z][a-z\-]*(?:al|ic|ive|ary|ory|ous|ial|ical)$")


def conjuncts(toks: list[Tok], acronyms, list_context: bool) -> list[list[Tok]]:
    """Split a token list at commas, 'and', 'or' and slashes, then rejoin what is one name."""
    if not toks:
        return []
    if _SEPARATORS.isdisjoint(map(_LOWER, toks)):
        return [list(toks)]  # one name: nothing to split or rejoin
    return _split(toks, acronyms, list_context)


def _split(toks: list[Tok], acronyms, list_context: bool) -> list[list[Tok]]:
    """The split, then each rejoining step in turn (each names the lists it keeps whole)."""
    parts, seps = at_separators(toks, _defined_names(toks, acronyms) if "(" in map(_WORD, toks) else ())
    if not parts:
        return []
    sepw = ["".join(map(_LOWER, s)) for s in seps]
    _share_role_heads(parts, seps, sepw)
    _share_unit_heads(parts, sepw)
    _merge_forward(parts, seps, sepw, acronyms)
    _distribute_modifiers(parts, seps, sepw, acronyms)
    merged, merged_seps = _join_complements(parts, seps, sepw, acronyms, list_context)
    _borrow_complements(merged, merged_seps)
    return _join_roles_and_units(merged, merged_seps)


def _defined_names(toks: list[Tok], acronyms) -> frozenset[int]:
    """Stream indices of the tokens inside a name an acronym after it defines: 'Office of Student and Family
    Support and Engagement (OSFSE)' is one name, its 'and's no list separators."""
    inside: set[int] = set()
    for i in range(1, len(toks) - 2):
        if toks[i][0] != "(" or toks[i + 2][0] != ")" or toks[i + 1][0] not in acronyms:
            continue
        words = [w for w in re.findall(r"[a-z0-9&]+", acronyms[toks[i + 1][0]].lower())]
        j, k = i, len(words)
        while k and j > 0 and toks[j - 1][1] in (words[k - 1], ","):
            j -= 1
            k -= toks[j][1] != ","
        if k == 0:
            inside.update(t[4] for t in toks[j:i])
    return frozenset(inside)


def at_separators(toks: list[Tok], keep: frozenset[int] | tuple = ()) -> tuple[list[list[Tok]], list[list[Tok]]]:
    """The pieces between separators outside parentheses (and outside the names `keep` holds the stream
    indices of), and the separator tokens between them."""
    parts: list[list[Tok]] = [[]]
    seps: list[list[Tok]] = []
    depth = 0
    for t in toks:
        if t[0] == "(":
            depth += 1
        elif t[0] == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (t[0] in (",", "/") or t[1] in ("and", "or", "and/or")) and t[4] not in keep:
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
    k = 1
    while k < len(parts):  # "Analyst I/II staff": a numeral after a numeral and a slash goes on the same name
        if parts[k][0][1] in _NUMERALS and parts[k - 1][-1][1] in _NUMERALS and seps[k - 1][0][0] == "/":
            parts[k - 1] = parts[k - 1] + seps[k - 1] + parts[k]
            del parts[k], seps[k - 1]
            continue
        k += 1
    return parts, seps


def _merge_forward(parts, seps, sepw, acronyms) -> None:
    """'the Recruitment and Retention Team', 'the Diversity, Equity and Inclusion Council': capitalised
    words without a head joined to the headed name after them (in place)."""
    k = 0
    while k < len(parts) - 1:
        cur, nxt = parts[k], parts[k + 1]
        if (sepw[k] == "and" and not _headed_at_end(cur, acronyms, nxt) and _names_a_body_part(cur)
                and nxt[0][0][:1].isupper() and has_head(nxt, acronyms) and len(cur) <= 3
                and "of" not in map(_WORD, cur) and nxt[0][1] != "the"):
            parts[k] = cur + seps[k] + nxt
            del parts[k + 1], seps[k], sepw[k]
            continue
        if sepw[k] == "," and _bare_name(cur, acronyms):
            j = k
            while j + 1 < len(parts) - 1 and sepw[j] == "," and _bare_name(parts[j + 1], acronyms):
                j += 1
            last = parts[j + 1] if j + 1 < len(parts) else None
            # "Diversity, Equity and Inclusion Council"; "Diversity, Equity & Inclusion Council" ("&" is no separator)
            serial = last and (j > k and sepw[j] in ("and", ",and") or sepw[j] == "," and "&" in map(_WORD, last))
            if (serial and has_head(last, acronyms) and last[0][0][:1].isupper() and last[0][1] != "the"):
                parts[k] = [t for q in range(k, j + 2) for t in (parts[q] + (seps[q] if q <= j else []))]
                del parts[k + 1:j + 2], seps[k:j + 1], sepw[k:j + 1]
                continue
        k += 1


_ROLE_WORDS = WordMemo(lambda lw: lw in ROLE_HEADS or lw.rpartition("-")[2] in ROLE_HEADS)
_role_word = _ROLE_WORDS.__getitem__  # a lower-cased word heads a role ("vice-presidents" too)
# a word that may qualify a shared role head: capitalised or a number, heading nothing itself ("MCAAP", "500")
_MODIFIER_WORD = WordMemo(lambda w: (w[:1].isupper() or w.isdigit()) and w.lower() not in UNIT_HEADS
                          and not _role_word(w.lower()))


def _modifier(part: list[Tok]) -> bool:
    """One to three capitalised words, acronyms or numbers that head nothing: 'MCAAP', 'SEIU-Local 500'."""
    words = part[1:] if part and part[0][1] == "the" else part
    return 1 <= len(words) <= 3 and all(map(_MODIFIER_WORD.__getitem__, map(_WORD, words)))


def _share_role_heads(parts, seps, sepw) -> None:
    """'MCAAP, MCEA and SEIU-Local 500 vice-presidents/liaisons for X': the role after the last name is each
    name's ('MCAAP vice-presidents/liaisons for X', ...), and 'vice-presidents/liaisons' is one title (in place)."""
    k = 0
    while "/" in sepw and k < len(parts) - 1:  # "SEIU-Local 500 vice-presidents/liaisons": heads around a slash
        if sepw[k] == "/" and len(parts[k]) >= 2 and _role_word(parts[k][-1][1]) and _role_word(parts[k + 1][0][1]) \
                and parts[k][-2][1] not in ("the", "a", "an"):
            parts[k] = parts[k] + seps[k] + parts[k + 1]
            del parts[k + 1], seps[k], sepw[k]
            continue
        k += 1
    for j in range(len(parts) - 1, 0, -1):
        last = parts[j]
        if not _MODIFIER_WORD[last[0][0]] or sepw[j - 1] not in ("and", ",and", "or"):
            continue  # most lists: no "and" before a name that qualifies a role
        m = 0
        while m < len(last) and _modifier(last[m:m + 1]):
            m += 1
        rest = last[m:]
        heads = [t[1] for t in rest if _role_word(t[1])]
        if not (0 < m <= 3 and heads and heads[0].endswith("s") and sepw[j - 1] in ("and", ",and", "or")
                and (rest[0][0][:1].islower() or _role_word(rest[0][1]))):
            continue  # a singular head is one title: "the HR and Admin Manager"
        i = j - 1
        while i >= 0 and _modifier(parts[i]) and (i == j - 1 or sepw[i] == ","):
            i -= 1
        for q in range(i + 1, j):
            parts[q] = parts[q] + rest
        return


_PLURAL_UNIT_HEADS = {"teams": "team", "departments": "department", "offices": "office", "divisions": "division",
                      "units": "unit", "branches": "branch", "sections": "section", "committees": "committee"}


def _share_unit_heads(parts, sepw) -> None:
    """'the Finance and HR teams', 'the Budget, Payroll and Procurement offices': each capitalised name before a
    plural unit head is one unit with the head in the singular ('Finance team', 'HR team'; in place)."""
    last = parts[-1]
    if len(parts) < 2 or len(last) < 2 or last[-1][1] not in _PLURAL_UNIT_HEADS or not last[-1][0].islower() \
            or sepw[-1] not in ("and", ",and", "or") or not _modifier(last[:-1]):
        return
    i = len(parts) - 2
    while i > 0 and _modifier(parts[i - 1]) and sepw[i - 1] == ",":
        i -= 1
    if not all(_modifier(p) for p in parts[i:-1]):
        return
    word = _PLURAL_UNIT_HEADS[last[-1][1]]
    head = (word, word, last[-1][2], last[-1][3], -1)  # index -1: read as its word, not as the text's "teams"
    for q in range(i, len(parts)):
        parts[q] = parts[q][:-1] + [head] if q == len(parts) - 1 else parts[q] + [head]


def _headed_at_end(part: list[Tok], acronyms, before: list[Tok]) -> bool:
    """Whether the part's last word is a head: 'the Principal'; not 'Depot Health', whose 'Depot' qualifies,
    nor the acronym in 'the HR and Payroll Manager' (one title: a singular role after it)."""
    last = part[-1]
    if ACRONYM.match(last[0]) and last[1] not in ROLE_HEADS and before and _role_word(before[-1][1]) \
            and not before[-1][1].endswith("s"):
        return False
    return has_head(part[-1:], acronyms)


def _names_a_body_part(part: list[Tok]) -> bool:
    """Capitalised words, perhaps after lower-case qualifiers: 'Recruitment', 'the campus Safety'."""
    k = 0
    while k < len(part) - 1 and part[k][0][:1].islower() and part[k][1] not in ("and", "or"):
        k += 1
    return _capitalised(part[k:])


def _distribute_modifiers(parts, seps, sepw, acronyms) -> None:
    """'certificated and classified staff', 'professional, technical and clerical staff', 'the 1st-shift and
    3rd-shift supervisors': modifiers distributed over the last piece's head, one group each ('certificated
    staff', 'classified staff'; in place). Word tests first: most lists hold no one-word piece."""
    k = 0
    while k < len(parts) - 1:
        cur = parts[k][1:] if len(parts[k]) == 2 and parts[k][0][1] in _LEADING else parts[k]
        if len(cur) != 1 or not _MODIFIER[cur[0][0]] or cur[0][1] in VAGUE:
            k += 1
            continue
        if sepw[k] == "/" and len(parts[k + 1]) >= 2 and _MODIFIER[parts[k + 1][0][0]] \
                and not has_head(cur, acronyms) and not has_head(parts[k + 1][:1], acronyms):
            parts[k] = parts[k] + seps[k] + parts[k + 1]  # "agency/contract staff": one group, two names for it
            del parts[k + 1], seps[k], sepw[k]
            continue
        j = k + 1
        while j < len(parts) - 1 and len(parts[j]) == 1 and _MODIFIER[parts[j][0][0]]:
            j += 1
        last = parts[j]
        if len(last) == 2 and last[0][0].islower() and _MODIFIER[last[0][0]] and sepw[j - 1] != "," \
                and all(s in (",", "and", ",and", "or") for s in sepw[k:j]) and has_head(last, acronyms) \
                and not has_head(last[:1], acronyms) and not has_head(cur, acronyms):
            for q in range(k, j):
                parts[q] = parts[q] + last[1:]
            k = j
            continue
        k += 1


_LEADING = frozenset("the all assigned other both".split())  # before the first modifier: "the 1st-shift and ..."
_ORDINAL_COMPOUND = re.compile(r"^\d+(?:st|nd|rd|th)?-[a-z]+$")  # "1st-shift", "24-hour"
# a lower-case word that qualifies a head: "clerical", "certificated", "1st-shift", "day-shift", "payroll"
_MODIFIER = WordMemo(lambda w: _ORDINAL_COMPOUND.match(w) is not None
                     or w.islower() and re.fullmatch(r"[a-z]+(?:-[a-z]+)?", w) is not None and w not in VERBS
                     and w not in CO_VERBS and not w.endswith("ly") and w not in _NOT_MODIFIERS)
# articles and prepositions; "full-time"/"part-time" read like counts (mentions drops them): "full-time and adjunct
# faculty" stays one group
_NOT_MODIFIERS = frozenset("the a an of for full-time part-time".split())


def _join_complements(parts, seps, sepw, acronyms, list_context) -> tuple[list[list[Tok]], list[str]]:
    """Pieces without a head joined to the name before them: 'Chief of Teaching, Learning, and Schools',
    'Student Welfare and Compliance', 'Division of Assessment and Summer Programs'."""
    merged: list[list[Tok]] = [parts[0]]
    merged_seps: list[str] = []
    for sep_toks, sep, part in zip(seps, sepw, parts[1:]):
        if _joins(merged[-1], sep, part, acronyms, list_context):
            merged[-1] = merged[-1] + sep_toks + part
        else:
            merged.append(part)
            merged_seps.append(sep)
    return merged, merged_seps


def _joins(prev: list[Tok], sep: str, part: list[Tok], acronyms, list_context: bool) -> bool:
    headed = has_head(part, acronyms)
    prev_words = list(map(_LOWER, prev))
    last = part[-1][0]
    vague_part = last.islower() and (last in VAGUE or last.rstrip("s") in VAGUE)
    if not headed and part[0][1] != "the" and not vague_part:
        if ("of" in prev_words or "for" in prev_words) and _same_case_as_complement(prev, part):
            return True  # "Chief of Teaching, Learning, and Schools"; not "Board of Education, co"
        if (not has_head(prev, acronyms) or (_weakly_headed(prev) and _capitalised(prev))) and "and" in sep \
                and not list_context and (_capitalised(part) or not _capitalised(prev)):
            return True  # "Student Welfare and Compliance", "Magnet Programs and Special Education"
        if not has_head(prev, acronyms) and sep == "and" and list_context and _capitalised(prev) \
                and _capitalised(part) and len(prev) <= 3 and (_words(prev) < 2 or _words(part) < 2):
            return True  # "Research and Development"; not "Merchandise Planning and Supply Chain": two functions
    # "Division of Assessment and Summer Programs", "Division of Prekindergarten, Special Programs, and Related
    # Services": a capitalised complement whose head is only a weak unit word goes on the name
    return headed and sep in ("and", ",", ",and") and "of" in prev_words and part[0][1] != "the" \
        and _capitalised(part) and _weakly_headed(part) and prev_words[0] not in ROLE_HEADS \
        and _capitalised([t for t in prev[prev_words.index("of") + 1:] if t[0] != ","])


def _words(part: list[Tok]) -> int:
    """How many words a piece has besides an article."""
    return sum(t[1] not in ("the", "a", "an") for t in part)


def _borrow_complements(merged: list[list[Tok]], merged_seps: list[str]) -> None:
    """'chief/and/or associate superintendent of X': a bare head before a slash borrows the next
    conjunct's complement (in place)."""
    for k in range(len(merged) - 1):
        cur, nxt = merged[k], merged[k + 1]
        bare = [t for t in cur if t[1] not in ("the", "a", "an")]
        if len(bare) == 1 and bare[0][1] in ROLE_HEADS and "/" in merged_seps[k]:
            of_idx = next((i for i, t in enumerate(nxt) if t[1] in ("of", "for")), None)
            if of_idx is not None:
                merged[k] = cur + nxt[of_idx:]


def _join_roles_and_units(merged: list[list[Tok]], merged_seps: list[str]) -> list[list[Tok]]:
    """'the director, Department of Materials Management' and 'Planner, Professional Learning': a role
    and its unit or specialty after a comma are one name."""
    out: list[list[Tok]] = []
    for k, part in enumerate(merged):
        if out and merged_seps[k - 1] == "," and _bare_role(out[-1]) \
                and part[0][1] in ("department", "division", "office", "unit", "bureau") \
                and (_capitalised(part) or "of" in [t[0] for t in part]) and not _role_word_at_end(part):
            out[-1] = out[-1] + part
            continue
        if out and merged_seps[k - 1] == "," and _bare_role(out[-1]) and out[-1][-1][0][:1].isupper() \
                and _capitalised(part) and part[0][1] != "the" \
                and (not _role_headed(part) or k == 1 and "of" in map(_LOWER, part) and set(merged_seps) == {","}):
            # "Planner, Professional Learning"; "Consultant, Superintendent of Schools": commas alone and no
            # "and"/"or" make no list, so a title and the office it serves are one role
            out[-1] = out[-1] + part
            continue
        out.append(part)
    return out


def _role_word_at_end(part: list[Tok]) -> bool:
    """'Department Leads', 'Office Managers': a role of its own, not the unit of the role before it."""
    return _ROLE_WORD[part[-1][1]] and part[-1][1] not in UNIT_HEADS


def _bare_name(part: list[Tok], acronyms) -> bool:
    """One or two capitalised words without a head: a piece of a longer name."""
    words = [t for t in part if t[1] != "the"]
    if len(words) >= 2 and any("'" in t[1] for t in words):  # "the agency's Diversity": the owner is no part of it
        words = words[max((k for k, t in enumerate(words) if t[1].endswith(("'s", "s'"))), default=-1) + 1:]
    return 1 <= len(words) <= 2 and _capitalised(words) and not has_head(words, acronyms) \
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


def has_head(part: list[Tok], acronyms: dict[str, str]) -> bool:
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



"""Where a list of names after a relation word ends: at a verb, a new clause, a purpose or a hard stop.

"supervises the Payroll Unit and the principal to ensure ..." keeps "the Payroll Unit and the principal";
"the Chief of Records Management improves ..." stops before the verb; "staff in the Office of X" keeps the
place, "staff in order to ..." does not. `cut_list` reads tokens (conjuncts.Tok) and tests each word only
for what its own letters allow (`_CUT_TESTS`, a pure function of the word).
"""

from __future__ import annotations

import re

from .conjuncts import Tok
from .lexicon import CO_VERBS, QUALIFIED_ROLE_HEADS, ROLE_HEADS, UNIT_HEADS, VERBS, WEAK_UNIT_HEADS
from .memo import WordMemo
from .mentions import ACRONYM

_PARTICIPLE = re.compile(r"[a-z]+(?:ing|ed)")
_KEEP_PARTICIPLES = frozenset("""
leading learning training building engineering counseling planning teaching testing housing nursing programming
accounting purchasing marketing processing funded based sustaining consulting gifted advanced related coordinated
integrated continuing operating licensed certified qualified designated elected appointed supporting printing
heating ventilating lending staffing""".split())
# a subject pronoun starts a new clause ("Reporting to the VP, you'll manage ..."): it is never part of a name
_PRONOUNS = frozenset("you you'll you're you've you'd we we'll we're they they'll".split())
_HARD = frozenset("is are was were will shall may can must has have be who which whose that than so when where while "
                  "because since unless until if between among alongside".split()) | _PRONOUNS
# a person's honorific after a comma: the person holding the title just named ("the Principal Investigator,
# Dr. Ingrid Solheim"), not another role or unit
_HONORIFICS = frozenset("dr mr mrs ms mx prof professor".split())
_VERB_AFTER_NAME = re.compile(r"^[a-z]{3,}(?:es|s)$(?<!ss)(?<!us)(?<!is)")
_NOT_ADVERBS = frozenset("family supply assembly county italy july rally ally anomaly monopoly".split())
_SOFT = frozenset("on by from with as about regarding concerning during through via per into upon toward towards "
                  "across among throughout".split())
_EXAMPLES = frozenset({"including", "especially", "particularly"})
# what cut_list's tests read of a word alone, one bit each: a word with none of them is kept untested
(_T_PAREN, _T_STOP, _T_NAMED, _T_VERB, _T_VERB_AFTER_NAME, _T_PLURAL_VERB, _T_ADVERB, _T_CO_VERB_ING, _T_BARE_PARTICIPLE,
 _T_THE, _T_CAPITAL, _T_ROLE_VERB, _T_KEPT_ING) = (1 << k for k in range(13))
_NAMED_WORDS = frozenset({"to", "for", "in", "within", "at", "such"}) | _EXAMPLES | _SOFT | _HARD | _HONORIFICS
_AFTER_A_NAME = (_T_VERB | _T_VERB_AFTER_NAME | _T_PLURAL_VERB | _T_ADVERB | _T_CO_VERB_ING | _T_BARE_PARTICIPLE | _T_THE
                 | _T_ROLE_VERB | _T_KEPT_ING)
# verbs that are also plural role nouns: capitalised after a capitalised word they end a title ("Shift Leads"); in
# lower case after "and" and before a determiner they start a new predicate ("... and heads the menu review")
_ROLE_VERBS = frozenset("leads heads chairs coaches mentors".split())


def _cut_tests(w: str) -> int:
    """The bits of cut_list's tests whose condition on the word itself (as written) holds: the context (the words
    around it) is all cut_list has left to read."""
    lw = w.lower()
    lower = w.islower()
    holds = (w in ("(", ")"), w in (";", ":"), lw in _NAMED_WORDS, lw in VERBS,
             lower and _VERB_AFTER_NAME.match(lw) is not None and lw not in _PLURAL_HEADS,
             lw in VERBS and lw.endswith("s") and lower,
             lw.endswith("ly") and len(lw) > 4 and lw not in _NOT_ADVERBS and lower,
             lw.endswith("ing") and lw in CO_VERBS and lower and lw not in _KEEP_PARTICIPLES,
             _PARTICIPLE.fullmatch(lw) is not None and lw not in _KEEP_PARTICIPLES, lw == "the", w[:1].isupper(),
             lower and lw in _ROLE_VERBS, lower and lw in _KEEP_PARTICIPLES and lw.endswith("ing"))
    return sum(1 << k for k, h in enumerate(holds) if h)


# plural heads that are no verb: "Teamsters stewards", "SEIU liaisons" go on a name (not "heads", "mentors")
_PLURAL_HEADS = (ROLE_HEADS | UNIT_HEADS) - VERBS - frozenset("heads leads chairs coaches mentors sponsors tutors".split())
_CUT_TESTS = WordMemo(_cut_tests)

def cut_list(toks: list[Tok], acronyms: dict[str, str], examples: bool) -> tuple[list[Tok], bool, bool]:
    """The tokens up to where the noun-phrase list ends, whether it ended at a verb, whether tokens ran out (each
    test is asked only of words whose own condition for it holds, _CUT_TESTS: most words have none).

    Example: cut_list(tokens of "the Payroll Unit to ensure accuracy", {}, False)[0] -> tokens of "the Payroll Unit"
    """
    out: list[Tok] = []
    depth = 0
    skipping = 0
    resumed = False  # a skipped modifier ended at a separator: "with" may repeat the list's preposition
    i, n = 0, len(toks)
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
        if depth or tests & _T_PAREN and w == ")":  # inside parentheses, or the one that closes them
            if not skipping:
                out.append(t)
            i += 1
            continue
        if skipping:
            skipping = _skip(toks, i, skipping, tests)
            if skipping < 0:
                break
            if skipping == 0:  # the skipped modifier ended at a separator: "with" may come back
                resumed = True
                out.append(t)
            i += 1
            continue
        if tests & _T_STOP:
            break
        nxt = toks[i + 1][0] if i + 1 < n else ""
        if lw == "with" and out and (out[-1][1] == "and" or resumed and out[-1][1] in (",", "or")):
            i += 1  # "X and with Y", "..., with Product on ...": the list's own preposition again
            continue
        resumed = False
        if tests & _T_NAMED:
            act = _at_named_word(toks, i, out, acronyms, examples)
            if act == _STOP:
                break
            if act == _VERB:
                return _trim(out), True, False
            if act == _KEEP:
                out.append(t)
                i += 1
                continue
            if act == _SKIP:
                skipping = 1
                i += 1
                continue
            if act == _EXAMPLE:  # "including X": a list separator
                out.append((",", ",", t[2], t[2], t[4]))
                i += 2 if lw == "such" else 1
                continue
        if out and tests & _AFTER_A_NAME:
            act = _after_a_name(tests, lw, out, nxt)
            if act == _STOP:
                break
            if act == _VERB:
                return _trim(out), True, False
            if act == _NEW_PREDICATE:
                return _trim(out[:-1]), False, False
        out.append(t)
        i += 1
    else:
        return _trim(out), False, True
    return _trim(out), False, False


def _skip(toks: list[Tok], i: int, skipping: int, tests: int) -> int:
    """How a skipped modifier ('on rent arrears') goes on at toks[i]: 0 it ended at a list separator (',' or
    'and' before a repeated 'with'), -1 the list ends, else the count of words skipped so far."""
    lw = toks[i][1]
    if lw == "," or lw in ("and", "or") and i + 1 < len(toks) and toks[i + 1][1] == "with":
        return 0  # "with A on X and with B on Y": the preposition repeated, the list goes on
    if skipping > 7 or lw in _HARD or tests & _T_STOP:
        return -1
    return skipping + 1


_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
                     "fifty".split())


def _COUNT_WORD(w: str) -> bool:  # noqa: N802 - reads as the word test it is
    return w.isdigit() or w in _NUMBERS



_NAME_VERBS = frozenset("public water road roads civil".split())  # "Public Works": a verb that ends a name
_AUXILIARIES = frozenset("is are was were will shall may can must has have".split())
_STOP, _KEEP, _SKIP, _EXAMPLE, _VERB, _NEW_PREDICATE = range(6)  # what cut_list does at a word


def _at_named_word(toks: list[Tok], i: int, out: list[Tok], acronyms: dict[str, str], examples: bool) -> int | None:
    """What cut_list does at a preposition or example word toks[i] (None: go on testing it)."""
    lw = toks[i][1]
    nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
    if lw in _EXAMPLES or (lw == "such" and nxt.lower() == "as"):
        return _EXAMPLE if examples else _STOP
    if not out:
        return None
    if lw == "to":  # "two to four analysts": a range, not a new phrase
        return _KEEP if _COUNT_WORD(out[-1][1]) and _COUNT_WORD(nxt.lower()) else _STOP
    if lw == "for":
        # "Center for Skillful Teaching", "consultant for Career Pathways"; not "... for all schools"
        prev = out[-1][1]
        head_before = prev in ROLE_HEADS or prev in UNIT_HEADS or prev in QUALIFIED_ROLE_HEADS
        after = toks[i + 2][0] if i + 2 < len(toks) else ""
        if nxt.lower() == "the" and after[:1].islower() and after not in ROLE_HEADS and after not in UNIT_HEADS:
            return _SKIP  # "the Town Council for the conduct of elections": a purpose, not a name
        if (head_before or nxt[:1].isupper()) and nxt.lower() not in ("all", "each", "any", "every", "a", "an", "both"):
            return _KEEP
        return _SKIP
    if lw in ("in", "within", "at"):
        if starts_unit(toks, i + 1, acronyms):
            return _KEEP
        if nxt.lower() == "order" or nxt.lower().endswith("ing"):
            return _STOP
        return _SKIP
    if lw in _SOFT:
        return _SKIP
    if lw in _AUXILIARIES and out[-1][1] not in ("and", "or", ","):
        return _VERB  # "..., the Head Custodian is responsible": the next clause's subject
    if lw in _HONORIFICS and out[-1][1] == ",":
        return _STOP
    return _STOP if lw in _HARD else None


# what a participle may qualify in a body's name ("steering committee", "working group", "governing board")
_BODY_HEADS = frozenset("committee committees subcommittee group groups board boards council team teams panel forum "
                        "party unit".split())


_STRONG_UNITS = UNIT_HEADS - WEAK_UNIT_HEADS


def _after_a_name(tests: int, lw: str, out: list[Tok], nxt: str) -> int | None:
    """Whether a word that may be a verb, an adverb or 'the' ends the list after `out` (None: it does not)."""
    prev = out[-1][1]
    capital_after_name = tests & _T_CAPITAL and out[-1][0][:1].isupper()
    if tests & _T_VERB and prev not in ("the", "of", "a", "an", "and", "or", "/") \
            and not (capital_after_name and (prev in _NAME_VERBS or lw in _ROLE_VERBS)) \
            and not (tests & _T_ROLE_VERB and not nxt[:1].isalpha()):  # "the program leads." : a title
        return _VERB  # a verb; not "Department of Public Works", where a capitalised word goes on a name
    if tests & _T_VERB_AFTER_NAME and out[-1][0][:1].isupper() and not ACRONYM.match(out[-1][0]) \
            and nxt.islower() and nxt not in ("and", "or"):
        return _VERB  # "the Chief of Records Management improves secondary ...": a verb
    if tests & _T_KEPT_ING and _COUNT_WORD(nxt.lower()):
        return _STOP  # "a wet lab supporting 14 graduate students": a participle clause, not "supporting services"
    if tests & _T_ROLE_VERB and prev in ("and", "or") and nxt.lower() in ("the", "a", "an", "all", "its", "their",
                                                                         "our", "his", "her"):
        return _NEW_PREDICATE  # "supervises the Line Cooks and heads the menu review"
    if tests & _T_PLURAL_VERB and prev in ("and", "or") \
            and (nxt.lower() in ("the", "a", "an", "all", "and", "its", "their") or nxt[:1].isupper()
                 or (nxt.islower() and nxt not in _SOFT and nxt not in ("for", "to", "in", "at"))):
        return _NEW_PREDICATE  # "oversees the X Division and supervises crew leaders", "... and supervises Tellers"
    if tests & (_T_CO_VERB_ING | _T_BARE_PARTICIPLE) and (nxt.lower() in _BODY_HEADS or nxt.lower() in _STRONG_UNITS):
        return None  # "the steering committee", "college advising offices": a participle that names a body
    if tests & _T_ADVERB and _COUNT_WORD(nxt.lower()):
        return None  # "... and approximately 60 volunteer mentors": a count follows
    if tests & (_T_ADVERB | _T_CO_VERB_ING):
        return _STOP  # "... and jointly appointed by", "supervising the program and providing leadership"
    if tests & _T_BARE_PARTICIPLE and prev not in ("and", "or", ",", "the", "of", "assigned", "designated", "all") \
            and not (tests & _T_CAPITAL and (out[-1][0][:1].isupper() or _COUNT_WORD(prev))
                     and (nxt[:1].isupper() or nxt.lower() in UNIT_HEADS)):
        return _STOP  # "the budget prepared by ...", not "the Load Rating Unit", "2 Onboarding Specialists"
    if tests & _T_THE and prev not in ("and", "or", ",", "of", "/", "for", "in", "within", "at", "("):
        return _STOP  # "... Student Leadership the specialist works": a new clause
    return None


def _trim(out: list[Tok]) -> list[Tok]:
    while out and out[-1][1] in ("and", "or", ",", "/", "the", "of", "(", "for", "in", "within", "at", "a"):
        out.pop()
    return out


def starts_unit(toks: list[Tok], i: int, acronyms: dict[str, str]) -> bool:
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


__all__ = ["cut_list", "starts_unit"]

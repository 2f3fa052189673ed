"""The loaders' fast paths (plain finds and substring guards in front of regexes) must find exactly
what the plain regex or loop they stand in for finds; these oracles are the simple definitions."""

import re
from pathlib import Path

import plain_segment
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orgkg
from orgkg.loaders import extract_text, segment
from orgkg.loaders.acronyms import _REVERSED, _WORD, _reversed, _words_start
from orgkg.loaders.competencies import _ANY_TOOL, _TOOLS_RE, TOOLS
from orgkg.loaders.mcps import _DATES, _OVERTIME, _footer, _overtime

# small alphabets make the interesting collisions likely; İ ı ſ K fold to ASCII under IGNORECASE
WORDS = st.lists(st.sampled_from(["OVERTIME ELIGIBLE:", "overtime eligible: ", "Yes", "no", " ", "\n", "x", ":",
                                  "OVERT\u0131ME ELIGIBLE: Yes", "\u017f", "\u212a", "\u0130", "HVAC", "R&D", "(",
                                  ")", "heating and air", "Dr.", "etc.", "J.", "1. ", "12. ", "Alpha", ".", "!", "?",
                                  "Class Established:", "This description may be changed", "e.g.", "  ",
                                  "Date(s) Revised:", "Last Reviewed:", "7/2020", "\t", "1, "]),
                 max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(WORDS)
def test_overtime_and_footer_finds_equal_the_regexes(t):
    a, b = _OVERTIME.search(t), _overtime(t)
    assert (a and (a.span(), a.group(1))) == (b and (b.span(), b.group(1)))
    m = re.search(r"Class Established:|This description may be changed", t)
    established = _DATES["established"][1].search(t)
    assert _footer(t, established) == (m.start() if m else None)


@settings(max_examples=400, deadline=None)
@given(WORDS)
def test_dates_found_by_label_equal_the_regex_search(t):
    for label, rx in _DATES.values():
        i = t.find(label)
        got = rx.match(t, i) if i >= 0 else None
        want = rx.search(t)
        assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1)))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="aAb9_'&- .\u00e9(", max_size=30), st.integers(0, 8), st.integers(0, 8))
def test_words_found_backwards_start_where_the_scan_found_them(t, cut, cut_end):
    base, end = min(cut, len(t)), max(min(cut, len(t)), len(t) - cut_end)
    found = list(_WORD.finditer(t, base, end))
    words = [m.group(0) for m in found]
    for k in range(len(found)):
        assert _words_start(t, base, end, words[k:]) == found[k].start()


def test_every_tool_name_holds_an_any_tool_match():
    """_tools() returns [] when _ANY_TOOL finds nothing: exact only if every tool match holds one."""
    for name in TOOLS:
        m = _ANY_TOOL.search(name)
        assert m and _TOOLS_RE.fullmatch(name)


@settings(max_examples=400, deadline=None)
@given(WORDS)
def test_reversed_acronyms_equal_the_full_scan(t):
    assert [m.span() for m in _reversed(t, 0, len(t))] == [m.span() for m in _REVERSED.finditer(t)]


@settings(max_examples=400, deadline=None)
@given(WORDS, st.integers(0, 5))
def test_sentences_equal_the_single_pattern_definition(t, cut):
    start = min(cut, len(t))
    assert segment.sentences(t, start, len(t)) == plain_segment.sentences(t, start, len(t))
    for dot in (i for i, c in enumerate(t) if c == "."):
        assert segment._is_abbreviation(t, dot) == plain_segment.abbreviation(t, dot)


def test_case_folding_letters_still_reach_the_ignorecase_rules():
    # 'ſ' matches 's' under re.IGNORECASE, so the rule fires although no lower-cased key is present
    for text in ("The coordinator \u017fupervises the Office of Testing.",
                 "The coordinator supervises the Office of Testing."):
        ex = extract_text(text, "x.txt")
        assert [(r.type, r.target) for r in ex.relations] == [("SUPERVISES", "Office of Testing")]


def _pages() -> list[Path]:
    """The bundled samples, plus ../shared/corpus when it sits beside the checkout."""
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    return orgkg.sample_paths() + (sorted(corpus.glob("*.txt")) if corpus.is_dir() else [])


def test_every_rule_match_holds_one_of_its_keys():
    """apply_rules runs a rule's regex only when the clause holds one of its KEYS; a key that some match
    lacks would silently lose relations."""
    from orgkg.loaders.relations import ALSO, KEYS, RULES
    from orgkg.loaders.text import read_text, repair

    files = _pages()
    texts = [repair(read_text(f)).text for f in files]
    texts.append("Supervision is received from the director. It is supervised\nby the chief. Work\nwith the office, "
                 "is a part\nof the Division; serves on the Equity Committee; in close coordination with DSSEM. "
                 "Exercises general supervision over the clerks. Responsible for supervising staff. Provides "
                 "technical supervision to the aides. Leads the work of the Office of Testing.")
    matched = set()
    for rule in RULES:
        for text in texts:
            for m in rule.pattern.finditer(text):
                matched.add(rule.name)
                low = m.group(0).lower() + text[m.end():m.end() + 80].lower()  # a look-ahead's words count
                assert any(k in m.group(0).lower() for k in KEYS[rule.name]), (rule.name, m.group(0))
                if rule.name in ALSO:
                    assert any(k in low for k in ALSO[rule.name]), (rule.name, m.group(0))
    assert len(matched) >= len(RULES) * 2 // 3  # the texts exercise most rules


def test_memoised_competencies_equal_a_reading_with_the_whole_text_before_them():
    """competencies() reads a section once per distinct text, keyed on the section and a few characters
    before it; reading it with the whole page before it must give the same items."""
    from orgkg.loaders import competencies as comp
    from orgkg.loaders import mcps
    from orgkg.loaders.model import Extraction
    from orgkg.loaders.text import read_text, repair

    files = _pages()
    seen = 0
    for f in files:
        rep = repair(read_text(f))
        for key, a, b in mcps.load(Extraction(doc=f.name, path=str(f), format="mcps"), rep):
            if key in ("ksa", "education", "certificate"):
                got = [(i.name, i.kind, i.start, i.end) for i in comp.competencies(rep.text, a, b, key)]
                want = comp._section_items.__wrapped__(rep.text[:b], a, key)
                assert got == [(name, kind, s, e) for name, kind, _, s, e in want], f.name
                seen += 1
    assert seen >= 5


def test_strict_rules_skip_only_what_strict_filtering_would_drop():
    from orgkg.loaders.relations import _may_pass_strict

    for after in ("budgets, contracts and the delivery of services", "42 buses"):
        assert not _may_pass_strict(after), after
    for after in ("the Office of Testing", "custodial staff", "the transportation department", "DSSEM",
                  "\u2102ounty services", "4 / 2"):
        assert _may_pass_strict(after), after
    ex = extract_text("The director manages the Office of Testing and manages budgets.", "x.txt")
    assert [(r.type, r.target) for r in ex.relations] == [("SUPERVISES", "Office of Testing")]


RULE_TEXT = st.lists(st.sampled_from(["under the direction of ", "Under The Direction Of", "x", "_", "9", " ", ",",
                                      "supervises ", "oversees", "works closely with ", "is part of ", "member of",
                                      "the Office", "\u0130", "\u00c9", "collaborates with ", "reports to ", "z",
                                      "serves on the Equity Committee", "leads", "\n", "-", "located in "]),
                     max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(RULE_TEXT, st.integers(0, 4), st.integers(0, 4))
def test_lower_case_rule_forms_find_what_the_rules_find(t, cut_a, cut_b):
    """apply_rules scans lower-cased clauses with case-sensitive forms of the rules and tests the leading
    word boundary by hand; on text without case-folding letters that must give the rule's own matches."""
    from orgkg.loaders.relations import RULES, _matches
    from orgkg.loaders.text import has_case_folds

    start, end = min(cut_a, len(t)), max(min(cut_a, len(t)), len(t) - cut_b)
    clause = t[start:end]
    for i, rule in enumerate(RULES):
        want = [m.span() for m in rule.pattern.finditer(t, start, end)]
        assert _matches(i, t, clause.lower(), start, end, True) == want
        if not has_case_folds(clause):
            assert _matches(i, t, clause.lower(), start, end, False) == want, rule.name


NAMES = st.sampled_from(["DSSEM", "the DSSEM", "Department of Systemwide Safety", "the staff of DSSEM", "OSS",
                         "the Office of Safety (OSS)", "Safety Services", "the safety services", "supervisor",
                         "Student Services", "the staff of the Safety Services", "Systemwide Services"])
ACRONYMS = st.dictionaries(st.sampled_from(["DSSEM", "OSS", "SS", "Safety"]),
                           st.sampled_from(["Department of Systemwide Safety", "Office of Safety", "Safety Services",
                                            "Systemwide Services", "supervisor"]), max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAMES, ACRONYMS, st.booleans()), min_size=1, max_size=6))
def test_memoised_mention_names_equal_a_fresh_reading(calls):
    """_target reuses a surface's name and type while the acronyms answer the same questions; documents
    with other acronyms must still get what a reading without the memo gives."""
    from orgkg.loaders import mentions, phrases

    for surface, acr, list_context in calls:
        toks = phrases._tokens(surface, 0, len(surface))
        got = phrases._target(toks, surface, acr, list_context)
        want = mentions.name_and_type(phrases._surface(toks, surface), acr, list_context) if toks else None
        assert (got and (got.name, got.type)) == want


# words of one shape (phrases._word_shape) in several spellings, so that memoised splits get reused across words
LISTS = st.lists(st.sampled_from(["the", "Office", "of", "Safety", "and", "DSSEM", ",", "/", "or", "supervisor",
                                  "Student", "Services", "OSS", "principals", "technical", "staff", "Unit",
                                  "Finance", "Programs", "Summer", "Division", "department", "director", "Director",
                                  "for", "clerical", "professional", "a", "chief", "Board", "Education", "Teaching",
                                  "Planner", "co", "teams", "The", "Of", "AND"]),
                 min_size=1, max_size=9).map(" ".join)


SHAPE_POOL = ("technical", "clerical", "co", "teams", "Safety", "Finance", "DSSEM", "supervisor", "director", "Planner",
              "Programs", "Division", "department", "staff", "the")
SHAPE_TEMPLATES = ("{} , {} and {} staff", "the {} and {} Unit", "{} of {} , {} and Learning", "{} / {} of the {} Program",
                   "the director , {} of {}", "{} , {} , and {} Council", "{} and {} {}")


def test_conjunct_splits_reused_across_words_of_one_shape_equal_a_fresh_split():
    """Every fill of these list templates from a pool of words (several of one shape, several of a kind _split
    tells apart) splits as _split does, whatever fill was memoised first."""
    from itertools import product

    from orgkg.loaders import phrases

    for template in SHAPE_TEMPLATES:
        for words in product(SHAPE_POOL, repeat=template.count("{}")):
            text = template.format(*words)
            toks = phrases._tokens(text, 0, len(text))
            for a, list_context in (({}, False), ({"DSSEM": "Safety Office", "Finance": "Finance Unit"}, True)):
                assert phrases._conjuncts(toks, a, list_context) == phrases._split(toks, a, list_context), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(LISTS, ACRONYMS, st.booleans()), min_size=1, max_size=6))
def test_memoised_conjunct_splits_equal_a_fresh_split(calls):
    """_conjuncts reuses the split of a sequence of word shapes; with other words of those shapes, other acronyms
    or positions it must still give what splitting afresh gives."""
    from orgkg.loaders import phrases

    for text, acr, list_context in calls:
        for a in (acr, {}, {"Safety": "Safety Office", "Student": "Student Services"}):
            toks = phrases._tokens(text, 0, len(text))
            assert phrases._conjuncts(toks, a, list_context) == phrases._split(toks, a, list_context)
            shifted = "  " + text
            toks = phrases._tokens(shifted, 2, len(shifted))
            assert phrases._conjuncts(toks, a, list_context) == phrases._split(toks, a, list_context)


def _has_head_plain(part, acronyms):
    from orgkg.loaders import phrases as P

    depth = 0
    for t in part:
        if t[0] == "(":
            depth += 1
            continue
        if t[0] == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        lw = t[1]
        if lw in P.ROLE_HEADS or lw in P.UNIT_HEADS or lw.rsplit("-", 1)[-1] in P.ROLE_HEADS:
            return True
        if lw in P.QUALIFIED_ROLE_HEADS and not t[0][:1].isupper():
            return True
        if t[0] in acronyms or (P.ACRONYM.match(t[0]) and len(t[0]) >= 2):
            return True
    return False


HEADISH = st.lists(st.sampled_from(["the", "Office", "office", "of", "Safety", "(", ")", "DSSEM", "Staff", "staff",
                                    "vice-president", "co-Chair", "K-12", "12", "A", "and", "&", "Leadership",
                                    "programs", "X"]), max_size=8).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(HEADISH, ACRONYMS)
def test_word_cached_head_and_capital_tests_equal_their_definitions(text, acr):
    from orgkg.loaders import phrases as P

    toks = P._tokens(text, 0, len(text))
    assert P._has_head(toks, acr) == _has_head_plain(toks, acr)
    assert P._capitalised(toks) == all(t[0][:1].isupper() or t[1] in ("of", "and", "the", "for", "&", "(", ")")
                                       or t[0].isdigit() for t in toks)


def test_lower_case_keeps_what_ignorecase_and_the_classes_see():
    """lower_twin's premise, over all of Unicode: outside İ ı ſ K, lower() maps one character to one, keeps
    \\w \\s \\d, and gives an ASCII letter exactly for the characters IGNORECASE equates with one."""
    import string
    import sys

    from orgkg.loaders.text import CASE_FOLDS_TO_ASCII

    classes = [re.compile(p) for p in (r"\w", r"\s", r"\d")]
    ascii_letter = re.compile(r"[a-z]", re.IGNORECASE)
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        if c in CASE_FOLDS_TO_ASCII:
            continue
        low = c.lower()
        assert len(low) == 1, hex(i)
        assert all(bool(rx.match(c)) == bool(rx.match(low)) for rx in classes), hex(i)
        assert bool(ascii_letter.match(c)) == (low in string.ascii_lowercase), hex(i)
        assert low not in string.ascii_lowercase or c in (low, low.upper()), hex(i)


CLAUSES = st.lists(st.sampled_from(["Other combinations", "N/A", "none", "(Special requirements", "Thorough ",
                                    "knowledge", "KNOWLEDGE of ", "ability to ", "Able To ", "must be able to ",
                                    "skills in ", "Excellent ", "degree", "Ph.D", "high school", "Years",
                                    "experience", "licence", "Certificates", "credential", "\u017f", "\u212a",
                                    "\u0130", "\u0131", " ", "\n", "x", "-", ",", "and "]),
                   max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(CLAUSES)
def test_lower_twins_match_where_the_ignorecase_patterns_do(t):
    from orgkg.loaders import competencies as comp
    from orgkg.loaders.text import has_case_folds

    if has_case_folds(t):
        return
    noise, leads, kinds = comp._ignorecase()
    pairs = [(noise, comp._NOISE_LOW), *zip([rx for rx, _ in leads], [rx for rx, _ in comp._LEAD_LOW]),
             *zip([rx for rx, _ in kinds], [rx for rx, _ in comp._EDU_KINDS_LOW])]
    for rx, twin in pairs:
        for find in ("match", "search"):
            a, b = getattr(rx, find)(t), getattr(twin, find)(t.lower())
            assert (a and a.span()) == (b and b.span()), (rx.pattern, t)


def _longer_forms_plain(relations):
    """The pairwise definition: every short mention against every longer one."""
    from orgkg.ontology.schema import ROLE, UNIT

    longer = {}
    roles = {r.target for r in relations if r.target_type == ROLE}
    for n in roles:
        longer[ROLE, n] = {m for m in roles if m.lower().startswith(n.lower() + " of ")}
    units = {r.target for r in relations if r.target_type == UNIT}
    for n in units:
        longer[UNIT, n] = {n + s for s in (" unit", " office", " department", " division", " team",
                                           " Unit", " Office", " Department", " Division", " Team")} & units
    return {k: v for k, v in longer.items() if v}


MENTIONS = st.sampled_from(["director", "Director", "director of Safety", "director of safety of Schools",
                            "Director Of Safety", "chief", "chief of staff", "Safety", "Safety unit", "Safety Office",
                            "Safety office", "Safety of X", "SAFETY unit"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(MENTIONS, st.sampled_from(["Role", "Unit"]), st.sampled_from(["SUPERVISES", "PART_OF"]),
                          st.one_of(st.none(), MENTIONS)), max_size=8))
def test_coreference_equals_the_pairwise_definition(rels):
    from orgkg.loaders.model import Evidence, Relation
    from orgkg.loaders.pipeline import _longer_forms

    ev = Evidence("d", None, "", 0, 0, "r")
    relations = [Relation(t, name, typ, ev, source=src, source_type=typ) for name, typ, t, src in rels]
    assert _longer_forms(relations) == _longer_forms_plain(relations)


TOKEN_TEXT = st.lists(st.sampled_from(["Office", "of", " ", "  ", ",", ";", ":", "/", "(", ")", "K-12", "R&D", "co-Chair",
                                       "e.g.", "U.S.", "it's", "'", "-", ".", "_", "x_y", "9", "\u00e9", "caf\u00e9",
                                       "\u2019", "\u0130", "\u212a", "\n", "\t", "&", "a.", ".b", "--", "staff", "Stra\u00dfe"]),
                      max_size=16).map("".join)


@settings(max_examples=600, deadline=None)
@given(TOKEN_TEXT, st.integers(0, 6), st.integers(0, 6))
def test_tokens_equal_a_scan_of_the_text_token_by_token(t, cut_a, cut_b):
    """_tokens splits a slice of the text in one call; a token-by-token scan of the text itself between the
    same bounds must give the same words, lower-cased words, positions and indices."""
    from orgkg.loaders import phrases as P

    start, end = min(cut_a, len(t)), max(min(cut_a, len(t)), len(t) - cut_b)
    want = [(m.group(), m.group().lower(), m.start(), m.end(), k) for k, m in enumerate(P._TOKEN.finditer(t, start, end))]
    assert P._tokens_py(t, start, end) == want
    assert P._tokens(t, start, end) == want  # the C loop (loaders/_scan.pyx) where it is compiled


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=40), st.integers(0, 6), st.integers(0, 6))
def test_compiled_tokens_read_any_text_as_the_pattern_does(t, cut_a, cut_b):
    """The C loop spells out sre's `\\w` (a Unicode alphanumeric or `_`): any code point, not only the
    sampled ones above, must split as the pattern splits it."""
    from orgkg.loaders import phrases as P

    if P._scan_tokens is None:
        pytest.skip("loaders/_scan.pyx is not compiled in this install")
    start, end = min(cut_a, len(t)), max(min(cut_a, len(t)), len(t) - cut_b)
    assert P._scan_tokens(t, start, end, P._LOWER_OF) == P._tokens_py(t, start, end)


def test_compiled_tokens_draw_the_word_line_where_the_pattern_does():
    """Every code point of the basic plane and every 5th beyond it, inside a token and ending one, as the first
    character and after a separator."""
    from orgkg.loaders import phrases as P

    if P._scan_tokens is None:
        pytest.skip("loaders/_scan.pyx is not compiled in this install")
    points = (c for c in [*range(0x10000), *range(0x10000, 0x110000, 5)] if not 0xD800 <= c < 0xE000)
    texts = (f"a{c}b{c} x-{c}({c}" for c in map(chr, points))
    differ = [t for t in texts if P._scan_tokens(t, 0, len(t), P._LOWER_OF) != P._tokens_py(t, 0, len(t))]
    assert differ == []


OVERLAPPING = st.lists(st.sampled_from(["The director ", "supervises and manages ", "manages ", "leads the work of ",
                                        "oversees and supervises ", "the ", "Office of Testing", "Alpha", ", ",
                                        " and ", "Beta Unit", "custodial staff", "principals", "; ", ". ",
                                        "collaborates with ", "works with ", "DSSEM", "the work of "]),
                       min_size=1, max_size=12).map("".join)


def _rel_rows(found):
    return [(r.name, t.name, t.type, t.start, t.end, t.located_in and t.located_in.name, pos, s and s.name)
            for r, t, pos, s in found]


@settings(max_examples=400, deadline=None)
@given(OVERLAPPING, st.booleans())
def test_targets_read_once_per_place_equal_a_fresh_reading_per_match(t, with_acronym):
    """apply_rules reads the targets at a place once per clause; reading them afresh for every rule match
    must give the same relations."""
    from orgkg.loaders import relations as R

    acr = {"DSSEM": "Department of Systemwide Safety"} if with_acronym else {}
    got = _rel_rows(R.apply_rules(t, 0, len(t), acr))
    fast = R._targets_once
    try:
        R._targets_once = lambda read, *a: R.targets(*a)
        want = _rel_rows(R.apply_rules(t, 0, len(t), acr))
    finally:
        R._targets_once = fast
    assert got == want


SPELL_TEXT = st.lists(st.sampled_from(["is ", "are ", "organizationally ", "organisationally ", "located ", "housed ",
                                       "based ", "in ", "within ", "at ", "assigned ", "to ", "operates ", "under ",
                                       "directly ", "supervises ", "supervise", "and ", "or ", "manages", ", ", "the ",
                                       "work ", "of ", "serves ", "acts ", "as ", "a ", "liaison ", "provides ",
                                       "maintains ", "active ", "member ", "by ", "supervised ", "this", "x", "  ",
                                       "\n", "with ", "functions "]),
                      max_size=14).map("".join)


def _top_level_branches_plain(p: str) -> list[str]:
    """The character-by-character definition: an escape is two characters, '|' outside parentheses splits."""
    out, depth, cur, k = [], 0, "", 0
    while k < len(p):
        c = p[k]
        if c == "\\":
            cur += p[k:k + 2]
            k += 2
            continue
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
        k += 1
    return out + [cur]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["(", ")", "|", "\\", "\\(", "\\|", "\\\\", "(?:", "a", "\\s+", "\n"]),
                max_size=16).map("".join))
def test_top_level_branches_split_as_a_character_loop_does(p):
    from orgkg.loaders.relations import RULES, _plain_lower_form, _top_level_branches

    assert _top_level_branches(p) == _top_level_branches_plain(p)
    for rule in RULES:
        for q in (rule.pattern_text, _plain_lower_form(rule)):
            assert _top_level_branches(q) == _top_level_branches_plain(q), rule.name


@settings(max_examples=600, deadline=None)
@given(SPELL_TEXT)
def test_spelled_out_rule_forms_match_where_the_plain_forms_do(t):
    """_matches scans some rules in a spelled-out form (each alternative opening with a letter); spelled out,
    every rule's lower form must find the plain form's matches."""
    from orgkg.loaders.relations import _LOWER, _SPELL_OUT, RULES, _plain_lower_form, _spelled_out

    for i, rule in enumerate(RULES):
        plain = _plain_lower_form(rule)
        want = [m.span() for m in re.compile(plain).finditer(t)]
        assert [m.span() for m in re.compile(_spelled_out(plain)).finditer(t)] == want, rule.name
        if rule.name in _SPELL_OUT:
            assert [m.span() for m in _LOWER[i]().finditer(t)] == want, rule.name


KEY_TEXT = st.lists(st.sampled_from(["supervises", "work", "with", "works", "teamwork", "alongside", "leads", "the", " ",
                                     "\t", "\n", "\u00a0", "provide", "supervision", "include", "member", "serves", "on",
                                     "committee", "part", "participates", "under", "direction", "co", "operates",
                                     "liaison", "x", ",", "exercise", "relationship", "collaborat", "in", "task"]),
                    max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(KEY_TEXT)
def test_rules_fired_by_word_bits_equal_the_key_definition(low):
    """_rules_for ORs memoised per-word bits; it must fire exactly the rules one of whose KEYS the clause
    holds, and one of whose ALSO words when the rule has them."""
    from orgkg.loaders.relations import ALSO, KEYS, RULES, _rules_for

    want = tuple(i for i, r in enumerate(RULES) if any(k in low for k in KEYS[r.name])
                 and (r.name not in ALSO or any(k in low for k in ALSO[r.name])))
    assert _rules_for(low) == want


CUT_TEXT = st.lists(st.sampled_from(["the", "Office", "of", "Testing", "(", ")", "DSSEM", ",", ";", ":", "and", "or",
                                     "such", "as", "including", "for", "all", "in", "within", "at", "Department",
                                     "to", "jointly", "Family", "supervising", "Training", "training", "funded",
                                     "Improves", "improves", "secondary", "staff", "principals", "is", "who", "by",
                                     "order", "design", "Center", "Skillful", "supervises", "oversees", "X",
                                     "Services", "services", "Operations", "leads", "Leading", "only", "Ally", "during",
                                     "class", "status", "a", "/", "manages", "Unit", "appointed", "related", "Jointly"]),
                    max_size=16).map(" ".join)


def _cut_plain(toks, acronyms, examples):
    """_cut as first written: every test asked of every word, in order (the oracle for _CUT_TESTS)."""
    from orgkg.loaders import phrases as P

    out = []
    depth = 0
    skipping = 0
    i = 0
    while i < len(toks):
        t = toks[i]
        lw = t[1]
        if t[0] == "(":
            depth += 1
        elif t[0] == ")":
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
            if t[0] == ",":
                skipping = 0
                out.append(t)
            elif skipping > 7 or lw in P._HARD or t[0] in (";", ":"):
                break
            else:
                skipping += 1
            i += 1
            continue
        prev = out[-1][1] if out else ""
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        if t[0] in (";", ":"):
            break
        if lw in P._EXAMPLES or (lw == "such" and nxt.lower() == "as"):
            if not examples:
                break
            out.append((",", ",", t[2], t[2], t[4]))
            i += 2 if lw == "such" else 1
            continue
        if lw == "to" and out:
            break
        if lw == "for" and out:
            head_before = prev in P.ROLE_HEADS or prev in P.UNIT_HEADS or prev in P.QUALIFIED_ROLE_HEADS
            proper = nxt[:1].isupper()
            if (head_before or proper) and nxt.lower() not in ("all", "each", "any", "every", "a", "an", "both"):
                out.append(t)
                i += 1
                continue
            skipping = 1
            i += 1
            continue
        if lw in ("in", "within", "at") and out:
            if P._starts_unit(toks, i + 1, acronyms):
                out.append(t)
                i += 1
                continue
            if nxt.lower() == "order" or nxt.lower().endswith("ing"):
                break
            skipping = 1
            i += 1
            continue
        if lw in P._SOFT and out:
            skipping = 1
            i += 1
            continue
        if out and lw in P._HARD:
            break
        if out and lw in P.VERBS and prev not in ("the", "of", "a", "an", "and", "or", "/"):
            return P._trim(out), True, False
        if out and t[0].islower() and P._VERB_AFTER_NAME.match(lw) and out[-1][0][:1].isupper() \
                and not P.ACRONYM.match(out[-1][0]) and nxt.islower() and nxt not in ("and", "or"):
            return P._trim(out), True, False
        if out and lw in P.VERBS and lw.endswith("s") and prev in ("and", "or") and t[0].islower() \
                and (nxt.lower() in ("the", "a", "an", "all", "and", "its", "their") or (nxt.islower() and nxt not in P._SOFT
                                                                                      and nxt not in ("for", "to", "in", "at"))):
            return P._trim(out[:-1]), False, False
        if out and lw.endswith("ly") and len(lw) > 4 and lw not in P._NOT_ADVERBS and t[0].islower():
            break
        if out and lw.endswith("ing") and lw in P.CO_VERBS and t[0].islower() and lw not in P._KEEP_PARTICIPLES:
            break
        if out and P._PARTICIPLE.fullmatch(lw) and lw not in P._KEEP_PARTICIPLES \
                and prev not in ("and", "or", ",", "the", "of"):
            break
        if lw == "the" and out and prev not in ("and", "or", ",", "of", "/", "for", "in", "within", "at", "("):
            break
        out.append(t)
        i += 1
    else:
        return P._trim(out), False, True
    return P._trim(out), False, False


@settings(max_examples=1500, deadline=None)
@given(CUT_TEXT, st.booleans(), st.booleans())
def test_cut_asking_each_word_only_the_tests_its_bits_name_equals_asking_every_test(t, examples, with_acronym):
    """_cut asks a word only the tests whose condition on the word itself holds (_CUT_TESTS, none for most
    words); asking every test of every word must give the same tokens, verb flag and end flag."""
    from orgkg.loaders import phrases as P

    acr = {"DSSEM": "Department of Systemwide Safety"} if with_acronym else {}
    toks = P._tokens(t, 0, len(t))
    assert P._cut(toks, acr, examples) == _cut_plain(toks, acr, examples)


SUBJECT_END = st.lists(st.sampled_from(["The Division of X", ",", " ", "  ", "\n", "\t", "\u00a0", "\x1c", "which",
                                        "that", "who", "wh", "swho", "x", ",which", "Thatcher", "\u2028"]),
                       max_size=8).map("".join)


@settings(max_examples=600, deadline=None)
@given(SUBJECT_END)
def test_relative_end_removed_from_the_end_equals_the_regex_substitution(s):
    """_explicit_subject drops a trailing ', which' by reading from the end; re.sub of the pattern it stands
    for must leave the same text."""
    from orgkg.loaders.relations import _without_relative_end

    assert _without_relative_end(s) == re.sub(r",?\s*(?:which|that|who)?\s*$", "", s)


NAME_TEXT = st.lists(st.sampled_from(["Office", " ", "  ", "\t", "\n", "\u00a0", "\u2028", ",", "/", "of", "x", "the ",
                                      "police", "department", "fire ", "state of ", "estate", "union", "reunion",
                                      "county council", "seiu", "court", "Court", "f", "depart", "ment of health"]),
                     max_size=10).map("".join)


@settings(max_examples=800, deadline=None)
@given(NAME_TEXT)
def test_name_spaces_joined_equal_the_regex_substitution(name):
    """name_and_type makes white-space runs single spaces by split and join; the regexes it stands for (a
    substitution when the name is not single-spaced already, then the same strip) must give the same name."""
    single = re.fullmatch(r"\S+(?: \S+)*", name)
    want = (name if single else re.sub(r"\s+", " ", name)).strip(" ,/")
    assert " ".join(name.split()).strip(" ,/") == want


@settings(max_examples=800, deadline=None)
@given(NAME_TEXT)
def test_organization_marker_regex_equals_a_substring_test_per_marker(name):
    from orgkg.loaders.lexicon import ORGANIZATION_MARKERS
    from orgkg.loaders.mentions import _ORGANIZATION_MARKER

    low = name.lower()
    assert (_ORGANIZATION_MARKER.search(low) is not None) == any(m in low for m in ORGANIZATION_MARKERS)

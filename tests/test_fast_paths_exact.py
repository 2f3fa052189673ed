"""The loaders' fast paths (plain finds and substring guards in front of regexes) must find exactly
what the plain regex or loop they stand in for finds; these oracles are the simple definitions."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from orgkg.loaders import extract_text, segment
from orgkg.loaders.acronyms import _REVERSED, _WORD, _reversed, _words_start
from orgkg.loaders.competencies import _ANY_TOOL, _TOOLS_RE, TOOLS
from orgkg.loaders.mcps import _DATES, _OVERTIME, _footer, _overtime

import orgkg

# small alphabets make the interesting collisions likely; İ ı ſ K fold to ASCII under IGNORECASE
WORDS = st.lists(st.sampled_from(["OVERTIME ELIGIBLE:", "overtime eligible: ", "Yes", "no", " ", "\n", "x", ":",
                                  "OVERT\u0131ME ELIGIBLE: Yes", "\u017f", "\u212a", "\u0130", "HVAC", "R&D", "(",
                                  ")", "heating and air", "Dr.", "etc.", "J.", "1. ", "12. ", "Alpha", ".", "!", "?",
                                  "Class Established:", "This description may be changed", "e.g.", "  ",
                                  "Date(s) Revised:", "Last Reviewed:", "7/2020", "\t", "1, "]),
                 max_size=16).map("".join)

_BOUNDARY = re.compile(r"[.!?](?=[\"')\]]?\s+(?:\(?[A-Z0-9]))|[.!?]$|\n\s*\n|\n(?=\s*(?:\d{1,2}[.)]\s|[A-Z]))")
_NUMBERED = re.compile(r"(?:^|(?<=\s))\d{1,2}\.\s+(?=[A-Z])")


def _abbreviation(text: str, dot: int) -> bool:
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    return word in segment._ABBREV or (len(word) == 1 and text[dot - 1].isupper())


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = {m.end() for m in _BOUNDARY.finditer(text, start, end)
            if not (m.group(0) == "." and _abbreviation(text, m.start()))}
    cuts.update(m.start() for m in _NUMBERED.finditer(text, start, end))
    cuts.discard(start)
    cuts.discard(end)
    bounds = [start, *sorted(cuts), end]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        a2, b2 = segment._trim(text, a, b)
        if b2 - a2 > 1:
            out.append((a2, b2))
    return out


@settings(max_examples=400, deadline=None)
@given(WORDS)
def test_overtime_and_footer_finds_equal_the_regexes(t):
    a, b = _OVERTIME.search(t), _overtime(t)
    assert (a and (a.span(), a.group(1))) == (b and (b.span(), b.group(1)))
    m = re.search(r"Class Established:|This description may be changed", t)
    assert _footer(t) == (m.start() if m else None)


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
    assert segment.sentences(t, start, len(t)) == _sentences(t, start, len(t))
    for dot in (i for i, c in enumerate(t) if c == "."):
        assert segment._is_abbreviation(t, dot) == _abbreviation(t, dot)


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
    from orgkg.loaders.relations import KEYS, RULES
    from orgkg.loaders.text import read_text, repair

    files = _pages()
    texts = [repair(read_text(f)).text for f in files]
    texts.append("Supervision is received from the director. It is supervised\nby the chief. Work\nwith the office, "
                 "is a part\nof the Division; serves on the Equity Committee; in close coordination with DSSEM.")
    matched = set()
    for rule in RULES:
        for text in texts:
            for m in rule.pattern.finditer(text):
                matched.add(rule.name)
                assert any(k in m.group(0).lower() for k in KEYS[rule.name]), (rule.name, m.group(0))
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
    pairs = [(comp._NOISE, comp._NOISE_LOW), *zip([rx for rx, _ in comp._LEAD_RES], [rx for rx, _ in comp._LEAD_LOW]),
             *zip([rx for rx, _ in comp._EDU_KINDS], [rx for rx, _ in comp._EDU_KINDS_LOW])]
    for rx, twin in pairs:
        for find in ("match", "search"):
            a, b = getattr(rx, find)(t), getattr(twin, find)(t.lower())
            assert (a and a.span()) == (b and b.span()), (rx.pattern, t)

"""Page-side fast paths (sentence splitting, repairs, header and section reading) against their plain
formulations, on generated text with the source's quirks: '¿', doubled spaces and marks, jammed sentences,
list numbers, abbreviations, long lines, cut-off pages and letters that case-fold oddly (İ ı ſ K)."""

import re

import plain_segment
from hypothesis import example, given, settings
from hypothesis import strategies as st
from orgkg.loaders import competencies as comp
from orgkg.loaders import mcps, pipeline, segment
from orgkg.loaders import text as text_mod
from orgkg.ontology.schema import SECTIONS

WORDS = ["Alpha", "beta", "Coordinates", "district", "staff", "approx", "etc", "Dr", "e.g", "U.S.A", "J", "x" * 12,
         "approx", "incl", "dept", "12", "3", "Alpha", "Alpha", "12. Alpha", "3) Alpha", "staff.Coordinates", "x;Alpha",
         "(MCPS):Beta",
         "\u0130", "\u0131", "\u017f", "\u212a", "\u00e9", "\u2192", "CLASSIFICATION", "OVERTIME ELIGIBLE:"]
MARKS = [" ", " ", ". ", ". ", ". ", " 12. ", " 3. ", "  ", "\n", "\n\n", "\t", "\u00a0", ".", ". ", ".\n", ";", ":",
         ",", ", ,", "!", "?", "(", ")", '"', "'", "-", "*", "\u2022", "\u00b7", "\u00bf", "\u2019", "\u2013", "1", "2",
         "12", "1. ", "12) ", "\u00b2", "\u0663"]
# words and marks, mostly alternating: sentence ends, abbreviations and list numbers come up often
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(MARKS + [""])),
                 max_size=10).map(lambda ps: "".join(w + m + n for w, m, n in ps))
CHARS = st.text(alphabet="aA1.) \n-\u00b7\u00b2(\"", max_size=30)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(TEXTS, CHARS), st.integers(0, 12), st.integers(0, 12))
def test_sentences_equal_the_plain_definition(t, cut_a, cut_b):
    start = min(cut_a, len(t))
    end = max(start, len(t) - cut_b)
    assert segment.sentences(t, start, end) == plain_segment.sentences(t, start, end)
    assert segment.sentences(t) == plain_segment.sentences(t, 0, len(t))



@settings(max_examples=1500, deadline=None)
@given(st.one_of(TEXTS, CHARS, st.text(alphabet="a ;()-1.\n\u2022", max_size=20)), st.integers(0, 12), st.integers(0, 12))
def test_clauses_equal_the_plain_definition(t, cut_a, cut_b):
    """clauses() returns a sentence that needs no trim as it is: the same as trimming it."""
    start = min(cut_a, len(t))
    end = max(start, len(t) - cut_b)
    assert segment.clauses(t, start, end) == plain_segment.clauses(t, start, end)
    for s0, s1 in segment.sentences(t, start, end):
        assert segment.clauses(t, s0, s1) == plain_segment.clauses(t, s0, s1)

def _repair_by_characters(original: str) -> str:
    """repair()'s text with the '¿' stand-ins set in a list of characters (the plain formulation)."""
    text = original
    for a, b in text_mod._REPLACEMENTS:
        text = text.replace(a, b)
    chars = list(text)
    for i, q in enumerate(original):
        if q == "\u00bf":
            prev = original[i - 1] if i else " "
            nxt = original[i + 1] if i + 1 < len(original) else " "
            c = "'" if prev.isalnum() and (nxt.isalpha() or nxt.isspace()) else "-"
            chars[i] = "-" if prev.isspace() and nxt.isspace() else c
    text = "".join(chars)
    for j in sorted((m.end() for m in re.finditer(r"[a-z)][.;:](?=[A-Z][a-z])", original)), reverse=True):
        text = text[:j] + " " + text[j:]
    text = re.sub(r"  +", " ", text)
    return re.sub(r"[,;](?:\s*[,;])+", lambda m: m.group(0)[0], text)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(TEXTS, st.text(alphabet="aa1 \u00bf\u2019\n.,;:AA)\u0131\t", max_size=30)))
def test_repair_equals_a_repair_character_by_character(t):
    assert text_mod.repair(t).text == _repair_by_characters(t)


HEADERS = st.lists(st.sampled_from(["OFFICIAL TITLE:", "WORKING TITLE:", "CODE:", "GRADE:", "SQ/OQ:", "MONTHS:", " ", "  ",
                                    "\n", "12", "x", "Teacher", "TITLE:", "Sorted by job title: A - C", "\u2192",
                                    "SUMMARY DESCRIPTION OF CLASSIFICATION", "PHYSICAL DEMANDS:", "\u0130", ":"]),
                   max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(HEADERS)
@example("OFFICIAL TITLE: x\ny WORKING TITLE: z\nOFFICIAL TITLE: Teacher CODE: 12 WORKING TITLE: a GRADE: 1")
def test_header_patterns_tried_at_their_labels_equal_their_search(t):
    assert mcps.detect(t) == min(1.0, sum(0.4 for m in mcps._MARKERS if m in t[:6000]))
    for rx, label in ((mcps._OFFICIAL, "OFFICIAL TITLE:"), (mcps._WORKING, "WORKING TITLE:")):
        got, want = mcps._search_from_label(rx, label, t), rx.search(t)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


@settings(max_examples=1000, deadline=None)
@given(HEADERS)
def test_text_before_the_first_label_read_in_place_equals_reading_its_slice(t):
    got = mcps._sections(t, mcps._footer(t, mcps._DATES["established"][1].search(t)))
    first = min((i for i in (t.find(s.label) for s in SECTIONS) if i >= 0), default=None)
    if first:  # the page's text before its first label is body text unless it holds the navigation or a title
        pre = t[:first]
        body = re.search(r"Sorted by job title:[^\n]*\n", pre) is None and "TITLE:" not in pre
        assert (got[0][0] is None and got[0][1:] == (0, first)) == body
    elif first is None:
        nav = re.search(r"Sorted by job title:[^\n]*\n", t)
        assert got == [(None, nav.end() if nav else 0, len(t))]


QUALIFICATIONS = st.lists(st.sampled_from(["Knowledge of ", "knowledge of ", "Ability to ", "Skill in ", "Excellent ",
                                           "Thorough ", "Microsoft Teams", "Teams", "Excel", "proficiency with ", "experience ",
                                           "degree", "Bachelor's", "years of experience", "certificate", "None",
                                           "Other combinations", "may be considered", "policies, procedures and law",
                                           "(MCPS)", "; ", ". ", ", ", " and ", " or ", "\n", "  ", "1. ", "\u00bf",
                                           "\u0130", "\u0131", "\u017f", "\u212a", "Dr.", "x" * 170, "work"]),
                          max_size=16).map("".join)


def _plain_sections(t: str, footer: int | None) -> list[tuple[str | None, int, int]]:
    """mcps._sections as first written: each label's section runs to the next label or the footer."""
    hits = sorted((m.start(), m.end() + (t[m.end():m.end() + 1] == ":"), s.key)
                  for s in SECTIONS for m in re.finditer(re.escape(s.label), t))
    if not hits:
        hits = [(m.start(), m.end(), m.lastgroup) for m in mcps._SECTIONS_ANY_CASE.finditer(t)]
    stop = footer if footer is not None else len(t)
    out = []
    for i, (s, e, key) in enumerate(hits):
        nxt = hits[i + 1][0] if i + 1 < len(hits) else stop
        if s >= stop:
            break
        if key != "qualifications":
            out.append((key, e, max(e, min(nxt, stop))))
    if not hits:
        body = re.search(r"Sorted by job title:[^\n]*\n", t)
        out.append((None, body.end() if body else 0, stop))
    elif hits[0][0] > 0:
        pre = t[:hits[0][0]]
        if re.search(r"Sorted by job title:[^\n]*\n", pre) is None and "TITLE:" not in pre:
            out.insert(0, (None, 0, hits[0][0]))
    return out


PAGES = st.lists(st.sampled_from(["SUMMARY DESCRIPTION OF CLASSIFICATION", "MINIMUM QUALIFICATION STANDARDS", ":", " x. ",
                                  "KNOWLEDGE, SKILLS, AND ABILITIES", "SPECIAL REQUIREMENTS", "OVERTIME ELIGIBLE", "  ",
                                  "Class Established:", "This description may be changed", "Sorted by job title: A\n",
                                  "summary description of classification", "TITLE:", "\n", "staff.Coordinates", ",,"]),
                 max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(PAGES)
def test_sections_and_their_spans_equal_the_plain_reading(t):
    footer = mcps._footer(t, mcps._DATES["established"][1].search(t))
    assert mcps._sections(t, footer) == _plain_sections(t, footer)
    rep = text_mod.repair(t)
    ex = mcps.Extraction(doc="d", path="d", format="mcps")
    spans = mcps.load(ex, rep)
    assert ex.sections == {k: rep.span(a, b) for k, a, b in spans}

def _plain_items(t: str, start: int, section: str) -> list[tuple]:
    """Each clause read in place: bulleted lines, sentences, clauses; a lead with a colon types the clauses after
    it; items cut inside a word and statements about the application dropped."""
    default = {"ksa": "skill", "education": "education", "certificate": "certification"}[section]
    out = []
    for p0, p1 in comp._bullet_lines(t, start, len(t)):
        for s0, s1 in segment.sentences(t, p0, p1):
            carry = None
            for c0, c1 in segment.clauses(t, s0, s1):
                items = [i for i in comp._clause_items(t, c0, c1, carry or default) if 2 < len(i.name) <= 160]
                out += [(i.name, i.kind, comp.competency_key(i.name), i.start, i.end) for i in items
                        if comp._whole_words(t, i.start, i.end) and not comp._statement(i.name)]
                if items and items[0].kind in ("knowledge", "ability") and ":" in t[c0:c1]:
                    carry = items[0].kind
    return out


@settings(max_examples=1000, deadline=None)
@given(QUALIFICATIONS, st.sampled_from(["ksa", "education", "certificate"]), st.integers(0, 9))
def test_clause_memo_equals_reading_each_clause_in_its_section(t, section, cut):
    start = min(cut, len(t))
    want = _plain_items(t, start, section)
    assert list(comp._section_items.__wrapped__(t, start, section)) == want
    assert list(comp._section_items(t, start, section)) == want  # and once more, from the memos


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["the ", "The ", "THE ", "th\u0130 ", " ", "\n", "chief ", "of ", "services ", "(CDS) ", ", ",
                                 "under",
                                 "reports", "is", "x", "\u017f"]), max_size=12).map("".join))
@example("the chief of districtwide services reports to the superintendent")
def test_role_subjects_start_with_the_words_checked_first(t):
    assert pipeline._SUBJECT.match(t) is None or t.startswith(pipeline._SUBJECT_STARTS)

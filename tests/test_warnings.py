"""Per-document warnings: a code, ": ", and what was seen; never a quiet failure."""

from __future__ import annotations

from pathlib import Path

from orgkg.loaders import extract_text, load_file
from orgkg.loaders.warnings import CODES, code, looks_like_navigation

FORMATS = Path(__file__).resolve().parent / "data" / "formats"


def test_markup_page_warns_navigation_and_no_title():
    ex = load_file(FORMATS / "markup-page.txt")
    codes = {code(w) for w in ex.warnings}
    assert codes == {"navigation", "no-title"} <= set(CODES)  # no role, so no missing reporting line either
    assert ex.role["working_title"] is None and ex.relations == [] and ex.competencies == []


def test_menu_only_page_is_navigation_and_a_real_page_is_not():
    assert looks_like_navigation("Home | About | Jobs\nSearch jobs\nSign in\nContact us\n")
    assert looks_like_navigation("Careers > Openings\nApply now\nShare   Print\n")
    assert looks_like_navigation((FORMATS / "city-web-posting.txt").read_text()) is None


def test_no_reporting_line_warns_and_a_stated_one_does_not():
    ex = extract_text("Job Title: Gardener\nDuties\nMows the lawns and prunes the hedges.\n", "g.txt", format="generic")
    assert [code(w) for w in ex.warnings] == ["no-reporting-line"]
    ex = extract_text("Job Title: Gardener\nReports to: Head Gardener\n", "g.txt", format="generic")
    assert ex.warnings == []


def test_the_examples_in_the_header_modules_hold():
    import doctest

    from orgkg.loaders import fields, furniture, header, labels, titles, warnings
    for mod in (fields, furniture, header, labels, titles, warnings):
        res = doctest.testmod(mod)
        assert res.attempted >= 1 and res.failed == 0, mod.__name__

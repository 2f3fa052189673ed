"""Titles on pages of many formats: navigation, employer names and document headings skipped, suffixes
trimmed, labels read, and an unsure reading said out loud (title_confidence and a warning)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgkg.loaders import extract_text, load_file
from orgkg.loaders.titles import clean, find_title, is_navigation, role_like

FORMATS = Path(__file__).resolve().parent / "data" / "formats"


@pytest.mark.parametrize("name, title, source", [
    ("city-web-posting.txt", "Fleet Services Coordinator", "first line"),  # nav, breadcrumb, "(#20417)"
    ("corporate-pipe-title.txt", "Data Engineer II", "first line"),  # "| Company", menu line
    ("leading-class-number.txt", "Accountant I", "first line"),  # "1027 Accountant I"
    ("federal-pd-heading.txt", "Budget Analyst", "heading"),  # "Position Description - X, GS-0560-12"
    ("school-label-block.txt", "Library Media Technician", "field"),  # labels in a block, values later
    ("caps-labels-college.txt", "Dean of Workforce Programs", "field"),  # "TITLE Dean of ..."
    ("nonprofit-flat-table.txt", "Grants and Contracts Manager", "field"),  # "Job title     X"
    ("au-selection-criteria.txt", "Community Engagement Officer", "field"),
])
def test_title_a_reader_sees(name, title, source):
    ex = load_file(FORMATS / name)
    assert ex.format == "generic"
    assert (ex.role["working_title"], ex.role["title_source"]) == (title, source)
    assert ex.role["title_confidence"] >= 0.5
    assert not [w for w in ex.warnings if w.startswith(("no-title", "low-title-confidence"))]


@pytest.mark.parametrize("raw, title", [
    ("Senior Accountant | Harwick Foods", "Senior Accountant"),
    ("Parks Maintenance Worker - Job Description", "Parks Maintenance Worker"),
    ("Payroll Specialist (#30112)", "Payroll Specialist"),
    ("Library Assistant (Job ID: 5521)", "Library Assistant"),
    ("2210 Network Technician", "Network Technician"),
    ("Operations Supervisor - 2nd Shift (Outbound)", "Operations Supervisor - 2nd Shift (Outbound)"),
])
def test_clean_trims_page_furniture_but_keeps_the_title_whole(raw, title):
    assert clean(raw)[0] == title


def test_clean_takes_a_federal_grade_off_the_title():
    assert clean("Hydrologist, GS-1315-09") == ("Hydrologist", "09")
    assert clean("Contract Specialist GS-1102-13") == ("Contract Specialist", "13")


@pytest.mark.parametrize("line", ["Skip to main content", "Home > Careers > Job Details", "Apply   Save   Share   Print",
                                  "Search jobs | Sign in | Help", "Jobs \u203a Engineering \u203a Platform"])
def test_navigation_lines(line):
    assert is_navigation(line)
    assert not is_navigation("Fleet Services Coordinator")


def test_role_like_reads_role_nouns_not_employers():
    assert role_like("Epidemiologist 2") and role_like("Head of Customer Success") and role_like("Dispatcher")
    assert not role_like("Kestrel Shire Council") and not role_like("Distribution Center Jobs")


def test_title_from_a_hiring_sentence_is_less_sure():
    heads = ["Fernway", "Product   Pricing   Careers"]
    t = find_title(heads, "Fernway\nWe're hiring our first Head of Partnerships. You will ...", {})
    assert (t.text, t.source) == ("Head of Partnerships", "hiring sentence") and 0.5 <= t.confidence < 1.0
    t = find_title([], "Quillon Labs is looking for a Senior Data Scientist to join ...", {})
    assert t.text == "Senior Data Scientist"


def test_unsure_title_warns_and_no_title_never_takes_a_navigation_word():
    ex = extract_text("Menu\nHome | Jobs\nRiverbank Trust\nOpen Days\n\nSummary\nWe run parks.\n", "open-days.txt",
                      format="generic")
    assert ex.role["working_title"] == "Open Days" and ex.role["title_confidence"] < 0.5
    assert any(w.startswith("low-title-confidence: ") for w in ex.warnings)
    ex = extract_text("Skip to main content\nSign in | Search jobs\nApply now\n", "jefferson-county-admin.txt",
                      format="generic")  # only navigation: no title at all, not the file name
    assert (ex.role["working_title"], ex.role["title_source"], ex.role["title_confidence"]) == (None, "none", 0.0)
    assert {w.split(":")[0] for w in ex.warnings} == {"no-title", "navigation"} and ex.relations == []
    ex = extract_text("Duties\n- Mows the lawns under the direction of the Head Gardener.\n", "park-gardener.txt",
                      format="generic")  # a description without a title: the file name stands in, said loudly
    assert ex.role["title_source"] == "file name" and ex.role["title_confidence"] < 0.5
    assert any(w.startswith("no-title: ") for w in ex.warnings)

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


def _title(text: str) -> tuple[str | None, str]:
    ex = extract_text(text, "x.txt", format="generic")
    return ex.role["working_title"], ex.role["title_source"]


BODY = "\n\nSummary\nWorks under the direction of the Operations Manager.\n"


@pytest.mark.parametrize("head, title", [
    ("Donate   Volunteer   Programs   About Us   Careers\nYouth Program Coordinator", "Youth Program Coordinator"),
    ("Careers  |  Nursing  |  Allied Health  |  Search Jobs\nSurgical Technologist", "Surgical Technologist"),
])
def test_a_menu_line_of_short_items_is_never_the_title(head, title):
    assert _title(head + BODY)[0] == title


@pytest.mark.parametrize("head, title", [
    ("CITY OF BRENNAN HEIGHTS POLICE DEPARTMENT\nClassification: Police Sergeant", "Police Sergeant"),
    ("Marsh County Sheriff's Office\nClassification:   Detention Deputy", "Detention Deputy"),
])
def test_a_unit_is_no_title_and_a_classification_that_reads_as_one_is(head, title):
    assert _title(head + BODY) == (title, "field")


@pytest.mark.parametrize("line, title", [
    ("TOWN OF WESTBURY - HIGHWAY FOREMAN", "HIGHWAY FOREMAN"),
    ("Payroll Technician \u2013 Harlow County", "Payroll Technician"),
    ("Senior Planner (2024-00418)", "Senior Planner"),
    ("Accountant II (Grade 14)", "Accountant II"),
    ("Senior Planner - R0012345", "Senior Planner"),
    ("Social Worker \u2013 Adult Mental Health", "Social Worker \u2013 Adult Mental Health"),  # a specialty stays
])
def test_employers_and_posting_numbers_come_off_the_title(line, title):
    assert clean(line)[0] == title


@pytest.mark.parametrize("head, title", [
    ("Careers\nSenior Planner    Apply    Save", "Senior Planner"),
    ("Jobs\nLibrary Assistant Apply Share", "Library Assistant"),
])
def test_buttons_beside_the_title_are_left_out(head, title):
    assert _title(head + BODY)[0] == title


@pytest.mark.parametrize("head, title", [
    ("Home > Careers > Police Officer", "Police Officer"),
    ("Jobs \u203a Operations \u203a Transit \u203a Bus Dispatcher", "Bus Dispatcher"),
])
def test_the_last_breadcrumb_names_the_page_when_nothing_else_does(head, title):
    assert _title(head + BODY) == (title, "breadcrumb")


@pytest.mark.parametrize("head, title", [
    ("CITY OF ELM\nSENIOR PLANNER        Class Code: 1234", "SENIOR PLANNER"),
    ("Harlow County\nFleet Mechanic\tJob Code: 77", "Fleet Mechanic"),
])
def test_a_title_sharing_its_line_with_a_field(head, title):
    assert _title(head + BODY)[0] == title


def test_a_site_menu_one_link_a_line_gives_no_title_and_no_heading():
    menu = "\n".join(["City of Elm", "Home", "Residents", "Visitors", "Police", "Benefits", "Volunteer", "Contact Us"])
    for after in ("Crossing Guard", "Home / Jobs / Openings\nCrossing Guard"):
        ex = extract_text(f"{menu}\n{after}\nReports To: Traffic Sergeant\n\nDuties\nGuards crossings.\n", "x.txt",
                          format="generic")
        assert (ex.role["working_title"], ex.role["title_source"]) == ("Crossing Guard", "first line")
        assert "physical" not in ex.sections  # "Benefits" in the menu heads no section


@pytest.mark.parametrize("line", ["Visitors", "Careers", "Police", "Volunteer"])
def test_one_plural_or_collective_word_is_no_title(line):
    assert _title(f"{line}{BODY}")[1] != "first line" or _title(f"{line}{BODY}")[0] != line


@pytest.mark.parametrize("line, title", [
    ("Library Assistant - Part Time", "Library Assistant"),
    ("Senior Planner (Full-Time)", "Senior Planner"),
    ("Accountant II (Open Until Filled)", "Accountant II"),
    ("REPOSTED - Senior Planner", "Senior Planner"),
    ("Senior Planner Class Specification", "Senior Planner"),
    ("BUYER II \u2013 CLASS SPECIFICATION", "BUYER II"),
])
def test_employment_status_and_document_type_come_off_a_title_line(line, title):
    assert _title(f"City of Elm\n{line}{BODY}") == (title, "first line")


@pytest.mark.parametrize("label", ["Vacancy", "Title of Position", "Job Posting Title", "Position/Title"])
def test_more_title_labels(label):
    assert _title(f"City of Elm\n{label}: Senior Planner{BODY}") == ("Senior Planner", "field")


@pytest.mark.parametrize("line", ["Research Associate", "Firefighter/EMT", "Lifeguard", "Summer Intern"])
def test_role_nouns_beyond_the_agent_suffixes(line):
    assert role_like(line)


@pytest.mark.parametrize("head, title", [
    ("COUNTY OF ELM\nCLASS SPECIFICATION\nSENIOR ENVIRONMENTAL HEALTH\nSPECIALIST", "SENIOR ENVIRONMENTAL HEALTH SPECIALIST"),
    ("CITY OF ELM\nPUBLIC SAFETY COMMUNICATIONS\nDISPATCHER", "PUBLIC SAFETY COMMUNICATIONS DISPATCHER"),
])
def test_a_capitalised_title_wrapped_over_two_lines(head, title):
    assert _title(head + BODY) == (title, "first line")


def test_an_employer_line_and_a_title_line_are_not_joined():
    assert _title("CITY OF ELM\nSENIOR PLANNER" + BODY)[0] == "SENIOR PLANNER"


@pytest.mark.parametrize("name, title", [
    ("b3-airport-og-title.html", "Airfield Operations Manager"),  # h1 is the employer; og:title and <title> name the job
    ("b3-research-institute-og.html", "Staff Scientist, Computational Genomics"),  # h1 "Join our team"
])
def test_an_html_page_whose_heading_is_no_title_is_named_by_its_own_title(name, title):
    ex = load_file(FORMATS / name)
    assert (ex.role["working_title"], ex.role["title_source"]) == (title, "page title")
    assert not [w for w in ex.warnings if w.startswith(("no-title", "low-title-confidence"))]


def test_the_page_title_reads_the_job_piece_and_never_a_navigation_word(tmp_path):
    page = ("<html><head><title>{}</title></head><body><h1>Harwick Water District</h1>"
            "<p>Reports to: Operations Manager</p><h2>Duties</h2><p>Operates the plant.</p></body></html>")
    (tmp_path / "a.html").write_text(page.format("Careers | Water Plant Operator II | Harwick Water District"))
    assert load_file(tmp_path / "a.html").role["working_title"] == "Water Plant Operator II"
    (tmp_path / "b.html").write_text(page.format("Careers | Harwick Water District"))  # no job in it: said so
    ex = load_file(tmp_path / "b.html")
    assert ex.role["title_source"] != "page title" and any(w.startswith("no-title") for w in ex.warnings)
    ex = load_file(FORMATS / "b3-lever-startup.html")  # a visible title is kept over the <title>
    assert (ex.role["working_title"], ex.role["title_source"]) == ("Senior Backend Engineer, Payments", "first line")


@pytest.mark.parametrize("head, title", [
    ("Government of the Province of Northwind\nSenior Policy Analyst\nClassification: Policy Analyst 4 (PA4)",
     "Senior Policy Analyst"),
    ("Harbour City Council\nParking Enforcement Team Leader\nClassification: Compliance Officer 3",
     "Parking Enforcement Team Leader"),
])
def test_the_title_a_reader_sees_comes_before_a_classification(head, title):
    assert _title(head + BODY) == (title, "first line")


@pytest.mark.parametrize("line, title", [
    ("Store Manager - Store #412", "Store Manager - Store #412"),
    ("Fire Captain, Station #7", "Fire Captain, Station #7"),
    ("Payroll Specialist #30112", "Payroll Specialist"),  # a posting number still comes off
])
def test_a_number_that_names_a_place_stays_on_the_title(line, title):
    assert clean(line)[0] == title


@pytest.mark.parametrize("head", ["POST Advanced Certificate.\nDistrict Attorney Investigator II",
                                  "Job Locations US-OH-Dayton\nJob ID 2024-18834\nDistrict Attorney Investigator II"])
def test_a_one_word_label_without_its_colon_needs_a_title_after_it(head):
    assert _title("Granite County\n" + head + BODY)[0] == "District Attorney Investigator II"


def test_a_capital_one_word_label_before_a_title_still_reads():
    assert _title("Town of Elm\nPOSITION Deputy Town Clerk" + BODY) == ("Deputy Town Clerk", "field")


@pytest.mark.parametrize("line", ["Designation: Deputy General Manager - Procurement",
                                  "Job Title and Grade: Deputy General Manager - Procurement (Grade Code 2237)"])
def test_designation_and_title_and_grade_labels(line):
    ex = extract_text(f"Vardhan Infra Projects Limited\n{line}{BODY}", "x.txt", format="generic")
    assert ex.role["working_title"] == "Deputy General Manager - Procurement"
    assert ex.role["code"] == ("2237" if "Grade Code" in line else None)


@pytest.mark.parametrize("line, want", [("Acme Water", False), ("Harbor Tower", False), ("Silver River", False),
                                        ("Water Plant Operator", True), ("Tower Crane Operator", True)])
def test_an_employers_last_word_with_an_agents_ending_is_no_role(line, want):
    assert role_like(line) is want


@pytest.mark.parametrize("head", ["Acme Water\nJOB DESCRIPTION FOR: Maintenance Technician",
                                  "Acme Water\nJob Description for Maintenance Technician",
                                  "Acme Water\nJob Posting: Maintenance Technician (Req 2231)",
                                  "Acme Water\nNow Hiring: Maintenance Technician",
                                  "ACME WATER DISTRICT\nMAINTENANCE TECHNICIAN\nJOB DESCRIPTION",
                                  "Acme Water District\nEmployment Opportunity\nMaintenance Technician - Full Time - $25/hr",
                                  "Home\nJobs\nMaintenance Technician - Acme Water - Springfield, IL",
                                  "Acme Water\nCareers\nOpen Positions\nMaintenance Technician\nApply Now"])
def test_the_title_behind_a_heading_an_employer_or_page_meta(head):
    assert _title(head + BODY)[0].lower() == "maintenance technician"


@pytest.mark.parametrize("line, title", [
    ("Clerk II, $18.50 per hour", "Clerk II"),
    ("Buyer - $52,000 - $61,000", "Buyer"),
    ("Sales Associate - Acme Outfitters - Remote", "Sales Associate"),
    ("Director - Parks and Recreation", "Director - Parks and Recreation"),  # no place at its end: kept whole
])
def test_pay_and_a_trailing_place_come_off_a_title(line, title):
    assert clean(line)[0] == title


def test_an_employer_and_a_document_heading_give_an_unsure_title_said_out_loud():
    ex = extract_text("Acme Water\nJob Description\n" + BODY, "x.txt", format="generic")
    assert ex.role["title_confidence"] < 0.5 and any(w.startswith("low-title-confidence") for w in ex.warnings)


@pytest.mark.parametrize("head, title", [
    ("Policy 4112 - Job Description: Director of Technology", "Director of Technology"),
    ("Harlow Unified School District | Director of Technology", "Director of Technology"),
    ("Position: Director of Technology \u2013 Exempt", "Director of Technology"),
    ("Senior Accountant | Harwick Foods", "Senior Accountant"),  # the title first, as before
])
def test_the_employer_before_a_pipe_a_policy_number_before_a_heading_and_an_flsa_status(head, title):
    assert _title(head + BODY)[0] == title


@pytest.mark.parametrize("head", ["Position Details\nOverview", "Opportunity", "Back\nNext\nShare", "Current Job Postings",
                                  "Click here to apply"])
def test_a_navigation_word_is_never_the_title(head):
    ex = extract_text(head + "\n\nDuties\nProcesses payroll for the district.\n", "payroll.txt", format="generic")
    assert ex.role["title_source"] == "file name" and any(w.startswith("no-title") for w in ex.warnings)


@pytest.mark.parametrize("line", ["Back Office Manager", "Employment Specialist", "Welcome Center Coordinator"])
def test_a_title_holding_a_navigation_word_is_still_a_title(line):
    assert _title(line + BODY) == (line, "first line")


def test_a_page_title_naming_a_listing_of_jobs_names_no_job(tmp_path):
    page = ("<html><head><title>{}</title></head><body><h1>City of Elm</h1><p>Department: Finance</p>"
            "<h2>Duties</h2><p>Keeps the books.</p></body></html>")
    (tmp_path / "a.html").write_text(page.format("Accountant Jobs | City of Elm"))
    assert load_file(tmp_path / "a.html").role["title_source"] != "page title"
    (tmp_path / "b.html").write_text(page.format("Accountant II | City of Elm"))
    assert load_file(tmp_path / "b.html").role["working_title"] == "Accountant II"

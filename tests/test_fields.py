"""Labelled header fields in the layouts organisations use, and the values and relations they state."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgkg.loaders import extract_text, load_file
from orgkg.loaders.fields import FIELD_LABELS, scan

FORMATS = Path(__file__).resolve().parent / "data" / "formats"


def _fields(text: str) -> list[tuple[str, str]]:
    return [(f.key, f.value) for f in scan(text).fields]


def _rels(ex) -> set[tuple]:
    return {(r.type, r.source, r.target) for r in ex.relations}


@pytest.mark.parametrize("text", [
    "IMMEDIATE SUPERVISOR Harbor Master\n",
    "Reports to      Harbor Master\n",
    "Reports to:\nHarbor Master\n",
    "Reporting line\tHarbor Master\n",
])
def test_labels_without_colons_and_values_on_the_next_line(text):
    assert _fields(text) == [("reports_to", "Harbor Master")]


def test_several_fields_on_one_line():
    assert _fields("REPORTS TO: Superintendent   DATE APPROVED: 05/01/2024   JOB CODE: 3301\n") == [
        ("reports_to", "Superintendent"), ("code", "3301")]
    assert _fields("Job Title: Buyer I | Pay Grade: 17 \u00b7 Job ID 55120\n") == [("title", "Buyer I"), ("grade", "17")]
    assert _fields("1. PD #: FT-1     2. Title: Chemist\n") == [("title", "Chemist")]


def test_labels_in_one_block_and_values_in_the_next():
    text = "POSITION TITLE\nREPORTS TO\nREVISION\nREVIEW DATE\nGardener\nHead Groundskeeper\n4\nMay 2022\n"
    assert _fields(text) == [("title", "Gardener"), ("reports_to", "Head Groundskeeper")]
    ex = load_file(FORMATS / "school-label-block.txt")
    targets = {r.target.lower() for r in ex.relations if r.type == "UNDER_DIRECTION_OF"}
    assert targets == {"building principal"}  # not "REVISION" or "REVIEW DATE"


@pytest.mark.parametrize("label", ["Accountable to", "Responsible to", "Line manager", "Supervisor of record",
                                   "Immediate Supervisor", "Supervisor"])
def test_reporting_label_family(label):
    ex = extract_text(f"Job Title: Ward Clerk\n{label}: Ward Sister\n", "w.txt", format="generic")
    assert [(r.type, r.target, r.confidence) for r in ex.relations] == [("UNDER_DIRECTION_OF", "Ward Sister", 1.0)]


def test_supervision_labels_lists_counts_and_none():
    ex = extract_text("Job title: Depot Lead\nDirect reports: 6 (Drivers x 4, Yard Hands x 2)\n", "d.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "SUPERVISES"} == {"Drivers", "Yard Hands"}
    ex = extract_text("Job title: Office Lead\nSupervises: Receptionist (x2); Mail Clerk\n", "o.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "SUPERVISES"} == {"Receptionist", "Mail Clerk"}
    for none in ("Supervises: None (may direct student workers)", "Line management of: No line management responsibility"):
        ex = extract_text(f"Job title: Clerk\n{none}\n", "c.txt", format="generic")
        assert not [r for r in ex.relations if r.type == "SUPERVISES"]


def test_units_paths_and_locations():
    ex = extract_text("Job title: Analyst\nOrganization: Survey Agency / Finance Directorate / Budget Branch\n",
                      "a.txt", format="generic")
    assert _rels(ex) >= {("PART_OF", None, "Budget Branch"), ("PART_OF", "Budget Branch", "Finance Directorate"),
                         ("PART_OF", "Finance Directorate", "Survey Agency")}
    ex = load_file(FORMATS / "nonprofit-flat-table.txt")
    assert ("PART_OF", None, "Finance and Administration") in _rels(ex)
    assert not [r for r in ex.relations if r.target.startswith("Main office")]  # a work place is not a unit
    ex = extract_text("Job title: Analyst\nBusiness area: HMRC - Customs Directorate - Border Policy Division\n"
                      "Work unit: Tunnels Section, Central Office (Eastport)\n", "b.txt", format="generic")
    assert _rels(ex) >= {("PART_OF", None, "Border Policy Division"), ("PART_OF", None, "Tunnels Section"),
                         ("PART_OF", "Border Policy Division", "Customs Directorate")}
    ex = extract_text("Job title: Analyst\nDepartment: Therapies - Occupational Therapy\n", "b.txt", format="generic")
    assert ("PART_OF", None, "Therapies - Occupational Therapy") in _rels(ex)  # not a path: one unit's name


def test_indented_organisational_location_is_a_path():
    text = ("Job title: Auditor\n\nORGANIZATIONAL LOCATION\nHarbor Agency\n   Office of Audit\n      Field Audit Branch\n\n"
            "Duties\nAudits things.\n")
    rels = _rels(extract_text(text, "a.txt", format="generic"))
    assert rels >= {("PART_OF", None, "Field Audit Branch"), ("PART_OF", "Field Audit Branch", "Office of Audit"),
                    ("PART_OF", "Office of Audit", "Harbor Agency")}


def test_key_contacts_table_reads_the_first_cell_of_each_row():
    text = ("Job title: Planner\nKey relationships\nWho                   Why\nInternal\n"
            "Transport Planning Team    Share models\nFinance Business Partner    Budgets\nExternal\n"
            "Regional Rail Authority     Timetables\n\nSummary\nPlans routes.\n")
    targets = {r.target for r in extract_text(text, "p.txt", format="generic").relations if r.type == "COLLABORATES_WITH"}
    assert targets == {"Transport Planning Team", "Finance Business Partner", "Regional Rail Authority"}


def test_chain_of_command_either_direction():
    ex = load_file(FORMATS / "hospital-chain-top-down.txt")  # written from the top down
    rels = _rels(ex)
    assert ("UNDER_DIRECTION_OF", None, "Respiratory Care Supervisor") in rels
    assert ("UNDER_DIRECTION_OF", "Respiratory Care Supervisor", "Director of Cardiopulmonary Services") in rels
    ex = extract_text("Job Title: Porter\nChain of command: Porter Lead > Facilities Manager > Chief Executive\n",
                      "p.txt", format="generic")
    rels = _rels(ex)
    assert ("UNDER_DIRECTION_OF", None, "Porter Lead") in rels
    assert ("UNDER_DIRECTION_OF", "Facilities Manager", "Chief Executive") in rels


def test_key_contacts_are_collaborations():
    ex = extract_text("Job title: Planner\nInternal: Finance Team; Legal Services\nExternal: Regional Transit Authority\n",
                      "p.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "COLLABORATES_WITH"} == {
        "Finance Team", "Legal Services", "Regional Transit Authority"}


@pytest.mark.parametrize("name, expect", [
    ("caps-labels-college.txt", {"official_title": "Administrator", "grade": "Range 14", "months": 12,
                                 "overtime_eligible": False, "code": None}),
    ("leading-class-number.txt", {"code": "1027", "grade": "A-31", "overtime_eligible": True}),
    ("federal-pd-heading.txt", {"grade": "12", "overtime_eligible": False, "code": None}),
    ("au-selection-criteria.txt", {"grade": "Band 5", "code": None}),  # a position number is not a code
    ("city-web-posting.txt", {"overtime_eligible": True, "grade": None}),  # a salary is not a grade
])
def test_header_values(name, expect):
    role = load_file(FORMATS / name).role
    assert {k: role[k] for k in expect} == expect


@pytest.mark.parametrize("text, months, overtime", [
    ("Job Title: Aide\nWork year: 10 months\nWage/Hour Status: Non-exempt\n", 10, True),
    ("Job Title: Aide\nStatus: Full-time, 11-month, exempt\n", 11, False),
    ("Job Title: Aide\n\nSummary\nThis is a 12-month administrative position. Exempt from overtime under the FLSA.\n",
     12, False),
    ("Job Title: Aide\nContract: 24 months\nOvertime eligible: Yes\n", None, True),
])
def test_months_and_overtime(text, months, overtime):
    role = extract_text(text, "a.txt", format="generic").role
    assert (role["months"], role["overtime_eligible"]) == (months, overtime)


def test_label_table_is_data_without_duplicates():
    labels = [lab for labs in FIELD_LABELS.values() for lab in labs]
    assert len(labels) == len(set(labels))
    assert "reports to" in FIELD_LABELS["reports_to"] and "job code" in FIELD_LABELS["code"]


@pytest.mark.parametrize("value, target", [
    ("Matron, Older People's Services", "Matron, Older People's Services"),  # a role with a comma, no role noun
    ("Clinical Team Lead (Band 7)", "Clinical Team Lead"),  # grade in parentheses dropped
    ("Board of Trustees", "Board of Trustees"),
    ("Site Manager; administrative reporting to the Finance Officer, Northern Region",
     "Finance Officer, Northern Region"),
])
def test_reports_to_value_names_the_supervisor_whole(value, target):
    ex = extract_text(f"Job title: Porter\nResponsible to: {value}\n", "p.txt", format="generic")
    assert target in {r.target for r in ex.relations if r.type == "UNDER_DIRECTION_OF" and r.confidence == 1.0}


@pytest.mark.parametrize("head, unit", [
    ("ELMWOOD UNIVERSITY\nSchool of Nursing \u00b7 Office of Clinical Placements\n", "Office of Clinical Placements"),
    ("Bayside College\nDivision of Academic Affairs\n", "Division of Academic Affairs"),
])
def test_unit_under_the_employer_in_the_page_head(head, unit):
    ex = extract_text(f"{head}\nJob Title: Coordinator\n\nSummary\nCoordinates.\n", "c.txt", format="generic")
    found = [r for r in ex.relations if r.type == "PART_OF" and r.source is None]
    assert [(r.target, r.confidence) for r in found] == [(unit, 0.7)]


def test_no_unit_from_the_employer_a_government_department_or_a_publisher():
    for head in ("STATE OF PINEHURST\nDepartment of Corrections\n",
                 "Harwick County\nHuman Resources Department - Classification Plan\n",
                 "Fernway Hospital\nBargaining Unit    Nurses Association General Unit\n"):
        ex = extract_text(f"{head}\nJob Title: Clerk\n\nSummary\nFiles.\n", "c.txt", format="generic")
        assert not [r for r in ex.relations if r.type == "PART_OF"]


def test_chain_of_command_with_commas():
    ex = extract_text("Job Title: Baker\nChain of command: Shift Lead, Bakery Manager, Store Director\n", "b.txt",
                      format="generic")
    assert _rels(ex) >= {("UNDER_DIRECTION_OF", None, "Shift Lead"),
                         ("UNDER_DIRECTION_OF", "Bakery Manager", "Store Director")}
    ex = extract_text("Job Title: Baker\nReporting chain: Chief Executive; Operations Director; Shift Supervisor\n",
                      "b.txt", format="generic")
    assert ("UNDER_DIRECTION_OF", None, "Shift Supervisor") in _rels(ex)  # written from the top down


@pytest.mark.parametrize("text, rel", [
    ("Supervision Received: Fire Marshal\n", ("UNDER_DIRECTION_OF", None, "Fire Marshal")),
    ("SUPERVISION EXERCISED: Inspection Technicians\n", ("SUPERVISES", None, "Inspection Technicians")),
])
def test_supervision_received_and_exercised_as_fields(text, rel):
    assert rel in _rels(extract_text("Job Title: Inspector\n" + text, "i.txt", format="generic"))


def test_supervision_received_as_a_section_of_prose():
    ex = extract_text("Job Title: Inspector\n\nSupervision Received\nWorks under the general supervision of the Deputy "
                      "Fire Chief.\n", "i.txt", format="generic")
    assert ("UNDER_DIRECTION_OF", None, "Deputy Fire Chief") in _rels(ex)


@pytest.mark.parametrize("value, official, grade", [("EC-05", None, "EC-05"), ("AS 02", None, "AS 02"),
                                                    ("Planner 3", "Planner 3", None), ("Band 4", None, "Band 4")])
def test_classification_is_a_title_or_a_grade(value, official, grade):
    role = extract_text(f"Position Title: Analyst\nClassification: {value}\n", "a.txt", format="generic").role
    assert (role["official_title"], role["grade"]) == (official, grade)


@pytest.mark.parametrize("text, want", [
    ("Job Title Maintenance Worker II\nDepartment Parks and Recreation\nReports To Parks Supervisor\n",
     {"title": "Maintenance Worker II", "unit": "Parks and Recreation", "reports_to": "Parks Supervisor"}),
    ("Position Title Payroll Clerk\nDivision Finance\nSupervisor Payroll Manager\n",
     {"title": "Payroll Clerk", "unit": "Finance", "reports_to": "Payroll Manager"}),
])
def test_a_block_of_labels_one_space_before_their_values(text, want):
    assert {f.key: f.value for f in scan(text).fields} == want


def test_one_label_like_line_alone_or_a_title_is_not_a_field():
    assert scan("Office Manager\nSummary\nRuns the office.\n").fields == []
    assert scan("Program Manager\nDepartment of Parks\n").fields == []


@pytest.mark.parametrize("line, want", [
    ("Job Title: Accountant II Department: Finance", {"title": "Accountant II", "unit": "Finance"}),
    ("Reports To: Customer Service Supervisor FLSA: Non-Exempt Job Code: CS-112",
     {"reports_to": "Customer Service Supervisor", "flsa": "Non-Exempt", "code": "CS-112"}),
])
def test_labels_with_colons_one_space_apart_on_one_line(line, want):
    assert {f.key: f.value for f in scan(line + "\n").fields} == want


@pytest.mark.parametrize("line, code", [("Job Code 4410   |   Full Time   |   Nights", "4410"),
                                        ("Class Code 0101      FLSA: Exempt", "0101")])
def test_a_two_word_label_before_a_number_opens_a_line(line, code):
    ex = extract_text(f"Job Title: Clerk\n{line}\n", "c.txt", format="generic")
    assert ex.role["code"] == code
    assert extract_text("Job Title: Clerk\nGrade 9 teachers\n", "c.txt", format="generic").role["grade"] is None


@pytest.mark.parametrize("text, rtype, target", [
    ("SUPERVISION RECEIVED      Battalion Chief\n", "UNDER_DIRECTION_OF", "Battalion Chief"),
    ("Supervision Received\tDeputy Director\n", "UNDER_DIRECTION_OF", "Deputy Director"),
    ("SUPERVISION RECEIVED\nCity Engineer\n", "UNDER_DIRECTION_OF", "City Engineer"),
    ("SUPERVISION EXERCISED Fire Captains\n", "SUPERVISES", "Fire Captains"),
    ("Supervision Exercised\nAccounting Technicians\n", "SUPERVISES", "Accounting Technicians"),
])
def test_supervision_received_and_exercised_with_a_name_in_any_layout(text, rtype, target):
    ex = extract_text("Job Title: Analyst\n" + text + "\nDuties\nAnalyses.\n", "a.txt", format="generic")
    assert (rtype, None, target) in _rels(ex)


@pytest.mark.parametrize("text", ["SUPERVISION RECEIVED AND EXERCISED\nReceives general direction from the City Engineer.\n",
                                  "SUPERVISION EXERCISED\nNone.\n",
                                  "Supervision Received\nReceives direction from the Director.\n"])
def test_a_supervision_heading_before_prose_or_none_is_no_field(text):
    ex = extract_text("Job Title: Analyst\n" + text, "a.txt", format="generic")
    assert not [r for r in ex.relations if r.evidence.rule.startswith("field.")]


@pytest.mark.parametrize("chain, own, above, below", [
    ("Police Officer, Police Sergeant, Police Lieutenant, Chief of Police", "Police Sergeant", "Police Lieutenant",
     "Police Officer"),
    ("Library Page > Library Assistant > Branch Manager > Library Director", "Library Assistant", "Branch Manager",
     "Library Page"),
])
def test_chain_of_command_with_the_role_in_the_middle(chain, own, above, below):
    ex = extract_text(f"Job Title: {own}\nChain of command: {chain}\n", "c.txt", format="generic")
    rels = _rels(ex)
    assert ("UNDER_DIRECTION_OF", None, above) in rels and ("UNDER_DIRECTION_OF", below, own) in rels
    assert ("UNDER_DIRECTION_OF", None, below) not in rels


@pytest.mark.parametrize("line, key, value", [
    ("4. Immediate Supervisor (Title): Director, Student Services", "reports_to", "Director, Student Services"),
    ("Supervisor (name/title): Finance Manager", "reports_to", "Finance Manager"),
    ("Class No. 4431", "code", "4431"),
    ("Dept. Rail Maintenance", "unit", "Rail Maintenance"),
])
def test_a_note_or_an_abbreviation_after_a_label(line, key, value):
    assert {f.key: f.value for f in scan(line + "\n").fields}[key] == value


@pytest.mark.parametrize("head, unit", [
    ("State of Elm\nDivision of Personnel\nJob Announcement\nANALYST 3\nDepartment of Revenue, Audit Bureau\n", "Audit Bureau"),
    ("Marlow County\nHuman Resources\nDETENTION SERGEANT\nSheriff's Office - Corrections Division\n", "Corrections Division"),
])
def test_the_unit_line_under_the_title(head, unit):
    ex = extract_text(head + "\nDuties\nWorks under the direction of the Lieutenant.\n", "x.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "PART_OF" and r.source is None} == {unit}


@pytest.mark.parametrize("value", ["County of Alder Ridge", "City of Elm"])
def test_an_employer_in_a_unit_field_is_no_unit_of_the_role(value):
    ex = extract_text(f"Job Title: Planner\nAgency: {value}\nDepartment: Planning Division\n", "p.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "PART_OF"} == {"Planning Division"}


@pytest.mark.parametrize("value, want", [
    ("Motor Equipment Operators, Laborers and seasonal help", {"Motor Equipment Operators", "Laborers"}),
    ("Library Assistants and student workers", {"Library Assistants"}),
])
def test_a_role_and_a_lower_case_group_are_two_names(value, want):
    ex = extract_text(f"Job Title: Foreman\nSupervises: {value}\n", "f.txt", format="generic")
    assert want <= {r.target for r in ex.relations if r.type == "SUPERVISES"}
    assert not [r for r in ex.relations if " and " in r.target]


@pytest.mark.parametrize("text, want", [
    ("Job Title                 Department              FLSA Status\n"
     "Accountant II             Finance                 Exempt\nReports To\nController\n",
     {"title": "Accountant II", "unit": "Finance", "flsa": "Exempt", "reports_to": "Controller"}),
    ("Position\tReports to\nPark Ranger\tChief Ranger\n", {"title": "Park Ranger", "reports_to": "Chief Ranger"}),
])
def test_a_header_row_of_labels_and_a_row_of_values(text, want):
    assert {f.key: f.value for f in scan(text).fields} == want


@pytest.mark.parametrize("question, answer, supervisor", [
    ("3. Who is this position's immediate supervisor?", "Name/Title: R. Delgado, Deputy Director, Claims Division",
     "Deputy Director, Claims Division"),
    ("Who is the employee's direct supervisor?", "Maria Lopez, Finance Director", "Finance Director"),
    ("What is the title of this position's supervisor?", "Title: Chief Engineer", "Chief Engineer"),
])
def test_a_forms_supervisor_question_and_its_answer(question, answer, supervisor):
    ex = extract_text(f"Job Title: Analyst\n{question}\n{answer}\n", "a.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "UNDER_DIRECTION_OF"} == {supervisor}


def test_an_unanswered_question_or_a_sentence_gives_no_supervisor():
    ex = extract_text("Job Title: Analyst\nWho is this position's immediate supervisor?\nSee the attached chart.\n",
                      "a.txt", format="generic")
    assert not [r for r in ex.relations if r.type == "UNDER_DIRECTION_OF"]


@pytest.mark.parametrize("chain, own, above", [
    ("District Attorney, Chief Investigator, Supervising Investigator, District Attorney Investigator II",
     "District Attorney Investigator II", "Supervising Investigator"),  # top down, the role last
    ("Mayor > City Manager > Assistant City Manager > Budget Analyst", "Budget Analyst", "Assistant City Manager"),
    ("Budget Analyst, Budget Manager, Finance Director", "Budget Analyst", "Budget Manager"),  # bottom up, the role first
])
def test_where_the_role_stands_in_a_chain_says_its_direction(chain, own, above):
    ex = extract_text(f"Job Title: {own}\nChain of command: {chain}\n", "c.txt", format="generic")
    sup = {r.target for r in ex.relations if r.type == "UNDER_DIRECTION_OF" and r.source is None}
    assert sup == {above}


@pytest.mark.parametrize("text", [
    "Job Title: Battalion Chief\nChain of Command:\nFire Chief\nDeputy Chief of Operations\nBattalion Chief\nCaptains\n",
    "Job Title: Battalion Chief\nChain of command\nCaptains\nBattalion Chief\nDeputy Chief of Operations\nFire Chief\n",
])
def test_a_chain_of_command_one_role_a_line(text):
    ex = extract_text(text + "\nDuties\nCommands the shift.\n", "c.txt", format="generic")
    rels = _rels(ex)
    assert ("UNDER_DIRECTION_OF", None, "Deputy Chief of Operations") in rels
    assert ("UNDER_DIRECTION_OF", "Deputy Chief of Operations", "Fire Chief") in rels
    assert ("UNDER_DIRECTION_OF", None, "Fire Chief") not in rels and ("UNDER_DIRECTION_OF", None, "Captains") not in rels


@pytest.mark.parametrize("line, key, value", [
    ("This position reports to the Plant Manager. Direct reports: 9 Mechanics and 3 Electricians.", "supervises",
     "9 Mechanics and 3 Electricians."),
    ("The Clerk keeps the records of the board. Reports to: Office Manager", "reports_to", "Office Manager"),
])
def test_a_relation_field_after_a_sentence_on_its_line(line, key, value):
    assert (key, value) in {(f.key, f.value) for f in scan("Summary\n" + line + "\n").fields}


def test_a_label_word_inside_a_sentence_is_no_field():
    text = "Summary\nThe Clerk files records. Direct reports are trained by the Clerk: a duty of the post.\n"
    assert not scan(text).fields


@pytest.mark.parametrize("line, name", [
    ("Key relationships:\n- Health, Safety and Environment Manager\n- Finance team\n",
     "Health, Safety and Environment Manager"),
    ("External: Ministry of Business, Innovation and Employment\n", "Ministry of Business, Innovation and Employment"),
])
def test_a_name_with_a_list_of_words_inside_stays_whole(line, name):
    ex = extract_text(f"Job Title: Harbour Master\n{line}\nDuties\nRuns the port.\n", "h.txt", format="generic")
    assert ("COLLABORATES_WITH", None, name) in _rels(ex)


def test_a_list_of_single_words_is_several_names():
    ex = extract_text("Job Title: Office Manager\nKey contacts: Finance, Legal and HR\n\nDuties\nRuns the office.\n",
                      "o.txt", format="generic")
    names = {r.target for r in ex.relations if r.type == "COLLABORATES_WITH"}
    assert "Finance" in names and "Finance, Legal and HR" not in names


def test_the_agency_in_a_job_boards_footer_is_the_employer_not_a_unit():
    units = {r.target for r in load_file(FORMATS / "b3-neogov-library-system.txt").relations if r.type == "PART_OF"}
    assert "Library System" in units and "Alder County Library System" not in units
    ex = extract_text("Bus Operator\nDepartment: Operations\n\nDuties\nDrives buses.\n\nAgency\nRiverton Transit "
                      "Authority\nAddress\n1 Depot Way\n", "b.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "PART_OF"} == {"Operations"}


def test_an_agency_field_in_the_header_is_still_a_unit():
    ex = extract_text("Job Title: Analyst\nAgency: Bureau of Fiscal Services\n\nDuties\nAnalyses.\n", "a.txt",
                      format="generic")
    assert ("PART_OF", None, "Bureau of Fiscal Services") in _rels(ex)


@pytest.mark.parametrize("head, unit", [
    ("Detention Deputy\nPinecrest County Sheriff's Office\nCorrections Bureau", "Corrections Bureau"),
    ("Deputy Clerk\nHarlow County Clerk's Office\nRecording Division", "Recording Division"),
])
def test_a_government_office_heading_its_page_is_the_employer(head, unit):
    ex = extract_text(f"Careers\n{head}\n\nDuties\nKeeps records.\n", "d.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "PART_OF"} == {unit}


@pytest.mark.parametrize("head, unit", [
    ("Assistant Director (Digital Services)\nExecutive | Permanent | Digital Services Division", "Digital Services Division"),
    ("Job Title: Clinical Nurse Manager 2, Community Mental Health Team", "Community Mental Health Team"),
])
def test_a_unit_in_the_title_or_in_a_meta_row_under_it(head, unit):
    ex = extract_text(f"Urban Mobility Authority\n{head}\n\nDuties\nLeads the team.\n", "u.txt", format="generic")
    assert ("PART_OF", None, unit) in _rels(ex)


def test_a_menu_before_the_title_gives_no_unit():
    ex = extract_text("Urban Mobility Authority\nHome | Careers | Finance Division\nBus Planner\n\nDuties\nPlans.\n",
                      "u.txt", format="generic")
    assert not [r for r in ex.relations if r.type == "PART_OF"]


@pytest.mark.parametrize("text", [
    "# Volunteer Manager\n\n**Reports to:** Director of Care\n**Line manages:** Volunteer Coordinators (2)\n",
    "## Volunteer Manager\n\n**Reports to**: Director of Care\n\n**Line manages**: Volunteer Coordinators\n",
])
def test_markdown_bold_labels_and_hash_headings(text):
    ex = extract_text(text + "\n## Key responsibilities\n- Recruits volunteers.\n", "v.md", format="generic")
    assert _rels(ex) >= {("UNDER_DIRECTION_OF", None, "Director of Care"), ("SUPERVISES", None, "Volunteer Coordinators")}
    assert "duties" in ex.sections


def test_bold_words_in_a_sentence_are_no_label():
    ex = extract_text("# Clerk\n\nThe clerk **reports** weekly figures to the board.\n", "c.md", format="generic")
    assert not [r for r in ex.relations if r.type == "UNDER_DIRECTION_OF"]


@pytest.mark.parametrize("line, unit", [("Faculty: Faculty of Science and Engineering", "Faculty of Science and Engineering"),
                                        ("School: School of Nursing", "School of Nursing")])
def test_a_unit_field_naming_a_faculty_or_school(line, unit):
    ex = extract_text(f"Job Title: Faculty Operations Manager\n{line}\n\nDuties\nManages.\n", "f.txt", format="generic")
    assert ("PART_OF", None, unit) in _rels(ex)


def test_the_office_publishing_the_page_is_no_unit_when_a_field_names_one():
    head = "City of Bellhaven\nHuman Resources Department\n\nPosition Title: Neighborhood Services Coordinator\n"
    ex = extract_text(head + "Department: Community Development\n\nDuties\nCoordinates.\n", "n.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "PART_OF"} == {"Community Development"}
    ex = extract_text(head + "\nDuties\nCoordinates.\n", "n.txt", format="generic")  # nothing else: the head line stays
    assert {r.target for r in ex.relations if r.type == "PART_OF"} == {"Human Resources Department"}


@pytest.mark.parametrize("value, grade", [("Grade 8 (\u00a345,585 - \u00a354,395)", "Grade 8"),
                                          ("P14 ($88,000 - $104,000)", "P14"), ("$45,000 - $52,000", None)])
def test_a_salary_in_parentheses_after_a_grade(value, grade):
    ex = extract_text(f"Job Title: Analyst\nGrade: {value}\n\nDuties\nAnalyses.\n", "a.txt", format="generic")
    assert ex.role["grade"] == grade


@pytest.mark.parametrize("line, key, value", [
    ("3. Division / Bureau / Section: Tax Compliance Division / Audit Bureau", "unit",
     "Tax Compliance Division / Audit Bureau"),
    ("Grade / Band: M5", "grade", "M5"),
    ("Job Code #: JC-418822", "code", "JC-418822"),
])
def test_a_label_with_spaces_around_its_slashes(line, key, value):
    assert {f.key: f.value for f in scan(line + "\n").fields}[key] == value


def test_a_unit_path_label_with_spaces_links_its_units():
    ex = extract_text("Working Title: Field Audit Supervisor\nDivision / Bureau / Section: Tax Compliance Division / Audit "
                      "Bureau / Field Audit Section\n\nDuties\nAudits.\n", "a.txt", format="generic")
    assert _rels(ex) >= {("PART_OF", None, "Field Audit Section"), ("PART_OF", "Field Audit Section", "Audit Bureau")}


def test_a_slash_inside_a_value_is_no_label():
    assert not scan("Summary\nThe clerk keeps division / section records for the bureau.\n").fields


@pytest.mark.parametrize("value, name", [
    ("applicants, builders, Ministry of Business, Innovation and Employment",
     "Ministry of Business, Innovation and Employment"),
    ("Department of Parks, Recreation and Culture; Mayor's Office", "Department of Parks, Recreation and Culture"),
])
def test_a_name_with_commas_inside_a_list_of_contacts(value, name):
    ex = extract_text(f"Job Title: Planner\nExternal: {value}\n\nDuties\nPlans.\n", "p.txt", format="generic")
    assert ("COLLABORATES_WITH", None, name) in _rels(ex)


def test_names_after_a_unit_of_something_stay_apart_without_a_closing_and():
    ex = extract_text("Job Title: Planner\nInternal: Office of Finance, Legal, HR\n\nDuties\nPlans.\n", "p.txt",
                      format="generic")
    assert {r.target for r in ex.relations if r.type == "COLLABORATES_WITH"} >= {"Office of Finance", "Legal", "HR"}


@pytest.mark.parametrize("line, supervisor", [
    ("Supervision Received: Direct supervision is provided by a Supervising Deputy Public Defender; policy direction "
     "comes from the Chief Deputy.", "Supervising Deputy Public Defender"),
    ("SUPERVISION RECEIVED: Receives general direction from the Fire Chief and the Board.", "Fire Chief"),
])
def test_the_supervisor_a_supervision_received_sentence_names(line, supervisor):
    ex = extract_text(f"Job Title: Analyst\n{line}\n\nDuties\nAnalyses.\n", "a.txt", format="generic")
    assert ("UNDER_DIRECTION_OF", None, supervisor) in _rels(ex)


def test_a_supervision_exercised_sentence_names_no_supervisor():
    ex = extract_text("Job Title: Analyst\nSupervision Exercised: Provides lead direction to clerks assigned by the "
                      "Office Manager.\n\nDuties\nAnalyses.\n", "a.txt", format="generic")
    assert ("UNDER_DIRECTION_OF", None, "Office Manager") not in _rels(ex)


@pytest.mark.parametrize("line, supervisors", [
    ("Reports to: Jane Smith, Director of Finance", {"Director of Finance"}),  # a person named Smith is no smith
    ("Reports to: Director of Finance; dotted line to the COO", {"Director of Finance"}),
    ("Reports to: Director of Finance; Functional reporting to the Controller", {"Director of Finance"}),
    ("Supervisor: Varies by assignment", set()),
    ("Supervisor: As assigned", set()),
    ("Reports to: Principal or Assistant Principal", {"Principal", "Assistant Principal"}),
])
def test_a_reports_to_value_names_the_supervisor_only(line, supervisors):
    ex = extract_text(f"Job Title: Payroll Analyst\n{line}\n\nDuties\nProcesses payroll.\n", "p.txt", format="generic")
    assert {r.target for r in ex.relations if r.type == "UNDER_DIRECTION_OF" and r.source is None} == supervisors


@pytest.mark.parametrize("row, months, overtime", [
    ("Classified Management | Salary Range 38 | 12 Months | Exempt", 12, False),
    ("Grade: C-11 \u00b7 10 months \u00b7 Non-exempt", 10, True),
])
def test_a_meta_row_states_its_work_year_and_flsa_status(row, months, overtime):
    ex = extract_text(f"Job Title: Coordinator\n{row}\n\nDuties\nCoordinates.\n", "c.txt", format="generic")
    assert (ex.role["months"], ex.role["overtime_eligible"]) == (months, overtime)


def test_a_pipe_inside_a_location_still_continues_it():
    assert {f.key: f.value for f in scan("Location: Remote (US) | Chicago, IL\n").fields}["location"] == \
        "Remote (US) | Chicago, IL"

"""Relation rules on prose other organisations write: each rule with two phrasings of our own, and the
traps that must yield nothing. The sentences are written for these tests, not copied from any gold page."""

from __future__ import annotations

import pytest
from prose import page_relations

from orgkg.loaders.phrases import targets


def rels(body: str, title: str = "Program Analyst") -> set[tuple[str, str]]:
    return {(r.type, r.target) for r in page_relations(body, title) if r.source is None}


def relations(body: str, title: str = "Program Analyst"):
    return page_relations(body, title)


@pytest.mark.parametrize("body, boss", [
    ("You will report to the VP of Engineering and help shape our platform.", "VP of Engineering"),
    ("The successful candidate will report directly to the Chief Financial Officer.", "Chief Financial Officer"),
    ("Officers in this class typically report to a Captain.", "Captain"),
])
def test_will_report_to(body, boss):
    assert ("UNDER_DIRECTION_OF", boss) in rels(body)


def test_two_supervisors_after_report_to():
    got = rels("Deputies typically report to a Lieutenant or Sergeant on their shift.")
    assert {("UNDER_DIRECTION_OF", "Lieutenant"), ("UNDER_DIRECTION_OF", "Sergeant")} <= got


@pytest.mark.parametrize("body, boss", [
    ("The Archivist is responsible to, and serves at the pleasure of, the Museum Trustees Board.",
     "Museum Trustees Board"),
    ("The Clerk is accountable to the Town Council for the conduct of elections.", "Town Council"),
])
def test_responsible_to(body, boss):
    assert ("UNDER_DIRECTION_OF", boss) in rels(body)


@pytest.mark.parametrize("body, boss", [
    ("The Chief of Staff is appointed by and serving at the pleasure of the Mayor.", "Mayor"),
    ("This officer serves at the pleasure of the Board of Commissioners.", "Board of Commissioners"),
])
def test_serves_at_the_pleasure_of(body, boss):
    assert ("UNDER_DIRECTION_OF", boss) in rels(body)


@pytest.mark.parametrize("body, boss", [
    ("Receives technical and functional supervision from the Shift Commander.", "Shift Commander"),
    ("Receives policy direction and supervision from the Board of Trustees.", "Board of Trustees"),
    ("Work is performed under administrative direction given by the City Manager.", "City Manager"),
    ("Works under the policy direction of the Water Commission.", "Water Commission"),
])
def test_kinds_of_direction(body, boss):
    assert ("UNDER_DIRECTION_OF", boss) in rels(body)


@pytest.mark.parametrize("body", [
    "Reports problems with equipment to the Facilities Manager.",
    "Reports safety hazards and spills to the Shift Supervisor promptly.",
])
def test_reporting_problems_is_no_reporting_line(body):
    assert not any(t == "UNDER_DIRECTION_OF" for t, _ in rels(body))


@pytest.mark.parametrize("body, staff", [
    ("Supervises 30-40 custodial staff on the night shift.", "custodial staff"),
    ("Supervises approximately 60 volunteer tutors.", "volunteer tutors"),
    ("Supervises two to four laboratory assistants and one part-time Stockroom Clerk.", "laboratory assistants"),
    ("Supervises Account Clerk II work.", "Account Clerk II"),
])
def test_counts_and_work_nouns_are_stripped(body, staff):
    got = rels(body)
    assert ("SUPERVISES", staff) in got
    assert not any(t == "SUPERVISES" and name[:1].isdigit() for t, name in got)


@pytest.mark.parametrize("body, staff", [
    ("Manages a team of 12 engineers across two sites.", "engineers"),
    ("Leads a team of about 8 field technicians.", "field technicians"),
])
def test_team_of_n(body, staff):
    assert ("SUPERVISES", staff) in rels(body)


@pytest.mark.parametrize("body, units", [
    ("Provides oversight for the divisions of Fleet Services, Facilities, and Custodial Operations.",
     {"Division of Fleet Services", "Division of Facilities", "Division of Custodial Operations"}),
    ("Provides leadership to the offices of Grants Management and Audit.",
     {"Office of Grants Management", "Office of Audit"}),
])
def test_a_head_distributed_over_a_list(body, units):
    got = {name for t, name in rels(body) if t == "SUPERVISES"}
    assert units <= got
    sure = {r.target: r.confidence for r in relations(body)}
    assert all(sure[u] < 1.0 for u in units)  # inferred from the list's shape


@pytest.mark.parametrize("body, items", [
    ("Oversees 12 warehouse associates (Pickers, Packers, Forklift Drivers) on the night shift.",
     {"Pickers", "Packers", "Forklift Drivers"}),
    ("Supervises seasonal workers (Gardeners, Tree Trimmers and Groundskeepers).",
     {"Gardeners", "Tree Trimmers", "Groundskeepers"}),
])
def test_items_in_parentheses_are_targets(body, items):
    got = {name for t, name in rels(body) if t == "SUPERVISES"}
    assert items <= got


@pytest.mark.parametrize("body, staff", [
    ("Leads a three-person survey crew made up of Engineering Aide staff.", "Engineering Aide staff"),
    ("Supervises a unit consisting of Claims Examiners.", "Claims Examiners"),
])
def test_the_members_not_the_container(body, staff):
    got = {name for t, name in rels(body) if t == "SUPERVISES"}
    assert staff in got and not any("crew" in n or "unit" in n.lower() for n in got)


@pytest.mark.parametrize("body", [
    "Has no supervisory responsibilities.",
    "Provides guidance and mentoring to new hires.",
])
def test_no_supervision(body):
    assert not any(t == "SUPERVISES" for t, _ in rels(body))


def test_roman_numerals_after_a_slash_stay_with_the_title():
    got = rels("May exercise technical supervision over Budget Analyst I/II staff.")
    assert not any(name in ("II", "ii") for _, name in got)


@pytest.mark.parametrize("body, other", [
    ("Liaises with the Department of Public Works on road closures.", "Department of Public Works"),
    ("Partners closely with the Office of Emergency Management.", "Office of Emergency Management"),
    ("Works in liaison with the Harbor Police Department.", "Harbor Police Department"),
])
def test_collaboration_names_are_not_cut_at_verbs(body, other):
    assert ("COLLABORATES_WITH", other) in rels(body)


@pytest.mark.parametrize("body, body_", [
    ("Chairs the Library Safety Committee.", "Library Safety Committee"),
    ("Serves as an ex officio member of the Parks Advisory Board.", "Parks Advisory Board"),
    ("You will serve on the Senior Leadership Team.", "Senior Leadership Team"),
    ("Takes part in the Data Governance Forum.", "Data Governance Forum"),
])
def test_membership(body, body_):
    assert ("MEMBER_OF", body_) in rels(body)


@pytest.mark.parametrize("body", [
    "Collaborates with team members and family members to plan care.",
    "Works with service providers and system leaders on referrals.",
    "Coordinates with opposing counsel on discovery schedules.",
    "Works with the division and the department on budgets.",
])
def test_vague_groups_and_bare_heads_are_no_targets(body):
    assert not rels(body)


def test_gerund_phrases_are_no_roles():
    assert targets("handling personnel matters", 0, 27) == []


def test_the_next_clause_subject_is_no_supervisor():
    got = rels("Under the direction of the Plant Manager, the Maintenance Planner is responsible for schedules.",
               title="Maintenance Planner")
    assert ("UNDER_DIRECTION_OF", "Plant Manager") in got
    assert not any(name == "Maintenance Planner" for _, name in got)


def test_every_relation_has_a_confidence():
    got = relations("Supervises the Payroll Unit. Works with program managers on budgets.")
    sure = {r.target: r.confidence for r in got}
    assert sure["Payroll Unit"] == 1.0
    assert sure["program managers"] < 1.0  # a generic head, no proper name


def all_rels(body: str) -> set[tuple[str | None, str, str]]:
    return {(r.source, r.type, r.target) for r in page_relations(body)}


@pytest.mark.parametrize("body, inner, outer", [
    ("The Payroll Section, a section of the Finance Division, pays every employee.", "Payroll Section",
     "Finance Division"),
    ("The Claims Unit, one unit of the Benefits Bureau, reviews appeals.", "Claims Unit", "Benefits Bureau"),
    ("The Office of the Registrar is within the Division of Enrollment Management.", "Office of the Registrar",
     "Division of Enrollment Management"),
])
def test_a_unit_said_to_be_in_another(body, inner, outer):
    assert (inner, "PART_OF", outer) in all_rels(body)


@pytest.mark.parametrize("body, inner, outer", [
    ("Works closely with the Air Quality Division of the Environment Department.", "Air Quality Division",
     "Environment Department"),
    ("Collaborates with the Claims Unit of the Unemployment Insurance Division.", "Claims Unit",
     "Unemployment Insurance Division"),
])
def test_a_unit_of_a_unit_is_split(body, inner, outer):
    got = all_rels(body)
    assert (None, "COLLABORATES_WITH", inner) in got and (inner, "PART_OF", outer) in got


@pytest.mark.parametrize("body, other", [
    ("Works closely with the department's Office of Budget Review.", "Office of Budget Review"),
    ("Collaborates with the county's Emergency Operations Team.", "Emergency Operations Team"),
])
def test_a_generic_owner_is_no_part_of_the_name(body, other):
    assert ("COLLABORATES_WITH", other) in rels(body)


@pytest.mark.parametrize("body, staff", [
    ("Supervises a team of field auditors during site visits.", "field auditors"),
    ("Supervises a crew of Equipment Operators on the night shift.", "Equipment Operators"),
])
def test_a_team_of_x_supervises_x(body, staff):
    got = {name for t, name in rels(body) if t == "SUPERVISES"}
    assert staff in got and not any(n.lower().startswith(("team", "crew")) for n in got)


def test_numerals_after_a_slash_stay_with_the_staff_they_qualify():
    got = {name for t, name in rels("Supervises Claims Examiner I/II staff.") if t == "SUPERVISES"}
    assert got == {"Claims Examiner I/II staff"}

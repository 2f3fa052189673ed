"""Reading the names after a relation word on other organisations' pages: bulleted duties, names that hold a
participle, an 'and' or commas, possessive owners, role heads shared by a list of acronyms. Each class with at
least two phrasings of our own (not copied from a gold page) and the near-misses that must stay apart."""

from __future__ import annotations

import pytest
from prose import page_relations

from orgkg.loaders.phrases import targets


def relations(body: str, title: str = "Program Analyst"):
    return page_relations(body, title, section="Duties")


def found(body: str, typ: str) -> set[str]:
    return {r.target for r in relations(body) if r.type == typ and r.source is None}


def named(text: str, **kw) -> list[str]:
    return [t.name for t in targets(text, 0, len(text), {}, **kw)]


@pytest.mark.parametrize("body, expected", [
    ("- Coordinates detours with the Customer Information Center\n- Member of the Fare Policy Committee.",
     {("COLLABORATES_WITH", "Customer Information Center"), ("MEMBER_OF", "Fare Policy Committee")}),
    ("• Works closely with the Scheduling Unit.\n• Participates in the Accessibility Advisory Council.",
     {("COLLABORATES_WITH", "Scheduling Unit"), ("MEMBER_OF", "Accessibility Advisory Council")}),
    ("\u2013 Liaises with the Grants Office\n\u2013 Serves on the Audit Committee",
     {("COLLABORATES_WITH", "Grants Office"), ("MEMBER_OF", "Audit Committee")}),
])
def test_each_bulleted_line_is_a_sentence(body, expected):
    got = {(r.type, r.target) for r in relations(body) if r.source is None}
    assert expected <= got
    assert not any("\n" in name or " - " in name for _, name in got)


@pytest.mark.parametrize("text, name", [
    ("the Load Rating Unit on bridge postings", "Load Rating Unit"),
    ("the Title IX Coordinating Committee.", "Title IX Coordinating Committee"),
    ("the Food Sourcing department on donations", "Food Sourcing department"),
])
def test_a_capitalised_participle_stays_in_the_name(text, name):
    assert named(text) == [name]


@pytest.mark.parametrize("text, name", [
    ("the ERP implementation steering committee as the Finance representative", "ERP implementation steering committee"),
    ("the hospital coordinating council.", "hospital coordinating council"),
    ("the hospital governing board.", "hospital governing board"),
])
def test_a_participle_before_a_body_word_stays_in_the_name(text, name):
    assert named(text) == [name]


def test_a_participle_after_a_name_still_ends_it():
    assert named("the Planning Unit regarding zoning changes") == ["Planning Unit"]


@pytest.mark.parametrize("body, group", [
    ("Serves on the Executive Team alongside the heads of Sales and Finance.", "Executive Team"),
    ("Sits on the Safety Council alongside union representatives.", "Safety Council"),
])
def test_alongside_ends_the_name(body, group):
    assert group in found(body, "MEMBER_OF")


@pytest.mark.parametrize("text, name", [
    ("the Depot Health and Safety Committee.", "Depot Health and Safety Committee"),
    ("the Council Budget and Audit Subcommittee.", "Council Budget and Audit Subcommittee"),
    ("the campus Safety and Security Committee.", "campus Safety and Security Committee"),
])
def test_and_inside_a_body_name(text, name):
    assert named(text) == [name]


def test_two_roles_joined_by_and_stay_two():
    assert named("the Principal and the Safety Committee.") == ["Principal", "Safety Committee"]


@pytest.mark.parametrize("text, name", [
    ("the Division of Prekindergarten, Special Programs, and Related Services on enrollment",
     "Division of Prekindergarten, Special Programs, and Related Services"),
    ("the Office of Budget, Grants, and Contract Services.", "Office of Budget, Grants, and Contract Services"),
])
def test_a_unit_name_with_commas_stays_whole(text, name):
    assert named(text) == [name]


@pytest.mark.parametrize("body, boss", [
    ("Under the direction of the Consultant, Superintendent of Schools, the analyst prepares reports.",
     "Consultant, Superintendent of Schools"),
    ("Reports to the Coordinator, Office of the Mayor.", "Coordinator, Office of the Mayor"),
])
def test_a_title_with_a_comma_is_one_role(body, boss):
    assert found(body, "UNDER_DIRECTION_OF") == {boss}


def test_a_list_with_and_is_still_a_list():
    assert named("the Principal, the Dean, and the Counselor.") == ["Principal", "Dean", "Counselor"]


@pytest.mark.parametrize("text, names", [
    ("the AFSCME, SEIU and Teamsters stewards for grievance review",
     ["AFSCME stewards for grievance review", "SEIU stewards for grievance review",
      "Teamsters stewards for grievance review"]),
    ("CSEA and NEA union liaisons", ["CSEA union liaisons", "NEA union liaisons"]),
])
def test_acronyms_share_the_role_head_after_them(text, names):
    assert named(text) == names


@pytest.mark.parametrize("body, other, owner", [
    ("Serves on the County's Land Use Review Committee.", "Land Use Review Committee", "County"),
    ("Coordinates audits with the State Treasury's Debt Management Office.", "Debt Management Office",
     "State Treasury"),
])
def test_a_possessive_owner_is_no_part_of_the_name(body, other, owner):
    rels = relations(body)
    assert other in {r.target for r in rels if r.source is None}
    assert not any("'s" in r.target for r in rels)


def test_a_named_owner_holds_the_unit():
    rels = relations("Collaborates with the Water Authority's Laboratory Services Unit.")
    assert ("Laboratory Services Unit", "PART_OF", "Water Authority") in {(r.source, r.type, r.target) for r in rels}


@pytest.mark.parametrize("text, name", [
    ("the Children's Librarian.", "Children's Librarian"),
    ("the Women's Health Clinic.", "Women's Health Clinic"),
    ("the Controller's Office.", "Controller's Office"),
])
def test_a_possessive_that_names_the_thing_stays(text, name):
    assert named(text) == [name]


@pytest.mark.parametrize("text, name", [
    ("the Grants and Compliance Coordinator.", "Grants and Compliance Coordinator"),
    ("the HR and Payroll Manager.", "HR and Payroll Manager"),
])
def test_a_singular_title_after_two_names_is_one_role(text, name):
    assert named(text) == [name]


def test_commas_in_parentheses_still_list_roles():
    assert named("12 associates (Pickers, Packers, Forklift Drivers)", examples=True) == [
        "associates", "Pickers", "Packers", "Forklift Drivers"]


@pytest.mark.parametrize("body, unit, place", [
    ("Works closely with the Budget Unit in the Department of Finance.", "Budget Unit", "Department of Finance"),
    ("This position is located in the Claims Section within the Bureau of Benefits.", "Claims Section",
     "Bureau of Benefits"),
])
def test_a_unit_before_its_place_is_kept_and_held_by_it(body, unit, place):
    rels = {(r.source, r.type, r.target) for r in relations(body)}
    assert any(s is None and t == unit for s, _, t in rels)
    assert (unit, "PART_OF", place) in rels


@pytest.mark.parametrize("body, name", [
    ("The Office of Planning and Research (OPR) prepares forecasts. Works closely with the Office of Planning and "
     "Research (OPR) and the Budget Unit.", "Office of Planning and Research"),
    ("The Department of Parks, Recreation and Culture (DPRC) runs events. Collaborates with the Department of Parks, "
     "Recreation and Culture (DPRC) on permits.", "Department of Parks, Recreation and Culture"),
])
def test_a_name_an_acronym_defines_is_not_split(body, name):
    got = found(body, "COLLABORATES_WITH")
    assert name in got
    assert not any(n in got for n in ("Office of Planning", "Department of Parks", "Research", "Culture"))


@pytest.mark.parametrize("body, group", [
    ("Serves as the agency's representative on the regional Flood Mitigation Working Group.",
     "Flood Mitigation Working Group"),
    ("Represents the department on the interagency Opioid Response Task Force.", "Opioid Response Task Force"),
])
def test_a_lower_case_scope_word_is_no_part_of_a_name(body, group):
    assert group in found(body, "MEMBER_OF")


def test_a_lower_case_word_inside_a_name_stays():
    assert named("the regional planning Council.") == ["regional planning Council"]  # no capitalised name after it


@pytest.mark.parametrize("text, name", [
    ("the Environment of Care Committee.", "Environment of Care Committee"),
    ("the Quality of Life Council.", "Quality of Life Council"),
])
def test_a_head_after_of_names_a_body(text, name):
    assert named(text) == [name]

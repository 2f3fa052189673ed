"""Lists whose relation word comes back ('with A on X, with B on Y, and with C on Z'; 'member of A and of B'),
what sits between a verb and its 'with', a lower-case kind after a named body ('the X steering group') and a scope
word before a named role. Phrasings of our own, with near-misses that must yield nothing."""

from __future__ import annotations

import pytest
from prose import page_relations


def targets_of(body: str, typ: str) -> dict[str, str]:
    return {r.target: r.evidence.rule for r in page_relations(body) if r.type == typ and r.source is None}


@pytest.mark.parametrize("body, expected", [
    ("Partners with Marketing on launches, with Legal on contracts, and with the Data Protection Officer on privacy.",
     {"Marketing", "Legal", "Data Protection Officer"}),
    ("Works with the Lettings team on voids and with the Estates Service on repairs.", {"Lettings team",
                                                                                          "Estates Service"}),
])
def test_a_repeated_with_keeps_the_list(body, expected):
    assert set(targets_of(body, "COLLABORATES_WITH")) == expected


@pytest.mark.parametrize("body", [
    "Works with the Lettings team on voids, with help from volunteers.",
    "Supervises three clerks, with the Office Manager handling their schedules.",
])
def test_with_after_a_name_but_not_after_a_skipped_phrase_is_no_target(body):
    got = targets_of(body, "COLLABORATES_WITH") | targets_of(body, "SUPERVISES")
    assert "volunteers" not in got and "Office Manager" not in got


@pytest.mark.parametrize("body, expected", [
    ("Member of the Research Ethics Committee and of the Biosafety Program (BSP) steering group.",
     {"Research Ethics Committee", "Biosafety Program steering group"}),
    ("Serves as a member of the Capital Board and of the Fleet Review Panel.", {"Capital Board", "Fleet Review Panel"}),
])
def test_member_of_a_and_of_b(body, expected):
    assert set(targets_of(body, "MEMBER_OF")) == expected


@pytest.mark.parametrize("body", [
    "Joins the steering group.",
    "Sits on the working group when asked.",
])
def test_a_lower_case_body_without_a_name_is_nothing(body):
    assert not targets_of(body, "MEMBER_OF") and not targets_of(body, "PART_OF")


@pytest.mark.parametrize("body, expected", [
    ("Coordinates room bookings for exams, open days and governors' meetings with the Estates Manager.",
     {"Estates Manager"}),
    ("Coordinates vehicle inspections, fuel cards and repairs with the Fleet Services office and the Garage Supervisor.",
     {"Fleet Services office", "Garage Supervisor"}),
])
def test_coordinates_a_list_of_things_with(body, expected):
    assert set(targets_of(body, "COLLABORATES_WITH")) == expected


@pytest.mark.parametrize("body", [
    "Coordinates daily routes for the fleet, keeping radio contact with drivers and the Depot Supervisor.",
    "Coordinates the rota, making sure staff work with the Night Manager.",
])
def test_a_new_participial_clause_is_not_what_is_coordinated(body):
    assert "collab.coordinates_with" not in targets_of(body, "COLLABORATES_WITH").values()


def test_a_second_predicate_after_and_is_no_body_name():
    got = targets_of("Represents the agency on the regional Transit Equity Working Group and co-chairs its "
                     "funding subcommittee.", "MEMBER_OF")
    assert set(got) == {"Transit Equity Working Group", "funding subcommittee"}


@pytest.mark.parametrize("body, role", [
    ("Coordinates with the district Title I liaison on eligibility.", "Title I liaison"),
    ("Works closely with the county Public Health Officer.", "Public Health Officer"),
])
def test_a_scope_word_before_a_named_role_is_no_part_of_it(body, role):
    assert role in targets_of(body, "COLLABORATES_WITH")


@pytest.mark.parametrize("body, expected", [
    ("Leads a team of four engineers (two Senior Data Engineers and two Data Engineers).",
     {"Senior Data Engineers", "Data Engineers"}),
    ("Supervises the analysts (one Budget Analyst and one Grants Analyst) in the unit.", {"Budget Analyst",
                                                                                         "Grants Analyst"}),
])
def test_named_members_in_parentheses_joined_by_and(body, expected):
    assert expected <= set(targets_of(body, "SUPERVISES"))


@pytest.mark.parametrize("body, kept", [
    ("Supervises the Registered Nurses (Bands 5 and 6).", "Registered Nurses"),
    ("Works with the Office of Family Support and Engagement (OFSE).", "Office of Family Support and Engagement"),
])
def test_parentheses_without_two_named_members_stay_closed(body, kept):
    got = targets_of(body, "SUPERVISES") | targets_of(body, "COLLABORATES_WITH")
    assert set(got) == {kept}


@pytest.mark.parametrize("body, expected", [
    ("Liaises with regional bodies and with partner councils, including the Harbour City Council.",
     "Harbour City Council"),
    ("Works with community agencies, including the Eastside Tenants Association.", "Eastside Tenants Association"),
])
def test_examples_after_including_are_collaborators(body, expected):
    assert expected in targets_of(body, "COLLABORATES_WITH")


@pytest.mark.parametrize("body, expected", [
    ("Works in consultation with the student advising office and the Scheduling Committee.",
     {"student advising office", "Scheduling Committee"}),
    ("Coordinates with regional training centers and the Academy Office.",
     {"regional training centers", "Academy Office"}),
])
def test_a_participle_before_a_unit_head_names_the_unit(body, expected):
    assert set(targets_of(body, "COLLABORATES_WITH")) == expected


def test_a_committee_of_a_senate_is_part_of_it():
    got = {(r.type, r.source, r.target) for r in page_relations(
        "Works with the Admissions Committee of the Academic Senate on transfer credit.")}
    assert ("COLLABORATES_WITH", None, "Admissions Committee") in got
    assert ("PART_OF", "Admissions Committee", "Academic Senate") in got


@pytest.mark.parametrize("body, boss, unit", [
    ("The Analytics team sits within the Strategy organization led by our COO.", "COO", "Strategy organization"),
    ("The Claims Unit, headed by the Claims Manager, processes appeals.", "Claims Manager", "Claims Unit"),
])
def test_a_unit_led_by_a_role(body, boss, unit):
    got = {(r.type, r.source, r.target): r.evidence.rule for r in page_relations(body)}
    assert got[("SUPERVISES", boss, unit)] == "sup.led_by"


@pytest.mark.parametrize("body", [
    "Attends training sessions led by the Safety Officer.",
    "Reviews projects managed by the Capital Programs Office.",
])
def test_led_by_after_no_named_unit_or_by_no_role_is_nothing(body):
    assert not [r for r in page_relations(body) if r.evidence.rule == "sup.led_by"]


@pytest.mark.parametrize("body", [
    "Oversees the daily operation of a teaching kitchen supporting 40 apprentices and trainee chefs.",
    "Manages a call centre serving 12 districts and their residents.",
])
def test_a_participle_before_a_count_ends_the_list(body):
    got = targets_of(body, "SUPERVISES")
    assert not any("apprentices" in t or "chefs" in t or "districts" in t for t in got)


@pytest.mark.parametrize("body, expected", [
    ("Engages with local authorities and combined authorities on funding bids.",
     {"local authorities", "combined authorities"}),
    ("Works with the regional transport authorities.", {"regional transport authorities"}),
])
def test_authorities_are_bodies(body, expected):
    assert set(targets_of(body, "COLLABORATES_WITH")) == expected


@pytest.mark.parametrize("body, body_name", [
    ("Serves as an active participant on the campus leadership team in reviewing data.", "campus leadership team"),
    ("Is a regular participant in the Regional Emergency Planning Committee.", "Regional Emergency Planning Committee"),
])
def test_a_participant_on_a_body_is_a_member(body, body_name):
    assert targets_of(body, "MEMBER_OF") == {body_name: "member.participant_on"}


@pytest.mark.parametrize("body", [
    "Trains participants in the summer program.",
    "Surveys participants on a range of topics.",
])
def test_participants_in_a_program_are_no_membership(body):
    assert not targets_of(body, "MEMBER_OF")


@pytest.mark.parametrize("body, other", [
    ("Serves as liaison for Community Use of Public Facilities.", "Community Use of Public Facilities"),
    ("Acts as the department's liaison to Friends of the Library.", "Friends of the Library"),
])
def test_a_liaison_for_a_named_function(body, other):
    assert other in targets_of(body, "COLLABORATES_WITH")

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

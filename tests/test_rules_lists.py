"""Where a list after a relation word splits at 'and' and where a name that holds 'and' stays whole: two complete
names (each with its own head, or two functions of two words or more) split; an 'and' inside an 'of'-phrase, before
a shared head or between one-word functions stays. Phrasings of our own, in sentences and in labelled lists."""

from __future__ import annotations

import pytest
from prose import page_relations

from orgkg.loaders import extract_text
from orgkg.loaders.mentions import headed_name


def targets_of(body: str, typ: str) -> set[str]:
    return {r.target for r in page_relations(body) if r.type == typ and r.source is None}


@pytest.mark.parametrize("body, expected", [
    ("Collaborates with Revenue Accounting and Treasury Operations on cash forecasts.",
     {"Revenue Accounting", "Treasury Operations"}),
    ("Partners with Store Operations and Loss Prevention on shrink.", {"Store Operations", "Loss Prevention"}),
    ("Works closely with the Dispatch Supervisor and the Fleet Maintenance team.",
     {"Dispatch Supervisor", "Fleet Maintenance team"}),
])
def test_two_complete_names_split(body, expected):
    assert targets_of(body, "COLLABORATES_WITH") == expected


@pytest.mark.parametrize("body, whole", [
    ("Works closely with Research and Development on prototypes.", "Research and Development"),
    ("Liaises with the Office of Management and Budget on apportionments.", "Office of Management and Budget"),
    ("Coordinates with the Department of Health and Human Services.", "Department of Health and Human Services"),
    ("Works with the Division of Early Learning, Special Programs, and Related Services.",
     "Division of Early Learning, Special Programs, and Related Services"),
    ("Works with the Parks and Open Space staff.", "Parks and Open Space staff"),
])
def test_a_name_that_holds_and_stays_whole(body, whole):
    assert targets_of(body, "COLLABORATES_WITH") == {whole}


@pytest.mark.parametrize("body, committee", [
    ("Serves on the Diversity, Equity and Inclusion Committee.", "Diversity, Equity and Inclusion Committee"),
    ("Serve on the county's Health, Safety & Wellbeing Committee.", "Health, Safety & Wellbeing Committee"),
    ("Sits on the Access, Equity & Belonging Council.", "Access, Equity & Belonging Council"),
])
def test_a_serial_name_before_its_head_stays_whole(body, committee):
    assert committee in targets_of(body, "MEMBER_OF")
    assert not any(t != committee and committee.endswith(t) for t in targets_of(body, "MEMBER_OF"))


@pytest.mark.parametrize("body, expected", [
    ("Supervises two Shift Leads and approximately 40 warehouse associates.", {"Shift Leads", "warehouse associates"}),
    ("Oversees six Program Officers and roughly twelve field interns.", {"Program Officers", "field interns"}),
])
def test_a_count_after_an_adverb_keeps_the_list_going(body, expected):
    assert targets_of(body, "SUPERVISES") == expected


def test_an_adverb_before_a_verb_still_ends_the_list():
    assert targets_of("Supervises the clerks and regularly meets with the Board.", "SUPERVISES") == {"clerks"}


LISTED = """Job Title: Ward Sister

Key working relationships
Internal: Ward Matron and Critical Care Outreach team; Pharmacy and Medicines Optimisation; Social Services and \
district nursing teams; Councillors and their caseworkers; Infection Prevention and Control team.
"""


def test_a_labelled_list_splits_two_headed_names_only():
    got = {r.target for r in extract_text(LISTED, "ward.txt").relations if r.type == "COLLABORATES_WITH"}
    assert {"Ward Matron", "Critical Care Outreach team", "Social Services", "district nursing teams",
            "Councillors", "caseworkers", "Infection Prevention and Control team"} <= got
    assert not any(" and " in t and t not in ("Infection Prevention and Control team",
                                               "Pharmacy and Medicines Optimisation") for t in got)
    assert "their caseworkers" not in got


@pytest.mark.parametrize("name, complete", [
    ("Ward Matron", True), ("district nursing teams", True), ("Social Services", True),
    ("Office of Management", False), ("Pharmacy", False), ("team", False), ("Medicines Optimisation", False),
])
def test_headed_name(name, complete):
    assert headed_name(name) is complete


@pytest.mark.parametrize("body, expected", [
    ("Supervises certificated and classified staff at two campuses.", {"certificated staff", "classified staff"}),
    ("Supervises assigned sworn and civilian personnel.", {"sworn personnel", "civilian personnel"}),
    ("Directs the work of professional, technical and clerical workers.",
     {"professional workers", "technical workers", "clerical workers"}),
    ("Oversees the payroll and benefits staff.", {"payroll staff", "benefits staff"}),
    ("Supervises the day-shift and 2nd-shift dispatchers.", {"2nd-shift dispatchers", "day-shift dispatchers"}),
])
def test_modifiers_before_one_head_are_one_group_each(body, expected):
    assert targets_of(body, "SUPERVISES") == expected


@pytest.mark.parametrize("body, whole", [
    ("Supervises the Operations and Maintenance Branch.", "Operations and Maintenance Branch"),
    ("Supervises the Parks and Recreation staff.", "Parks and Recreation staff"),
])
def test_capitalised_or_noun_conjuncts_before_a_head_stay_one_name(body, whole):
    assert whole in targets_of(body, "SUPERVISES")


LISTED_SUPERVISES = """Job Title: Assistant Principal

SUPERVISES: Assigned certificated and classified staff
"""


def test_a_labelled_value_distributes_its_modifiers():
    got = {r.target for r in extract_text(LISTED_SUPERVISES, "ap.txt").relations if r.type == "SUPERVISES"}
    assert got == {"certificated staff", "classified staff"}


@pytest.mark.parametrize("body, expected", [
    ("Supervises the Line Cooks, the Dishwashers and the Bartenders.", {"Line Cooks", "Dishwashers", "Bartenders"}),
    ("Supervises Tax Examiner 3s, Tax Examiner 2s and an Office Assistant 3.",
     {"Tax Examiner 3s", "Tax Examiner 2s", "Office Assistant 3"}),
    ("Directly supervises three (3) Budget Analysts and two Interns.", {"Budget Analysts", "Interns"}),
    ("Supervises a Senior Payroll Specialist and Payroll Specialist.", {"Senior Payroll Specialist",
                                                                         "Payroll Specialist"}),
    ("Supervises two Team Leads and the Night Janitors.", {"Team Leads", "Night Janitors"}),
    ("Supervises the department heads and program leads.", {"department heads", "program leads"}),
])
def test_supervision_lists_with_numbers_counts_and_plain_titles(body, expected):
    assert targets_of(body, "SUPERVISES") == expected


@pytest.mark.parametrize("body", [
    "Supervises the clerks and leads the monthly safety briefing.",
    "Supervises the Line Cooks and heads the menu review.",
])
def test_a_verb_after_the_list_is_no_title(body):
    got = targets_of(body, "SUPERVISES")
    assert not any(("leads" in t or "heads" in t or "briefing" in t or "review" in t) for t in got)


@pytest.mark.parametrize("body, expected", [
    ("Partners with the Finance and HR teams on workforce plans.", {"Finance team", "HR team"}),
    ("Works with the Budget, Payroll and Procurement offices.", {"Budget office", "Payroll office",
                                                                "Procurement office"}),
])
def test_names_before_a_plural_unit_head_are_one_unit_each(body, expected):
    assert targets_of(body, "COLLABORATES_WITH") == expected


@pytest.mark.parametrize("body, expected", [
    ("Works with the Recruitment and Retention Team.", {"Recruitment and Retention Team"}),
    ("Works with school teams and the Office of Budget.", {"school teams", "Office of Budget"}),
])
def test_a_singular_head_or_no_names_before_it_shares_nothing(body, expected):
    assert targets_of(body, "COLLABORATES_WITH") == expected


@pytest.mark.parametrize("body, expected", [
    ("Supervises temporary/seasonal staff during the summer.", {"temporary/seasonal staff"}),
    ("Supervises the teacher/coordinator of the Adult Literacy Program.",
     {"teacher of the Adult Literacy Program", "coordinator of the Adult Literacy Program"}),
])
def test_a_slash_between_modifiers_is_one_group_between_titles_two(body, expected):
    assert targets_of(body, "SUPERVISES") == expected


@pytest.mark.parametrize("body, expected", [
    ("Participates in the Ward 7 Practice Council and hospital committees as assigned.", {"Ward 7 Practice Council"}),
    ("Participates in a cross-site forum for data standards.", set()),
    ("Serves on the finance subcommittee.", {"finance subcommittee"}),
])
def test_membership_of_bodies_named_by_their_kind_only_is_nothing(body, expected):
    assert set(targets_of(body, "MEMBER_OF")) == expected


@pytest.mark.parametrize("body, expected", [
    ("Oversees the Assistant Store Managers, Department Leads and the sales associates.",
     {"Assistant Store Managers", "Department Leads", "sales associates"}),
    ("Supervises the Office Manager, Office Assistants and two clerks.", {"Office Manager", "Office Assistants",
                                                                         "clerks"}),
])
def test_a_role_after_a_comma_is_no_unit_of_the_role_before(body, expected):
    assert targets_of(body, "SUPERVISES") == expected


def test_full_time_reads_like_a_count_and_is_not_distributed():
    assert "faculty" not in targets_of("Supervises full-time and adjunct faculty.", "SUPERVISES")


@pytest.mark.parametrize("body, expected", [
    ("Reporting to the VP of Marketing, you'll manage one Marketing Coordinator.", {"VP of Marketing"}),
    ("Reporting to the Head of Finance, you\u2019ll lead the Payroll Team.", {"Head of Finance"}),
    ("Reporting to the Plant Manager, we run the night shift together.", {"Plant Manager"}),
    ("Reporting to the Chief Nurse, they coordinate discharge planning.", {"Chief Nurse"}),
])
def test_a_subject_pronoun_after_the_supervisor_starts_a_new_clause(body, expected):
    assert targets_of(body, "UNDER_DIRECTION_OF") == expected


@pytest.mark.parametrize("body, expected", [
    ("This position reports to the Principal Investigator, Dr. Ingrid Solheim.", {"Principal Investigator"}),
    ("Reports to the Director of Operations, Ms. Jane Porter, on all matters.", {"Director of Operations"}),
    # no honorific: the names after the comma are still read
    ("Works under the direction of the Director of Operations, the Deputy Director and the Board of Directors.",
     {"Director of Operations", "Deputy Director", "Board of Directors"}),
])
def test_a_person_named_after_the_title_is_not_a_second_supervisor(body, expected):
    assert targets_of(body, "UNDER_DIRECTION_OF") == expected

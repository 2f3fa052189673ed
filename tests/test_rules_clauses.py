"""Relations stated by clause shape rather than by a verb before the names: a relative clause about the name before
it ('the X, who reports to Y'), names before the trigger ('four analysts, who will report to you'), a unit that
lists its parts ('the X Department, which includes A and B'), and 'X is one of the units of Y'. Each with phrasings
of our own and near-misses that must yield nothing."""

from __future__ import annotations

import pytest
from prose import page_relations


def triples(body: str, title: str = "Program Analyst") -> set[tuple[str, str | None, str]]:
    return {(r.type, r.source, r.target) for r in page_relations(body, title)}


def rules_of(body: str) -> dict[tuple[str, str | None, str], tuple[str, float]]:
    return {(r.type, r.source, r.target): (r.evidence.rule, r.confidence) for r in page_relations(body)}


@pytest.mark.parametrize("body, source, typ, target", [
    ("This job reports to the Billing Supervisor, who reports to the Revenue Cycle Director.",
     "Billing Supervisor", "UNDER_DIRECTION_OF", "Revenue Cycle Director"),
    ("The analyst is accountable to the Chief, Grants Management Branch, who reports to the Deputy Commissioner.",
     "Chief, Grants Management Branch", "UNDER_DIRECTION_OF", "Deputy Commissioner"),
    ("It differs from the Parks Superintendent, who manages the Parks Division, in scope.",
     "Parks Superintendent", "SUPERVISES", "Parks Division"),
    ("Works closely with the Tenancy Officer, who in turn liaises with the Rents Team.",
     "Tenancy Officer", "COLLABORATES_WITH", "Rents Team"),
])
def test_a_relative_clause_is_the_named_role_s_relation(body, source, typ, target):
    got = triples(body)
    assert (typ, source, target) in got
    assert (typ, None, target) not in got  # not the described role's


@pytest.mark.parametrize("body", [
    "Works with families, who report to the front desk on arrival.",
    "Supervises the intake desk, which reports to the state weekly.",
])
def test_a_relative_clause_about_no_named_entity_is_nothing(body):
    assert not {t for t in triples(body) if t[0] == "UNDER_DIRECTION_OF"}


@pytest.mark.parametrize("body, expected", [
    ("Today: 3 Field Technicians and 2 Scheduling Coordinators, who will report to you from your first week.",
     {"Field Technicians", "Scheduling Coordinators"}),
    ("Two Program Coordinators report directly to this position.", {"Program Coordinators"}),
    ("The Payroll Clerk and the Benefits Assistant report to the incumbent.", {"Payroll Clerk", "Benefits Assistant"}),
])
def test_names_that_report_to_you_are_supervised(body, expected):
    got = {t: v for (typ, src, t), v in rules_of(body).items() if typ == "SUPERVISES" and src is None}
    assert set(got) == expected
    assert {v[0] for v in got.values()} == {"sup.report_to_you"}


@pytest.mark.parametrize("body", [
    "You will report to the Director of Finance.",
    "Reports to the Chief Operating Officer, who reports to the Board.",
    "The Payroll Clerk reports problems to the Help Desk.",
])
def test_report_to_someone_else_is_no_supervision(body):
    assert not {t for t in triples(body) if t[0] == "SUPERVISES"}


@pytest.mark.parametrize("body, source, target", [
    ("The Claims Unit is one of four units in the Benefits Services Division.", "Claims Unit",
     "Benefits Services Division"),
    ("The Youth Literacy program is one of three program areas of the Community Learning Department.",
     "Youth Literacy program", "Community Learning Department"),
    ("ORA is one of the units of the Office of the Vice Provost for Research and serves every college.", "ORA",
     "Office of the Vice Provost for Research"),
    ("The Audit Branch is one of two branches of the Fiscal Integrity Division, OIG.", "Audit Branch",
     "Fiscal Integrity Division"),
])
def test_one_of_the_units_of(body, source, target):
    got = rules_of(body)
    assert got[("PART_OF", source, target)] == ("part.one_of", 0.9)
    assert [k for k in got if k[0] == "PART_OF" and k[1] == source] == [("PART_OF", source, target)]


@pytest.mark.parametrize("body", [
    "The position is one of the most visible roles in the county.",
    "Budgeting is one of the duties of the Finance Office.",
])
def test_one_of_without_a_named_unit_is_nothing(body):
    assert not {t for t in triples(body) if t[0] == "PART_OF" and t[1] is not None}


@pytest.mark.parametrize("body, unit, parts", [
    ("Leads the Student Services Department, which includes the Counseling Center, Career Services and the "
     "Tutoring Program.", "Student Services Department", {"Counseling Center", "Career Services", "Tutoring Program"}),
    ("Based at the Riverside Treatment Campus, which consists of the Acute Care Unit and the Recovery Clinic.",
     "Riverside Treatment Campus", {"Acute Care Unit", "Recovery Clinic"}),
])
def test_a_unit_that_lists_its_parts(body, unit, parts):
    got = rules_of(body)
    assert {k[1] for k in got if k[0] == "PART_OF" and k[2] == unit and k[1]} == parts
    assert {got[("PART_OF", p, unit)] for p in parts} == {("part.includes", 0.8)}


@pytest.mark.parametrize("body", [
    "Prepares the annual report, which includes the Budget Office figures.",
    "Supervises the Intake Coordinator, which includes the Records Unit duties.",
])
def test_which_includes_after_no_unit_is_nothing(body):
    assert not {t for t in triples(body) if t[0] == "PART_OF"}


@pytest.mark.parametrize("body, boss", [
    ("The Store Manager runs daily trading across both floors and reports to the Area Manager.", "Area Manager"),
    ("This position plans the audit cycle for all fourteen district offices and reports directly to the Chief "
     "Auditor.", "Chief Auditor"),
    ("You will run the night shift and reports to the Operations Director when the duty manager is away.",
     "Operations Director"),
])
def test_a_role_s_second_predicate_reports_to(body, boss):
    assert rules_of(body)[("UNDER_DIRECTION_OF", None, boss)][0] in ("udo.role_and_reports_to", "udo.reports_to")
    assert ("UNDER_DIRECTION_OF", None, boss) in rules_of(body)


@pytest.mark.parametrize("body", [
    "The clerk monitors alarms and reports problems to the Work Order Desk.",
    "The unit reconciles the ledgers of every branch office and reports to the State Controller.",
    "Our clinics treat walk-in patients every day and reports to the Health Board are filed monthly.",
])
def test_and_reports_to_without_a_role_subject_or_with_an_object_is_not_this_rule(body):
    assert not [r for r in page_relations(body) if r.evidence.rule == "udo.role_and_reports_to"]


@pytest.mark.parametrize("body, source, target", [
    ("The Vector Control Program is one of two programs within the EHB, which in turn is part of the Division of "
     "Community Health.", "EHB", "Division of Community Health"),
    ("The Grants Team sits in the Finance Office, which is part of the Corporate Services Directorate.",
     "Finance Office", "Corporate Services Directorate"),
])
def test_which_in_turn_is_part_of_is_the_named_unit_s(body, source, target):
    got = triples(body)
    assert ("PART_OF", source, target) in got
    assert not {t for t in got if t[0] == "PART_OF" and t[2] == target and t[1] != source}


LETTERED = """a) Leads policy projects, preparing briefing notes and decision papers.
b) Liaises with central agencies and with partner ministries, including the Ministry of Coastal Affairs.
c) Represents the ministry on the Northern Skills Working Group and co-chairs its data subcommittee.
d. 10% - Prepares cost reports in coordination with the Office of Finance.
e. 5% - Serves on the agency's Records Retention (RR) planning committee.
"""


def test_lettered_duties_are_sentences_of_their_own():
    got = triples(LETTERED)
    assert ("COLLABORATES_WITH", None, "Ministry of Coastal Affairs") in got
    assert {("MEMBER_OF", None, "Northern Skills Working Group"), ("MEMBER_OF", None, "data subcommittee")} <= got
    assert ("COLLABORATES_WITH", None, "Office of Finance") in got  # not "Office of Finance. e"
    assert ("MEMBER_OF", None, "Records Retention planning committee") in got
    assert {r.evidence.text[:2] for r in page_relations(LETTERED)} == {"Li", "Re", "10", "5%"}  # no marker


@pytest.mark.parametrize("body, other", [
    ("The Chief of Staff works closely with, and advises, the Mayor.", "Mayor"),
    ("Collaborates with, and supports, the Records Manager on retention schedules.", "Records Manager"),
])
def test_a_verb_set_off_by_commas_before_the_object(body, other):
    assert ("COLLABORATES_WITH", None, other) in triples(body)


@pytest.mark.parametrize("body, boss", [
    ("Reports to and works closely with the Chief Operating Officer.", "Chief Operating Officer"),
    ("The Clerk reports directly to and partners with the Court Administrator.", "Court Administrator"),
])
def test_reports_to_and_works_with_one_object(body, boss):
    got = triples(body)
    assert ("UNDER_DIRECTION_OF", None, boss) in got and ("COLLABORATES_WITH", None, boss) in got


@pytest.mark.parametrize("body", [
    "Works with staff to report to and work with the Parent Council.",
    "The unit reports to and works closely with the Regional Office.",
])
def test_reports_to_and_without_the_role_as_subject_is_no_reporting_line(body):
    assert not [t for t in triples(body) if t[0] == "UNDER_DIRECTION_OF"]


def test_a_container_after_a_new_clause_s_verb_does_not_hide_the_verb():
    got = triples("Reporting to the Director of Surgical Nursing, the Nurse Manager leads a team of 40 Registered "
                  "Nurses and Unit Clerks.")
    assert {t for t in got if t[0] == "UNDER_DIRECTION_OF"} == {("UNDER_DIRECTION_OF", None,
                                                                  "Director of Surgical Nursing")}
    assert {("SUPERVISES", None, "Registered Nurses"), ("SUPERVISES", None, "Unit Clerks")} <= got


@pytest.mark.parametrize("body, boss, staff", [
    ("Reports to the Branch Director and supervises Member Service Representatives and Tellers.", "Branch Director",
     {"Member Service Representatives", "Tellers"}),
    ("Reports to the Deputy Chief and oversees Patrol Sergeants.", "Deputy Chief", {"Patrol Sergeants"}),
])
def test_a_second_verb_before_capitalised_names_ends_the_first_list(body, boss, staff):
    got = triples(body)
    assert {t[2] for t in got if t[0] == "UNDER_DIRECTION_OF"} == {boss}
    assert staff <= {t[2] for t in got if t[0] == "SUPERVISES"}

"""Competencies from the qualification sections other formats use: items (not sentences), typed right,
never cut inside a word, read from Requirements / What you'll bring / Knowledge and abilities / selection criteria."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orgkg.loaders import extract_text, load_file

FORMATS = Path(__file__).resolve().parent / "data" / "formats"


def _comps(ex) -> dict[str, str]:
    return {c.name: c.kind for c in ex.competencies}


@pytest.mark.parametrize("name", ["corporate-pipe-title.txt", "au-selection-criteria.txt", "nonprofit-flat-table.txt",
                                  "leading-class-number.txt", "caps-labels-college.txt", "city-web-posting.txt",
                                  "school-label-block.txt", "hospital-chain-top-down.txt"])
def test_every_format_gives_competencies_cut_at_word_boundaries(name):
    ex = load_file(FORMATS / name)
    assert len(ex.competencies) >= 3
    original = (FORMATS / name).read_text()
    for c in ex.competencies:
        e = c.evidence
        assert original[e.start:e.end] == e.text
        assert not (e.start > 0 and original[e.start - 1].isalnum() and original[e.start].isalnum())
        assert not (e.end < len(original) and original[e.end - 1].isalnum() and original[e.end].isalnum())


def test_bulleted_requirements_are_one_item_each():
    comps = _comps(load_file(FORMATS / "corporate-pipe-title.txt"))
    assert comps["3+ years building data pipelines in Python or Scala"] == "experience"
    assert comps["explain trade-offs to people outside engineering"] == "ability"
    text = ("Job Title: Welder\n\nWhat you will need\n- Two years of structural welding experience\n"
            "- Ability to read blueprints\n- Forklift certificate\n")
    assert _comps(extract_text(text, "w.txt", format="generic")) == {
        "Two years of structural welding experience": "experience", "read blueprints": "ability",
        "Forklift certificate": "certification"}


@pytest.mark.parametrize("line", ["Fluency in Spanish preferred.", "Fluency in Spanish is desirable.",
                                  "Fluency in Spanish (an asset)."])
def test_language_fluency_is_a_skill_without_the_wish(line):
    for section in ("Education", "Requirements"):
        ex = extract_text(f"Job Title: Clerk\n\n{section}\nHigh school diploma. {line}\n", "c.txt", format="generic")
        assert _comps(ex) == {"High school diploma": "education", "Fluency in Spanish": "skill"}


def test_statements_about_the_application_are_not_competencies():
    for text in ("Your resume must provide evidence of leadership.", "Applicants must submit three references.",
                 "Northline is an equal opportunity employer.", "Grey Point Water Board values diversity.",
                 "Apply now."):
        ex = extract_text(f"Job Title: Clerk\n\nQualifications\n{text} Ability to type.\n", "c.txt", format="generic")
        assert _comps(ex) == {"type": "ability"}


def test_a_lead_with_a_colon_types_the_list_after_it():
    comps = _comps(load_file(FORMATS / "leading-class-number.txt"))
    assert comps["generally accepted accounting principles"] == "knowledge"
    assert comps["governmental fund accounting"] == "knowledge"
    assert comps["prepare journal entries"] == "ability"
    ex = extract_text("Job Title: Clerk\n\nKnowledge and abilities\nUnderstanding of: filing systems; records law.\n",
                      "c.txt", format="generic")
    assert _comps(ex) == {"filing systems": "knowledge", "records law": "knowledge"}


def test_selection_criteria_with_education_and_experience_typed():
    comps = _comps(load_file(FORMATS / "au-selection-criteria.txt"))
    assert comps["design and facilitate community consultation"] == "ability"
    assert comps["Tertiary qualification in community development, social science or a related discipline"] == "education"
    assert comps["the Local Government Act"] == "knowledge"


@pytest.mark.parametrize("line, kind", [("BSc (Hons) Occupational Therapy or equivalent", "education"),
                                        ("MBA or a master's in public policy", "education"),
                                        ("Current registration with the Nursing Council", "certification")])
def test_uk_qualifications_typed(line, kind):
    ex = extract_text(f"Job Title: Therapist\n\nPerson specification\n{line}.\n", "t.txt", format="generic")
    assert [c.kind for c in ex.competencies] == [kind]


def _qual(body: str, heading: str = "Qualifications") -> dict[str, str]:
    return _comps(extract_text(f"Job Title: Clerk\n\n{heading}\n{body}\n", "c.txt", format="generic"))


@pytest.mark.parametrize("body, want", [
    ("Bachelor's degree in accounting and three years of audit experience.",
     {"Bachelor's degree in accounting": "education", "three years of audit experience": "experience"}),
    ("Associate's degree in business, plus 2 years of payroll experience.",
     {"Associate's degree in business": "education", "2 years of payroll experience": "experience"}),
])
def test_a_degree_and_years_of_experience_are_two_items(body, want):
    assert _qual(body) == want


@pytest.mark.parametrize("body, want", [
    ("Class A CDL within six months of hire.", {"Class A CDL": "certification"}),
    ("Pesticide applicator certification required within one year of employment.",
     {"Pesticide applicator certification": "certification"}),
])
def test_when_a_credential_must_be_held_is_not_part_of_it_and_no_experience(body, want):
    assert _qual(body) == want


@pytest.mark.parametrize("body, want", [
    ("Education: Bachelor's degree in biology.\nLicenses and Certificates: Grade 2 operator certificate.",
     {"Bachelor's degree in biology": "education", "Grade 2 operator certificate": "certification"}),
    ("Experience: Two years of lab work.\nLicense: Valid driver's license.",
     {"Two years of lab work": "experience", "Valid driver's license": "certification"}),
])
def test_a_category_label_types_the_item_and_is_not_part_of_it(body, want):
    assert _qual(body) == want


@pytest.mark.parametrize("body, want", [
    ("Bachelor's degree in Accounting\n2+ years of accounting experience\nAdvanced Excel skills",
     {"Bachelor's degree in Accounting": "education", "2+ years of accounting experience": "experience",
      "Advanced Excel skills": "skill"}),
    ("High school diploma\nForklift certificate",
     {"High school diploma": "education", "Forklift certificate": "certification"}),
])
def test_list_items_one_a_line_without_bullets_are_items(body, want):  # an HTML or Word list flattened
    assert _qual(body) == want


def test_a_wrapped_line_still_runs_on():
    assert _qual("Knowledge of the principles of\npublic administration and budgeting.") == {
        "the principles of\npublic administration and budgeting": "knowledge"}
    assert _qual("Skill in preparing reports, and\nbudget documents.") == {
        "preparing reports, and\nbudget documents": "skill"}


@pytest.mark.parametrize("tail", [
    "Apply\nSimilar Jobs\nSenior Biostatistician\nPrivacy   Terms",
    "Agency\nCounty of Alder Ridge\nAddress\n1400 Courthouse Square\nPrint Job Information | Apply",
    "Apply for this Job\nFirst Name *\nResume/CV *\nPowered by the applicant system",
    "\u00a9 2024 Ketterly, Inc. All rights reserved.\nContact Us | Site Map | Accessibility",
])
def test_what_the_job_board_adds_after_the_description_is_no_competency(tail):
    assert _qual("Ability to lift 50 pounds.\n" + tail) == {"lift 50 pounds": "ability"}


def test_running_headers_footers_and_page_numbers_are_no_competency():
    text = ("Job Title: Clerk\n\nQualifications\nAbility to type.\nElm County Class Specification - Clerk     Page 1 of 2\n"
            "12 Main Street, Elm, OR 97000\nAbility to file records.\n\nDuties\nTypes.\n"
            "Elm County Class Specification - Clerk     Page 2 of 2\n12 Main Street, Elm, OR 97000\n")
    assert _comps(extract_text(text, "c.txt", format="generic")) == {"type": "ability", "file records": "ability"}


@pytest.mark.parametrize("rows, want", [
    ("Criteria      Essential                        Desirable\n"
     "Qualifications  Degree in Environmental Health    Lead auditor qualification\n"
     "Skills          Ability to write reports          Fluency in Welsh",
     {"Degree in Environmental Health": "education", "Lead auditor qualification": "education",
      "write reports": "ability", "Fluency in Welsh": "skill"}),
    ("Area          Essential                 Desirable             Assessed by\n"
     "Experience    Experience of audit       Experience of payroll     A/I",
     {"Experience of audit": "experience", "Experience of payroll": "experience"}),
])
def test_a_flattened_person_specification_gives_its_cells(rows, want):
    assert _qual(rows, "Person specification") == want


@pytest.mark.parametrize("body, want", [
    ("Knowledge of the methods, equipment and materials used in road construction.",
     {"the methods, equipment and materials used in road construction": "knowledge"}),
    ("Knowledge of building, plumbing, mechanical and electrical codes.",
     {"building, plumbing, mechanical and electrical codes": "knowledge"}),
    ("Knowledge of grant regulations, including the Uniform Guidance.",
     {"grant regulations, including the Uniform Guidance": "knowledge"}),
    ("Knowledge of fleet management software, vehicle maintenance schedules and inventory control.",
     {"fleet management software": "knowledge", "vehicle maintenance schedules": "knowledge",
      "inventory control": "knowledge"}),
    ("Knowledge of NBIS, bridge design, and access equipment (snooper trucks, rope access).",
     {"NBIS": "knowledge", "bridge design": "knowledge", "access equipment (snooper trucks, rope access)": "knowledge"}),
])
def test_knowledge_lists_split_only_where_the_parts_stand_alone(body, want):
    assert _qual(body) == want


@pytest.mark.parametrize("body, kind", [
    ("Current registration with the provincial College of Social Workers.", "certification"),
    ("Experience configuring degree audit software.", "experience"),
    ("Certificate III in Horticulture (or equivalent experience).", "certification"),
    ("Graduate of an accredited school of nursing.", "education"),
])
def test_the_kind_named_first_types_the_item(body, kind):
    assert list(_qual(body).values()) == [kind]


@pytest.mark.parametrize("body", ["Employee signature ____________", "To apply, send a resume to jobs@elm.example.org.",
                                  "A Master's degree may substitute for one year of experience.",
                                  "Experience must be fully documented in your resume.",
                                  "Education, Experience, Licensure"])
def test_forms_instructions_substitutions_and_headings_are_no_competency(body):
    assert _qual(body + "\nAbility to type.") == {"type": "ability"}


def test_labelled_fields_in_a_qualification_section_are_no_competency():
    assert _qual("Ability to type.\nWork Schedule: Monday-Friday\nShift: Days") == {"type": "ability"}


@pytest.mark.parametrize("body, want", [
    ("Registration as a Dietitian with the State Board and two years of clinical experience.",
     {"Registration as a Dietitian with the State Board": "certification", "two years of clinical experience": "experience"}),
    ("Valid pesticide license and 3 years of landscaping experience.",
     {"Valid pesticide license": "certification", "3 years of landscaping experience": "experience"}),
])
def test_a_credential_and_years_of_experience_are_two_items(body, want):
    assert _qual(body) == want


@pytest.mark.parametrize("footer", [
    "Similar Jobs (3)\nFollow Us\n\u00a9 2024 Workday, Inc.",
    "Fairhaven County | 200 Court Street | Fairhaven, OR | Privacy",
    "Apply Online | Send to a friend | Save this job\nFind similar jobs:\nMaintenance, Manufacturing",
])
def test_a_job_boards_footer_rows_are_no_competencies(footer):
    ex = extract_text(f"Job Title: Buyer\n\nQualifications\nKnowledge of purchasing law.\nAbility to negotiate "
                      f"contracts.\n\n{footer}\n", "b.txt", format="generic")
    names = [c.name for c in ex.competencies]
    assert len(names) == 2 and not [n for n in names if re.search(r"similar|privacy|follow|friend|manufacturing", n, re.I)]


def test_a_row_of_qualifications_between_pipes_stays():
    ex = extract_text("Job Title: Analyst\n\nQualifications\nExperience with SAP or Oracle financials | CPA or CMA "
                      "designation | Five years in internal audit\nAbility to write reports.\n", "a.txt", format="generic")
    assert len(ex.competencies) >= 2


@pytest.mark.parametrize("block, kinds", [
    ("Knowledge of:\n- Principles of program planning.\n- Budget preparation.\nAbility to:\n- Supervise staff.\n",
     {"Principles of program planning": "knowledge", "Budget preparation": "knowledge", "Supervise staff": "ability"}),
    ("KNOWLEDGE OF\n* Sewer maintenance methods\n\nSkills in:\n* Operating a jet truck\n",
     {"Sewer maintenance methods": "knowledge", "Operating a jet truck": "skill"}),
])
def test_a_lead_alone_on_its_line_types_the_items_under_it(block, kinds):
    ex = extract_text(f"Job Title: Recreation Supervisor\n\nQualifications\n{block}", "r.txt", format="generic")
    assert {c.name: c.kind for c in ex.competencies} == kinds


def test_the_lead_ends_at_a_blank_line():
    ex = extract_text("Job Title: Clerk\n\nQualifications\nKnowledge of:\n- Filing systems.\n\n- Three years of clerical "
                      "experience.\n", "c.txt", format="generic")
    assert {c.name: c.kind for c in ex.competencies} == {"Filing systems": "knowledge",
                                                           "Three years of clerical experience": "experience"}


@pytest.mark.parametrize("line, kind", [("B.E./B.Tech in Civil Engineering.", "education"), ("CFA or CFP.", "certification"),
                                        ("Be registered with the Nursing Board.", "certification"),
                                        ("Proficiency in MS Excel.", "tool")])
def test_more_qualification_kinds(line, kind):
    ex = extract_text(f"Job Title: Analyst\n\nEligibility Criteria\n{line}\n", "a.txt", format="generic")
    assert [c.kind for c in ex.competencies] == [kind]


def test_a_shortlisting_notice_is_no_competency():
    ex = extract_text("Job Title: Analyst\n\nWhat we are looking for\n- Degree in Statistics.\n\nOnly shortlisted "
                      "candidates will be notified.\n", "a.txt", format="generic")
    assert [c.name for c in ex.competencies] == ["Degree in Statistics"]


@pytest.mark.parametrize("text", [
    "Working Title\tAnalyst\nRequired Qualifications\tBachelor's degree. Knowledge of Title IV regulations.\n",
    "Job Title: Analyst\n\nDesirable Qualifications\nBachelor's degree.\nKnowledge of Title IV regulations.\n",
    "Job Title: Analyst\n\nEssential requirements\nBachelor's degree.\nKnowledge of Title IV regulations.\n",
])
def test_qualifications_in_other_exports_and_headings(text):
    ex = extract_text(text, "a.txt", format="generic")
    assert {c.kind for c in ex.competencies} == {"education", "knowledge"}


def test_a_heading_word_with_a_tab_inside_a_sentence_is_no_section():
    ex = extract_text("Job Title: Analyst\n\nDuties\nReviews the\tqualifications of vendors each year.\n", "a.txt",
                      format="generic")
    assert "ksa" not in ex.sections


@pytest.mark.parametrize("line, name, kind", [
    ("You have 5+ years of backend experience.", "5+ years of backend experience", "experience"),
    ("You're comfortable with SQL.", "comfortable with SQL", "skill"),
    ("Must have a valid driver's license.", "valid driver's license", "certification"),
    ("Ideal candidates will have a degree in finance.", "degree in finance", "education"),
])
def test_a_requirement_with_the_candidate_as_its_subject(line, name, kind):
    ex = extract_text(f"Job Title: Analyst\n\nRequirements\n- {line}\n", "a.txt", format="generic")
    assert [(c.name, c.kind) for c in ex.competencies] == [(name, kind)]


def test_a_sentence_about_applying_stays_out():
    ex = extract_text("Job Title: Analyst\n\nRequirements\n- You will submit a resume and cover letter.\n", "a.txt",
                      format="generic")
    assert ex.competencies == []

"""Competencies from the qualification sections other formats use: items (not sentences), typed right,
never cut inside a word, read from Requirements / What you'll bring / Knowledge and abilities / selection criteria."""

from __future__ import annotations

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

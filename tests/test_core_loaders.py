"""Loaders on every seed: header fields, sections, evidence offsets, text repair, generic format."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgkg
from orgkg.loaders import extract_text, load_file, pick
from orgkg.loaders.text import InputError, decode, read_text, repair

HERE = Path(__file__).resolve().parent

SEED_HEADERS = {
    "0262": ("Director, School Support and Well-Being", "Director II", "Q", 12),
    "0435": ("Coordinator, Innovative and Progressive Systemwide Training", "Coordinator", "N", 12),
    "0453": ("Chief District Operations", "Chief District Operations", "NS", 12),
    "0455": ("Chief of Strategic Initiatives", "Chief Strategic Initiatives", "NS", 12),
    "0660": ("Coordinator, Employee Engagement and Labor Relations", "Coordinator", "N", 12),
}


@pytest.mark.parametrize("path", orgkg.sample_paths(), ids=lambda p: p.name[:4])
def test_seed_header_fields(path):
    ex = load_file(path)
    working, official, grade, months = SEED_HEADERS[path.name[:4]]
    assert ex.format == "mcps"
    assert ex.role["working_title"] == working
    assert ex.role["official_title"] == official
    assert ex.role["code"] == path.name[:4]
    assert ex.role["grade"] == grade
    assert ex.role["months"] == months
    assert ex.role["overtime_eligible"] is False
    assert ex.dates["established"]
    assert not ex.truncated
    assert {"summary", "ksa", "education", "certificate", "duties"} <= set(ex.sections)


@pytest.mark.parametrize("path", orgkg.sample_paths(), ids=lambda p: p.name[:4])
def test_every_evidence_slices_the_original_file(path):
    text = read_text(path)
    ex = load_file(path)
    evidences = [r.evidence for r in ex.relations] + [c.evidence for c in ex.competencies]
    evidences += [a.evidence for a in ex.aliases if a.evidence]
    assert evidences
    for ev in evidences:
        assert ev.text == text[ev.start:ev.end], ev
        assert ev.doc == path.name and ev.rule
    for key, (a, b) in ex.sections.items():
        assert 0 <= a <= b <= len(text), key


def test_seed_0435_relations_with_evidence():
    path = next(p for p in orgkg.sample_paths() if p.name.startswith("0435"))
    ex = load_file(path)
    rels = {(r.type, r.source, r.target) for r in ex.relations}
    assert ("UNDER_DIRECTION_OF", None, "Chief of Teaching, Learning, and Schools") in rels
    assert ("COLLABORATES_WITH", None, "supervisor of safety, security and training") in rels
    assert ("COLLABORATES_WITH", None, "Department of Systemwide Safety and Emergency Management") in rels
    assert ("PART_OF", "supervisor of safety, security and training",
            "Department of Systemwide Safety and Emergency Management") in rels
    udo = next(r for r in ex.relations if r.type == "UNDER_DIRECTION_OF")
    assert udo.evidence.section == "summary"
    assert udo.evidence.text.startswith("Under the direction of the Chief of Teaching")
    assert udo.evidence.rule == "udo.under_direction"
    assert ("DSSEM", "Department of Systemwide Safety and Emergency Management") in {(a.alias, a.name) for a in ex.aliases}


def test_coordinated_roles_and_vague_groups():
    path = next(p for p in orgkg.sample_paths() if p.name.startswith("0262"))
    ex = load_file(path)
    udo = {r.target for r in ex.relations if r.type == "UNDER_DIRECTION_OF"}
    assert udo == {"chief of school support and well-being", "associate superintendent of school support and well-being"}
    targets = {r.target.lower() for r in ex.relations}
    assert not targets & {"stakeholders", "staff", "students", "families"}


def test_described_role_alias_from_subject():
    path = next(p for p in orgkg.sample_paths() if p.name.startswith("0453"))
    ex = load_file(path)
    assert ("chief of districtwide services and supports", "Chief District Operations") in {
        (a.alias, a.name) for a in ex.aliases}


def test_repair_keeps_offsets():
    original = "Experience with system\u00bfs operations  and staff.Coordinates ,, budgets \u00bf all."
    rep = repair(original)
    assert rep.text == "Experience with system's operations and staff. Coordinates , budgets - all."
    i = rep.text.index("Coordinates")
    a, b = rep.span(i, i + len("Coordinates"))
    assert original[a:b] == "Coordinates"
    j = rep.text.index("system's")
    a, b = rep.span(j, j + len("system's"))
    assert original[a:b] == "system\u00bfs"


def test_truncated_page_without_header_still_extracts():
    text = ("]\nFull Menu\nOFFICE OF HUMAN RESOURCES AND DEVELOPMENT \u2192 CLASSIFICATION \u2192 "
            "COORDINATOR, PHYSICAL EDUCATION\n"
            "Sorted by job title: A - C\nEXAMPLES OF DUTIES AND RESPONSIBILITIES:\n"
            "Work extensively with the MCPS Office of Human Resources and principals interviewing physical educatio")
    ex = extract_text(text, "partial.txt")
    assert ex.truncated
    assert ex.role["working_title"] == "Coordinator, Physical Education"
    assert ex.role["code"] is None and "code" in ex.missing and "summary" in ex.missing
    targets = {r.target for r in ex.relations if r.type == "COLLABORATES_WITH"}
    assert {"MCPS Office of Human Resources", "principals"} <= targets


def test_generic_loader_labelled_fields_and_prose():
    ex = load_file(HERE / "data" / "generic" / "county-fiscal-manager.txt")
    assert ex.format == "generic"
    assert ex.role["working_title"] == "Fiscal Services Manager"
    assert ex.role["code"] == "74123" and ex.role["grade"] == "M14"
    rels = {(r.type, r.target) for r in ex.relations}
    assert ("UNDER_DIRECTION_OF", "Chief Financial Officer") in rels
    assert ("UNDER_DIRECTION_OF", "Assistant Director of Finance") in rels  # "receives general supervision from"
    assert ("PART_OF", "Department of Finance") in rels
    assert ("SUPERVISES", "accounting technicians") in rels
    assert ("COLLABORATES_WITH", "Board of Supervisors") in rels


def test_generic_loader_values_on_next_line_and_title_fallbacks():
    ex = load_file(HERE / "data" / "generic" / "city-water-supervisor.txt")
    assert ex.role["code"] == "5521"
    rels = {(r.type, r.target) for r in ex.relations}
    assert ("UNDER_DIRECTION_OF", "Water Operations Manager") in rels
    assert ("SUPERVISES", "Maintenance Workers") in rels
    assert ("MEMBER_OF", "Emergency Response Team") in rels
    ex = load_file(HERE / "data" / "generic" / "university-lab-coordinator.txt")
    assert ex.role["working_title"] == "Research Laboratory Coordinator"
    assert ex.role["title_source"] == "first line"
    ex = extract_text("Supervises the records clerks.", "senior-records-officer.txt", format="generic")
    assert ex.role["working_title"] == "Senior Records Officer"  # a stand-in, said loudly
    assert ex.role["title_source"] == "file name" and ex.role["title_confidence"] < 0.5
    assert any(w.startswith("no-title: ") for w in ex.warnings)


def test_loaders_register_and_pick():
    assert pick("OFFICIAL TITLE: X CODE: 1 SQ/OQ: n\nSUMMARY DESCRIPTION OF CLASSIFICATION: y").name == "mcps"
    assert pick("Job Title: Clerk\nReports to: Office Manager\nEssential Functions").name == "generic"
    with pytest.raises(InputError, match="unknown format"):
        pick("x", "nope")


def test_decode_errors_and_encodings(tmp_path):
    with pytest.raises(InputError, match="empty file"):
        decode(b"  \n", "e.txt")
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x00\x01\x02PK\x03\x04" * 50, "b.txt")
    assert decode("caf\u00e9 director".encode("cp1252"), "c.txt") == "caf\u00e9 director"
    assert decode("\ufeffDirector".encode("utf-8"), "bom.txt") == "Director"
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    with pytest.raises(InputError, match="too large"):
        read_text(big, max_bytes=1000)
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")


def test_extraction_is_deterministic():
    paths = orgkg.sample_paths()
    a = [load_file(p).to_json() for p in paths]
    b = [load_file(p).to_json() for p in paths]
    assert a == b


def test_generic_inline_fields_committees_and_shared_adjectives():
    text = ("Job Title: Accounting Technician II      Job Code: 4410 | Grade: 22\n"
            "Class Title: Accounting Technician\nReports To: Accounting Manager or designee\nSummary\n"
            "Serves on the Budget Review Committee and works in conjunction with the Payroll Office. "
            "Exercises direct supervision over professional, technical and clerical staff.\n")
    ex = extract_text(text, "acct.txt")
    assert ex.role["working_title"] == "Accounting Technician II"
    assert ex.role["official_title"] == "Accounting Technician"
    assert (ex.role["code"], ex.role["grade"]) == ("4410", "22")
    rels = {(r.type, r.target) for r in ex.relations}
    assert rels == {
        ("UNDER_DIRECTION_OF", "Accounting Manager"),
        ("MEMBER_OF", "Budget Review Committee"),
        ("COLLABORATES_WITH", "Payroll Office"),
        # modifiers distributed over one head: three groups (the generic gold reads them so)
        ("SUPERVISES", "professional staff"), ("SUPERVISES", "technical staff"), ("SUPERVISES", "clerical staff"),
    }


def test_long_clauses_stay_linear():
    # a pathological clause used to be quadratic; now each trigger reads a bounded window
    ex = extract_text("Under the direction of the " * 400 + "principal.", "long.txt")
    assert all(r.type == "UNDER_DIRECTION_OF" for r in ex.relations)


def test_roles_located_in_units_and_the_rest_of_the_list():
    text = ("OFFICIAL TITLE: X CODE: 1 SQ/OQ: n\nWORKING TITLE: Security Coordinator GRADE: A MONTHS: 12\n"
            "SUMMARY DESCRIPTION OF CLASSIFICATION: Works closely with the cluster security coordinators in the "
            "Department of Systemwide Safety and Emergency Management (DSSEM) and the principal and special education "
            "supervisor. Directly supervises staff in the Office of Technology Innovation and the Equity Initiatives Unit. "
            "Collaborates with stakeholders, staff and students.\n")
    rels = {(r.type, r.source, r.target) for r in extract_text(text, "x.txt").relations}
    dssem = "Department of Systemwide Safety and Emergency Management"
    assert rels == {
        ("COLLABORATES_WITH", None, "cluster security coordinators"),
        ("PART_OF", "cluster security coordinators", dssem),
        ("COLLABORATES_WITH", None, "principal"),
        ("COLLABORATES_WITH", None, "special education supervisor"),
        ("SUPERVISES", None, "Office of Technology Innovation"),
        ("SUPERVISES", None, "Equity Initiatives Unit"),
    }


def test_generic_title_skips_page_headings():
    text = ("CITY OF SPRINGFIELD\nJob Description\nSenior Accountant\n\nSummary\n"
            "Under the general direction of the Finance Director, performs professional accounting work.\n")
    ex = extract_text(text, "x.txt", format="generic")
    assert ex.role["working_title"] == "Senior Accountant"
    assert [(r.type, r.target) for r in ex.relations] == [("UNDER_DIRECTION_OF", "Finance Director")]


def test_generic_membership_liaison_and_comma_names():
    text = ("Position Title: HR Generalist\nEssential Functions:\n1. Liaises with external benefits vendors.\n"
            "2. Member of the Diversity, Equity and Inclusion Council.\n"
            "3. Maintains liaison with the County Department of Health and Human Services.\n")
    rels = {(r.type, r.target) for r in extract_text(text, "hr.txt").relations}
    assert rels == {
        ("COLLABORATES_WITH", "external benefits vendors"),
        ("MEMBER_OF", "Diversity, Equity and Inclusion Council"),
        ("COLLABORATES_WITH", "County Department of Health and Human Services"),
    }


def test_generic_empty_field_values_state_nothing():
    text = "Job Title: Clerk\nSupervises: None\nReports To: N/A\nDepartment: Varies\n"
    assert extract_text(text, "c.txt").relations == []


def test_expand_paths_lists_a_tree_in_path_order(tmp_path):
    """Sorted on strings with the separator as the smallest character: the order Path objects give."""
    for rel in ("b-c/x.txt", "b/c.txt", "b.txt", "b/a/z.txt", "b c/y.txt", "a.txt", "b/a.txt", "B/q.txt"):
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x\n")
    from orgkg.loaders import expand_paths

    found = expand_paths([tmp_path])
    assert found == sorted(found) and len(found) == 8

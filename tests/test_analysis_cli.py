"""`orgkg check` and `orgkg competencies` end to end through the real CLI entry point."""

from __future__ import annotations

import json

import pytest

from orgkg.analysis import SECTIONS
from orgkg.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_text_lists_every_section(capsys):
    code, out, _ = run(capsys, "check", "--today", "2026-01-01")
    assert code == 0
    for title in SECTIONS.values():
        assert title in out
    assert "DSSEM" in out or "Department of Systemwide Safety and Emergency Management" in out


def test_check_json_and_md_on_a_graph_file(capsys, sample_graph_file, tmp_path):
    code, out, _ = run(capsys, "check", str(sample_graph_file), "--format", "json", "--max-age", "1")
    assert code == 0
    data = json.loads(out)
    assert set(data["sections"]) == set(SECTIONS) and data["max_age_years"] == 1
    assert data["counts"]["old"] == len(data["sections"]["old"]) >= 1
    target = tmp_path / "report.md"
    code, out, _ = run(capsys, "check", str(sample_graph_file), "--format", "md", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text().startswith("# Org health report")


def test_check_on_a_folder_of_descriptions(capsys, sample_paths):
    code, out, _ = run(capsys, "check", str(sample_paths[0].parent), "--limit", "0")
    assert code == 0 and "Org health: " in out


@pytest.mark.parametrize("argv,needle", [
    (["check", "/no/such/file.json"], "/no/such/file.json"),
    (["check", "--today", "yesterday"], "--today"),
    (["check", "--top", "zzz-nobody"], "zzz-nobody"),
    (["competencies", "--who", "zzz-nothing"], "zzz-nothing"),
    (["competencies", "--duplicates", "--threshold", "3"], "--threshold"),
])
def test_user_errors_are_one_line(capsys, argv, needle):
    code, _, err = run(capsys, *argv)
    assert code != 0
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_competencies_modes(capsys):
    coord = "Coordinator, Innovative and Progressive Systemwide Training"
    code, out, _ = run(capsys, "competencies", coord)
    assert code == 0 and out.startswith(coord)
    code, out, _ = run(capsys, "competencies", "--similar", "--format", "json")
    pairs = json.loads(out)["results"]
    assert [p["score"] for p in pairs] == sorted((p["score"] for p in pairs), reverse=True)
    code, out, _ = run(capsys, "competencies", "--shared", coord, "Chief of Strategic Initiatives", "--format", "json")
    assert code == 0 and isinstance(json.loads(out)["results"], list)
    for argv in (["--unit", "DSSEM", "--with-reports"], ["--unique"], ["--duplicates"], []):
        code, out, _ = run(capsys, "competencies", *argv)
        assert code == 0 and out.strip()

"""HR positions exports (issue 26): good rows load as posts, each bad row is reported by its row number, and
`orgkg check` reports where the HR reporting line and the description disagree."""

from __future__ import annotations

import subprocess
import sys

import pytest
from orgkg.analysis.positions import disagreements
from orgkg.graph.posts import add_posts, post_id
from orgkg.loaders import InputError
from orgkg.loaders.positions import read_positions

import orgkg

CSV = """Position ID,Job Title,Reports To Position ID,Department,Job Code
P-100,Superintendent of Schools,,Office of the Superintendent of Schools,
P-230,Chief of Staff,P-100,Office of the Superintendent of Schools,
,Nameless Post,P-100,Office of the Superintendent of Schools,
P-210,Chief District Operations,P-100,Office of District Operations,0453
P-210,Chief District Operations,P-100,Office of District Operations,0453
P-330,Coordinator Employee Engagement,P-230,Office of the Superintendent of Schools,0660
P-400,Analyst,P-999,Office of District Operations,
P-500,Planner A,P-501,Office of District Operations,
P-501,Planner B,P-500,Office of District Operations,
"""


def test_bad_rows_are_reported_by_row_and_the_rest_loads(tmp_path):
    p = tmp_path / "positions.csv"
    p.write_text(CSV, encoding="utf-8")
    t = read_positions(p)
    assert [x.id for x in t.positions] == ["P-100", "P-230", "P-210", "P-330", "P-400", "P-500", "P-501"]
    by_row = {int(m.split(": row ")[1].split(":")[0]): m for m in t.problems}
    assert set(by_row) == {4, 6, 8, 9, 10}
    assert "no position id" in by_row[4]
    assert "duplicate position id 'P-210' (first on row 5)" in by_row[6]
    assert "unknown position 'P-999'" in by_row[8]
    assert "reporting cycle (P-500 -> P-501 -> P-500)" in by_row[9] and "reporting cycle" in by_row[10]
    assert all("\n" not in m and m.startswith(str(p)) for m in t.problems)
    by_id = {x.id: x for x in t.positions}
    assert by_id["P-330"].manager == "P-230" and by_id["P-400"].manager is None and by_id["P-500"].manager is None


def test_posts_link_to_described_roles_and_disagreements_are_found(tmp_path):
    p = tmp_path / "positions.csv"
    p.write_text(CSV, encoding="utf-8")
    g = orgkg.sample_graph()
    counts = add_posts(g, read_positions(p))
    assert counts["posts"] == 7 and counts["by_code"] == 2
    roles = {v for _, v, k in g.g.out_edges(post_id("P-330"), keys=True) if k == "HOLDS_ROLE"}
    assert roles == {"role:coordinator-employee-engagement-and-labor-relation"}  # by job code 0660
    ev = g.g.edges[post_id("P-330"), post_id("P-230"), "REPORTS_TO"]["evidence"][0]
    assert ev["doc"] == "positions.csv" and ev["locator"] == "row 7" and "P-230" in ev["text"]
    found = {f.subject: f for f in disagreements(g)}
    # 0660's description: under direction of the associate superintendent of EELR; HR: the chief of staff
    f = found[post_id("P-330")]
    assert "HR data: reports to Chief of Staff [P-230]" in f.message
    assert "description: under direction of associate superintendent of Employee Engagement" in f.message
    assert {e["doc"] for e in f.evidence} == {"positions.csv", "0660-coordinator-employee-engagement-and-labor-relations.txt"}
    assert post_id("P-210") not in found  # 0453: described and HR both under the superintendent


def test_xlsx_and_map(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Pos Nbr", "Position Name", "Boss", "Org", "Class"])
    ws.append([100, "Superintendent of Schools", None, "Office", None])
    ws.append([210, "Chief District Operations", 100, "Office", "0453"])
    ws.append([None, "No id", 100, "Office", None])
    x = tmp_path / "hr.xlsx"
    wb.save(x)
    with pytest.raises(InputError, match="no column for id, title, manager"):
        read_positions(x)
    t = read_positions(x, "id=Pos Nbr,title=Position Name,manager=Boss,unit=Org,class_code=Class")
    assert [(p.id, p.manager, p.row) for p in t.positions] == [("100", None, 2), ("210", "100", 3)]
    assert t.problems == [f"{x}: row 4: no position id; row left out"]
    with pytest.raises(InputError, match="no column 'Nope'"):
        read_positions(x, "id=Nope")


def test_cli_build_positions_and_check(tmp_path):
    p = tmp_path / "positions.csv"
    p.write_text(CSV, encoding="utf-8")
    out = tmp_path / "org.json"
    r = subprocess.run([sys.executable, "-m", "orgkg", "build", str(orgkg.sample_paths()[0].parent), "-o", str(out),
                        "--positions", str(p)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr  # partial: some rows left out
    assert "Traceback" not in r.stderr
    assert sum(": row " in ln for ln in r.stderr.splitlines()) == 5
    assert "Post 7" in r.stdout
    c = subprocess.run([sys.executable, "-m", "orgkg", "check", str(out), "--format", "json"],
                       capture_output=True, text=True)
    import json

    rep = json.loads(c.stdout)
    msgs = [f["message"] for f in rep["sections"]["hr_disagreements"]]
    assert any("HR data: reports to Chief of Staff [P-230]" in m for m in msgs)
    bad = subprocess.run([sys.executable, "-m", "orgkg", "build", str(p), "-o", str(out), "--positions",
                          str(tmp_path / "none.csv")], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "none.csv: cannot read" in bad.stderr


def test_chain_and_collaborators_formats():
    import csv
    import io
    import json

    run = [sys.executable, "-m", "orgkg"]
    j = json.loads(subprocess.run(run + ["chain", "CSI", "--format", "json"], capture_output=True, text=True).stdout)
    assert j[0]["distance"] == 0 and j[1]["name"] == "superintendent of schools" and j[1]["evidence"]
    rows = list(csv.DictReader(io.StringIO(subprocess.run(run + ["collaborators", "DSSEM", "--format", "csv"],
                                                           capture_output=True, text=True).stdout)))
    assert rows and rows[0]["type"] == "Role" and rows[0]["evidence_doc"].endswith(".txt")
    t = subprocess.run(run + ["chain", "CSI", "--format", "text"], capture_output=True, text=True).stdout
    assert "superintendent of schools" in t


def test_demo_shows_a_real_reporting_line():
    r = subprocess.run([sys.executable, "-m", "orgkg", "demo"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "HR data: Coordinator Innovative and Progressive Systemwide Training [P-310] reports to" in r.stdout
    assert "positions.csv (row " in r.stdout

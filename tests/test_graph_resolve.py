"""Entity resolution across documents, on small corpora written here: a mention of a described role by another
form of its title (official title, comma-inverted title, the page's own acronym, a plural) reaches the described
role with the resolution noted on the edge; a name a list split cut in pieces is made whole where the corpus knows
it; what is ambiguous or only looks alike stays apart. Every rule is checked with two phrasings of our own, in
both the MCPS layout and the generic labelled layout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import orgkg
from orgkg.loaders import extract_text


def mcps(working: str, official: str, summary: str, code: str = "1234") -> str:
    """A page in the MCPS class-description layout."""
    return (f"{working}\n\nMONTGOMERY COUNTY PUBLIC SCHOOLS CLASS DESCRIPTION\n"
            f"OFFICIAL TITLE: {official} CODE: {code} SQ/OQ: Not Applicable\n"
            f"WORKING TITLE: {working} GRADE: 17 MONTHS: 12\n"
            f"SUMMARY DESCRIPTION OF CLASSIFICATION: {summary}\n"
            "KNOWLEDGE, SKILLS, AND ABILITIES: Knowledge of school operations.\n")


def generic(title: str, body: str, official: str | None = None) -> str:
    """A page in the labelled layout other organisations use."""
    head = f"Job Title: {title}\n" + (f"Official Title: {official}\n" if official else "")
    return head + "\n" + body + "\n"


def build(tmp_path: Path, pages: dict[str, str]):
    d = tmp_path / "docs"
    d.mkdir()
    for name, text in pages.items():
        (d / name).write_text(text, encoding="utf-8")
    return orgkg.build([d])


def edges_from(g, source: str, edge_type: str) -> dict[str, dict]:
    """target id -> edge attributes of the `edge_type` edges leaving the node named `source`."""
    sid = g.resolve(source)
    return {e["target"]: e for e in g.edges(edge_type) if e["source"] == sid}


def stubs(g) -> set[str]:
    return {n["name"].lower() for n in g.nodes("Role") if not n.get("described")}


# ---- official title: the class a working title only prefixes with its department ---------------------------

@pytest.mark.parametrize("mention", ["Supervises the forklift operators and the loading crew.",
                                     "Directly supervises forklift operators assigned to the depot."])
def test_official_title_mention_reaches_the_described_role(tmp_path, mention):
    g = build(tmp_path, {
        "1.txt": mcps("Warehouse Forklift Operator", "Forklift Operator", "Under the direction of the depot manager, "
                      "moves stock."),
        "2.txt": (mention_page := mcps("Depot Manager", "Depot Manager", mention, code="2222")),
    })
    out = edges_from(g, "Depot Manager", "SUPERVISES")
    target = g.resolve("Warehouse Forklift Operator")
    assert target in out and g.node(target)["described"]
    ev = out[target]["evidence"][0]
    assert ev["resolved"] == "official-title" and ev["mention"].lower() == "forklift operators"
    read = [r for r in extract_text(mention_page, "2.txt").relations if r.target.lower() == "forklift operators"]
    assert out[target]["confidence"] == pytest.approx(read[0].confidence * 0.9)  # the official title: less sure
    assert "forklift operator" not in stubs(g)


@pytest.mark.parametrize("working, official, mention", [
    ("Associate Superintendent of School Leadership", "Associate Superintendent",
     "Under the direction of the associate superintendent, plans training."),  # a complement: one post of a class
    ("Senior Budget Analyst", "Budget Analyst", "Under the direction of the budget analyst, plans training."),  # rank
])
def test_official_title_of_one_post_or_rank_is_not_an_alias(tmp_path, working, official, mention):
    g = build(tmp_path, {"1.txt": mcps(working, official, "Leads the work of the office."),
                         "2.txt": mcps("Training Specialist", "Specialist", mention, code="2222")})
    boss = next(iter(edges_from(g, "Training Specialist", "UNDER_DIRECTION_OF")))
    assert not g.node(boss)["described"], "a class title several pages share must not pick one of them"


def test_an_official_title_two_described_roles_share_resolves_to_neither(tmp_path):
    g = build(tmp_path, {
        "1.txt": generic("North Depot Route Planner", "Reports to: Depot Manager", official="Route Planner"),
        "2.txt": generic("South Depot Route Planner", "Reports to: Depot Manager", official="Route Planner"),
        "3.txt": generic("Depot Manager", "Supervises route planners."),
    })
    (target, edge), = edges_from(g, "Depot Manager", "SUPERVISES").items()
    assert not g.node(target)["described"] and "resolved" not in edge["evidence"][0]


# ---- comma-inverted titles ----------------------------------------------------------------------------------

@pytest.mark.parametrize("described, mention", [
    ("Director, Division of Food Services", "Under the direction of the director of the Division of Food Services, "
                                            "plans menus."),
    ("Coordinator, Magnet Programs", "Under the direction of the Magnet Programs Coordinator, plans menus."),
])
def test_inverted_title_reaches_the_described_role(tmp_path, described, mention):
    g = build(tmp_path, {"1.txt": mcps(described, "Director", "Leads the office."),
                         "2.txt": mcps("Menu Planner", "Planner", mention, code="2222")})
    (boss, edge), = edges_from(g, "Menu Planner", "UNDER_DIRECTION_OF").items()
    assert boss == g.resolve(described) and g.node(boss)["described"]
    assert edge["evidence"][0]["resolved"] == "inverted-title"


# ---- the page's own acronym ---------------------------------------------------------------------------------

@pytest.mark.parametrize("mention", ["Supervises the BRS assigned to the cluster.",
                                     "Supervises bus route supervisors and dispatchers."])
def test_acronym_and_its_expansion_attach_to_the_described_role_not_a_stub(tmp_path, mention):
    g = build(tmp_path, {
        "1.txt": mcps("Transportation Bus Route Supervisor (BRS)", "Route Supervisor II",
                      "Under the direction of the transportation cluster manager, the bus route supervisor (BRS) "
                      "plans routes."),
        "2.txt": mcps("Transportation Cluster Manager", "Cluster Manager", mention, code="2222"),
    })
    brs = g.resolve("Transportation Bus Route Supervisor (BRS)")
    out = edges_from(g, "Transportation Cluster Manager", "SUPERVISES")
    assert brs in out and g.node(brs)["described"]
    assert "BRS" in g.node(brs)["aliases"] and g.resolve("BRS") == brs
    assert "bus route supervisor" not in stubs(g)


def test_own_acronym_of_a_class_the_title_narrows_is_not_an_alias(tmp_path):
    """'Registered Nurse (RN) - Medical-Surgical' is one kind of registered nurse: 'registered nurses' elsewhere
    are not all of that page."""
    g = build(tmp_path, {
        "1.txt": generic("Registered Nurse (RN) - Medical-Surgical", "Reports to: Nurse Manager"),
        "2.txt": generic("Nurse Manager", "Supervises registered nurses."),
    })
    (target, _), = edges_from(g, "Nurse Manager", "SUPERVISES").items()
    assert not g.node(target)["described"]


# ---- plural generic mentions ------------------------------------------------------------------------------------

@pytest.mark.parametrize("mention", ["Supervises principals and the school registrar.",
                                     "Supervises and evaluates principals."])
def test_plural_mention_links_to_the_described_role_of_that_title(tmp_path, mention):
    g = build(tmp_path, {"1.txt": generic("Principal", "Reports to: Community Superintendent"),
                         "2.txt": generic("Community Superintendent", mention)})
    out = edges_from(g, "Community Superintendent", "SUPERVISES")
    principal = g.resolve("Principal")
    assert principal in out and g.node(principal)["described"]
    assert out[principal]["evidence"][0]["resolved"] == "plural"


# ---- names with commas --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", ["Supervises the Consultant, Superintendent of Schools.",
                                      "Provides supervision to the Consultant, Superintendent of Schools and the "
                                      "school registrar."])
def test_a_role_with_a_comma_is_one_role_and_makes_no_false_cycle(tmp_path, sentence):
    g = build(tmp_path, {
        "1.txt": mcps("Superintendent of Schools", "Superintendent", "Serves as the chief executive officer. "
                      "Supervises the Chief of Staff."),
        "2.txt": mcps("Chief of Staff", "Chief", "Under the direction of the Superintendent of Schools, leads staff. "
                      + sentence, code="2222"),
        "3.txt": mcps("Consultant, Superintendent of Schools", "Consultant", "Under the direction of the Chief of "
                      "Staff, advises.", code="3333"),
    })
    out = edges_from(g, "Chief of Staff", "SUPERVISES")
    consultant = g.resolve("Consultant, Superintendent of Schools")
    assert consultant in out and g.resolve("Superintendent of Schools") not in out
    # read whole by the extraction (commas and no "and": one title) or rejoined by the graph
    assert out[consultant]["evidence"][0].get("resolved", "rejoined") == "rejoined"
    assert "consultant" not in stubs(g)
    assert g.check().counts()["cycles"] == 0


@pytest.mark.parametrize("sentence", [
    "This position reports directly to the Director, Division of Financial Reporting and Visual Arts.",
    "Partners with the director, division of financial reporting and visual arts to plan budgets.",
])
def test_a_title_the_loader_cut_is_completed_from_the_sentence(tmp_path, sentence):
    g = build(tmp_path, {
        "1.txt": mcps("Director, Division of Financial Reporting and Visual Arts", "Director", "Leads the division."),
        "2.txt": mcps("Accountant, Financial Reporting", "Accountant", sentence, code="2222"),
    })
    director = g.resolve("Director, Division of Financial Reporting and Visual Arts")
    edges = [e for e in g.edges() if e["source"] == g.resolve("Accountant, Financial Reporting")
             and e["type"] in ("UNDER_DIRECTION_OF", "COLLABORATES_WITH")]
    assert [e["target"] for e in edges] == [director]
    assert edges[0]["evidence"][0]["resolved"] == "completed"
    assert not stubs(g)


@pytest.mark.parametrize("sentence", [
    "Is responsible for supervising the project manager, science instruction and board relations.",
    "Provides supervision to the project manager, science instruction and board relations.",
])
def test_pieces_of_one_title_complete_to_the_longest_title_only(tmp_path, sentence):
    """'project manager' + 'board relations': both pieces of the project manager's title, not of the (shorter)
    manager's title that the second piece reaches too; the manager is the writer's supervisor, so a wrong
    completion would also be a cycle."""
    area = "Science Instruction and Board Relations"
    g = build(tmp_path, {
        "1.txt": mcps(f"Manager, {area}", "Manager", "Leads the section."),
        "2.txt": mcps(f"Project Manager, {area}", "Project Manager", "Plans projects.", code="2222"),
        "3.txt": mcps(f"Data Analyst, {area}", "Data Analyst", f"Under the direction of the Manager, {area}, "
                      "analyses data. " + sentence, code="3333"),
    })
    out = edges_from(g, f"Data Analyst, {area}", "SUPERVISES")
    assert list(out) == [g.resolve(f"Project Manager, {area}")]
    assert edges_from(g, f"Data Analyst, {area}", "UNDER_DIRECTION_OF")[g.resolve(f"Manager, {area}")]
    assert "resolved" not in edges_from(g, f"Data Analyst, {area}", "UNDER_DIRECTION_OF")[
        g.resolve(f"Manager, {area}")]["evidence"][0], "a title with a comma is not a plural mention"
    assert g.check().counts()["cycles"] == 0


@pytest.mark.parametrize("sentence", [
    "Collaborates with the Division of Prekindergarten, Special Programs, and Related Services to plan programs.",
    "Works closely with the Division of Prekindergarten, Special Programs, and Related Services on enrollment.",
])
def test_a_unit_with_commas_stays_whole_where_another_page_names_it_whole(tmp_path, sentence):
    g = build(tmp_path, {
        "1.txt": mcps("Coordinator, Early Learning", "Coordinator", "This position is located in the Division of "
                      "Prekindergarten, Special Programs, and Related Services (DPSPRS)."),
        "2.txt": mcps("Specialist, Enrollment", "Specialist", sentence, code="2222"),
    })
    units = {n["name"] for n in g.nodes("Unit")}
    assert "Division of Prekindergarten, Special Programs, and Related Services" in units
    assert not {"Special Programs", "Related Services", "Division of Prekindergarten"} & units


@pytest.mark.parametrize("sentence", ["Supervises the consultant, the superintendent and the principal.",
                                      "Supervises the Consultant, the Superintendent of Schools and the Principal."])
def test_a_real_list_stays_a_list(tmp_path, sentence):
    g = build(tmp_path, {
        "1.txt": mcps("Consultant, Superintendent of Schools", "Consultant", "Advises."),
        "2.txt": mcps("Chief of Staff", "Chief", sentence, code="2222"),
    })
    assert len(edges_from(g, "Chief of Staff", "SUPERVISES")) == 3


# ---- the graph file: valid, and the RDF export keeps the resolution ---------------------------------------------

def test_resolution_notes_survive_the_graph_file_and_rdf(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "1.txt").write_text(mcps("Transportation Bus Route Supervisor", "Bus Route Supervisor", "Plans routes."))
    (d / "2.txt").write_text(mcps("Transportation Cluster Manager", "Cluster Manager",
                                  "Supervises bus route supervisors.", code="2222"))
    run = lambda *a: subprocess.run([sys.executable, "-m", "orgkg", *a], capture_output=True, text=True)  # noqa: E731
    out = tmp_path / "org.json"
    assert run("build", str(d), "-o", str(out)).returncode in (0, 1)
    v = run("validate", str(out))
    assert v.returncode == 0, v.stdout + v.stderr
    data = json.loads(out.read_text())
    ev = [e for e in data["edges"] if e["type"] == "SUPERVISES"][0]["evidence"][0]
    assert ev["resolved"] == "official-title" and ev["mention"] == "bus route supervisors"
    assert run("export", str(out), "--format", "ttl", "-o", str(tmp_path / "org.ttl")).returncode == 0
    assert run("import", str(tmp_path / "org.ttl"), "-o", str(tmp_path / "back.json")).returncode == 0
    back = json.loads((tmp_path / "back.json").read_text())
    assert back["edges"] == data["edges"]


# ---- a synthetic organisation: titles with commas through a real build --------------------------------------------

def _subtrees(org, min_docs: int) -> list:
    """The roles of the top office and of whole divisions (level 4) with sections whose area has an 'and'
    ('Manager, Science Instruction and Board Relations'), until `min_docs` roles: every supervisor described."""
    kids: dict = {}
    for i, u in enumerate(org.units):
        kids.setdefault(u.parent, []).append(i)

    def tree(i: int) -> list[int]:
        return [i] + [k for c in kids.get(i, []) for k in tree(c)]

    picked = {0}
    for i, u in enumerate(org.units):
        if u.level == 4 and sum(org.units[k].level >= 5 and " and " in org.units[k].area for k in tree(i)) >= 3:
            picked |= {*tree(i), u.parent}
        if sum(r.unit in picked for r in org.roles) > min_docs:
            break
    return [r for r in org.roles if r.unit in picked]


def test_synthetic_titles_with_commas_make_no_stub_and_no_false_cycle(tmp_path):
    """Before resolution rejoined and completed cut titles, this corpus (327 documents) had 2 false cycles and
    79 % of its reporting lines to comma titles right; 'Consultant, Superintendent of Schools' became a stub
    'Consultant' and a line to the superintendent."""
    import random

    from orgkg.graph.ids import node_id
    from orgkg.synth.org import generate
    from orgkg.synth.writer import render

    org = generate(6000, 1)
    d = tmp_path / "syn"
    d.mkdir()
    want = set()
    for r in _subtrees(org, 300):
        text, gold = render(org, r, random.Random(f"{org.seed}:{r.code}"))
        (d / r.doc).write_text(text, encoding="utf-8")
        want |= {(r.id, x["type"], node_id("Role", x["target"])) for x in gold["relations"]
                 if x["type"] in ("UNDER_DIRECTION_OF", "SUPERVISES") and "," in x["target"] and not x.get("source")}
    g = orgkg.build([d])
    got = {(e["source"], e["type"], e["target"]) for e in g.edges()}
    assert len(want) > 200 and len(want & got) / len(want) >= 0.9
    assert g.check().counts()["cycles"] == 0
    assert g.node(g.resolve("Consultant, Superintendent of Schools"))["described"]
    # reporting lines to the first piece of a cut title (25 before; one left, to a head outside these divisions)
    pieces = [e for e in got if e[1] in ("UNDER_DIRECTION_OF", "SUPERVISES")
              and e[2] in ("role:consultant", "role:manager", "role:specialist", "role:coordinator")]
    assert len(pieces) < 0.01 * len(want), pieces

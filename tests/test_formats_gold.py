"""Titles, header fields and warnings on job pages in the formats real sites serve (tests/data/formats, with
answers in tests/data/formats/gold): job boards with menus and cookie banners, PDF text with running headers,
flattened tables, label blocks, class specifications, NHS person specifications, HTML, PDF and Word files,
and pages that are only navigation.

Run as a script for the figures: `python tests/test_formats_gold.py` prints title and header accuracy and
the relations' micro-F1 (the relations with the reference scorer when ../shared/eval/score.py is there).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from orgkg.loaders import load_file
from orgkg.loaders.warnings import code

FORMATS = Path(__file__).resolve().parent / "data" / "formats"
GOLD = sorted((FORMATS / "gold").glob("*.json"))
# pages written before the rules they exercise were tuned on them; the b3- to b6- pages were written and answered
# blind (gold first, then the first run), so they are held to the done-when thresholds of the unseen sets, not
# page by page
BLIND = [g for g in GOLD if g.stem.startswith(("b3-", "b4-", "b5-", "b6-"))]
TUNED = [g for g in GOLD if g not in BLIND]
FIELDS = ("working_title", "official_title", "code", "grade", "months", "overtime_eligible")


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace("\u2019", "'").replace("the ", " ").split()).rstrip("s")


def test_the_folder_holds_pages_of_many_formats():
    kinds = {Path(_gold(g)["doc"]).suffix for g in GOLD}
    assert len(GOLD) >= 25 and {".txt", ".html", ".pdf", ".docx"} <= kinds


@pytest.mark.parametrize("gold", TUNED, ids=lambda g: g.stem)
def test_title_and_header_fields(gold):
    g = _gold(gold)
    ex = load_file(FORMATS / g["doc"])
    got = {f: ex.role.get(f) for f in FIELDS}
    assert got == g["role"]
    if g["role"]["working_title"] is None:  # only navigation: said so, and nothing read from it
        assert {code(w) for w in ex.warnings} == {"navigation", "no-title"}
        assert ex.relations == [] and ex.competencies == []
    else:
        assert "navigation" not in {code(w) for w in ex.warnings}


def test_blind_pages_titles_and_header_fields():
    """Titles (compared as the scorer does, ignoring case) and header fields on at least 85 % of the blind pages,
    the bar the unseen sets must clear; a page of navigation never passes a title off as one."""
    right = {f: 0 for f in FIELDS}
    stated = {f: 0 for f in FIELDS}
    for gold in BLIND:
        g = _gold(gold)
        ex = load_file(FORMATS / g["doc"])
        assert "navigation" not in {code(w) for w in ex.warnings}
        for f in FIELDS:
            want, have = g["role"][f], ex.role.get(f)
            if want is not None:
                stated[f] += 1
                right[f] += (have or "").lower() == want.lower() if isinstance(want, str) else have == want
    assert len(BLIND) >= 30
    assert all(right[f] >= 0.85 * stated[f] for f in FIELDS), (right, stated)


def test_supervisors_found_and_no_others():
    """The described role's supervisors over the tuned pages: labelled fields and reporting sentences."""
    _supervisors(TUNED, 0.95, 0.9)


def test_blind_pages_supervisors():
    """The same over the blind pages, above the bar of the unseen other-organisation sets (micro-F1 0.65): most of
    what they miss are reporting sentences of shapes the relation rules do not read yet ("report to X and
    supervise Y", "serves at the pleasure of")."""
    _supervisors(BLIND, 0.8, 0.75)


def _supervisors(golds: list[Path], recall: float, precision: float) -> None:
    want, got = set(), set()
    for gold in golds:
        g = _gold(gold)
        ex = load_file(FORMATS / g["doc"])
        want |= {(g["doc"], _norm(r["target"])) for r in g["relations"] if r["type"] == "UNDER_DIRECTION_OF"
                 and not r.get("source") and not r.get("optional")}
        got |= {(g["doc"], _norm(r.target)) for r in ex.relations if r.type == "UNDER_DIRECTION_OF" and r.source is None}
        if "no-reporting-line" in {code(w) for w in ex.warnings}:
            assert not {r.target for r in ex.relations if r.type == "UNDER_DIRECTION_OF" and r.source is None}
    assert len(want & got) / len(want) >= recall and len(want & got) / len(got) >= precision, (want - got, got - want)


def figures() -> dict:
    """Title and header accuracy over the pages with a gold answer, and how many pages give competencies."""
    right = {f: 0 for f in FIELDS}
    comps = 0
    rows = []
    for gold in GOLD:
        g = _gold(gold)
        ex = load_file(FORMATS / g["doc"])
        for f in FIELDS:
            right[f] += ex.role.get(f) == g["role"][f]
        comps += bool(ex.competencies)
        if ex.role.get("working_title") != g["role"]["working_title"]:
            rows.append(f"  title {g['doc']}: {ex.role.get('working_title')!r} (want {g['role']['working_title']!r})")
    n = len(GOLD)
    return {"documents": n, **{f: round(right[f] / n, 3) for f in FIELDS}, "with competencies": comps,
            "wrong titles": rows}


if __name__ == "__main__":
    import subprocess

    fig = figures()
    wrong = fig.pop("wrong titles")
    print(json.dumps(fig))
    print("\n".join(wrong))
    scorer = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
    scorer = scorer if scorer.exists() else Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
    if scorer.exists():
        out = subprocess.run([sys.executable, "-m", "orgkg", "extract", *[str(FORMATS / _gold(g)["doc"]) for g in GOLD],
                              "--format", "jsonl"], capture_output=True, text=True, check=False).stdout
        tmp = Path("/tmp") / "orgkg-formats.jsonl"
        tmp.write_text(out)
        res = subprocess.run([sys.executable, str(scorer), str(FORMATS / "gold"), str(tmp), *sys.argv[1:]],
                             capture_output=True, text=True, check=False)
        print(res.stdout)


_FURNITURE = re.compile(r"\bpage \d+ of \d+\b|\u00a9|\bprivacy\b|\bapply\b|\*$|\bpowered by\b|\bsimilar jobs\b|\bcookies?\b"
                        r"|\b\d{5}\b|^(?:agency|address|website)$|\bsign in\b", re.IGNORECASE)


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g.stem)
def test_competencies_are_items_not_page_furniture(gold):
    g = _gold(gold)
    ex = load_file(FORMATS / g["doc"])
    names = [c.name for c in ex.competencies]
    assert not [n for n in names if _FURNITURE.search(n)]
    assert all(len(n.split()) <= 25 for n in names)  # an item, not a paragraph
    if g["role"]["working_title"] and g["doc"].endswith(".txt"):
        original = (FORMATS / g["doc"]).read_text(encoding="utf-8")
        # a qualification section gives items (the blind pages' shortest holds one line)
        assert len(names) >= (1 if gold in BLIND else 2) or not {"ksa", "education"} & set(ex.sections)
        for c in ex.competencies:  # never cut inside a word
            a, b = c.evidence.start, c.evidence.end
            assert not (a > 0 and original[a - 1].isalnum() and original[a].isalnum())
            assert not (b < len(original) and original[b - 1].isalnum() and original[b].isalnum())

"""What the build carries from extraction: per-document warnings (printed, counted by code), each relation's
confidence (the edge keeps the highest of its statements'), and an evidence's locator."""

from __future__ import annotations

import json

from orgkg.commands.build import warning_counts
from orgkg.graph.merge import Records, merge
from orgkg.loaders.model import Evidence, Extraction, Relation


def _ex(doc: str, warnings: list[str], relations: list[Relation] = ()) -> Extraction:
    return Extraction(doc=doc, path=f"/in/{doc}", format="generic", role={"working_title": f"Role {doc}"},
                      relations=list(relations), warnings=warnings)


def _rel(doc: str, start: int, confidence: float, locator: str | None = None) -> Relation:
    ev = Evidence(doc, "summary", "Works under the direction of the Director.", start, start + 40, "r", locator)
    return Relation("UNDER_DIRECTION_OF", "Director", "Role", ev, confidence=confidence)


def test_an_edge_keeps_the_highest_confidence_and_the_locator():
    rec = merge([_ex("a.txt", [], [_rel("a.txt", 0, 0.6, "page 2"), _rel("a.txt", 50, 0.9), _rel("a.txt", 90, 0.7)])])
    edge = rec.edges[("role:role-a-txt", "role:director", "UNDER_DIRECTION_OF")]
    assert edge["confidence"] == 0.9 and len(edge["evidence"]) == 3
    assert edge["evidence"][0]["locator"] == "page 2" and "locator" not in edge["evidence"][1]
    r = Records()
    r.add_edge("role:a", "role:b", "SUPERVISES", None)
    assert "confidence" not in r.edges[("role:a", "role:b", "SUPERVISES")]  # no statement, no confidence


def test_warnings_are_counted_by_code():
    got = warning_counts([("a", "no-title: x"), ("b", "navigation: y"), ("c", "no-title: z"), ("d", "loose text")])
    assert got == {"no-title": 2, "navigation": 1, "other": 1}


def test_build_and_extract_print_each_document_warning(tmp_path, sample_paths, monkeypatch, capsys):
    """Warnings as the loaders put them (the loaders' own rules are tested with them): one stderr line per
    document and warning, counted by code in the summary; none with --quiet; `extract` prints them too."""
    from orgkg.cli import main
    from orgkg.loaders import pipeline

    real = pipeline.run

    def run(ex, rep, sections):
        ex = real(ex, rep, sections)
        ex.warnings += ["no-title: the page has no title line", "navigation: a menu was dropped"][: 1 + len(ex.doc) % 2]
        return ex

    monkeypatch.setattr(pipeline, "run", run)
    out = str(tmp_path / "o.json")
    assert main(["build", *map(str, sample_paths), "-o", out, "--no-cache"]) == 0
    got = capsys.readouterr()
    lines = [x for x in got.err.splitlines() if x.startswith("orgkg: ")]
    want = [f"orgkg: {p}: {w}" for p in sample_paths
            for w in ["no-title: the page has no title line", "navigation: a menu was dropped"][: 1 + len(p.name) % 2]]
    assert lines == want
    n_nav = sum(len(p.name) % 2 for p in sample_paths)
    counts = f"no-title {len(sample_paths)}" + (f", navigation {n_nav}" if n_nav else "")
    assert f"warnings: {len(want)} ({counts})" in got.out
    assert main(["build", *map(str, sample_paths), "-o", out, "--no-cache", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["extract", str(sample_paths[0])]) == 0
    got = capsys.readouterr()
    assert f"orgkg: {sample_paths[0]}: no-title: the page has no title line" in got.err.splitlines()
    assert json.loads(got.out)["warnings"][0].startswith("no-title: ")

"""Synthetic descriptions: deterministic, in the MCPS layout, with gold that matches the text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from orgkg.synth.corpus import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("syn")
    info = write_corpus(400, 5, out)
    return out, info


def test_same_seed_same_files(corpus, tmp_path):
    out, _ = corpus
    write_corpus(400, 5, tmp_path)
    names = sorted(p.name for p in out.glob("*.txt"))
    assert names == sorted(p.name for p in tmp_path.glob("*.txt")) and len(names) == 400
    for n in names[::37]:
        assert (out / n).read_bytes() == (tmp_path / n).read_bytes()
    assert (out / "truth.json").read_bytes() == (tmp_path / "truth.json").read_bytes()


def test_layout_gold_and_quirks(corpus):
    out, info = corpus
    truth = json.loads((out / "truth.json").read_text())
    assert len(truth) == 400 and info.truncated > 0 and info.quirky > 0
    for g in truth:
        text = (out / g["doc"]).read_text(encoding="utf-8")
        assert json.loads((out / "gold" / (g["doc"][:-4] + ".json")).read_text()) == g
        r = g["role"]
        assert f"OFFICIAL TITLE: {r['official_title']} CODE: {r['code']} SQ/OQ: " in text
        assert f"WORKING TITLE: {r['working_title']} GRADE: {r['grade']} MONTHS: {r['months']}" in text
        assert "SUMMARY DESCRIPTION OF CLASSIFICATION:" in text
        assert text.endswith("This description may be changed at any time.") != g["truncated"]
        if g["quirk"]:
            assert "'" not in text and ("\u00bf" in text or g["truncated"])
        acr = {a["alias"]: a["name"] for a in g["aliases"]}
        for a, name in acr.items():
            assert f"{name} ({a})" in text
        low = text.lower()
        for rel in g["relations"]:
            assert set(rel) <= {"type", "target", "source"}
            named = rel["target"].lower() in low or any(n == rel["target"] and a in text for a, n in acr.items())
            assert named, (g["doc"], rel)


def test_wording_varies(corpus):
    out, _ = corpus
    openings = set()
    for p in sorted(out.glob("*.txt"))[:200]:
        summary = p.read_text(encoding="utf-8").split("SUMMARY DESCRIPTION OF CLASSIFICATION: ", 1)[1]
        openings.add(" ".join(summary.split()[:3]))
    assert len(openings) >= 8


def test_cli_writes_and_refuses_a_full_directory(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "orgkg", *a], capture_output=True, text=True)  # noqa: E731
    ok = run("synth", "--roles", "20", "--seed", "1", "-o", str(tmp_path / "s"))
    assert ok.returncode == 0, ok.stderr
    assert len(list((tmp_path / "s").glob("*.txt"))) == 20 and len(list((tmp_path / "s" / "gold").glob("*.json"))) == 20
    again = run("synth", "--roles", "20", "-o", str(tmp_path / "s"))
    assert again.returncode == 2 and "already holds descriptions" in again.stderr and "Traceback" not in again.stderr
    bad = run("synth", "--roles", "0", "-o", str(tmp_path / "t"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1

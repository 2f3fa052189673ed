"""phrases._may_name is a shortcut: it may say True where no name is, never False where targets would find one."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgkg.loaders import phrases
from orgkg.loaders.acronyms import find_acronyms
from orgkg.loaders.phrases import _may_name, _tokens, targets
from orgkg.loaders.segment import sentences
from orgkg.loaders.text import repair

SHARED = Path("/work/shared")
SAMPLES = Path(__file__).resolve().parent.parent / "orgkg" / "samples"


def _texts() -> list[Path]:
    found = sorted(SAMPLES.glob("*.txt"))
    for d in (SHARED / "seeds", SHARED / "corpus", SHARED / "eval" / "generic" / "raw"):
        found += sorted(d.glob("*.txt")) if d.is_dir() else []
    return found


def test_spans_that_name_nobody_are_skipped():
    for phrase in ("the development of curricula and assessments.", "budgets, contracts and schedules",
                   "day-to-day operations and their budgets"):
        assert not _may_name(_tokens(phrase, 0, len(phrase)), {})
        assert targets(phrase, 0, len(phrase), {}) == []


@pytest.mark.parametrize("phrase, name", [
    ("the Payroll Unit and its clerks.", "Payroll Unit"),
    ("two senior accountants.", "senior accountants"),
    ("the dssem staff", "dssem staff"),
    ("the local police force", "local police force"),
])
def test_spans_that_name_someone_are_read(phrase, name):
    assert _may_name(_tokens(phrase, 0, len(phrase)), {})
    assert name in [t.name for t in targets(phrase, 0, len(phrase), {})]


def test_an_acronym_expansion_in_lower_case_is_a_name():
    phrase = "the office of records"
    assert _may_name(_tokens(phrase, 0, len(phrase)), {"OOR": "office of records"})


def test_never_false_where_targets_find_a_name(monkeypatch):
    """Every fourth word start of every sentence of the sample, seed, corpus and generic pages, read with the
    shortcut and without it: the targets must be the same."""
    files = _texts()
    assert files
    spans = []
    for f in files:
        rep = repair(f.read_text(encoding="utf-8", errors="replace"))
        text = rep.text
        acr = {s: full for s, full, _a, _b in find_acronyms(text)}
        for s0, s1 in sentences(text, 0, len(text)):
            starts = [t[2] for t in _tokens(text, s0, s1)][::4]
            spans += [(text, a, s1, acr) for a in starts]
    with_shortcut = [[(t.name, t.type) for t in targets(x, a, b, acr, lc, lc)]
                     for x, a, b, acr in spans for lc in (False, True)]
    monkeypatch.setattr(phrases, "_may_name", lambda toks, acronyms: True)
    without = [[(t.name, t.type) for t in targets(x, a, b, acr, lc, lc)] for x, a, b, acr in spans for lc in (False, True)]
    assert len(spans) > 1000
    assert with_shortcut == without

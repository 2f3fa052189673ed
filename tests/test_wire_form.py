"""The wire form (loaders.model.pack/unpack) that `--jobs` workers and the cache move extractions in."""

from __future__ import annotations

import pickle
from dataclasses import fields

from orgkg.loaders import load_file
from orgkg.loaders.model import Alias, Competency, Evidence, Extraction, Relation, pack, unpack


def _distinct(cls, tag: str):
    """An instance of `cls` whose every field holds a value no other field holds: a field `pack` forgets,
    or two it swaps, cannot go unnoticed."""
    vals = {}
    for i, f in enumerate(fields(cls)):
        if f.name == "evidence":
            vals[f.name] = _distinct(Evidence, f"{tag}.{i}")
        elif cls is Evidence and f.name in ("start", "end"):
            vals[f.name] = 100 * i + len(tag)
        else:
            vals[f.name] = f"{tag}.{f.name}"
    return cls(**vals)


def test_every_field_of_every_class_survives():
    ex = _distinct(Extraction, "x")
    ex.role = {"working_title": "A", "months": 12, "x": None}
    ex.sections = {"summary": (3, 40), "ksa": (41, 90)}
    ex.relations = [_distinct(Relation, "r1"), _distinct(Relation, "r2")]
    ex.aliases = [_distinct(Alias, "a1"), Alias("B", "Bee", None)]
    ex.competencies = [_distinct(Competency, "c1")]
    ex.dates = {"established": "2001-01-01", "revised": None}
    ex.missing = ["education"]
    ex.truncated = True
    ex.warnings = ["w"]
    assert len(fields(Extraction)) == len(pack(ex))
    back = unpack(pack(ex))
    assert back == ex and back is not ex
    assert back.relations[0].evidence == ex.relations[0].evidence and back.aliases[1].evidence is None


def test_real_extractions_cross_a_pickle_exactly(sample_paths):
    for p in sample_paths:
        ex = load_file(p)
        assert unpack(pickle.loads(pickle.dumps(pack(ex), protocol=pickle.HIGHEST_PROTOCOL))) == ex

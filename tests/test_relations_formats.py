"""Short job descriptions in other organisations' formats (tests/data/prose/, written for these tests: a transit
authority, a court, a utility, a library, a start-up, a state health department, a police department, an NHS
trust, a university, a shelter, an Australian council, a retailer), each with the relations a careful reader
takes from it (`expected`) and readings that would be wrong (`absent`). They check that the relation rules
generalise beyond the development sets the rules were tuned on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgkg.loaders import load_file

DATA = Path(__file__).parent / "data" / "prose"
DOCS = sorted(p.stem for p in DATA.glob("*.json"))


def keys(doc: str) -> set[tuple[str, str, str]]:
    """(type, target, source or '' for the described role), lower-cased, of the document's relations."""
    ex = load_file(DATA / f"{doc}.txt")
    own = (ex.role_name or "").lower()
    out = set()
    for r in ex.relations:
        source = (r.source or "").lower()
        out.add((r.type, r.target.lower(), "" if source == own else source))
    return out


def wanted(items: list[list[str]]) -> set[tuple[str, str, str]]:
    return {(typ, target.lower(), source.lower()) for typ, target, *rest in items for source in (rest or [""])}


def test_there_are_ten_formats_or_more():
    assert len(DOCS) >= 10


@pytest.mark.parametrize("doc", DOCS)
def test_expected_relations_are_found(doc):
    spec = json.loads((DATA / f"{doc}.json").read_text())
    got = keys(doc)
    assert wanted(spec["expected"]) - got == set()
    assert wanted(spec["absent"]) & got == set()

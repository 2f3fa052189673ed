"""A labelled field's value ending with a full stop is still a list when nothing in it is a verb or a relation
word; a sentence in a field is read by the relation rules."""

from __future__ import annotations

import pytest

from orgkg.loaders import extract_text

HEAD = "Job Title: Program Analyst\nReports to: Program Director\n\n"


def _targets(text: str, kind: str) -> set[str]:
    return {r.target for r in extract_text(text, "t.txt", format="generic").relations if r.type == kind}


@pytest.mark.parametrize("line, names", [
    ("Key working relationships: Finance Department, the Budget Office and the Mayor's Office.",
     {"Finance Department", "Budget Office", "Mayor's Office"}),
    ("Key contacts: the Office of the Clerk, the Records Unit and the City Attorney.",
     {"Office of the Clerk", "Records Unit", "City Attorney"}),
])
def test_a_list_with_a_full_stop_gives_each_name(line, names):
    assert names <= _targets(HEAD + line + "\n\nDuties\nAnalyses programs.\n", "COLLABORATES_WITH")


def test_a_sentence_in_a_field_is_read_as_prose():
    text = ("Job Title: Fleet Supervisor\nSupervision Exercised: Directly supervises the mechanics of the "
            "Fleet Maintenance Section on the night shift.\n\nDuties\nRepairs vehicles.\n")
    got = _targets(text, "SUPERVISES")
    assert got and all("night shift" not in t for t in got)

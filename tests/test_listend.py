"""Where a list of names ends: a participle ends it after a name, unless it sits inside a capitalised name."""

from __future__ import annotations

import pytest

from orgkg.loaders.relations import apply_rules


def _names(text: str) -> list[str]:
    return [t.name for _, t, _, _ in apply_rules(text, 0, len(text), {})]


@pytest.mark.parametrize("text, name", [
    ("Chairs the Capital Projects Working Group.", "Capital Projects Working Group"),
    ("Supervises the Staff Training Unit.", "Staff Training Unit"),
    ("Works with the Districtwide Planning Team on budgets.", "Districtwide Planning Team"),
    ("Coordinates with the Office of Finance Processing Center.", "Office of Finance Processing Center"),
])
def test_a_capitalised_participle_inside_a_name_goes_on(text, name):
    assert name in _names(text)


@pytest.mark.parametrize("text, name", [
    ("Works with the Finance Office regarding budgets prepared by schools.", "Finance Office"),
    ("Collaborates with the Payroll Unit serving all schools.", "Payroll Unit"),
])
def test_a_participle_after_a_name_ends_it(text, name):
    assert _names(text) == [name]


@pytest.mark.parametrize("text, name", [
    ("Oversees the work of the Custodial Services Division.", "Custodial Services Division"),
    ("The coordinator oversees the activities of the Volunteer Office.", "Volunteer Office"),
])
def test_oversees_the_work_of_a_unit_supervises_the_unit(text, name):
    assert _names(text) == [name]

"""The relation rules as data: every rule checked at import, a malformed one named in its error."""

from __future__ import annotations

import re

import pytest

from orgkg.loaders.relations import apply_rules, prefilter
from orgkg.loaders.rules import RULES, Rule, RuleError, check, checked, required_literals, required_sets
from orgkg.ontology.schema import SUPERVISES, UNDER_DIRECTION_OF


def test_every_rule_is_compiled_and_named():
    assert RULES and all(isinstance(r.pattern, re.Pattern) and r.keys for r in RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("bad, problem", [
    (Rule("sup.broken", SUPERVISES, r"\bsupervises\s+(?:"), "no regex"),
    (Rule("sup.typo", "SUPERVISE", r"\bsupervises\s+"), "unknown relation type"),
    (Rule("sup.empty", SUPERVISES, r"(?:x)?"), "empty string"),
    (Rule("Sup Bad Name", SUPERVISES, r"\bsupervises\s+"), "name"),
    (Rule("sup.sure", SUPERVISES, r"\bsupervises\s+", confidence=1.5), "confidence"),
    (Rule("sup.kind", SUPERVISES, r"\bsupervises\s+", allowed=("Competency",)), "allowed"),
    (Rule("sup.nokey", SUPERVISES, r"\b\w+\s+of\s+"), "literal word"),
])
def test_a_malformed_rule_fails_with_its_name(bad, problem):
    with pytest.raises(RuleError) as e:
        check(bad)
    assert repr(bad.name) in str(e.value) and problem in str(e.value)


def test_a_name_used_twice_fails():
    with pytest.raises(RuleError, match="'udo.twice'"):
        checked((Rule("udo.twice", UNDER_DIRECTION_OF, r"\breports\s+to\s+"),
                 Rule("udo.twice", UNDER_DIRECTION_OF, r"\banswers\s+to\s+")))


def test_required_literals_hold_in_every_match():
    assert set(required_literals(r"\b(?:leads|heads)\s+")) == {"leads", "heads"}
    assert required_literals(r"\bsupervis(?:es|e|ing)\b") == ("supervis",)
    for rule in RULES:  # the prefilter skips a clause only when the regex cannot match it
        for text in ("Supervises the Payroll Unit", "Works closely with the Office of Finance",
                     "under the general direction of the Director", "serves on the Safety Committee"):
            for m in rule.pattern.finditer(text):
                assert any(k in m.group(0).lower() for k in rule.keys), (rule.name, m.group(0))


def test_every_required_set_holds_in_every_match():
    """The clause prefilter needs a literal of each of a rule's sets: each must be in every match, the
    look-ahead's text included (read after the match), over phrasings of every rule family."""
    assert required_sets(r"\bwill\s+report\s+to\s+") == (frozenset({"will"}), frozenset({"report"}))
    assert required_sets(r"\bserves\s+on\s+(?=the\s+\w+\s+(?:committee|board))") == (
        frozenset({"serves"}), frozenset({"the"}), frozenset({"committee", "board"}))
    texts = ("Supervises the Payroll Unit", "Works closely with the Office of Finance",
             "under the general direction of the Director", "serves on the Safety Committee",
             "will typically report to a Captain", "receives technical and functional supervision from the Chief",
             "manages a team of 12 engineers", "chairs the Budget Review Board", "is responsible to the Board",
             "serving at the pleasure of the Mayor", "establishes strong working relationships with the Union",
             "is located in the Fiscal Services Division", "provides oversight for the offices of A, B and C",
             "directly supervises, coaches, and evaluates staff", "in close consultation with the Dean",
             "supervision is provided by the Director", "leads the work of the offices of Planning and Design")
    fired = 0
    for rule in RULES:
        for text in texts:
            for m in rule.pattern.finditer(text):
                fired += 1
                words = text[m.start():].lower().split()
                for lits in required_sets(rule.trigger):
                    assert any(k in w for w in words for k in lits), (rule.name, text, sorted(lits))
    assert fired >= len(texts)


def test_adding_a_rule_is_one_entry(monkeypatch):
    import orgkg.loaders.relations as rel

    text = "The analyst answers to the Budget Director."
    assert not any(t.name == "Budget Director" for _, t, _, _ in apply_rules(text, 0, len(text), {}))
    extra = check(Rule("udo.answers_to", UNDER_DIRECTION_OF, r"\banswers\s+to\s+"))
    monkeypatch.setattr(rel, "RULES", rel.RULES + (extra,))
    got = [(r.name, t.name) for r, t, _, _ in apply_rules(text, 0, len(text), {})]
    assert ("udo.answers_to", "Budget Director") in got


def test_the_prefilter_finds_every_literal_a_word_holds():
    pf = prefilter(RULES)
    per_rule = [required_sets(r.trigger) or (frozenset(r.keys),) for r in RULES]
    sets = [own[0] for own in per_rule] + [extra for own in per_rule for extra in own[1:]]
    words = ("supervises", "co-supervises,", "leadership", "collaboratively", "reports", "(reporting", "the",
             "which", "overseen", "community", "xyz", "participants", "partnering", "liaises.")
    for w in words:
        want = sum(1 << j for j, lits in enumerate(sets) if any(k in w for k in lits))
        assert pf.words[w] == want, w

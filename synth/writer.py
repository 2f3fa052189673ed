"""Synthetic class descriptions in the MCPS layout, each with its gold answer.

A description states the facts `org.generate` recorded for its role, in varied wordings and orders
(see phrasing.py). The gold object lists only what the text actually says: a truncated page loses the
relations after the cut, and an acronym counts as an alias only where the page defines it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from orgkg.ontology.schema import UNIT

from . import phrasing as P
from . import vocab
from .org import Fact, Org, Role

_HEADER = ("] Office of Human Resources - Montgomery County Public Schools\n\n"
           "OFFICE OF HUMAN RESOURCES AND DEVELOPMENT \u2192 CLASSIFICATION \u2192 {upper}\n\n"
           "Sorted by job title: A - C | D - H | I - Q | R - Z\n\n{name}\n\n"
           "MONTGOMERY COUNTY PUBLIC SCHOOLS CLASS DESCRIPTION\n")
_FOOTER = "\nClass Established: {est}\nDate(s) Revised: {rev}\nLast Reviewed:\n\nThis description may be changed at any time."
_OTHER = ("Other combinations of applicable education, training, and experience which provide the knowledge, "
          "abilities, and skills necessary to perform effectively in the position may be considered.")


@dataclass
class _Rel:
    type: str
    target: str
    end: int  # offset just past the last mention the relation needs
    source: str | None = None


@dataclass
class _Doc:
    """Text under construction plus the relations and aliases it states, with offsets."""

    rng: random.Random
    org: Org
    parts: list[str] = field(default_factory=list)
    pos: int = 0
    rels: list[_Rel] = field(default_factory=list)
    aliases: dict[str, tuple[str, int]] = field(default_factory=dict)  # acronym -> (name, offset defined)

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def mention(self, name: str, ttype: str, at: int) -> str:
        """'the X', 'the X (XA)' on first use of an acronym, or 'XA' afterwards."""
        acr = self.org.acronym.get(name) if ttype == UNIT else None
        if acr:
            if acr in self.aliases:
                if self.rng.random() < 0.6:
                    return acr
            elif self.rng.random() < 0.8:
                m = f"the {name} ({acr})"
                self.aliases[acr] = (name, at + len(m))
                return m
        if ttype != UNIT and self.rng.random() < 0.12:
            return "the " + name.lower()
        return "the " + name

    def sentence(self, template: str, facts: list[Fact], **kw) -> None:
        """Fill `template` ({t} targets, {s} a unit source) and record the facts it states."""
        start = self.pos + (1 if self.parts and not self.parts[-1].endswith((" ", "\n")) else 0)
        if start > self.pos:
            self.add(" ")
        order = sorted(("t" if k == "t" else "s", template.index("{" + k + "}")) for k in ("t", "s")
                       if "{" + k + "}" in template)
        order.sort(key=lambda x: x[1])
        fills: dict[str, str] = {}
        ends: dict[str, int] = {}
        for key, _ in order:
            head = template[:template.index("{" + key + "}")]
            offset = start + len(_fill(head, {**kw, **fills, **{k: "" for k in ("t", "s") if k not in fills}}))
            if key == "t":
                pieces, at = [], offset
                for i, f in enumerate(facts):
                    joiner = "" if i == 0 else (" and " if i == len(facts) - 1 else ", ")
                    at += len(joiner)
                    m = self.mention(f.target, f.target_type, at)
                    at += len(m)
                    pieces.append(joiner + m)
                    ends[f.target] = at
                fills["t"] = "".join(pieces)
            else:
                f = facts[0]
                fills["s"] = self.mention(f.source, UNIT, offset)
                ends["\0source"] = offset + len(fills["s"])
        text = _fill(template, {**kw, **fills})
        text = text[0].upper() + text[1:]
        self.add(text)
        for f in facts:
            end = max(ends.get(f.target, self.pos), ends.get("\0source", 0))
            self.rels.append(_Rel(f.type, f.target, end, f.source))


def _fill(template: str, kw: dict) -> str:
    return template.format_map(_Blank(kw))


class _Blank(dict):
    def __missing__(self, key):
        return ""


def _clauses(rng: random.Random, role: Role, org: Org) -> dict[str, str]:
    area = org.units[role.unit].area
    low = " ".join(w if w.isupper() else w.lower() for w in area.split())
    obj = rng.choice(P.OBJECTS)
    return {"d": f"{rng.choice(P.VERBS)} {low} {obj}", "dd": f"{rng.choice(P.VERBS)} {low} {obj}",
            "i": f"{rng.choice(P.INFS)} {low} {rng.choice(P.OBJECTS)}", "x": low}


def render(org: Org, role: Role, rng: random.Random, truncate: bool = False, quirk: bool = False) -> tuple[str, dict]:
    """One description and its gold object (the random draws in a fixed order: a seed gives the same files)."""
    d = _Doc(rng, org)
    d.add(_HEADER.format(upper=role.name.upper(), name=role.name))
    sq = rng.choice(("Not Applicable", "Not Applicable", "Optimal Qualified", "Standard Qualified"))
    d.add(f"OFFICIAL TITLE: {role.official_title} CODE: {role.code} SQ/OQ: {sq}\n")
    d.add(f"WORKING TITLE: {role.name} GRADE: {role.grade} MONTHS: {role.months}\n")
    d.add("SUMMARY DESCRIPTION OF CLASSIFICATION: ")
    summary_start = d.pos
    kw = lambda: _clauses(rng, role, org)  # noqa: E731 - fresh wording for every sentence
    in_duties = _summary(d, role, rng, kw)
    ot_at = _requirements(d, org, role, rng)
    _duties(d, rng, kw, in_duties)
    d.add("Performs related work as required.\n")
    d.add(_FOOTER.format(est=role.established, rev=rng.choice(("", "", f"7/{2010 + role.months}"))))
    text = "".join(d.parts)
    cut = len(text)
    if truncate:
        lo = summary_start + 40
        cut = text.rfind(" ", lo, lo + int(rng.random() * (len(text) - lo) * 0.9) + 1)
        cut = cut if cut > lo else lo
        text = text[:cut]
    if quirk:
        text = text.replace("'", "\u00bf").replace("\u2019", "\u00bf").replace("\u201312", "\u00bf12")
    return text, _gold(d, role, cut, ot_at, truncate)


def _summary(d: _Doc, role: Role, rng: random.Random, kw) -> list:
    """The summary's sentences (reporting line first, the rest shuffled); returns the collaborations that the
    duties list states instead."""
    by: dict[str, list[Fact]] = {}
    for f in role.facts:
        by.setdefault(f.how, []).append(f)
    if by.get("boss"):
        d.sentence(rng.choice(P.BOSS), by["boss"], **kw())
    elif role.boss is None:
        d.add("Serves as the chief executive officer of the school system and " + kw()["d"] + ".")
    else:
        d.add(kw()["d"].capitalize() + " for the district.")
    middle: list = []
    middle += [(rng.choice(P.UNIT), [f]) for f in by.get("unit", [])]
    middle += [(rng.choice(P.PARENT_UNIT), [f]) for f in by.get("parent_unit", [])]
    middle += _grouped(rng, by.get("sub", []), P.SUPERVISES_ROLE)
    middle += [(rng.choice(P.SUPERVISES_UNIT), [f]) for f in by.get("subunit", [])]
    collabs = _grouped(rng, by.get("peer", []), P.COLLAB)
    in_duties = [c for c in collabs if rng.random() < 0.3]
    middle += [c for c in collabs if c not in in_duties]
    middle += [(rng.choice(P.DOTTED), [f]) for f in by.get("dotted", [])]
    middle += [(rng.choice(P.VERBS).capitalize() + " {x} " + rng.choice(P.OBJECTS) + ".", [])
               for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.5:
        middle.append((rng.choice(P.DISTRACTORS), []))
    rng.shuffle(middle)
    for template, facts in middle:
        if facts:
            d.sentence(template, facts, **kw())
        else:
            d.add(" " + _fill(template, kw()))
    return in_duties


def _requirements(d: _Doc, org: Org, role: Role, rng: random.Random) -> int:
    """The qualification sections; returns where the overtime line starts (a truncated page may lose it)."""
    d.add("\nMINIMUM QUALIFICATION STANDARDS\n")
    comps = [org.competencies[i] for i in role.competencies]
    ksa = [_comp_sentence(rng, c.name) for c in comps if c.section == "ksa"] or ["Knowledge of MCPS policies and procedures."]
    d.add("KNOWLEDGE, SKILLS, AND ABILITIES: " + " ".join(ksa) + "\n")
    edu = [c.name + "." for c in comps if c.section == "education"]
    edu = edu or [rng.choice(vocab.DEGREES) + " from an accredited college or university in " + rng.choice(vocab.FIELDS) + "."]
    d.add("EDUCATION, TRAINING, AND EXPERIENCE: " + " ".join(edu) + " " + _OTHER + "\n")
    certs = [c.name + " required." for c in comps if c.section == "certificate"] or ["None."]
    d.add("CERTIFICATE AND LICENSE REQUIREMENTS: " + " ".join(certs) + "\n")
    d.add("PHYSICAL DEMANDS: (Special requirements such as lifting heavy objects and frequent climbing.) None\n")
    d.add("SPECIAL REQUIREMENTS: (Frequent overtime or night work required, etc.) " + rng.choice(P.SPECIAL) + "\n")
    ot_at = d.pos
    d.add(f"OVERTIME ELIGIBLE: {'Yes' if role.overtime_eligible else 'No'}\n")
    return ot_at


def _duties(d: _Doc, rng: random.Random, kw, in_duties: list) -> None:
    """The duties list: generic duties, the collaborations moved here, one compliance line, shuffled."""
    d.add("\nEXAMPLES OF DUTIES AND RESPONSIBILITIES:\n\n")
    duties: list = [(rng.choice(P.VERBS).capitalize() + " {x} " + rng.choice(P.OBJECTS) + " to meet the needs of "
                     + rng.choice(("schools", "students and families", "the district", "staff")) + ".", [])
                    for _ in range(rng.randint(3, 6))]
    duties += in_duties
    duties.append(("Ensures the district\u2019s K\u201312 " + "{x} practices comply with applicable laws and "
                   "the school system's policies.", []))
    rng.shuffle(duties)
    for template, facts in duties:
        if facts:
            d.sentence(template, facts, **kw())
        else:
            d.add(_fill(template, kw()))
        d.add("\n")


def _gold(d: _Doc, role: Role, cut: int, ot_at: int, truncate: bool) -> dict:
    """The gold object: what the text up to `cut` states."""
    rels = []
    for r in d.rels:
        if r.end > cut:
            continue
        rel = {"type": r.type, "target": r.target}
        if r.source:
            rel["source"] = r.source
        if rel not in rels:
            rels.append(rel)
    return {
        "doc": role.doc,
        "role": {"working_title": role.name, "official_title": role.official_title, "code": role.code,
                 "grade": role.grade, "months": role.months,
                 "overtime_eligible": role.overtime_eligible if cut > ot_at + 22 else None},
        "relations": rels,
        "aliases": [{"alias": a, "name": n} for a, (n, at) in d.aliases.items() if at <= cut],
        "truncated": truncate,
    }


def _grouped(rng: random.Random, facts: list[Fact], templates: tuple[str, ...]) -> list:
    """Two facts of one kind sometimes share a sentence ('Supervises the A and the B.')."""
    out, i = [], 0
    while i < len(facts):
        pair = facts[i:i + 2]
        if len(pair) == 2 and rng.random() < 0.4 and not any("," in f.target for f in pair):
            out.append((rng.choice(templates), pair))
            i += 2
        else:
            out.append((rng.choice(templates), [facts[i]]))
            i += 1
    return out


def _comp_sentence(rng: random.Random, name: str) -> str:
    if name.startswith("Knowledge of ") and rng.random() < 0.5:
        name = rng.choice(("Thorough", "Working", "Broad", "Extensive")) + " k" + name[1:]
    return name + "."


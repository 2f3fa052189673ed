"""A deterministic synthetic organisation: the ground truth that synthetic documents describe.

The tree is grown breadth first (branching 3-6, depth up to 9 levels) until the role budget is spent,
so a large budget gives a deep organisation and a small one a shallow, wide one. Every fact a role's
description will state is recorded as a `Fact`, so the graph and the documents share one truth.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

from orgkg.graph.ids import canonical, node_id
from orgkg.ontology.schema import (
    COLLABORATES_WITH,
    COMPETENCY,
    ORGANIZATION,
    PART_OF,
    ROLE,
    SUPERVISES,
    UNDER_DIRECTION_OF,
    UNIT,
)

from . import vocab

MAX_LEVEL = 8  # root is level 0, so at most nine levels of units
_SMALL = frozenset({"of", "and", "the", "for", "in"})


@dataclass
class Fact:
    """One relation a description states; source None means the described role itself."""

    type: str
    target: str
    target_type: str
    source: str | None = None
    source_type: str = ROLE
    how: str = ""  # a hint for the writer: boss | dotted | sub | subunit | unit | parent_unit | peer


@dataclass
class Unit:
    name: str
    id: str
    area: str
    topic: str
    level: int
    parent: int | None
    acronym: str | None = None
    head: int = -1


@dataclass
class Role:
    name: str
    id: str
    official_title: str
    code: str
    grade: str
    months: int
    overtime_eligible: bool
    unit: int
    level: int
    is_head: bool
    boss: int | None
    doc: str = ""
    established: str = ""
    facts: list[Fact] = field(default_factory=list)
    competencies: list[int] = field(default_factory=list)


@dataclass
class CompetencyDef:
    name: str
    kind: str
    section: str  # ksa | education | certificate
    key: str = ""
    id: str = ""

    def __post_init__(self):
        self.key = self.key or canonical(self.name)
        self.id = self.id or node_id(COMPETENCY, self.key)


@dataclass
class Org:
    seed: int
    units: list[Unit]
    roles: list[Role]
    competencies: list[CompetencyDef]

    acronym: dict[str, str] = field(default_factory=dict)  # unit name -> its acronym

    def __post_init__(self):
        self.acronym = self.acronym or {u.name: u.acronym for u in self.units if u.acronym}

    @property
    def depth(self) -> int:
        return 1 + max(u.level for u in self.units)


def competency_pool() -> list[CompetencyDef]:
    pool = [CompetencyDef(f"Knowledge of {k}", "knowledge", "ksa") for k in vocab.KNOWLEDGE]
    pool += [CompetencyDef(f"Ability to {a}", "ability", "ksa") for a in vocab.ABILITIES]
    pool += [CompetencyDef(f"{s[0].upper()}{s[1:]} skills", "skill", "ksa") for s in vocab.SKILLS]
    pool += [CompetencyDef(f"Proficiency in {t}", "tool", "ksa") for t in vocab.TOOLS]
    pool += [CompetencyDef(f"{d} in {f}", "education", "education") for d in vocab.DEGREES[:3] for f in vocab.FIELDS]
    pool += [CompetencyDef(e.format(f=f), "experience", "education")
             for e in vocab.EXPERIENCE for f in (vocab.FIELDS if "{f}" in e else vocab.FIELDS[:1])]
    pool += [CompetencyDef(c, "certification", "certificate") for c in vocab.CERTIFICATES]
    seen: set[str] = set()
    out = []
    for c in pool:
        if c.key not in seen:
            seen.add(c.key)
            out.append(c)
    return out


class _Namer:
    """Unique work areas: a unit's area makes its name and its roles' names unique."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.n = 0

    def area(self, parent_topic: str | None) -> tuple[str, str]:
        rng = self.rng
        for _ in range(40):
            topic = parent_topic if parent_topic and rng.random() < 0.4 else rng.choice(vocab.TOPICS)
            r = rng.random()
            if r < 0.2:
                a = topic
            elif r < 0.6:
                q = rng.choice(vocab.QUALIFIERS)
                if q.split()[-1] in topic:
                    continue
                a = f"{q} {topic}"
            elif r < 0.85:
                other = rng.choice(vocab.TOPICS)
                a = f"{topic} and {other}" if other != topic else f"{rng.choice(vocab.QUALIFIERS)} {topic}"
            else:
                a = f"{rng.choice(vocab.QUALIFIERS)} {topic} and {rng.choice(vocab.TOPICS)}"
            key = a.lower()
            if key not in self.used:
                self.used.add(key)
                return a, topic
        self.n += 1
        a = f"{rng.choice(vocab.QUALIFIERS)} {rng.choice(vocab.TOPICS)} Area {self.n}"
        self.used.add(a.lower())
        return a, a


def acronym_of(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w not in _SMALL and w[0].isalpha()).upper()


def head_title(level: int) -> tuple[str, str]:
    return vocab.LEVELS[min(level, len(vocab.LEVELS) - 1)]


def generate(n_roles: int, seed: int = 0) -> Org:
    """The ground-truth organisation with exactly `n_roles` roles; the same (n, seed) gives the same org."""
    if n_roles < 1:
        raise ValueError("n_roles must be >= 1")
    return _generate(n_roles, seed)


def _generate(n_roles: int, seed: int) -> Org:
    rng = random.Random(seed)
    rand = rng.random

    def pick(seq):
        return seq[int(rand() * len(seq))]

    namer = _Namer(rng)
    units: list[Unit] = []
    roles: list[Role] = []
    acronyms: set[str] = set()

    def add_role(name: str, official: str, unit: int, level: int, is_head: bool, boss: int | None) -> int:
        i = len(roles)
        code = f"{1000 + i:04d}"
        grades = vocab.HEAD_GRADES if is_head else vocab.STAFF_GRADES
        grade = grades[min(level, len(grades) - 1)]
        grade = grade if is_head else pick(grades)
        rid = node_id(ROLE, name)
        r = Role(name=name, id=rid, official_title=official, code=code, grade=grade,
                 months=pick((12, 12, 12, 12, 11, 10)), overtime_eligible=(not is_head) and rand() < 0.5,
                 unit=unit, level=level, is_head=is_head, boss=boss)
        r.doc = f"{code}-{rid.split(':', 1)[1][:60].strip('-')}.txt"
        r.established = f"{1 + int(rand() * 12)}/{1985 + int(rand() * 40)}"
        roles.append(r)
        return i

    def add_unit(parent: int | None, level: int) -> int:
        if parent is None:
            area, topic = "Superintendent of Schools", "Superintendent"
        else:
            area, topic = namer.area(units[parent].topic if units[parent].level > 0 else None)
        upat, hpat = head_title(level)
        name = upat.format(a=area)
        u = Unit(name=name, id=node_id(UNIT, name), area=area, topic=topic, level=level, parent=parent)
        acr = acronym_of(name)
        if level <= 5 and len(acr) >= 3 and acr not in acronyms and rng.random() < 0.7:
            acronyms.add(acr)
            u.acronym = acr
        units.append(u)
        ui = len(units) - 1
        boss = units[parent].head if parent is not None else None
        hname = hpat.format(a=area)
        official = hname.split(",")[0].split(" of ")[0].strip()
        u.head = add_role(hname, official, ui, level, True, boss)
        return ui

    def add_staff(ui: int) -> None:
        u = units[ui]
        k = min(1 + int(rand() * 5), n_roles - len(roles))
        first_staff = None
        titles = vocab.STAFF_TITLES  # a prime count, so any step visits distinct titles
        off, step = int(rand() * len(titles)), 1 + int(rand() * (len(titles) - 1))
        for title in (titles[(off + j * step) % len(titles)] for j in range(k)):
            boss = u.head if first_staff is None or rng.random() < 0.5 else first_staff
            idx = add_role(f"{title}, {u.area}", title, ui, u.level + (0 if boss == u.head else 1), False, boss)
            first_staff = idx if first_staff is None else first_staff

    add_unit(None, 0)
    add_staff(0)
    queue = deque([0])
    while queue and len(roles) < n_roles:
        ui = queue.popleft()
        if units[ui].level >= MAX_LEVEL:
            continue
        for _ in range(rng.randint(3, 6)):
            if len(roles) >= n_roles:
                break
            child = add_unit(ui, units[ui].level + 1)
            add_staff(child)
            queue.append(child)
    while len(roles) < n_roles:  # the level cap stopped growth: add staff to the deepest units
        ui = rng.randrange(len(units))
        u = units[ui]
        title = vocab.STAFF_TITLES[len(roles) % len(vocab.STAFF_TITLES)]
        add_role(f"Senior {title} {len(roles)}, {u.area}", title, ui, u.level, False, u.head)

    pool = competency_pool()
    _add_facts(rng, units, roles, pool)
    return Org(seed=seed, units=units, roles=roles, competencies=pool)


def _add_facts(rng: random.Random, units: list[Unit], roles: list[Role], pool: list[CompetencyDef]) -> None:
    heads = [u.head for u in units]
    rand = rng.random

    def pick(seq):
        return seq[int(rand() * len(seq))]

    for i, r in enumerate(roles):
        u = units[r.unit]
        if r.boss is not None:
            boss = roles[r.boss]
            mode = rand()
            if mode < 0.85:  # stated in the role's own description
                r.facts.append(Fact(UNDER_DIRECTION_OF, boss.name, ROLE, how="boss"))
            if mode >= 0.72:  # stated the other way, in the supervisor's description
                boss.facts.append(Fact(SUPERVISES, r.name, ROLE, how="sub"))
            if rand() < 0.03 and len(heads) > 2:  # a dotted line to a second supervisor
                other = heads[int(rand() * min(len(heads), max(2, i)))]
                if other not in (i, r.boss) and roles[other].level <= r.level:
                    r.facts.append(Fact(UNDER_DIRECTION_OF, roles[other].name, ROLE, how="dotted"))
        r.facts.append(Fact(PART_OF, u.name, UNIT, how="unit"))
        if r.is_head and u.parent is not None:
            r.facts.append(Fact(PART_OF, units[u.parent].name, UNIT, source=u.name, source_type=UNIT, how="parent_unit"))
            if rand() < 0.25:
                roles[units[u.parent].head].facts.append(Fact(SUPERVISES, u.name, UNIT, how="subunit"))
        seen = {(f.type, f.target) for f in r.facts}
        for _ in range(pick((1, 2, 2, 2, 3))):
            x = rand()
            if x < 0.5 and len(roles) > 1:
                t = roles[int(rand() * len(roles))]
                target, ttype = t.name, ROLE
                if t is r:
                    continue
            elif x < 0.87 and len(units) > 1:
                t = units[int(rand() * len(units))]
                if t.name == u.name:
                    continue
                target, ttype = t.name, UNIT
            else:
                target, ttype = pick(vocab.EXTERNAL_ORGS), ORGANIZATION
            if (COLLABORATES_WITH, target) in seen:
                continue
            seen.add((COLLABORATES_WITH, target))
            r.facts.append(Fact(COLLABORATES_WITH, target, ttype, how="peer"))
        npool = len(pool)
        first, step = int(rand() * npool), 1 + int(rand() * 7)
        r.competencies = [(first + j * step) % npool for j in range(3 + int(rand() * 4))]

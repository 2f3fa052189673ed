"""The Montgomery County Public Schools (MCPS) profile: the vocabulary of its class descriptions.

Read by loaders/mcps.py (section labels, header fields, page markers) and, through
loaders/profiles/__init__.py, by the general word lists (its groups that are no entity, its unions).

Example:
    >>> SECTIONS[0].label
    'SUMMARY DESCRIPTION OF CLASSIFICATION'
"""

from __future__ import annotations

from dataclasses import dataclass

NAME = "mcps"


@dataclass(frozen=True)
class Section:
    key: str  # the section kind every loader uses ("summary", "duties", "ksa", ...)
    label: str  # as printed in MCPS class descriptions
    competency_kind: str | None = None  # default kind of competencies found there


SECTIONS: tuple[Section, ...] = (
    Section("summary", "SUMMARY DESCRIPTION OF CLASSIFICATION"),
    Section("qualifications", "MINIMUM QUALIFICATION STANDARDS"),
    Section("ksa", "KNOWLEDGE, SKILLS, AND ABILITIES", "skill"),
    Section("education", "EDUCATION, TRAINING, AND EXPERIENCE", "education"),
    Section("certificate", "CERTIFICATE AND LICENSE REQUIREMENTS", "certification"),
    Section("physical", "PHYSICAL DEMANDS"),
    Section("special", "SPECIAL REQUIREMENTS"),
    Section("overtime", "OVERTIME ELIGIBLE"),
    Section("duties", "EXAMPLES OF DUTIES AND RESPONSIBILITIES"),
)
# the header fields every MCPS page states; a page lacking one lists it in `missing`
HEADER_FIELDS = ("working_title", "official_title", "code", "grade", "months", "overtime_eligible")
# strings that mark an MCPS page (loaders/mcps.detect)
MARKERS = ("CLASS DESCRIPTION", "OFFICIAL TITLE:", "SUMMARY DESCRIPTION OF CLASSIFICATION",
           "EXAMPLES OF DUTIES AND RESPONSIBILITIES", "CLASSIFICATION →", "Sorted by job title:")
# words a breadcrumb title keeps in capitals ("Teacher, ESOL")
UPPER_WORDS = frozenset({"pgs", "mcps", "eld", "esol", "it", "hvac"})
# the school system's own names for groups of its staff: no one entity
VAGUE_PHRASES = frozenset({
    "mcps staff", "montgomery county public schools staff", "mcps offices", "mcps office", "mcps employees",
})
# names that mark an outside organisation (the staff union)
ORGANIZATION_MARKERS = ("seiu",)

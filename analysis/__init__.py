"""orgkg.analysis: org health checks and competency analyses over an OrgGraph, every finding with evidence.

    from orgkg.analysis import health, competencies_of, similar_roles, duplicates
    report = health(g); print(report.to_markdown())
"""

from .catalogue import dependants, gaps
from .competencies import (
    Duplicate,
    Requirement,
    Similarity,
    competencies_of,
    duplicates,
    roles_per_competency,
    roles_requiring,
    shared,
    similar_roles,
    unique,
    unit_requirements,
    unit_roles,
)
from .consistency import conflicts, one_sided
from .findings import Finding
from .freshness import old, parse_date, truncated
from .health import SECTIONS, HealthReport, health
from .reporting import cycles, depths, layers, multiple_supervisors, reporting_digraph, spans, tops, unsupervised

__all__ = [
    "Finding", "HealthReport", "SECTIONS", "health",
    "cycles", "unsupervised", "multiple_supervisors", "spans", "depths", "layers", "tops", "reporting_digraph",
    "gaps", "dependants", "conflicts", "one_sided", "old", "truncated", "parse_date",
    "Requirement", "Similarity", "Duplicate", "competencies_of", "roles_requiring", "roles_per_competency", "shared",
    "unit_roles", "unit_requirements", "unique", "similar_roles", "duplicates",
]

"""Org health: every check an HR analyst would run on the graph, in one report with evidence.

    from orgkg.analysis import health
    report = health(g)                  # HealthReport
    report.cycles[0].evidence[0]["text"]
    report.to_dict(); report.to_markdown()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from orgkg.graph import OrgGraph

from . import catalogue, consistency, freshness, positions, reporting
from .findings import SECTIONS, Finding


@dataclass
class HealthReport:
    summary: dict
    tops: list[str]
    max_age_years: float
    today: str
    cycles: list[Finding] = field(default_factory=list)
    unsupervised: list[Finding] = field(default_factory=list)
    multiple_supervisors: list[Finding] = field(default_factory=list)
    gaps: list[Finding] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)
    one_sided: list[Finding] = field(default_factory=list)
    spans: list[Finding] = field(default_factory=list)
    depths: list[Finding] = field(default_factory=list)
    layers: list[Finding] = field(default_factory=list)
    old: list[Finding] = field(default_factory=list)
    truncated: list[Finding] = field(default_factory=list)
    hr_disagreements: list[Finding] = field(default_factory=list)

    def sections(self) -> dict[str, list[Finding]]:
        return {k: getattr(self, k) for k in SECTIONS}

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.sections().items()}

    def to_dict(self) -> dict:
        return {"summary": self.summary, "tops": self.tops, "max_age_years": self.max_age_years, "today": self.today,
                "counts": self.counts(),
                "sections": {k: [f.to_dict() for f in v] for k, v in self.sections().items()}}

    def to_markdown(self, limit: int | None = 10) -> str:
        from .render import health_tables, markdown
        return markdown("Org health report", health_tables(self, limit))


def health(g: OrgGraph, max_age_years: float = 5, today: date | None = None,
           tops: list[str] | None = None, include_stubs: bool = False) -> HealthReport:
    """Run every check. `tops`: names allowed to have no supervisor (default: guessed, see reporting.tops)."""
    today = today or date.today()
    dg = reporting.reporting_digraph(g)
    top_ids = reporting.tops(g, tops)
    return HealthReport(
        summary=g.summary(), tops=sorted(top_ids), max_age_years=max_age_years, today=today.isoformat(),
        cycles=reporting.cycles(g, dg=dg),
        unsupervised=reporting.unsupervised(g, tops, include_stubs),
        multiple_supervisors=reporting.multiple_supervisors(g),
        gaps=catalogue.gaps(g),
        conflicts=consistency.conflicts(g),
        one_sided=consistency.one_sided(g),
        spans=reporting.spans(g),
        depths=reporting.depths(g),
        layers=reporting.layers(g),
        old=freshness.old(g, max_age_years, today),
        truncated=freshness.truncated(g),
        hr_disagreements=positions.disagreements(g),
    )

"""Org health: every check an HR analyst would run on the graph, in one report with evidence.

    from orgkg.analysis import health
    report = health(g)                  # HealthReport
    report.cycles[0].evidence[0]["text"]
    report.to_dict(); report.to_markdown()
"""

from __future__ import annotations

from collections.abc import Callable
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
           tops: list[str] | None = None, include_stubs: bool = False,
           progress: Callable[[str, int, int], None] | None = None) -> HealthReport:
    """Run every check. `tops`: names allowed to have no supervisor (default: guessed, see reporting.tops).

    `progress(step, i, n)` is called before each of the n checks: at 10k roles the report takes ~13 s,
    too long to stay silent.

        health(g, progress=lambda step, i, n: print(f"{i}/{n} {step}"))
    """
    today = today or date.today()
    tell = progress or (lambda step, i, n: None)
    dg = reporting.reporting_digraph(g)
    steps: list[tuple[str, Callable[[], list[Finding]]]] = [
        ("cycles", lambda: reporting.cycles(g, dg=dg)),
        ("unsupervised", lambda: reporting.unsupervised(g, tops, include_stubs)),
        ("multiple_supervisors", lambda: reporting.multiple_supervisors(g)),
        ("gaps", lambda: catalogue.gaps(g)),
        ("conflicts", lambda: consistency.conflicts(g)),
        ("one_sided", lambda: consistency.one_sided(g)),
        ("spans", lambda: reporting.spans(g)),
        ("depths", lambda: reporting.depths(g)),
        ("layers", lambda: reporting.layers(g)),
        ("old", lambda: freshness.old(g, max_age_years, today)),
        ("truncated", lambda: freshness.truncated(g)),
        ("hr_disagreements", lambda: positions.disagreements(g)),
    ]
    tell("tops", 0, len(steps))
    top_ids = reporting.tops(g, tops)
    found = {}
    for i, (name, run) in enumerate(steps, 1):
        tell(name, i, len(steps))
        found[name] = run()
    return HealthReport(summary=g.summary(), tops=sorted(top_ids), max_age_years=max_age_years,
                        today=today.isoformat(), **found)

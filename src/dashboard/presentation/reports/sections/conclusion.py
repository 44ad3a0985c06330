"""The conclusion: what changes for the gemeente, then what the weighting concludes."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.core.errors import DashboardError
from dashboard.data.sources import source_line
from dashboard.presentation.narrative.scores import basis_sentence
from dashboard.presentation.reports.sections.context import ReportContext, known_sources
from dashboard.presentation.reports.sections.model import SECTION_TITLES, Section
from dashboard.presentation.reports.sections.overstap import what_changes


def section_conclusie(ctx: ReportContext, sections: Mapping[str, Section]) -> Section:
    bullets = []
    for key in ("varianten", "robuustheid", "overstap"):
        section = sections.get(key)
        if section is not None and section.available and section.lead:
            bullets.append(section.lead)
    if not bullets:
        raise DashboardError("geen van de onderdelen is beschikbaar")
    lead, first = bullets[0], bullets[1:]
    sources = [source_line("seed_004")]
    if sections.get("overstap") is not None and sections["overstap"].available:
        # the gemeente's own change first, then what the weighting concludes
        summary = what_changes(ctx)
        lead = f"{summary.title}?"
        first = [*summary.as_bullets(), *bullets]
        cited = [line.source for line in summary.lines if line.source]
        sources.insert(0, source_line(*known_sources(cited)))
    return Section(
        key="conclusie",
        title=SECTION_TITLES["conclusie"],
        lead=lead,
        bullets=tuple(first),
        paragraphs=(basis_sentence(ctx.problem.scale),),
        sources=tuple(sources),
    )

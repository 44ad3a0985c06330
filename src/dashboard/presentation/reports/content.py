"""What a report says: one function, :func:`build_report_content`, from a scenario-like input.

The result is a plain, renderer-neutral structure (:class:`ReportContent`): sections with a title,
a one-sentence lead, paragraphs, bullets, tables, charts (each with a text alternative and
a source line) and source lines. The PDF, the PowerPoint deck and the Presentatie page all render
this same structure, so they never disagree.

Every section is built on its own. When the data a section needs is missing or unusable (data
folder not set, a file damaged), the section is kept with ``available=False`` and says "niet
beschikbaar" instead of failing the whole report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dashboard.core.errors import DashboardError
from dashboard.core.formatting import fmt_date
from dashboard.presentation.reports.images import shared_renderer
from dashboard.presentation.reports.sections.appendix import (
    section_aannames,
    section_bronnen,
    section_methoden,
)
from dashboard.presentation.reports.sections.conclusion import section_conclusie
from dashboard.presentation.reports.sections.context import ReportContext, ReportInput
from dashboard.presentation.reports.sections.model import (
    PRESENTATION_STEPS,
    REPORT_TITLE,
    SECTION_KEYS,
    SECTION_TITLES,
    Chart,
    ReportContent,
    Section,
    Table,
    unavailable,
)
from dashboard.presentation.reports.sections.opening import section_kaart, section_vraag
from dashboard.presentation.reports.sections.overstap import section_overstap
from dashboard.presentation.reports.sections.regions import section_arbeidsmarkt, section_regios
from dashboard.presentation.reports.sections.robustness import section_robuustheid
from dashboard.presentation.reports.sections.variants import section_varianten

__all__ = [
    "PRESENTATION_STEPS",
    "REPORT_TITLE",
    "SECTION_KEYS",
    "SECTION_TITLES",
    "Chart",
    "ReportContent",
    "ReportInput",
    "Section",
    "Table",
    "build_report_content",
]


_BUILDERS: dict[str, Callable[[ReportContext], Section]] = {
    "vraag": section_vraag,
    "kaart": section_kaart,
    "regios": section_regios,
    "arbeidsmarkt": section_arbeidsmarkt,
    "overstap": section_overstap,
    "varianten": section_varianten,
    "robuustheid": section_robuustheid,
    "aannames": section_aannames,
    "methoden": section_methoden,
    "bronnen": section_bronnen,
}


def build_report_content(
    spec: ReportInput,
    *,
    skip: tuple[str, ...] = (),
) -> ReportContent:
    """Assemble a report's content.

    Parameters
    ----------
    spec
        Weights mapping, overstap settings, data year and scenario metadata.
    skip
        Section keys to leave out on purpose (shown as "niet beschikbaar").

    Returns
    -------
    ReportContent
        All sections of :data:`SECTION_KEYS`, in that order. Invalid weights raise
        :class:`~dashboard.core.errors.DashboardError` (the user must fix those); missing or
        unusable data only makes its own section unavailable.
    """
    ctx = ReportContext(spec)
    ctx.result  # noqa: B018 - invalid weights are the user's to fix: fail early, clearly
    sections: dict[str, Section] = {}
    for key in SECTION_KEYS:
        if key in skip:
            sections[key] = unavailable(key, "weggelaten.")
            continue
        try:
            if key == "conclusie":
                sections[key] = section_conclusie(ctx, sections)
            else:
                sections[key] = _BUILDERS[key](ctx)
            # a helper process that draws charts (a CLI report) starts on them at once
            shared_renderer().prefetch((c.spec, c.width, c.height) for c in sections[key].charts)
        # Missing data must not cost the whole report: a report with a section marked "niet
        # beschikbaar" is more useful in a meeting than an error.
        except DashboardError as err:
            sections[key] = unavailable(key, str(err))
    date = spec.date or dt.date.today()
    name = spec.scenario_name.strip() or "huidige weergave"
    subtitle = f"Scenario: {name}"
    if spec.author.strip():
        subtitle += f" · opgesteld door {spec.author.strip()}"
    return ReportContent(
        title=REPORT_TITLE,
        subtitle=subtitle,
        date_text=fmt_date(date),
        scenario_name=name,
        sections=tuple(sections[k] for k in SECTION_KEYS),
    )

"""The structure of a report: sections with text, tables and charts, in one fixed order.

Renderer-neutral: the PDF, the PowerPoint deck and the Presentatie page all draw these objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.core.formatting import NIET_BESCHIKBAAR
from dashboard.data.sources import lines_not_shown
from dashboard.presentation.reports.sections.sizes import DEFAULT
from dashboard.presentation.tables import Table

__all__ = [
    "PRESENTATION_STEPS",
    "REPORT_TITLE",
    "SECTION_KEYS",
    "SECTION_TITLES",
    "Chart",
    "ReportContent",
    "Section",
    "Table",
    "unavailable",
]

REPORT_TITLE = "Arbeidsmarktregio en werkgeversdienstverlening"

#: Section keys in report order. The first seven are the steps of the Presentatie page.
SECTION_KEYS = (
    "vraag",
    "kaart",
    "regios",
    "arbeidsmarkt",
    "overstap",
    "varianten",
    "robuustheid",
    "conclusie",
    "aannames",
    "methoden",
    "bronnen",
)
PRESENTATION_STEPS = SECTION_KEYS[: SECTION_KEYS.index("conclusie") + 1]

SECTION_TITLES = {
    "vraag": "De vraag",
    "kaart": "Kaart van de arbeidsmarktregio's",
    "regios": "De twee regio's naast elkaar",
    "arbeidsmarkt": "Arbeidsmarkt, inkomen en bedrijven",
    "overstap": "Overstap: voor en na",
    "varianten": "Ontwikkelvarianten van het WSP: scores",
    "robuustheid": "Hoe stevig is de uitkomst?",
    "conclusie": "Conclusie",
    "aannames": "Aannames",
    "methoden": "Bijlage: methoden",
    "bronnen": "Bronnen",
}


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite chart specification with the text alternative shown or embedded next to it.

    The same specification is drawn for the Presentatie page (SVG), the PDF (a vector drawing)
    and the slides (PowerPoint's own chart or shapes, else a PNG) by
    :mod:`dashboard.presentation.reports.images`; ``width`` and ``height`` are its size in pixels.
    """

    key: str
    title: str
    spec: dict
    alt_text: str
    source: str
    width: int = DEFAULT.width
    height: int = DEFAULT.height


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lead: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    sources: tuple[str, ...] = ()
    available: bool = True
    #: Shorter bullets for a slide, when the full ones are too long to read from a screen.
    slide_bullets: tuple[str, ...] = ()

    def further_sources(self, tables: int | None = None, charts: int | None = None) -> list[str]:
        """The section's source lines that say more than the lines under its first ``tables``
        tables and ``charts`` charts (all of them by default), which print their own; for the
        end of the section (:func:`~dashboard.data.sources.lines_not_shown`)."""
        shown = [t.source for t in self.tables[:tables]] + [c.source for c in self.charts[:charts]]
        return lines_not_shown(self.sources, shown)


@dataclass(frozen=True)
class ReportContent:
    title: str
    subtitle: str
    date_text: str
    scenario_name: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(c for s in self.sections for c in s.charts)


def unavailable(key: str, reason: str) -> Section:
    return Section(
        key=key,
        title=SECTION_TITLES[key],
        lead=f"Dit onderdeel is {NIET_BESCHIKBAAR}.",
        paragraphs=(f"Reden: {reason}",),
        available=False,
    )

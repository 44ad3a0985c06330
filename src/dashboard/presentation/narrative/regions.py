"""What the figures of the regions say: how many there are, where the gemeente belongs, the two
regions side by side and their benefit rates. Used by the report's Kaart, Regio's and
Arbeidsmarkt sections (and so by the Presentatie page, the PDF and the slides), and by the
labour block on Regio's and Overstap: how the region values are computed and where their periods
stand.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.core.formatting import fmt_int
from dashboard.data.labour import RATE_INDICATORS, LabourComparison, LabourRow
from dashboard.data.sources import source_line
from dashboard.region.profiles import RegionProfile

#: Leads the method note on the pages and in the report.
METHOD_LEAD = "Hoe de regiowaarden zijn berekend"
#: Said on every page that shows the block: which values are recomputed and how.
METHOD_NOTE = (
    "Aantallen (uitkeringen, werkzame beroepsbevolking, vestigingen) zijn per regio opgeteld; "
    "de rates zijn totaal gedeeld door totaal. De uitkeringsrates delen de uitkeringen op 31 "
    "december, die lopen tot de AOW-leeftijd (67 jaar in 2024), door de inwoners van 15 tot 65 "
    "jaar op 1 januari: de tabel heeft geen leeftijdsgroep tot 67 jaar, dus de rate is iets "
    "hoger dan per inwoner tot de AOW-leeftijd. Participatie, % werknemers/zelfstandigen, "
    "inkomen en armoede zijn percentages of gemiddelden; per regio zijn ze herberekend, gewogen"
    " met het aantal waar ze een deel van zijn. Participatie: de bevolking van 15 tot 75 jaar. "
    "CBS publiceert die in tabel 86258NED (Arbeidsdeelname; wijken en buurten, 2024), maar die "
    "zit niet in de gegevens van dit dashboard; gebruikt wordt de noemer die uit de tabel volgt"
    " (werkzame beroepsbevolking ÷ participatie per gemeente). % werknemers en zelfstandigen: "
    "de werkzame beroepsbevolking. Armoede: het aantal inwoners (CBS rekent over de personen in"
    " particuliere huishoudens, een aantal dat de tabel niet voor elke gemeente geeft). Inkomen"
    " per inwoner: het aantal inwoners in de inkomensstatistiek (aantal ontvangers × inkomen "
    "per ontvanger ÷ inkomen per inwoner). Omdat CBS de gemeentecijfers afrondt, zijn die "
    "regiowaarden bij benadering. Ontbreekt een cijfer voor één gemeente, dan is de regiowaarde"
    " niet beschikbaar: CBS publiceert het inkomen niet voor Schiermonnikoog, Vlieland en "
    "Rozendaal, dus is het gemiddelde inkomen er niet voor hun regio's en Nederland; hun "
    "armoedecijfer wel."
)
#: Said under every table of the block: where the period of each figure stands.
PERIOD_NOTE = (
    "De cijfers hebben niet allemaal dezelfde peildatum: de kolom Periode zegt per cijfer welke, "
    "en 'voorlopig' waar CBS de cijfers voorlopig noemt. De bronnenlijst zegt per cijfer of CBS "
    "de periode vermeldt of waaruit die is afgeleid."
)


def regions_count_sentence(n_regions: int, n_gemeenten: int, year: int) -> str:
    """“Nederland telt 35 arbeidsmarktregio's met samen 342 gemeenten (indeling 2025).”"""
    return (
        f"Nederland telt {n_regions} arbeidsmarktregio's met samen {n_gemeenten} gemeenten "
        f"(indeling {year})."
    )


def centrumgemeente_source(source_id: str | None) -> str:
    """The line under a region's centrumgemeente (Kaart, Regio's): the document that names it,
    or that none does."""
    if source_id:
        return source_line(source_id)
    return "Geen van de brondocumenten noemt de centrumgemeente van deze regio."


def membership_sentence(gemeente: str, van: str, naar: str) -> str:
    """“Voorschoten hoort nu bij Zuid-Holland Centraal; de overstap gaat naar Holland Rijnland.”"""
    return f"{gemeente} hoort nu bij {van}; de overstap gaat naar {naar}."


def two_regions_sentence(one: RegionProfile, other: RegionProfile) -> str:
    """The inwoners and gemeenten of two regions, with the period of the figures."""
    inw = [p.indicator("inwoners").value for p in (one, other)]
    return (
        f"{one.name} telt {fmt_int(inw[0])} inwoners in {one.n_gemeenten} "
        f"gemeenten, {other.name} {fmt_int(inw[1])} in {other.n_gemeenten} "
        f"({one.indicator('inwoners').period})."
    )


def rate_sentence(row: LabourRow, areas: Sequence[tuple[str, str]]) -> str:
    """“Personen met bijstand … (2024): Zuid-Holland Centraal 31,2, … en Nederland 35,0.”: one
    rate for each area (code, name), in the order given."""
    return (
        f"{row.label} ({row.period_short}): "
        + ", ".join(f"{name} {row.text(code)}" for code, name in areas)
        + "."
    )


def rates_text(comparison: LabourComparison) -> str:
    """Text alternative of the rates chart."""
    if not comparison.available:
        return "Er zijn geen arbeidsmarktcijfers in de gegevensmap."
    parts = []
    for indicator_id in RATE_INDICATORS:
        row = comparison.row(indicator_id)
        values = ", ".join(f"{name} {row.text(code)}" for code, name in comparison.areas)
        parts.append(f"{row.label}: {values}")
    return "; ".join(parts) + "."

"""What the figures of the regions say: how many there are, where the gemeente belongs, the two
regions side by side and their benefit rates. Used by the report's Kaart, Regio's and
Arbeidsmarkt sections (and so by the Presentatie page, the PDF and the slides).
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.core.formatting import fmt_int
from dashboard.data.labour import LabourRow
from dashboard.region.profiles import RegionProfile


def regions_count_sentence(n_regions: int, n_gemeenten: int, year: int) -> str:
    """“Nederland telt 35 arbeidsmarktregio's met samen 342 gemeenten (indeling 2025).”"""
    return (
        f"Nederland telt {n_regions} arbeidsmarktregio's met samen {n_gemeenten} gemeenten "
        f"(indeling {year})."
    )


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

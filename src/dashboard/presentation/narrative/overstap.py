"""What the overstap does to the two regions, in plain Dutch: the count of gemeenten after it,
the national total that stays, and which variant each region's WSP resembles. The cost
sentences are in :mod:`dashboard.presentation.narrative.costs`.
"""

from __future__ import annotations

from dashboard.core.formatting import fmt_int, fmt_number
from dashboard.region.overstap import VariantLink


def after_count_sentence(van: str, after_van: int, now_van: int, naar: str, after_naar: int) -> str:
    """“Na de overstap telt Zuid-Holland Centraal 5 gemeenten (nu 6) en Holland Rijnland 14.”"""
    return f"Na de overstap telt {van} {after_van} gemeenten (nu {now_van}) en {naar} {after_naar}."


def national_total_sentence(inwoners: float) -> str:
    """The country's total stays the same: only a gemeente moves between two regions."""
    return (
        f"Het landelijke totaal blijft {fmt_int(inwoners)} inwoners: er verschuift "
        "alleen een gemeente tussen twee regio's."
    )


def variant_link_sentence(link: VariantLink, variant_name: str) -> str:
    """Which variant a region's WSP resembles (an assumption or the user's choice) and how that
    variant scores with the weighting in use."""
    origin = "aanname" if link.origin == "aanname" else "keuze van de gebruiker"
    return (
        f"Het WSP van {link.region_name} lijkt het meest op {variant_name} ({origin}); met deze "
        f"weging scoort die variant {fmt_number(link.score_0_100, 0)} van 100 "
        f"(plaats {link.rank})."
    )

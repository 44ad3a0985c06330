"""The Dutch wording of the pendel figures, once: pages, CLI and exports call these.

Every sentence names the period; the source line (:func:`dashboard.region.pendel.source_text`) and
the
caveat (:data:`dashboard.region.pendel.CAVEAT`) stand next to it. Names come from data files, so the
caller escapes them for Markdown (``escape_markdown``) or a terminal (``terminal_text``).
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_number, fmt_pct
from dashboard.region.pendel import (
    GemeentePendel,
    GemeenteTrend,
    Outward,
    OverstapPendel,
    Role,
)

ROLE_LABELS = {Role.OWN: "eigen regio", Role.CANDIDATE: "kandidaat", Role.REST: "overig"}


def pct(value: float | None) -> str:
    """A share as ``34,3%`` (one decimal), or "niet beschikbaar"."""
    return NIET_BESCHIKBAAR if value is None else fmt_pct(value, 1)


def jobs(value: float) -> str:
    """Thousands of jobs as ``2,4``."""
    return fmt_number(value, 1)


def gemeente_sentence(result: GemeentePendel, *, top: int = 3) -> str:
    """Where the residents work, in two or three sentences."""
    if result.total_jobs == 0:
        return (
            f"Voor {result.name} zijn er in {result.source.period} geen gepubliceerde cellen "
            "(alle stromen onder 50 banen): niet beschikbaar."
        )
    regions = [
        f"{pct(r.share)} in {r.name}" + (" (eigen regio)" if r.role is Role.OWN else "")
        for r in result.regions[:3]
    ]
    places = ", ".join(f"{p.name} {jobs(p.jobs)}" for p in result.top(top))
    return (
        f"In {result.source.period} hadden inwoners van {result.name} {jobs(result.total_jobs)} "
        f"duizend banen als werknemer (in gepubliceerde cellen). Daarvan lag "
        + ", ".join(regions)
        + f". De meeste banen (× 1.000): {places}."
    )


def shares_sentence(result: GemeentePendel) -> str:
    """Own region, candidate region and the rest, in one sentence."""
    parts = [f"eigen regio {result.region_name} {pct(result.own_share)}"]
    if result.candidate_code:
        parts.append(f"{result.candidate_name} {pct(result.candidate_share)}")
    parts.append(f"overige regio's {pct(result.rest_share)}")
    return (
        f"Banen van inwoners van {result.name}, {result.source.period}: " + "; ".join(parts) + "."
    )


def origins_sentence(result: GemeentePendel, *, top: int = 3) -> str:
    """Where the people working in the gemeente live."""
    if result.total_workers == 0:
        return f"Voor banen in {result.name} zijn er geen gepubliceerde cellen."
    places = ", ".join(f"{p.name} {pct(p.share)}" for p in result.origins[:top])
    return (
        f"In {result.name} waren in {result.source.period} {jobs(result.total_workers)} duizend "
        f"banen van werknemers (in gepubliceerde cellen); hun werknemers wonen vooral in {places}."
    )


def overstap_sentence(move: OverstapPendel, names: Mapping[str, str]) -> str:
    """The overstap before and after, for the gemeente and both regions."""
    van, naar = move.van, move.naar
    return (
        f"Nu ligt {pct(move.gemeente_share_before)} van de banen van inwoners van "
        f"{move.gemeente_name} in de eigen regio {names[van]}; na de overstap ligt "
        f"{pct(move.gemeente_share_after)} in de nieuwe regio {names[naar]}. Aandeel banen "
        f"binnen de eigen regio: {names[van]} {pct(move.before[van].share)} → "
        f"{pct(move.after[van].share)}, {names[naar]} {pct(move.before[naar].share)} → "
        f"{pct(move.after[naar].share)} ({move.source.period})."
    )


def outward_sentence(outward: Outward) -> str:
    return (
        f"{outward.name} ({outward.region_name}): {pct(outward.other_share)} in "
        f"{outward.other_name}, {pct(outward.own_share)} in de eigen regio"
    )


def trend_sentence(trend: GemeenteTrend, names: Mapping[str, str]) -> str:
    first, last = trend.points[0], trend.points[-1]
    text = (
        f"Aandeel in de eigen regio {names[trend.region_code]}: {pct(first.own_share)} in "
        f"december {first.year}, {pct(last.own_share)} in december {last.year}"
    )
    if trend.candidate_code:
        text += (
            f"; in {names[trend.candidate_code]}: {pct(first.candidate_share)} → "
            f"{pct(last.candidate_share)}"
        )
    return text + "."

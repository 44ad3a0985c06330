"""The pendel part of the report's overstap section (Presentatie, PDF and slides).

Built from the same core and wording as the pages (:mod:`dashboard.region.pendel`,
:mod:`dashboard.presentation.narrative.pendel`); the report shows it as one bullet and one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.data.regions import RegionIndex
from dashboard.data.sources import source_line
from dashboard.presentation.narrative.pendel import jobs, overstap_sentence, pct
from dashboard.presentation.tables import Table
from dashboard.region.pendel import (
    CAVEAT,
    SOURCE_IDS,
    gemeente_pendel,
    load_pendel_in_use,
    overstap_pendel,
)


@dataclass(frozen=True)
class PendelReportPart:
    bullet: str
    table: Table
    source: str


def overstap_part(index: RegionIndex, gemeente: str, naar: str) -> PendelReportPart:
    """Where the gemeente's residents work, and both regions' inside share before and after."""
    data = load_pendel_in_use()
    move = overstap_pendel(data, index, gemeente, naar)
    result = gemeente_pendel(data, index, gemeente, candidate=move.naar)
    names = {r.code: r.name for r in index.regions}
    source = source_line(SOURCE_IDS[move.source.table_id], extra=f"{move.source.text} {CAVEAT}")
    rows = [
        (f"Banen van inwoners van {result.name} in {r.name}", pct(r.share), jobs(r.jobs))
        for r in result.regions[:4]
    ]
    for code in (move.van, move.naar):
        rows.append(
            (
                f"Binnen de eigen regio, {names[code]}: voor → na",
                f"{pct(move.before[code].share)} → {pct(move.after[code].share)}",
                f"{jobs(move.before[code].total_jobs)} → {jobs(move.after[code].total_jobs)}",
            )
        )
    table = Table(
        caption=f"Waar werken de inwoners van {result.name}? ({move.source.period})",
        header=("", "Aandeel", "Banen (× 1.000)"),
        rows=tuple(rows),
        source=source,
    )
    return PendelReportPart(
        bullet="Pendel: " + overstap_sentence(move, names), table=table, source=source
    )

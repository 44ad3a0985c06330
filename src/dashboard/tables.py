"""Tables shown both on a page and in the report, built once so the two cannot drift.

A :class:`Table` holds already formatted text; a page turns it into a DataFrame with
:meth:`Table.records`, the PDF and the slides draw its rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dashboard.formatting import NIET_BESCHIKBAAR, fmt_eur, fmt_int, fmt_number, fmt_pct
from dashboard.overstap import CostModel, MemberCost
from dashboard.profiles import IndicatorValue, RegionProfile


@dataclass(frozen=True)
class Table:
    """A small table of already formatted text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str = ""
    #: per row the source ids behind it (empty when the table has one source line)
    row_sources: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    def columns(self, *names: str) -> Table:
        """The same table with only the columns ``names``, in that order."""
        index = [self.header.index(n) for n in names]
        return Table(
            self.caption,
            tuple(names),
            tuple(tuple(row[i] for i in index) for row in self.rows),
            self.source,
            self.row_sources,
        )

    def records(self) -> list[dict[str, str]]:
        """The rows as dictionaries (for ``pandas.DataFrame``)."""
        return [dict(zip(self.header, row, strict=True)) for row in self.rows]


# --- kerncijfers of regions ----------------------------------------------------------------------
def indicator_text(value: IndicatorValue) -> str:
    """A region figure as shown everywhere: percentages with one decimal and a % sign, counts
    as whole numbers, other figures with the indicator's decimals."""
    if value.value is None:
        return NIET_BESCHIKBAAR
    if value.unit.startswith("%"):
        return fmt_pct(float(value.value) / 100.0, max(value.decimals, 1))
    if value.decimals:
        return fmt_number(value.value, value.decimals)
    return fmt_int(value.value)


def indicator_label(value: IndicatorValue) -> str:
    """``Bevolkingsdichtheid (inwoners per km²)``: the label with its unit unless the unit
    says nothing more (a count of inwoners, a percentage shown with its % sign)."""
    if value.unit.startswith("%") or value.unit == value.label.lower():
        return value.label
    return f"{value.label} ({value.unit})"


def kerncijfers_table(profiles: Sequence[RegionProfile], caption: str = "") -> Table:
    """Kerncijfers of regions side by side, with the reference period and sources per row."""
    first = profiles[0]
    rows = []
    sources = []
    for indicator in (*first.indicators, *first.age):
        values = [p.indicator(indicator.id) for p in profiles]
        rows.append(
            (
                indicator_label(indicator),
                *(indicator_text(v) for v in values),
                indicator.period or NIET_BESCHIKBAAR,
            )
        )
        sources.append(tuple(indicator.source_ids))
    return Table(
        caption=caption
        or "Kerncijfers per regio (sommen van de gemeenten, verhoudingen uit de sommen)",
        header=("Kerncijfer", *(p.name for p in profiles), "Peildatum"),
        rows=tuple(rows),
        row_sources=tuple(sources),
    )


# --- costs of an overstap ------------------------------------------------------------------------
def change_text(eur: float | None, pct: float | None) -> str:
    """``+€ 19.911 (+29,8%)``: one column, so the table fits the page."""
    if eur is None:
        return NIET_BESCHIKBAAR
    sign = "+" if eur > 0 else ""
    if pct is None:
        return sign + fmt_eur(eur)
    return f"{sign}{fmt_eur(eur)} ({'+' if pct > 0 else ''}{fmt_pct(pct, 1)})"


def cost_table(
    model: CostModel,
    region_names: Mapping[str, str],
    rows: Sequence[MemberCost] | None = None,
    caption: str = "",
) -> Table:
    """Each gemeente's share of its region's budget and amount, before and after the move.

    A mover's two shares are of two different budgets: each says which one.
    """
    out = []
    for r in model.rows if rows is None else rows:
        moved = r.region_before != r.region_after
        out.append(
            (
                r.gemeente_naam,
                region_names.get(r.region_before, r.region_before),
                region_names.get(r.region_after, r.region_after),
                fmt_pct(r.share_before, 1) + (" van het budget voor" if moved else ""),
                fmt_pct(r.share_after, 1) + (" van het budget na" if moved else ""),
                fmt_eur(r.eur_before),
                fmt_eur(r.eur_after),
                change_text(r.change_eur, r.change_pct),
            )
        )
    return Table(
        caption=caption or "Bijdrage per gemeente aan het regionale budget",
        header=(
            "Gemeente",
            "Regio voor",
            "Regio na",
            "Aandeel voor",
            "Aandeel na",
            "Bedrag voor",
            "Bedrag na",
            "Verschil",
        ),
        rows=tuple(out),
    )

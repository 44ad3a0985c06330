"""'Wat verandert er voor <gemeente>': the few lines a gemeente reads first about its own move.

One summary for the Overstap page and the Conclusie of the presentation and report: the
region, the UWV office, its own share of the regional costs (in euro and per cent, each share
named with the budget it is a share of) and the route. Built only from the cost model, the route
and the memo's consequences; what the sources do not say is "niet vastgelegd".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.facts import Consequence
from dashboard.formatting import fmt_eur, fmt_pct
from dashboard.overstap import CostModel, MemberCost, OverstapResult, TimelineStep


@dataclass(frozen=True)
class SummaryLine:
    """One line of the summary: a short label (``Regio``, ``UWV``, ``Kosten``, ``Route``), the
    Dutch sentence, and the source id it rests on (None for the user's own input)."""

    label: str
    text: str
    source: str | None = None


@dataclass(frozen=True)
class OverstapSummary:
    title: str
    lines: tuple[SummaryLine, ...]

    def as_bullets(self) -> tuple[str, ...]:
        return tuple(f"{line.label}: {line.text}" for line in self.lines)


def mover_row(model: CostModel) -> MemberCost | None:
    """The cost row of the gemeente that moves."""
    return next((r for r in model.rows if r.gemeente_code == model.gemeente_code), None)


def cost_sentence(model: CostModel, region_names: Mapping[str, str]) -> str:
    """The mover's share before and after, each named with the budget it belongs to."""
    row = mover_row(model)
    if row is None:
        return "niet beschikbaar"
    van = region_names.get(row.region_before, row.region_before)
    naar = region_names.get(row.region_after, row.region_after)
    share_before = fmt_pct(row.share_before, 1)
    share_after = fmt_pct(row.share_after, 1)
    if row.eur_before is None or row.eur_after is None:
        return (
            f"nu {share_before} van het budget van {van}, daarna {share_after} van het budget "
            f"van {naar}. Dat zijn aandelen van twee verschillende budgetten: vul op de pagina "
            "Overstap beide regiobudgetten in om de bedragen in euro te vergelijken."
        )
    change = row.eur_after - row.eur_before
    direction = "meer" if change > 0 else "minder"
    text = (
        f"nu {fmt_eur(row.eur_before)} per jaar ({share_before} van het budget van {van}), "
        f"daarna {fmt_eur(row.eur_after)} ({share_after} van het budget van {naar})"
    )
    if change == 0:
        return text + ": evenveel."
    pct = f", {fmt_pct(abs(row.change_pct), 1)}" if row.change_pct is not None else ""
    return text + f": {fmt_eur(abs(change))} {direction}{pct}."


def overstap_summary(
    result: OverstapResult,
    model: CostModel,
    steps: Sequence[TimelineStep],
    gevolgen: Sequence[tuple[Consequence, bool]],
    region_names: Mapping[str, str],
) -> OverstapSummary:
    """The summary for the gemeente of ``result``; see the module docstring."""
    name = result.gemeente_naam
    van = region_names.get(result.van, result.van)
    naar = region_names.get(result.naar, result.naar)
    lines = [
        SummaryLine(
            "Regio",
            f"{name} gaat van {van} naar {naar}, en daarmee naar het werkgeversservicepunt "
            f"van {naar}.",
            "indeling_afgeleid_2025",
        )
    ]
    office = next(
        (c for c, applies in gevolgen if applies and c.id == "uwv_kantoor"),
        None,
    )
    if office is not None:
        lines.append(SummaryLine("UWV", office.text, office.citation.source))
    else:
        lines.append(
            SummaryLine(
                "UWV",
                "welk UWV-kantoor na deze overstap geldt, is niet vastgelegd in de bronnen.",
            )
        )
    cost = f"{name} betaalt aan de regionale kosten {cost_sentence(model, region_names)}"
    if model.overhead_rise_eur is not None and model.overhead_rise_eur > 0:
        cost += (
            f" De gemeenten die in {van} blijven, betalen samen "
            f"{fmt_eur(model.overhead_rise_eur)} per jaar meer."
        )
    elif model.overhead_rise_pct is not None and model.overhead_rise_pct > 0:
        cost += (
            f" Het aandeel van elke gemeente die in {van} blijft, stijgt met "
            f"{fmt_pct(model.overhead_rise_pct, 1)}."
        )
    lines.append(SummaryLine("Kosten", cost))  # budgets are the user's input, not a source
    if steps:
        first, last = steps[0], steps[-1]
        lines.append(
            SummaryLine(
                "Route",
                f"{len(steps)} stappen, van ‘{first.title}’ tot ‘{last.title}’.",
                last.citation.source if last.citation else None,
            )
        )
    return OverstapSummary(f"Wat verandert er voor {name}", tuple(lines))

"""'Wat verandert er voor <gemeente>': the few lines a gemeente reads first about its own move.

One summary for the Overstap page and the Conclusie of the presentation and report: the
region, the UWV office, its own share of the regional costs (worded by
:mod:`dashboard.presentation.narrative.costs`) and the route. Built only from the cost model, the
route
and the memo's consequences; what the sources do not say is "niet vastgelegd".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.data.facts import Consequence
from dashboard.presentation.narrative.costs import (
    frictiekosten_sentence,
    mover_cost_sentence,
    remaining_sentence,
)
from dashboard.region.overstap import CostModel, OverstapResult, TimelineStep


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
    cost = mover_cost_sentence(model, region_names, name)
    for extra in (remaining_sentence(model, region_names), frictiekosten_sentence(model)):
        if extra:
            cost += " " + extra
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

"""The cost sentences of an overstap: what the gemeente pays, what the gemeenten that stay pay.

One wording for the Overstap page's summary, the report's Overstap section, the Conclusie and
the slides. A handout states facts: without amounts it says that none were entered (never "vul
… in"), a percentage always says what it is a percentage of, and a change of a share is given
as "van a% naar b% (c procentpunt)" next to the shares themselves.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.core.formatting import fmt_eur, fmt_eur_input, fmt_number, fmt_pct
from dashboard.region.overstap import CostModel, DistributionKey, MemberCost

#: Said next to the frictiekosten field and in the report: the amount is the user's own.
FRICTIEKOSTEN_CAVEAT = (
    "Over frictiekosten bij uittreding staat niets in de governance-afspraken (notitie "
    "Voorschoten). Een bedrag voor frictiekosten is eigen invoer, geen uitkomst van de "
    "bronnen; wie het betaalt, is niet vastgelegd."
)
#: Said next to the cost split and in the report: the key is an example, not the agreement.
KEY_CAVEAT = (
    "De echte verdeelsleutels staan in de bijlage governance ZHC, die niet bij de bronnen zit. "
    "De verdeling hier is een rekenvoorbeeld met een sleutel die u kiest; het regiobudget blijft "
    "na de overstap gelijk (vaste overhead), zoals de notitie veronderstelt."
)
#: Said wherever euro amounts would stand but no budget was entered.
NO_AMOUNTS = "Er zijn geen bedragen ingevoerd; de kosten in euro zijn daarom niet berekend."


def mover_row(model: CostModel) -> MemberCost | None:
    """The cost row of the gemeente that moves."""
    return next((r for r in model.rows if r.gemeente_code == model.gemeente_code), None)


def points_text(before: float, after: float) -> str:
    """``"van 17,1% naar 18,4% (1,3 procentpunt)"``: a change of a share, in points."""
    points = round((after - before) * 100, 1)
    return (
        f"van {fmt_pct(before, 1)} naar {fmt_pct(after, 1)} "
        f"({fmt_number(abs(points), 1)} procentpunt)"
    )


def _missing_budgets(model: CostModel, region_names: Mapping[str, str]) -> str:
    missing = [code for code in (model.van, model.naar) if model.budgets.get(code) is None]
    if len(missing) == 2:
        return NO_AMOUNTS
    name = region_names.get(missing[0], missing[0])
    return (
        f"Voor {name} is geen budget ingevoerd; de kosten in euro zijn daarom niet te vergelijken."
    )


def cost_sentence(model: CostModel, region_names: Mapping[str, str]) -> str:
    """The mover's share before and after, each named with the budget it belongs to, and the
    amounts when both budgets were entered."""
    row = mover_row(model)
    if row is None:
        return "niet beschikbaar"
    van = region_names.get(row.region_before, row.region_before)
    naar = region_names.get(row.region_after, row.region_after)
    share_before = f"{fmt_pct(row.share_before, 1)} van het budget van {van}"
    share_after = f"{fmt_pct(row.share_after, 1)} van het budget van {naar}"
    if row.eur_before is None and row.eur_after is None:
        return (
            f"nu {share_before}, daarna {share_after}. Dat zijn aandelen van twee verschillende "
            "budgetten. " + _missing_budgets(model, region_names)
        )
    if row.eur_before is None or row.eur_after is None:
        now = (
            share_before
            if row.eur_before is None
            else f"{fmt_eur(row.eur_before)} per jaar ({share_before})"
        )
        then = (
            share_after
            if row.eur_after is None
            else f"{fmt_eur(row.eur_after)} per jaar ({share_after})"
        )
        return f"nu {now}, daarna {then}. " + _missing_budgets(model, region_names)
    change = row.eur_after - row.eur_before
    text = (
        f"nu {fmt_eur(row.eur_before)} per jaar ({share_before}), "
        f"daarna {fmt_eur(row.eur_after)} per jaar ({share_after})"
    )
    if change == 0:
        return text + ": evenveel."
    direction = "meer" if change > 0 else "minder"
    relative = (
        f" ({fmt_pct(abs(row.change_pct), 1)} {direction} dan nu)"
        if row.change_pct is not None
        else ""
    )
    return text + f": {fmt_eur(abs(change))} per jaar {direction}{relative}."


def mover_cost_sentence(model: CostModel, region_names: Mapping[str, str], gemeente: str) -> str:
    """“Voorschoten betaalt aan de regionale kosten nu …”: the mover's costs, as the Overstap
    page's summary, the report's Overstap section and the Conclusie say them."""
    return f"{gemeente} betaalt aan de regionale kosten {cost_sentence(model, region_names)}"


def remaining_sentence(model: CostModel, region_names: Mapping[str, str]) -> str:
    """What the gemeenten that stay in the region the mover leaves pay: together in euro (with a
    budget), each as its share before and after."""
    van = region_names.get(model.van, model.van)
    rows = [
        r
        for r in model.remaining
        if r.share_before is not None and r.share_after is not None and r.share_after > 0
    ]
    if not rows:
        return ""
    parts = []
    if model.overhead_rise_eur is not None and model.overhead_rise_eur > 0:
        parts.append(
            f"De gemeenten die in {van} blijven, betalen samen {fmt_eur(model.overhead_rise_eur)} "
            "per jaar meer."
        )
    if model.key is DistributionKey.GELIJK:
        row = rows[0]
        parts.append(
            f"Het aandeel van elke gemeente die in {van} blijft, gaat "
            f"{points_text(row.share_before or 0.0, row.share_after or 0.0)}."
        )
    else:
        # the largest member: its change in points is the largest
        row = max(rows, key=lambda r: (r.share_after or 0.0, r.gemeente_naam))
        parts.append(
            f"Elke gemeente die in {van} blijft, betaalt een groter deel van het budget; "
            f"{row.gemeente_naam} bijvoorbeeld "
            f"{points_text(row.share_before or 0.0, row.share_after or 0.0)}."
        )
    return " ".join(parts)


def frictiekosten_sentence(model: CostModel) -> str:
    """The entered frictiekosten, said as the user's own input; empty when none were entered."""
    if model.frictiekosten is None:
        return ""
    return (
        f"Ingevoerde frictiekosten (eigen invoer): {fmt_eur_input(model.frictiekosten)}; wie ze "
        "betaalt, is niet vastgelegd."
    )

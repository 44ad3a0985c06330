"""The overstap scenario: a gemeente moves to another arbeidsmarktregio.

Three parts, all pure:

* :func:`simulate` — members and CBS figures of both regions before and after the move (the
  national total does not change; only membership does).
* :func:`cost_model` — a user-entered regional budget per region, split over the members by a
  distribution key (per inwoner, the default, or equal shares), before and after. The budget is
  held fixed: that is the mechanism by which, in the memo's words, "de overheadskosten stijgen
  voor de deelnemende gemeenten op het moment dat één gemeente vertrekt" (seed 000). The real
  verdeelsleutels are in the "bijlage governance ZHC", which is not among the sources; the key here
  is therefore a model choice, not the regions' actual key. Frictiekosten are never estimated: an
  optional user input, shown with the memo's caveat.
* :func:`procedure_timeline`, :func:`consequences` and :func:`variant_links` — the formal route,
  the memo's consequences and open questions, and the link to the ontwikkelvarianten.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd

from dashboard.core.errors import DashboardError, ValidationError
from dashboard.core.limits import MONEY, budget_warning, read_amount
from dashboard.data.facts import (
    NIET_VASTGELEGD,
    Citation,
    Consequence,
    FactBase,
    centrumgemeente,
    load_facts,
)
from dashboard.data.kerncijfers import aggregate, latest_year, source_ids
from dashboard.data.labour import LabourComparison, labour_comparison
from dashboard.data.regions import RegionIndex
from dashboard.data.sources import source_name
from dashboard.mcda.scoring import DecisionProblem, score
from dashboard.region.settings import CASE, OverstapSettings


# --- before / after ------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionState:
    """One region's members and totals in one situation (before or after)."""

    code: str
    name: str
    members: tuple[tuple[str, str], ...]  # (gemeente code, name), sorted by name
    inwoners: float | None
    oppervlakte_land_km2: float | None
    bevolkingsdichtheid: float | None

    @property
    def member_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.members)


@dataclass(frozen=True)
class OverstapResult:
    """Both regions before and after a move, with the year and sources of the figures."""

    gemeente_code: str
    gemeente_naam: str
    van: str
    naar: str
    year: int
    before: Mapping[str, RegionState]
    after: Mapping[str, RegionState]
    national_before: float | None
    national_after: float | None
    source_ids: tuple[str, ...]
    #: inwoners per gemeente (code → value or None) for the year, for the cost model
    inwoners: Mapping[str, float | None] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The JSON of ``python -m dashboard overstap --formaat json``."""

        def side(states: Mapping[str, RegionState]) -> dict[str, Any]:
            return {
                code: {
                    "gemeenten": sorted(state.member_codes),
                    "inwoners": _int_or_none(state.inwoners),
                }
                for code, state in states.items()
            }

        return {
            "gemeente": {"code": self.gemeente_code, "name": self.gemeente_naam},
            "van": self.van,
            "naar": self.naar,
            "jaar": self.year,
            "before": side(self.before),
            "after": side(self.after),
        }


def _int_or_none(value: float | None) -> int | None:
    return None if value is None else round(value)


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def moved_membership(
    membership: Mapping[str, str], gemeente_code: str, naar: str
) -> dict[str, str]:
    """A copy of ``membership`` with one gemeente assigned to ``naar``."""
    if gemeente_code not in membership:
        raise ValidationError(f"gemeente {gemeente_code!r} hoort bij geen enkele regio")
    moved = dict(membership)
    moved[gemeente_code] = naar
    return moved


def check_move(index: RegionIndex, gemeente_code: str, naar: str) -> tuple[str, str, str]:
    """Validate a move; return ``(gemeente code, van, naar)`` in canonical form.

    Raises
    ------
    UnknownCodeError
        Unknown gemeente or region code.
    ValidationError
        The gemeente already belongs to ``naar``.
    """
    gemeente = index.gemeente(gemeente_code)
    target = index.region(naar)
    if gemeente.region_code == target.code:
        raise ValidationError(
            f"{gemeente.name} ({gemeente.code}) hoort al bij {target.name} ({target.code}); "
            "kies een andere regio om naartoe over te stappen"
        )
    return gemeente.code, gemeente.region_code, target.code


def possible_move(index: RegionIndex, settings: OverstapSettings) -> tuple[OverstapSettings, str]:
    """The settings with a move the data allows: an unknown gemeente or region, or a move
    to the region the gemeente is already in, falls back to the case of this dashboard.

    Returns the settings and a Dutch notice ('' when nothing changed).
    """
    try:
        check_move(index, settings.gemeente, settings.naar)
    except DashboardError as err:
        fallback = dataclasses.replace(settings, gemeente=CASE.gemeente, naar=CASE.naar)
        reason = str(err)
        notice = f"{reason[:1].upper()}{reason[1:]}. Gekozen is: Voorschoten naar Holland Rijnland."
        return fallback, notice
    return settings, ""


def _state(
    index: RegionIndex,
    code: str,
    membership: Mapping[str, str],
    totals: pd.DataFrame,
) -> RegionState:
    names = {g.code: g.name for g in index.gemeenten}
    members = tuple(
        sorted(((g, names[g]) for g, r in membership.items() if r == code), key=lambda m: m[1])
    )
    row = totals.loc[code] if code in totals.index else None
    return RegionState(
        code=code,
        name=index.region(code).name,
        members=members,
        inwoners=_num(row["inwoners"]) if row is not None else None,
        oppervlakte_land_km2=_num(row["oppervlakte_land_km2"]) if row is not None else None,
        bevolkingsdichtheid=_num(row["bevolkingsdichtheid"]) if row is not None else None,
    )


def simulate(
    index: RegionIndex, kc: pd.DataFrame, gemeente_code: str, naar: str, year: int | None = None
) -> OverstapResult:
    """Both regions before and after moving ``gemeente_code`` to ``naar``.

    Figures are CBS kerncijfers for ``year`` (default: the latest year with inwoners), aggregated
    with :func:`dashboard.data.kerncijfers.aggregate` over the old and the new membership.
    """
    code, van, target = check_move(index, gemeente_code, naar)
    year = year or latest_year(kc)
    before_membership = index.membership()
    after_membership = moved_membership(before_membership, code, target)
    before_totals = aggregate(kc, before_membership, year)
    after_totals = aggregate(kc, after_membership, year)
    rows = kc[kc["jaar"] == year].set_index("gemeente_code")["inwoners"]
    inwoners = {g: _num(rows.get(g)) for g in before_membership}
    return OverstapResult(
        gemeente_code=code,
        gemeente_naam=index.gemeente(code).name,
        van=van,
        naar=target,
        year=year,
        before={r: _state(index, r, before_membership, before_totals) for r in (van, target)},
        after={r: _state(index, r, after_membership, after_totals) for r in (van, target)},
        national_before=_strict_total(before_totals["inwoners"]),
        national_after=_strict_total(after_totals["inwoners"]),
        source_ids=(*source_ids(kc, year), "indeling_afgeleid_2025"),
        inwoners=inwoners,
    )


def _strict_total(values: pd.Series) -> float | None:
    return float(values.sum()) if values.notna().all() else None


# --- cost model ----------------------------------------------------------------------------------
class DistributionKey(StrEnum):
    """How a regional budget is split over the member gemeenten."""

    PER_INWONER = "per_inwoner"
    GELIJK = "gelijk"

    @property
    def label(self) -> str:
        return {"per_inwoner": "naar inwonertal", "gelijk": "gelijke delen"}[self.value]

    @classmethod
    def parse(cls, value: object) -> DistributionKey:
        for key in cls:
            if value == key or value == key.value:
                return key
        raise ValidationError(
            f"onbekende verdeelsleutel {value!r}; kies 'per_inwoner' (naar inwonertal) of "
            "'gelijk' (gelijke delen)"
        )


def check_amount(value: Any, what: str) -> float | None:
    """An optional euro amount: None/empty, else a number within :data:`dashboard.core.limits.MONEY`
    (text is read in Dutch notation, ``€ 1.000.000,50``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return read_amount(value, what)
    return MONEY.check(value, what)


def shares(
    members: Sequence[str], inwoners: Mapping[str, float | None], key: DistributionKey
) -> dict[str, float | None]:
    """Each member's fraction of the regional budget (sums to 1), or None when not computable.

    Per inwoner: inwoners / total inwoners (None for all when any member lacks a figure — a
    partial key would shift costs silently). Gelijk: 1 / number of members.
    """
    if not members:
        return {}
    if key is DistributionKey.GELIJK:
        return {m: 1.0 / len(members) for m in members}
    values = [inwoners.get(m) for m in members]
    if any(v is None for v in values):
        return {m: None for m in members}
    total = float(sum(v for v in values if v is not None))
    if total <= 0:
        return {m: None for m in members}
    return {m: float(inwoners[m] or 0.0) / total for m in members}


@dataclass(frozen=True)
class MemberCost:
    """One gemeente's share of its region's budget before and after the move."""

    gemeente_code: str
    gemeente_naam: str
    region_before: str
    region_after: str
    share_before: float | None
    share_after: float | None
    eur_before: float | None
    eur_after: float | None

    @property
    def change_eur(self) -> float | None:
        if self.eur_before is None or self.eur_after is None:
            return None
        return self.eur_after - self.eur_before

    @property
    def change_pct(self) -> float | None:
        """Relative change of the amount (0.05 = 5 % more); None when it was 0 or unknown."""
        change = self.change_eur
        if change is None or not self.eur_before:
            return None
        return change / self.eur_before

    @property
    def share_change_pct(self) -> float | None:
        """Relative change of the share, independent of the budget (only within one region)."""
        if (
            self.region_before != self.region_after
            or self.share_before is None
            or self.share_after is None
            or not self.share_before
        ):
            return None
        return self.share_after / self.share_before - 1.0


@dataclass(frozen=True)
class CostModel:
    """Shares of both regions' budgets before and after, and the overhead effect."""

    key: DistributionKey
    gemeente_code: str
    van: str
    naar: str
    budgets: Mapping[str, float | None]
    rows: tuple[MemberCost, ...]
    frictiekosten: float | None

    def cautions(self, region_names: Mapping[str, str] | None = None) -> tuple[str, ...]:
        """Dutch cautions for accepted budgets that look like a typing error ("2,5" read as
        € 2,50), in the order van, naar."""
        names = dict(region_names or {})
        found = (
            budget_warning(self.budgets.get(r), f"Regiobudget {names.get(r, r)}")
            for r in (self.van, self.naar)
        )
        return tuple(c for c in found if c)

    def region_rows(self, region: str, when: str) -> tuple[MemberCost, ...]:
        """Rows of gemeenten that belong to ``region`` ``before`` or ``after`` the move."""
        attr = "region_before" if when == "before" else "region_after"
        return tuple(r for r in self.rows if getattr(r, attr) == region)

    def total(self, region: str, when: str) -> float | None:
        """Sum of the euro shares of a region (equals its budget when one was entered)."""
        attr = "eur_before" if when == "before" else "eur_after"
        values = [getattr(r, attr) for r in self.region_rows(region, when)]
        if not values or any(v is None for v in values):
            return None
        return float(sum(values))

    @property
    def remaining(self) -> tuple[MemberCost, ...]:
        """Members that stay in the region the gemeente leaves."""
        return tuple(
            r for r in self.rows if r.region_before == self.van and r.region_after == self.van
        )

    @property
    def overhead_rise_eur(self) -> float | None:
        """Extra euros the remaining members pay together (the leaver's former share)."""
        changes = [r.change_eur for r in self.remaining]
        if not changes or any(c is None for c in changes):
            return None
        return float(sum(c for c in changes if c is not None))

    @property
    def overhead_rise_pct(self) -> float | None:
        """Relative rise of each remaining member's share (the same for all under both keys)."""
        pcts = [r.share_change_pct for r in self.remaining]
        if not pcts or any(p is None for p in pcts):
            return None
        return float(max(p for p in pcts if p is not None))


def cost_model(
    result: OverstapResult,
    budgets: Mapping[str, Any],
    key: DistributionKey | str = DistributionKey.PER_INWONER,
    frictiekosten: Any = None,
    names: Mapping[str, str] | None = None,
) -> CostModel:
    """Split each region's budget over its members before and after the move.

    Parameters
    ----------
    result
        From :func:`simulate` (members and inwoners).
    budgets
        Region code → yearly regional budget in euro, entered by the user; a missing or empty
        budget gives shares (fractions) but no euro amounts.
    key
        Distribution key; per inwoner by default.
    frictiekosten
        Optional one-off amount entered by the user; kept apart, never distributed or guessed.
    """
    key = DistributionKey.parse(key)
    checked = {
        region: check_amount(budgets.get(region), f"budget {region}")
        for region in (result.van, result.naar)
    }
    friction = check_amount(frictiekosten, "frictiekosten")
    names = dict(names or {})
    for state in (*result.before.values(), *result.after.values()):
        names.update(dict(state.members))
    before_shares: dict[str, tuple[str, float | None]] = {}
    after_shares: dict[str, tuple[str, float | None]] = {}
    for region in (result.van, result.naar):
        for g, s in shares(result.before[region].member_codes, result.inwoners, key).items():
            before_shares[g] = (region, s)
        for g, s in shares(result.after[region].member_codes, result.inwoners, key).items():
            after_shares[g] = (region, s)
    rows = []
    for g in sorted(before_shares, key=lambda c: (before_shares[c][0] != result.van, names[c])):
        rb, sb = before_shares[g]
        ra, sa = after_shares[g]
        rows.append(
            MemberCost(
                gemeente_code=g,
                gemeente_naam=names[g],
                region_before=rb,
                region_after=ra,
                share_before=sb,
                share_after=sa,
                eur_before=_times(sb, checked[rb]),
                eur_after=_times(sa, checked[ra]),
            )
        )
    return CostModel(
        key=key,
        gemeente_code=result.gemeente_code,
        van=result.van,
        naar=result.naar,
        budgets=checked,
        rows=tuple(rows),
        frictiekosten=friction,
    )


def _times(share: float | None, budget: float | None) -> float | None:
    return None if share is None or budget is None else share * budget


# --- procedure, consequences, variants ----------------------------------------------------------
@dataclass(frozen=True)
class TimelineStep:
    """A step of the route, with placeholders filled in for this move."""

    number: int
    title: str
    who: str
    rule: str
    result: str
    citation: Citation | None


def _centrum_text(region: str, fb: FactBase) -> str:
    name, _ = centrumgemeente(region, fb)
    return name or f"de centrumgemeente ({NIET_VASTGELEGD})"


def procedure_timeline(
    van: str, naar: str, region_names: Mapping[str, str], fb: FactBase | None = None
) -> tuple[TimelineStep, ...]:
    """The ordered route for a move from ``van`` to ``naar`` (seed 000).

    Steps specific to the governance of Zuid-Holland Centraal appear only when the gemeente leaves
    AM34; for other regions a step says that the internal route is not in the sources.
    """
    fb = fb or load_facts()
    fill = {
        "van": region_names.get(van, van),
        "naar": region_names.get(naar, naar),
        "van_centrum": _centrum_text(van, fb),
        "naar_centrum": _centrum_text(naar, fb),
    }
    selected = [s for s in fb.steps if s.applies_to in ("altijd", van)]
    has_internal = any(s.applies_to == van for s in fb.steps)
    out: list[TimelineStep] = []
    if not has_internal:
        out.append(
            TimelineStep(
                number=0,
                title=f"Opzegging binnen {fill['van']}",
                who=NIET_VASTGELEGD,
                rule=NIET_VASTGELEGD,
                result=NIET_VASTGELEGD,
                citation=None,
            )
        )
    for step in selected:
        out.append(
            TimelineStep(
                number=0,
                title=step.title.format(**fill),
                who=step.who.format(**fill),
                rule=step.rule.format(**fill),
                result=step.result.format(**fill),
                citation=step.citation,
            )
        )
    return tuple(
        TimelineStep(i, s.title, s.who, s.rule, s.result, s.citation)
        for i, s in enumerate(out, start=1)
    )


def consequences(
    gemeente_code: str, naar: str, fb: FactBase | None = None
) -> tuple[tuple[Consequence, bool], ...]:
    """The memo's consequences and open questions, each with whether it is stated for this move.

    The memo was written for Voorschoten → Holland Rijnland; a consequence it states only for that
    move (the UWV office) is marked ``False`` for other moves.
    """
    fb = fb or load_facts()
    return tuple((c, c.applies(gemeente_code, naar)) for c in fb.consequences)


def centrumgemeente_note(gemeente_naam: str, van: str, fb: FactBase | None = None) -> str | None:
    """A warning when the moving gemeente is its region's centrumgemeente (per the seeds)."""
    name, source_id = centrumgemeente(van, fb or load_facts())
    if name is None or source_id is None or name != gemeente_naam:
        return None
    return (
        f"Let op: {gemeente_naam} is de centrumgemeente van deze regio (bron: "
        f"{source_name(source_id)}). Wie na een overstap de centrumgemeente wordt en wat er met "
        "haar middelen gebeurt, staat niet in de bronnen."
    )


@dataclass(frozen=True)
class VariantLink:
    """Which ontwikkelvariant a region's WSP resembles, and that variant's score."""

    region: str
    region_name: str
    variant: str | None
    variant_title: str
    #: "aanname" = the dashboard's default from the seeds' descriptions; "gekozen" = the user's
    origin: str
    reason: str
    citation: Citation | None
    variant_citation: Citation | None
    score_0_100: float | None
    rank: int | None


def variant_links(
    regions: Sequence[tuple[str, str]],
    chosen: Mapping[str, str],
    problem: DecisionProblem,
    fb: FactBase | None = None,
) -> tuple[VariantLink, ...]:
    """Per ``(code, name)``: the chosen (or assumed) variant and its score under ``problem``."""
    fb = fb or load_facts()
    result = score(problem)
    matrix = problem.matrix
    links = []
    for code, name in regions:
        assumption = fb.variant_assumption(code)
        variant = chosen.get(code) or (assumption.variant if assumption else None)
        if variant is not None and variant not in matrix.variant_ids:
            raise ValidationError(
                f"onbekende variant {variant!r} voor {code}; "
                f"kies uit {', '.join(matrix.variant_ids)}"
            )
        user_choice = code in chosen and (assumption is None or chosen[code] != assumption.variant)
        links.append(
            VariantLink(
                region=code,
                region_name=name,
                variant=variant,
                variant_title=matrix.variant(variant).title if variant else NIET_VASTGELEGD,
                origin="gekozen" if user_choice else ("aanname" if assumption else "geen"),
                reason=assumption.reason if assumption and not user_choice else "",
                citation=assumption.citation if assumption and not user_choice else None,
                variant_citation=assumption.variant_citation if assumption else None,
                score_0_100=result.scores_0_100[variant] if variant else None,
                rank=result.ranks[variant] if variant else None,
            )
        )
    return tuple(links)


def labour_before_after(
    index: RegionIndex, kc: pd.DataFrame, gemeente: str, naar: str
) -> tuple[LabourComparison, LabourComparison]:
    """The labour-market block of both regions before and after moving ``gemeente``."""
    code, van, target = check_move(index, gemeente, naar)
    regions = [(r, index.region(r).name) for r in (van, target)]
    before_membership = index.membership()
    after_membership = moved_membership(before_membership, code, target)
    names = {g.code: g.name for g in index.gemeenten}
    return (
        labour_comparison(kc, before_membership, regions, names=names),
        labour_comparison(kc, after_membership, regions, names=names),
    )

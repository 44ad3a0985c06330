"""The text alternative of every chart: the same figures in a sentence, next to the chart on
the page and embedded with it in the PDF and the slides (WCAG 2.1 AA).

The charts themselves are Vega-Lite specifications in :mod:`dashboard.presentation.charts`. The
pendel
sentences that also stand outside a chart (shares, trend) are in
:mod:`dashboard.presentation.narrative.pendel`,
the labour rates' in :func:`dashboard.presentation.narrative.regions.rates_text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.core.formatting import (
    NIET_BESCHIKBAAR,
    fmt_eur,
    fmt_eur_input,
    fmt_int,
    fmt_number,
    fmt_pct,
    number_or_none,
)
from dashboard.mcda.criteria import RATINGS, Matrix
from dashboard.mcda.scoring import DecisionProblem, ScoreResult, scores_equal
from dashboard.mcda.sensitivity import OneWay, SmaaResult
from dashboard.presentation.charts.scoring import OVERRIDE_MARK, group_contributions
from dashboard.presentation.narrative.pendel import jobs, pct
from dashboard.presentation.narrative.robustness import (
    interval_text,
    stays_highest_sentence,
    wins_only_if_sentences,
)
from dashboard.presentation.narrative.words import join_nl, lower_first
from dashboard.region.overstap import CostModel, OverstapResult
from dashboard.region.pendel import GemeentePendel, InsideShares, OverstapPendel
from dashboard.region.profiles import RegionProfile


# --- variant scoring -------------------------------------------------------------------------
def ranking_text(result: ScoreResult, matrix: Matrix) -> str:
    parts = [
        f"{matrix.variant(v).name}: plaats {result.ranks[v]}, "
        f"{fmt_number(result.scores_0_100[v], 0)} van 100"
        for v in result.ranking
    ]
    return "Rangorde: " + "; ".join(parts) + "."


def contributions_text(result: ScoreResult, matrix: Matrix) -> str:
    by_group = group_contributions(result, matrix)
    out = []
    for v in result.ranking:
        parts = [
            f"{lower_first(g.short)} {fmt_number(by_group[g.id][v], 2)}" for g in matrix.groups
        ]
        out.append(
            f"{matrix.variant(v).name}: totaal {fmt_number(result.scores[v], 2)} = {join_nl(parts)}"
        )
    return "Bijdrage per perspectief aan de score: " + "; ".join(out) + "."


def matrix_text(problem: DecisionProblem) -> str:
    m = problem.matrix
    counts = []
    for v in m.variants:
        n_top = sum(1 for c in m.criteria if problem.rating(c.id, v.id) == RATINGS[0])
        counts.append(f"{v.name} {n_top} keer")
    text = (
        f"De matrix beoordeelt {len(m.criteria)} criteria met ++ (beste) tot -/- (slechtste). "
        f"Het oordeel ++ krijgt {join_nl(counts)}."
    )
    n = len(problem.overrides)
    if n:
        what = "1 oordeel is een eigen oordeel" if n == 1 else f"{n} oordelen zijn eigen oordelen"
        text += f" {what} (gemarkeerd met {OVERRIDE_MARK}) en wijkt af van de handreiking."
        if n > 1:
            text = text.replace("en wijkt af", "en wijken af")
    return text


def group_scores_text(result: ScoreResult, matrix: Matrix) -> str:
    out = []
    for g in matrix.groups:
        top = max(result.group_scores[v][g.id] for v in result.variant_ids)
        best = [
            matrix.variant(v).name
            for v in result.variant_ids
            if scores_equal(result.group_scores[v][g.id], top)
        ]
        parts = [
            f"{matrix.variant(v).name} {fmt_number(result.group_scores[v][g.id], 2)}"
            for v in result.variant_ids
        ]
        out.append(
            f"{g.short}: {join_nl(parts)} "
            f"(hoogst: {join_nl(best)}{', gelijk' if len(best) > 1 else ''})"
        )
    return "Score per perspectief: " + "; ".join(out) + "."


# --- robustness ------------------------------------------------------------------------------
def tornado_rows(one_way: Sequence[OneWay]) -> list[OneWay]:
    """Weights that can change a score, narrowest interval first."""
    rows = [ow for ow in one_way if ow.has_effect]
    return sorted(rows, key=lambda ow: (ow.width, ow.kind != "group", ow.id))


def score_lines_text(ow: OneWay, problem: DecisionProblem) -> str:
    """The same as the figure, in sentences."""
    m = problem.matrix
    parts = [stays_highest_sentence(problem, ow), *wins_only_if_sentences(problem, ow)]
    inside = [c for c in ow.crossings if 0 < c[0] < 1]
    if inside:
        parts.append(
            "De lijnen snijden elkaar bij "
            + "; ".join(
                f"{fmt_pct(t, 1)} ({m.variant(a).name} en {m.variant(b).name})"
                for t, a, b in inside
            )
            + "."
        )
    return " ".join(parts)


def tornado_text(one_way: Sequence[OneWay], problem: DecisionProblem) -> str:
    """A short text alternative for the tornado overview."""
    m = problem.matrix
    rows = tornado_rows(one_way)
    if not rows:
        return "Geen enkel gewicht kan nu de scores veranderen."
    winner = m.variant(rows[0].winner).name
    full = [ow for ow in rows if ow.low <= 0 and ow.high >= 1]
    limited = [ow for ow in rows if not (ow.low <= 0 and ow.high >= 1)]
    text = (
        f"Van de {len(rows)} gewichten die meetellen, kunnen er {len(full)} elk aandeel van 0% tot "
        f"100% krijgen zonder dat {winner} zijn eerste plaats verliest."
    )
    if limited:
        text += " Grenzen gelden voor: " + "; ".join(
            f"{ow.label} ({interval_text(ow)}, nu {fmt_pct(ow.baseline_share, 0)})"
            for ow in limited[:5]
        )
        text += " en meer (zie de tabel)." if len(limited) > 5 else "."
    return text


def acceptability_text(result: SmaaResult, problem: DecisionProblem) -> str:
    m = problem.matrix
    parts = []
    for v in result.variant_ids:
        shares = ", ".join(
            f"{fmt_pct(p, 1)} {r + 1}e" for r, p in enumerate(result.acceptability[v])
        )
        parts.append(f"{m.variant(v).name}: {shares}")
    return f"Over {fmt_number(result.samples, 0)} willekeurige wegingen: " + "; ".join(parts) + "."


# --- regions and the overstap ----------------------------------------------------------------
def members_text(profiles: Sequence[RegionProfile], indicator_id: str = "inwoners") -> str:
    parts = []
    for profile in profiles:
        ind = profile.indicator(indicator_id)
        rows = profile.members.sort_values(indicator_id, ascending=False, na_position="last")
        if rows.empty:
            continue
        top = rows.iloc[0]
        parts.append(
            f"{profile.name} telt {len(rows)} gemeenten; de grootste naar "
            f"{ind.label.lower()} is {top['gemeente_naam']} "
            f"({fmt_number(number_or_none(top[indicator_id]), ind.decimals)}), de kleinste "
            f"{rows.iloc[-1]['gemeente_naam']} "
            f"({fmt_number(number_or_none(rows.iloc[-1][indicator_id]), ind.decimals)})."
        )
    return " ".join(parts)


def totals_text(
    profiles: Sequence[RegionProfile],
    indicator_ids: Sequence[str] = ("inwoners", "oppervlakte_land_km2", "bevolkingsdichtheid"),
) -> str:
    parts = []
    for profile in profiles:
        values = []
        for indicator_id in indicator_ids:
            ind = profile.indicator(indicator_id)
            values.append(
                f"{ind.label.lower()} {fmt_number(ind.value, ind.decimals)}"
                + ("" if ind.unit == ind.label.lower() else f" {ind.unit}")
                + f" ({ind.period or NIET_BESCHIKBAAR})"
            )
        parts.append(f"{profile.name}: " + ", ".join(values) + ".")
    return " ".join(parts)


def age_text(profiles: Sequence[RegionProfile]) -> str:
    parts = []
    for profile in profiles:
        values = ", ".join(
            f"{a.label.replace('Aandeel ', '')} {fmt_number(a.value, 1)} %" for a in profile.age
        )
        parts.append(f"{profile.name}: {values}.")
    return "Leeftijdsopbouw. " + " ".join(parts)


def before_after_text(result: OverstapResult) -> str:
    parts = [f"Overstap van {result.gemeente_naam}."]
    for code in (result.van, result.naar):
        b, a = result.before[code], result.after[code]
        parts.append(
            f"{b.name}: van {len(b.members)} naar {len(a.members)} gemeenten en van "
            f"{fmt_int(b.inwoners)} naar {fmt_int(a.inwoners)} inwoners."
        )
    parts.append(f"Nederland totaal blijft {fmt_int(result.national_after)} inwoners.")
    return " ".join(parts)


def cost_text(model: CostModel, region: str, region_name: str) -> str:
    budget = model.budgets.get(region)
    head = (
        f"Budget {region_name}: {fmt_eur_input(budget)}, verdeeld {model.key.label}."
        if budget is not None
        else f"Geen budget ingevuld voor {region_name}: aandelen in procenten, {model.key.label}."
    )
    parts = [head]
    for r in model.rows:
        if region not in (r.region_before, r.region_after):
            continue
        before = (
            (fmt_eur(r.eur_before) if budget is not None else fmt_pct(r.share_before, 1))
            if r.region_before == region
            else "geen deelnemer"
        )
        after = (
            (fmt_eur(r.eur_after) if budget is not None else fmt_pct(r.share_after, 1))
            if r.region_after == region
            else "geen deelnemer"
        )
        parts.append(f"{r.gemeente_naam}: {before} → {after}.")
    return " ".join(parts)


# --- pendel ----------------------------------------------------------------------------------
def destinations_text(result: GemeentePendel) -> str:
    """The werkgemeenten of the destinations chart, with jobs and share."""
    return (
        "; ".join(f"{p.name} {jobs(p.jobs)} duizend ({pct(p.share)})" for p in result.top()) + "."
    )


def inside_text(shares: InsideShares, codes: Sequence[str]) -> str:
    """The inside share of each region of the inside chart."""
    return " ".join(
        f"{shares.get(c).name}: {pct(shares.get(c).share)} van de banen van inwoners "
        f"ligt binnen de regio ({jobs(shares.get(c).inside_jobs)} van "
        f"{jobs(shares.get(c).total_jobs)} duizend)."
        for c in codes
    )


def move_inside_text(move: OverstapPendel) -> str:
    """Both regions' inside share before and after the move."""
    return " ".join(
        f"{move.before[c].name}: {pct(move.before[c].share)} voor, "
        f"{pct(move.after[c].share)} na de overstap."
        for c in (move.van, move.naar)
    )

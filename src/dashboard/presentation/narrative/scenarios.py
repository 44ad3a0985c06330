"""What a comparison of two scenarios and a group weighting say, in plain Dutch: the sentences
of the Scenario's page."""

from __future__ import annotations

from dashboard.core.formatting import fmt_pct
from dashboard.scenarios.compare import GroupWeighting, ScenarioComparison

#: Two scenarios whose effective weights are all the same.
SAME_WEIGHTS = "beide scenario's geven elk criterium hetzelfde gewicht."
#: Two scenarios that both use the handreiking's ratings.
NO_OWN_RATINGS_IN_EITHER = "geen van beide wijkt af van de handreiking."


def comparison_summary(comparison: ScenarioComparison) -> str:
    """One Dutch sentence for an alderman: the same order or not, and who scores highest."""
    win_a = " en ".join(r.name for r in comparison.results if r.rank_a == 1)
    win_b = " en ".join(r.name for r in comparison.results if r.rank_b == 1)
    if comparison.same_ranking:
        return f"Beide scenario's geven dezelfde volgorde; {win_a} scoort in beide het hoogst."
    if win_a == win_b:
        return f"In beide scenario's scoort {win_a} het hoogst, maar de volgorde daarna verschilt."
    return f"In ‘{comparison.name_a}’ scoort {win_a} het hoogst, in ‘{comparison.name_b}’ {win_b}."


def group_summary(group: GroupWeighting) -> list[str]:
    """Who puts what first, the mean result, the biggest disagreement."""
    out = []
    winners = {
        name: " en ".join(group.variant_names[v] for v in r.winners)
        for name, r in zip(group.names, group.results, strict=True)
    }
    if len(set(winners.values())) == 1:
        out.append(
            f"Alle {len(group.names)} wegingen geven {next(iter(winners.values()))} "
            "de hoogste score."
        )
    else:
        parts = "; ".join(f"{name}: {win}" for name, win in winners.items())
        out.append(f"De wegingen geven niet dezelfde winnaar ({parts}).")
    mean_win = " en ".join(group.variant_names[v] for v in group.mean_result.winners)
    out.append(f"Met de gemiddelde weging scoort {mean_win} het hoogst.")
    if group.criteria and group.criteria[0].range > 1e-12:
        top = group.criteria[0]
        lo_name = group.names[top.shares.index(top.low)]
        hi_name = group.names[top.shares.index(top.high)]
        out.append(
            f"Het meest oneens is men over ‘{top.label}’: van {fmt_pct(top.low, 1)} "
            f"van het totale gewicht ({lo_name}) tot {fmt_pct(top.high, 1)} ({hi_name})."
        )
    if group.mixed_judgements:
        out.append(
            "Let op: de deelnemers gebruiken verschillende schalen of eigen oordelen; de "
            "gemiddelde weging rekent met de oordelen van de handreiking en de standaardschaal."
        )
    return out

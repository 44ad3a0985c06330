"""Independent reference implementations the tests check the sensitivity engine against.

They follow the same conventions as :mod:`dashboard.mcda.sensitivity` but compute naively (set one
weight's share and rebuild the problem; count ranks in a plain loop), so an error in the fast
code shows up as a disagreement.
"""

from __future__ import annotations

import numpy as np

from dashboard.core.errors import UnknownCodeError, ValidationError
from dashboard.mcda.scoring import DecisionProblem, tolerance
from dashboard.mcda.sensitivity import Kind


def problem_at_share(
    problem: DecisionProblem, kind: Kind, wid: str, share: float
) -> DecisionProblem:
    """The problem with one weight's share set to ``share`` and its peers rescaled (for checks).

    Follows the same conventions as :func:`dashboard.mcda.sensitivity.one_way` (peers that all
    weigh 0 share equally).
    """
    m = problem.matrix
    if not 0.0 <= share <= 1.0:
        raise ValidationError(f"aandeel {share!r} moet tussen 0 en 1 liggen")
    groups = {g: problem.weights.group(g) for g in m.group_ids}
    criteria = {c: problem.weights.criterion(c) for c in m.criterion_ids}
    if kind == "group":
        if wid not in groups:
            raise UnknownCodeError(f"onbekende groep {wid!r}")
        peers = [g for g in m.group_ids if g != wid]
        total = sum(groups[g] for g in peers)
        if total <= 0:
            peers = [g for g in peers if sum(criteria[c.id] for c in m.criteria_in(g)) > 0]
            props = {g: 1.0 / len(peers) for g in peers} if peers else {}
        else:
            props = {g: groups[g] / total for g in peers}
        new_groups = {g: (1 - share) * props.get(g, 0.0) for g in m.group_ids}
        new_groups[wid] = share
        if share >= 1.0 or not props:
            new_groups = {g: (1.0 if g == wid else 0.0) for g in m.group_ids}
            if sum(criteria[c.id] for c in m.criteria_in(wid)) <= 0:
                raise ValidationError("deze groep heeft geen criteria met gewicht")
        return problem.with_changes(weights=type(problem.weights)(new_groups, criteria))
    if wid not in criteria:
        raise UnknownCodeError(f"onbekend criterium {wid!r}")
    gid = m.criterion(wid).group
    peers = [c.id for c in m.criteria_in(gid) if c.id != wid]
    total = sum(criteria[c] for c in peers)
    props = {c: (criteria[c] / total if total > 0 else 1.0 / len(peers)) for c in peers}
    new_criteria = dict(criteria)
    for c in peers:
        new_criteria[c] = (1 - share) * props[c]
    new_criteria[wid] = share if peers else 1.0
    return problem.with_changes(weights=type(problem.weights)(groups, new_criteria))


def smaa_loop(
    problem: DecisionProblem, gshares: np.ndarray, within: np.ndarray
) -> dict[str, list[int]]:
    """Plain-Python reference: rank counts for given sampled weights (for tests and benchmark)."""
    m = problem.matrix
    values = problem.value_matrix().tolist()
    gi = problem.group_index().tolist()
    tol = tolerance(problem)
    k = len(m.variant_ids)
    counts = {v: [0] * k for v in m.variant_ids}
    for gs, ws in zip(gshares.tolist(), within.tolist(), strict=True):
        s = [0.0] * k
        for c, w in enumerate(ws):
            eff = gs[gi[c]] * w
            for v in range(k):
                s[v] += eff * values[c][v]
        for v in range(k):
            position = sum(
                1
                for u in range(k)
                if u != v and (s[u] - s[v] > tol or (abs(s[u] - s[v]) <= tol and u < v))
            )
            counts[m.variant_ids[v]][position] += 1
    return counts


def aggregate_loop(kc, membership, year):  # type: ignore[no-untyped-def]
    """Plain-pandas reference for :func:`dashboard.data.kerncijfers.aggregate`: one region at a
    time,
    one indicator at a time (the implementation before the vectorised one)."""
    import pandas as pd

    from dashboard.data.kerncijfers import INDICATORS, gemeente_figures

    def sum_strict(values: pd.Series) -> float:
        return float(values.sum()) if values.notna().all() and len(values) else np.nan

    figures = gemeente_figures(kc, year)
    figures = figures.reindex(figures.index.union(pd.Index(list(membership))))
    figures["region"] = pd.Series(membership)
    figures = figures[figures["region"].notna()]
    rows = {}
    for region, members in figures.groupby("region"):
        row: dict[str, float] = {"n_gemeenten": float(len(members))}
        inwoners = sum_strict(members["inwoners"])
        for ind in INDICATORS.values():
            if ind.kind == "som":
                row[ind.id] = sum_strict(members[ind.id])
            elif ind.kind == "verhouding":
                num = sum_strict(members[ind.numerator])
                den = sum_strict(members[ind.denominator])
                row[ind.id] = num / den * ind.scale if den and not np.isnan(den) else np.nan
            elif ind.kind == "aandeel":
                counts = sum_strict(members[ind.id] / 100.0 * members["inwoners"])
                row[ind.id] = counts / inwoners * 100.0 if inwoners else np.nan
            elif ind.kind == "gewogen":
                weights = members[ind.weight]
                total = sum_strict(weights)
                weighted = sum_strict(members[ind.id] * weights)
                row[ind.id] = weighted / total if total else np.nan
        rows[region] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out = out.reindex(columns=["n_gemeenten", *INDICATORS])
    out.index.name = "region_code"
    out["n_gemeenten"] = out["n_gemeenten"].astype(int)
    return out.sort_index()


def available(kc, indicator_id, year):  # type: ignore[no-untyped-def]
    """Reference for :func:`dashboard.data.kerncijfers.years_per_indicator`, one year at a time:
    True
    when the indicator has at least one gemeente value in ``year``."""
    from dashboard.data.kerncijfers import _needed, with_derived_columns

    rows = with_derived_columns(kc[kc["jaar"] == year])
    return all(c in rows.columns and rows[c].notna().any() for c in _needed(indicator_id))

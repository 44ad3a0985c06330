"""Weightings in words: presets, rank-order-centroid weights, and plain-Dutch summaries.

Everything here works on the weights-file mapping of :mod:`dashboard.scoring`
(``{"groups": {}, "criteria": {}, "scale": {}, "ratings": {}, "reasons": {}}``) and on
:class:`~dashboard.scoring.ScoreResult`; nothing imports Streamlit, so the page, the CLI and the
PDF/PowerPoint export all say the same thing.

Presets
-------
* ``perspectieven_gelijk`` (default): the three perspectives (groups) weigh the same and, inside a
  group, every criterion weighs the same.
* ``criteria_gelijk``: every one of the 21 criteria weighs the same. Because the groups have 10, 7
  and 4 criteria, this silently gives gemeenten & UWV 10/21 of the weight; :func:`preset_note`
  says so.
* ``alleen_<group id>``: one perspective only.

Rank-order centroid (ROC)
-------------------------
For *n* ranked items the item in place *i* (1 = most important) gets
``(1/n) × Σ_{k=i..n} 1/k``; the weights sum to 1. For ``n = 3``: 0.611, 0.278, 0.111.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.criteria import Matrix, Rating
from dashboard.errors import UnknownCodeError, ValidationError
from dashboard.formatting import fmt_number, fmt_pct
from dashboard.scoring import DecisionProblem, ScoreResult, scores_equal

DEFAULT_PRESET = "perspectieven_gelijk"
CRITERIA_EQUAL = "criteria_gelijk"
SINGLE_PREFIX = "alleen_"

#: Keys of the weights-file mapping that describe the weighting (not scale or ratings).
WEIGHT_KEYS = ("groups", "criteria")


@dataclass(frozen=True)
class Preset:
    """A named weighting an alderman can pick without touching a slider."""

    id: str
    label: str
    #: raw group weights (missing = 1)
    groups: Mapping[str, float]
    #: raw criterion weights (missing = 1)
    criteria: Mapping[str, float]


# --- small Dutch helpers ------------------------------------------------------------------
def join_nl(items: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b en c"``."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " en " + items[-1]


def variant_name(matrix: Matrix, variant_id: str) -> str:
    return matrix.variant(variant_id).name


def group_short(matrix: Matrix, group_id: str) -> str:
    return matrix.group(group_id).short


def lower_first(text: str) -> str:
    """For use mid-sentence: ``"Gemeenten & UWV"`` → ``"gemeenten & UWV"``."""
    return text[:1].lower() + text[1:]


# --- presets ------------------------------------------------------------------------------
def presets(matrix: Matrix) -> tuple[Preset, ...]:
    """All presets, the default first."""
    out = [
        Preset(DEFAULT_PRESET, "Drie perspectieven even zwaar", {}, {}),
        Preset(
            CRITERIA_EQUAL,
            "Alle criteria even zwaar",
            {g.id: float(len(matrix.criteria_in(g.id))) for g in matrix.groups},
            {},
        ),
    ]
    for group in matrix.groups:
        out.append(
            Preset(
                SINGLE_PREFIX + group.id,
                f"Alleen {group.short}",
                {g.id: (1.0 if g.id == group.id else 0.0) for g in matrix.groups},
                {},
            )
        )
    return tuple(out)


def preset(matrix: Matrix, preset_id: str) -> Preset:
    for item in presets(matrix):
        if item.id == preset_id:
            return item
    known = ", ".join(p.id for p in presets(matrix))
    raise UnknownCodeError(f"onbekende voorinstelling {preset_id!r}; bekend zijn {known}")


def preset_note(matrix: Matrix, preset_id: str) -> str:
    """One Dutch sentence on what a preset means for the perspectives."""
    if preset_id == DEFAULT_PRESET:
        return (
            "Elk perspectief (gemeenten & UWV, werkgevers, werkzoekenden) telt voor een derde; "
            "binnen een perspectief wegen alle criteria even zwaar."
        )
    if preset_id == CRITERIA_EQUAL:
        total = len(matrix.criteria)
        parts = [
            f"{lower_first(g.short)} {len(matrix.criteria_in(g.id))}/{total} "
            f"({fmt_pct(len(matrix.criteria_in(g.id)) / total)})"
            for g in matrix.groups
        ]
        return (
            "Let op: elk criterium telt even zwaar, maar de perspectieven hebben niet evenveel "
            f"criteria. Daardoor krijgt {join_nl(parts)} van het gewicht."
        )
    if preset_id.startswith(SINGLE_PREFIX):
        group = matrix.group(preset_id.removeprefix(SINGLE_PREFIX))
        return (
            f"Alleen de criteria van {lower_first(group.short)} tellen mee; "
            "de andere perspectieven wegen 0."
        )
    preset(matrix, preset_id)  # raises for an unknown id
    return ""


def apply_preset(config: Mapping[str, Any], matrix: Matrix, preset_id: str) -> dict[str, Any]:
    """A copy of ``config`` with the preset's weights; scale and rating overrides are kept."""
    chosen = preset(matrix, preset_id)
    return with_weights(config, chosen.groups, chosen.criteria)


def with_weights(
    config: Mapping[str, Any],
    groups: Mapping[str, float] | None = None,
    criteria: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """A copy of ``config`` with new raw weights; weights equal to the default 1 are left out."""
    out = copy.deepcopy(dict(config))
    for key, weights in (("groups", groups), ("criteria", criteria)):
        if weights is None:
            continue
        kept = {k: float(v) for k, v in weights.items() if not _is_one(v)}
        if kept:
            out[key] = kept
        else:
            out.pop(key, None)
    return out


def _is_one(value: Any) -> bool:
    try:
        return float(value) == 1.0
    except (TypeError, ValueError):
        return False


def matching_preset(problem: DecisionProblem) -> str | None:
    """The id of the preset whose effective weights equal the problem's, if any."""
    current = problem.effective_weights()
    for item in presets(problem.matrix):
        candidate = problem.with_changes(
            weights=type(problem.weights)(dict(item.groups), dict(item.criteria))
        ).effective_weights()
        if all(math.isclose(a, b, abs_tol=1e-12) for a, b in zip(current, candidate, strict=True)):
            return item.id
    return None


# --- rank-order centroid --------------------------------------------------------------------
def roc_weights(n: int) -> list[float]:
    """Rank-order-centroid weights for ``n`` ranked items, most important first; sum 1.

    >>> [round(w, 3) for w in roc_weights(3)]
    [0.611, 0.278, 0.111]
    """
    if n < 1:
        raise ValidationError("rangorde: kies minstens één onderdeel")
    return [sum(1.0 / k for k in range(i, n + 1)) / n for i in range(1, n + 1)]


def _check_ranking(ranking: Sequence[str], known: Sequence[str], what: str) -> list[str]:
    order = list(ranking)
    if not order:
        raise ValidationError(f"rangorde: zet minstens één {what} in volgorde")
    for item in order:
        if item not in known:
            raise UnknownCodeError(f"rangorde: onbekende {what} {item!r}")
    if len(set(order)) != len(order):
        raise ValidationError(f"rangorde: elke {what} mag maar één keer voorkomen")
    return order


def rank_order_groups(matrix: Matrix, ranking: Sequence[str]) -> dict[str, float]:
    """ROC group weights from a ranking of group ids; unranked groups weigh 0."""
    order = _check_ranking(ranking, matrix.group_ids, "perspectief")
    weights = dict(zip(order, roc_weights(len(order)), strict=True))
    return {g: weights.get(g, 0.0) for g in matrix.group_ids}


def rank_order_criteria(
    matrix: Matrix, ranking: Sequence[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Group and criterion weights whose *effective* weights are the ROC weights of the ranking.

    The ranking runs over criteria of all groups together; unranked criteria weigh 0. Group
    weight = the sum of its criteria's ROC weights, so that
    ``effective(c) = (W_g / ΣW) × (w_c / W_g) = roc(c)``.
    """
    order = _check_ranking(ranking, matrix.criterion_ids, "criterium")
    roc = dict(zip(order, roc_weights(len(order)), strict=True))
    criteria = {c: roc.get(c, 0.0) for c in matrix.criterion_ids}
    groups = {g.id: sum(criteria[c.id] for c in matrix.criteria_in(g.id)) for g in matrix.groups}
    return groups, criteria


# --- rating overrides (local judgements) ----------------------------------------------------
def set_override(
    config: Mapping[str, Any],
    matrix: Matrix,
    criterion_id: str,
    variant_id: str,
    symbol: str,
    reason: str,
) -> dict[str, Any]:
    """A copy of ``config`` with one local rating; equal to the handreiking's = removed."""
    matrix.criterion(criterion_id)
    matrix.variant(variant_id)
    rating = Rating.parse(symbol)
    reason = " ".join(str(reason).split())
    if rating == matrix.rating(criterion_id, variant_id):
        return remove_override(config, criterion_id, variant_id)
    if not reason:
        raise ValidationError(
            "geef een korte reden voor het eigen oordeel (bijvoorbeeld de ervaring in uw regio)"
        )
    out = copy.deepcopy(dict(config))
    out.setdefault("ratings", {}).setdefault(criterion_id, {})[variant_id] = rating.value
    out.setdefault("reasons", {}).setdefault(criterion_id, {})[variant_id] = reason[:500]
    return out


def remove_override(
    config: Mapping[str, Any], criterion_id: str, variant_id: str
) -> dict[str, Any]:
    out = copy.deepcopy(dict(config))
    for key in ("ratings", "reasons"):
        section = out.get(key)
        if isinstance(section, dict) and isinstance(section.get(criterion_id), dict):
            section[criterion_id].pop(variant_id, None)
            if not section[criterion_id]:
                del section[criterion_id]
            if not section:
                del out[key]
    return out


def clear_overrides(config: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(config))
    out.pop("ratings", None)
    out.pop("reasons", None)
    return out


def with_scale(config: Mapping[str, Any], values: Mapping[str, float] | None) -> dict[str, Any]:
    """A copy of ``config`` with a new scale (``None`` = back to the default)."""
    out = copy.deepcopy(dict(config))
    if values is None:
        out.pop("scale", None)
    else:
        out["scale"] = {str(k): float(v) for k, v in values.items()}
    return out


# --- sentences ------------------------------------------------------------------------------
def _score_words(result: ScoreResult, variant_id: str) -> str:
    return f"{fmt_number(result.scores_0_100[variant_id], 0)} van 100"


def summary_sentence(result: ScoreResult, problem: DecisionProblem) -> str:
    """The one sentence an alderman reads: who scores highest, by how much, and ties.

    >>> from dashboard.scoring import default_problem, score
    >>> p = default_problem()
    >>> print(summary_sentence(score(p), p))  # doctest: +NORMALIZE_WHITESPACE
    Met deze weging scoort Variant 1 het hoogst (86 van 100),
    gevolgd door Variant 2 (74) en Variant 3 (45).
    """
    m = problem.matrix
    ranking = result.ranking
    by_rank: dict[int, list[str]] = {}
    for vid in ranking:
        by_rank.setdefault(result.ranks[vid], []).append(vid)
    ranks = sorted(by_rank)
    first = by_rank[ranks[0]]
    if len(first) == len(ranking):
        text = (
            f"Met deze weging scoren {join_nl([variant_name(m, v) for v in first])} precies "
            f"gelijk ({_score_words(result, first[0])}); de weging maakt hier geen verschil."
        )
    else:
        if len(first) == 1:
            head = (
                f"Met deze weging scoort {variant_name(m, first[0])} het hoogst "
                f"({_score_words(result, first[0])})"
            )
        else:
            head = (
                f"Met deze weging scoren {join_nl([variant_name(m, v) for v in first])} "
                f"gelijk het hoogst ({_score_words(result, first[0])})"
            )
        rest = []
        for rank in ranks[1:]:
            members = by_rank[rank]
            names = join_nl([variant_name(m, v) for v in members])
            score_txt = fmt_number(result.scores_0_100[members[0]], 0)
            rest.append(f"{names} ({score_txt}{', gelijk' if len(members) > 1 else ''})")
        text = f"{head}, gevolgd door {join_nl(rest)}."
    if problem.overrides:
        n = len(problem.overrides)
        if n == 1:
            text += " Hierin is 1 eigen oordeel verwerkt dat afwijkt van de handreiking."
        else:
            text += f" Hierin zijn {n} eigen oordelen verwerkt die afwijken van de handreiking."
    return text


def tie_sentence(result: ScoreResult, matrix: Matrix) -> str:
    """Say which variants share a rank ('' when there are no ties)."""
    parts = []
    for group in result.ties():
        parts.append(
            f"{join_nl([variant_name(matrix, v) for v in group])} scoren precies gelijk en "
            f"delen plaats {result.ranks[group[0]]}"
        )
    if not parts:
        return ""
    return join_nl(parts) + "."


def dominance_sentences(result: ScoreResult, problem: DecisionProblem) -> list[str]:
    """Dominance in words, including that no weighting can change it."""
    m = problem.matrix
    own = " (met uw eigen oordelen meegerekend)" if problem.overrides else ""
    if not result.dominance:
        return [
            "Geen variant is op alle criteria minstens zo goed als een andere"
            f"{own}; de weging bepaalt dus welke variant het hoogst scoort."
        ]
    out = []
    for a, b in result.dominance:
        na, nb = variant_name(m, a), variant_name(m, b)
        out.append(
            f"{na} krijgt in de beoordeling{own} op elk criterium minstens hetzelfde oordeel "
            f"als {nb}, en op minstens één criterium een beter oordeel. Daarom scoort {na} "
            f"nooit lager dan {nb}: geen weging en geen andere schaal kan dat veranderen."
        )
    return out


def group_shares_sentence(problem: DecisionProblem) -> str:
    """'Gewicht per perspectief: gemeenten & UWV 33%, …'."""
    shares = problem.group_shares()
    parts = [f"{lower_first(g.short)} {fmt_pct(shares[g.id])}" for g in problem.matrix.groups]
    return f"Gewicht per perspectief: {join_nl(parts)}."


def reasons_sentence(result: ScoreResult, problem: DecisionProblem, top: int = 3) -> str:
    """Why the winner beats the runner-up: the criteria that make most of the difference."""
    m = problem.matrix
    ranking = result.ranking
    if len(ranking) < 2:
        return ""
    best, second = ranking[0], ranking[1]
    if scores_equal(result.scores[best], result.scores[second]):
        return ""
    diffs = sorted(
        (
            (result.contributions[c][best] - result.contributions[c][second], c)
            for c in result.criterion_ids
        ),
        reverse=True,
    )
    helping = [c for d, c in diffs[:top] if d > 1e-12]
    if not helping:
        return ""
    labels = [f"'{m.criterion(c).label}'" for c in helping]
    text = (
        f"Het verschil tussen {variant_name(m, best)} en {variant_name(m, second)} komt vooral "
        f"van {join_nl(labels)}."
    )
    against = [c for d, c in diffs if d < -1e-12]
    if against:
        worst = against[-1]
        text += f" Op '{m.criterion(worst).label}' scoort {variant_name(m, second)} juist beter."
    return text


def scale_note() -> str:
    return (
        "Aanname: de handreiking geeft alleen tekens (++ tot -/-), geen getallen. De omzetting "
        "naar getallen hieronder is een keuze van dit dashboard; u kunt haar aanpassen, zolang "
        "de volgorde ++ ≥ + ≥ +/- ≥ - ≥ -/- blijft."
    )

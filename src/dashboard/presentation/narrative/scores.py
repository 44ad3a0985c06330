"""What the scores say: who wins, by how much, why, ties, dominance and the weighting used.

Every sentence about a :class:`~dashboard.mcda.scoring.ScoreResult` lives here, so the Varianten
page, the CLI, the PDF and the slides say the same thing in the same words.
"""

from __future__ import annotations

import math

from dashboard.core.formatting import fmt_number, fmt_pct, fmt_plain
from dashboard.core.limits import SCALE
from dashboard.mcda.criteria import Matrix
from dashboard.mcda.scoring import (
    TIE_TOLERANCE,
    DecisionProblem,
    RatingOverride,
    Scale,
    ScoreResult,
)
from dashboard.mcda.sensitivity import WinReason, why_it_wins
from dashboard.mcda.weighting import CRITERIA_EQUAL, DEFAULT_PRESET, SINGLE_PREFIX, preset
from dashboard.presentation.narrative.words import count, join_nl, lower_first, own_ratings, quoted

#: How ranks are given when scores are equal (standard competition ranking), the one wording of
#: the Varianten page, the CLI's ``score`` and the report.
TIE_POLICY = "gelijke scores delen de hoogste rang (1, 1, 3)"

#: What the report's assumptions are, before it lists them.
CHOICES_NOT_FACTS = (
    "De codering ++ … -/- in getallen, de weging en eigen oordelen zijn keuzes, geen feiten."
)

#: Said when every criterion weighs 1 within its perspective.
EQUAL_CRITERIA = "Alle criteria wegen binnen hun perspectief even zwaar (gewicht 1)."

#: Stands where the reason for an own rating would stand, when none was given.
NO_REASON = "(geen reden opgegeven)"

#: Said when the handreiking's ratings are used as they are.
NO_OWN_RATINGS = "Alle oordelen zijn die van de handreiking; er zijn geen eigen oordelen."


def tie_policy_sentence() -> str:
    """“Gelijke scores delen de hoogste rang (1, 1, 3).”"""
    return TIE_POLICY[:1].upper() + TIE_POLICY[1:] + "."


def variant_name(matrix: Matrix, variant_id: str) -> str:
    return matrix.variant(variant_id).name


def _score_words(result: ScoreResult, variant_id: str) -> str:
    return f"{fmt_number(result.scores_0_100[variant_id], 0)} van 100"


def summary_sentence(result: ScoreResult, problem: DecisionProblem) -> str:
    """The one sentence an alderman reads: who scores highest, by how much, and ties.

    >>> from dashboard.mcda.scoring import default_problem, score
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


def dominance_sentence(problem: DecisionProblem, better: str, worse: str) -> str:
    """One variant dominates another, and no weighting or coding can change that."""
    m = problem.matrix
    own = " (met uw eigen oordelen meegerekend)" if problem.overrides else ""
    na, nb = variant_name(m, better), variant_name(m, worse)
    return (
        f"{na} krijgt in de beoordeling{own} op elk criterium minstens hetzelfde oordeel "
        f"als {nb}, en op minstens één criterium een beter oordeel. Daarom scoort {na} "
        f"nooit lager dan {nb}: geen weging en geen andere schaal kan dat veranderen."
    )


def dominance_sentences(result: ScoreResult, problem: DecisionProblem) -> list[str]:
    """Dominance in words, including that no weighting can change it."""
    if not result.dominance:
        own = " (met uw eigen oordelen meegerekend)" if problem.overrides else ""
        return [
            "Geen variant is op alle criteria minstens zo goed als een andere"
            f"{own}; de weging bepaalt dus welke variant het hoogst scoort."
        ]
    return [dominance_sentence(problem, a, b) for a, b in result.dominance]


def group_shares_sentence(problem: DecisionProblem) -> str:
    """'Gewicht per perspectief: gemeenten & UWV 33%, …'."""
    shares = problem.group_shares()
    parts = [f"{lower_first(g.short)} {fmt_pct(shares[g.id])}" for g in problem.matrix.groups]
    return f"Gewicht per perspectief: {join_nl(parts)}."


def why_sentence(problem: DecisionProblem, reason: WinReason) -> str:
    """Why the winner beats the runner-up: the criteria that make most of the difference.

    Criteria that contribute exactly as much as the last one named are named too, so a tie
    is said as a tie instead of being broken by the order of the table.
    """
    m = problem.matrix
    w = variant_name(m, reason.winner)
    r = variant_name(m, reason.runner_up)
    if not reason.for_winner and not reason.for_runner_up:
        return f"{w} en {r} scoren op elk criterium dat meetelt precies even goed."
    if abs(reason.gap) <= TIE_TOLERANCE * 10 and reason.for_winner:
        return f"{w} en {r} scoren nu gelijk; wat de een wint, verliest hij elders weer."
    labels = [quoted(m.criterion(c).label) for c, _ in reason.for_winner]
    diffs = [d for _, d in reason.for_winner]
    share = sum(diffs) / reason.gap if reason.gap > 0 else math.inf
    if len(diffs) > 1 and max(diffs) - min(diffs) <= TIE_TOLERANCE * max(1.0, max(diffs)):
        sentence = (
            f"{w} wint vooral doordat het op {count(len(diffs), 'criterium', 'criteria')} even "
            f"veel beter scoort dan {r}: {join_nl(labels)}"
        )
        if share <= 1.0 + 1e-9:
            sentence += (
                f", elk {fmt_pct(diffs[0] / reason.gap, 1)} van de voorsprong "
                f"(samen {fmt_pct(share, 0)})."
            )
        else:
            sentence += "."
    else:
        sentence = f"{w} wint vooral doordat het beter scoort dan {r} op {join_nl(labels)}"
        if share <= 1.0 + 1e-9:
            together = "samen " if len(diffs) > 1 else ""
            sentence += f": {together}{fmt_pct(share, 0)} van de voorsprong."
        else:
            sentence += "."
    if reason.for_runner_up:
        most = reason.for_runner_up[0][1]
        against = [
            quoted(m.criterion(c).label)
            for c, d in reason.for_runner_up
            if d <= most + TIE_TOLERANCE * max(1.0, abs(most))
        ]
        sentence += f" {r} scoort juist beter op {join_nl(against)}."
    return sentence


def explanation(result: ScoreResult, problem: DecisionProblem) -> list[str]:
    """Why the ranking is what it is: the reasons of the winner (unless the top is a tie) and
    dominance."""
    out = []
    if len(result.winners) == 1:
        out.append(why_sentence(problem, why_it_wins(problem, result=result)))
    out.extend(dominance_sentences(result, problem))
    return out


def override_line(
    problem: DecisionProblem, override: RatingOverride, *, mark: str = "", reason_chars: int = 0
) -> str:
    """One own rating: criterion, variant, the handreiking's and the own rating, and why.

    ``mark`` follows “Eigen oordeel” where the charts mark own ratings (``" (*)"``);
    ``reason_chars`` > 0 shortens a long reason to that many characters.
    """
    m = problem.matrix
    reason = override.reason or NO_REASON
    if reason_chars and len(reason) > reason_chars:
        reason = reason[: reason_chars - 1] + "…"
    return (
        f"Eigen oordeel{mark}: {m.criterion(override.criterion).label}, "
        f"{m.variant(override.variant).name}: {override.rating.value} in plaats van "
        f"{m.rating(override.criterion, override.variant).value} (handreiking). Reden: {reason}"
    )


def overrides_sentence(problem: DecisionProblem) -> str:
    """'Deze uitkomst gebruikt 1 eigen oordeel dat afwijkt van de handreiking.' ('' without)."""
    if not problem.overrides:
        return ""
    return f"Deze uitkomst gebruikt {own_ratings(len(problem.overrides))}."


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


def scale_coding(scale: Scale | None = None) -> str:
    """The coding in use, the one way it is written: ``++ = 2, + = 1, +/- = 0, - = -1,
    -/- = -2`` (up to two decimals, as typed)."""
    symbols = (scale or Scale()).as_symbols()
    return ", ".join(f"{symbol} = {fmt_plain(value, 2)}" for symbol, value in symbols.items())


#: What the handreiking gives: the start of every statement of the scale assumption.
_SIGNS_ONLY = "Aanname: de handreiking geeft alleen tekens (++ tot -/-), geen getallen."


def scale_assumption(scale: Scale | None = None) -> str:
    """The one sentence that says the coding of ++ … -/- is the dashboard's assumption."""
    return f"{_SIGNS_ONLY} Dat {scale_coding(scale)} telt, is een keuze van dit dashboard."


def basis_sentence(scale: Scale | None = None) -> str:
    """Where the scores and figures of a conclusion come from, and which are assumptions."""
    return (
        "De scores volgen uit de oordelen van de handreiking (2012) en de gekozen weging. "
        + scale_assumption(scale)
        + " Cijfers over regio's zijn CBS-cijfers; budgetten en frictiekosten zijn eigen "
        "invoer."
    )


#: The scale assumption as a source line says it next to a chart of the scores.
SCALE_SOURCE_NOTE = (
    "Oordelen uit §8; de omzetting naar getallen is een aanname van dit dashboard (zie 'Schaal')."
)


def scale_note() -> str:
    return (
        f"{_SIGNS_ONLY} De omzetting naar getallen hieronder is een keuze van dit dashboard; "
        "u kunt haar aanpassen, zolang de volgorde ++ ≥ + ≥ +/- ≥ - ≥ -/- blijft en elke waarde "
        f"{SCALE.allowed()} is. Alleen de verhoudingen tussen de waarden tellen: "
        "met getallen in dat bereik is elke codering te maken."
    )

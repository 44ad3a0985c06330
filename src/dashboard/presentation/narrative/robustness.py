"""How firm the outcome is, in plain Dutch: the verdict of the Robuustheid page, the report
and the CLI, and the sentences beside its charts.

Two analyses answer different questions and are worded so that they cannot be read as
contradicting each other: the one-way analysis changes *one* weight while the others keep
their mutual proportions ("verandert alleen het gewicht van …"); the random weightings
change *all* weights at once ("over willekeurige wegingen, waarin alle gewichten tegelijk
anders zijn").
"""

from __future__ import annotations

from typing import Literal

from dashboard.core.formatting import fmt_int, fmt_pct
from dashboard.mcda.scoring import DecisionProblem
from dashboard.mcda.sensitivity import OneWay, Robustness, ScaleSensitivity, SmaaResult
from dashboard.presentation.narrative.scores import dominance_sentence, why_sentence
from dashboard.presentation.narrative.words import (
    join_nl,
    lower_first,
    own_ratings,
    pct_bound,
    pct_interval,
)

Firmness = Literal["stevig", "redelijk", "wankel"]
#: Rule of thumb of this dashboard: the share of random weightings the winner must win.
FIRM, FAIR = 0.9, 0.6

FIRMNESS_NOTE = (
    f"‘Stevig’ ({pct_bound(FIRM, 'nearest', 0)} of meer van de wegingen), ‘redelijk stevig’ "
    f"({round(FAIR * 100)}–{pct_bound(FIRM, 'nearest', 0)}) en ‘wankel’ zijn een "
    "vuistregel van dit dashboard."
)


#: Which variant the random weightings count when scores are equal.
FIRST_ON_TIES = "bij gelijke scores telt de eerste variant, die met het laagste nummer"


def variant_name(problem: DecisionProblem, variant_id: str) -> str:
    return problem.matrix.variant(variant_id).name


def firmness(smaa_result: SmaaResult, winner: str) -> Firmness:
    """Rule of thumb of this dashboard: ≥ 90% of samples stevig, ≥ 60% redelijk, else wankel."""
    p = smaa_result.first(winner)
    if p >= FIRM:
        return "stevig"
    if p >= FAIR:
        return "redelijk"
    return "wankel"


def interval_text(ow: OneWay) -> str:
    """``"7% – 100%"``: the interval in which the winner stays on top, rounded as in the
    sentences (see :func:`~dashboard.presentation.narrative.words.pct_interval`)."""
    lo, hi = pct_interval(ow.low, ow.high)
    return f"{lo} – {hi}"


def _subject(problem: DecisionProblem, ow: OneWay) -> tuple[str, bool, str]:
    """(subject, plural, 'of the weight' phrase) for a weight."""
    if ow.kind == "group":
        return lower_first(ow.label), True, "van het gewicht"
    group = lower_first(problem.matrix.group(ow.group).label)
    return lower_first(ow.label), False, f"van het gewicht binnen {group}"


def stays_highest_sentence(problem: DecisionProblem, ow: OneWay) -> str:
    """“Verandert alleen het gewicht van werkgevers, dan blijft Variant 1 het hoogst zolang
    werkgevers tussen a% en b% van het gewicht krijgen”."""
    name = variant_name(problem, ow.winner)
    subject, plural, of_weight = _subject(problem, ow)
    get = "krijgen" if plural else "krijgt"
    now = f" (nu {pct_bound(ow.baseline_share, 'nearest', 0)})"
    if ow.kind == "group":
        lead = (
            f"Verandert alleen het gewicht van {subject} (de andere perspectieven houden hun "
            f"onderlinge verhouding), dan blijft {name} het hoogst"
        )
    else:
        lead = f"{name} blijft het hoogst"
    if not ow.has_effect:
        return (
            f"{name} blijft het hoogst, hoeveel gewicht {subject} ook {get}: dit gewicht "
            "verandert nu niets aan de scores."
        )
    if ow.low <= 0 and ow.high >= 1:
        return f"{lead}, hoeveel gewicht {subject} ook {get}{now}."
    lo, hi = pct_interval(ow.low, ow.high)
    if ow.high - ow.low <= 1e-12:
        return (
            f"{name} staat alleen bij precies dit gewicht bovenaan: zodra {subject} meer of "
            f"minder dan {pct_bound(ow.baseline_share, 'nearest', 1)} {of_weight} {get}, "
            "wint een andere variant."
        )
    return f"{lead} zolang {subject} tussen {lo} en {hi} {of_weight} {get}{now}."


def wins_only_if_sentences(problem: DecisionProblem, ow: OneWay) -> list[str]:
    """Per challenger: “Variant 3 wint alleen als concurrerend aanbod meer dan x% weegt”."""
    if not ow.has_effect:
        return []
    subject, plural, _ = _subject(problem, ow)
    weighs = "wegen" if plural else "weegt"
    within = (
        "" if ow.kind == "group" else f" binnen {lower_first(problem.matrix.group(ow.group).label)}"
    )
    out = []
    for vid, region in ow.regions.items():
        if vid == ow.winner or region is None:
            continue
        lo, hi = region
        if lo <= ow.baseline_share <= hi:
            continue  # already tied at the current weighting
        name = variant_name(problem, vid)
        if hi >= 1 and lo > 0:
            cond = f"meer dan {pct_bound(lo, 'down', 0 if lo * 100 >= 1 else 1)}"
        elif lo <= 0 and hi < 1:
            cond = f"minder dan {pct_bound(hi, 'up', 0)}"
        else:
            a, b = pct_bound(lo, "down", 0), pct_bound(hi, "up", 0)
            cond = f"tussen {a} en {b}"
        out.append(f"{name} wint alleen als {subject} {cond} {weighs}{within}.")
    return out


def _share_words(p: float) -> str:
    if p == 0:
        return "0%"
    if p < 0.005:
        return "minder dan 1%"
    if 0.995 < p < 1:
        return "meer dan 99%"
    return pct_bound(p, "nearest", 0)


def acceptability_sentence(problem: DecisionProblem, result: SmaaResult, variant: str) -> str:
    """“Variant 1 scoort het hoogst in p% van alle denkbare wegingen”."""
    name = variant_name(problem, variant)
    share = _share_words(result.first(variant))
    options = result.options
    if options.mode == "near":
        where = (
            "van de wegingen rond de huidige (elk gewicht hoogstens "
            f"{pct_bound(options.near_pct / 100, 'nearest', 0)} hoger of lager)"
        )
    elif options.mode == "ranking":
        order = ", ".join(lower_first(problem.matrix.group(g).label) for g in options.group_ranking)
        where = f"van alle denkbare wegingen met de volgorde {order}"
    else:
        where = "van alle denkbare wegingen"
    return f"{name} scoort het hoogst in {share} {where}."


def challenger_sentence(problem: DecisionProblem, result: SmaaResult, variant: str) -> str | None:
    """Where a challenger wins, from its central weights: the group it needs most weight on."""
    central = result.central_weights.get(variant)
    p = result.first(variant)
    if central is None or p <= 0:
        return None
    groups = central["groups"]
    top = max(groups, key=lambda g: (groups[g], g))
    return (
        f"{variant_name(problem, variant)} wint in {_share_words(p)} van de willekeurige "
        "wegingen, waarin alle gewichten tegelijk anders zijn; in die wegingen krijgen "
        f"{lower_first(problem.matrix.group(top).label)} gemiddeld "
        f"{pct_bound(groups[top], 'nearest', 0)} van het gewicht."
    )


def scale_sentence(problem: DecisionProblem, result: ScaleSensitivity) -> str:
    """Does another order-preserving coding change the winner?"""
    name = variant_name(problem, result.current_winner)
    n = len(result.variants)
    if not result.changed:
        text = (
            f"Met alle {n} andere coderingen van ++ tot -/- die we probeerden, blijft {name} "
            "het hoogst"
        )
    else:
        changed = "; ".join(
            f"bij ‘{s.name}’ wint {variant_name(problem, s.winner)}" for s in result.changed
        )
        text = f"De codering van ++ tot -/- doet ertoe: {changed}"
    if result.random_samples:
        keep = result.random_winner_shares.get(result.current_winner, 0.0)
        text += (
            f". Bij {pct_bound(keep, 'down', 0)} van {fmt_int(result.random_samples)} "
            "willekeurige coderingen die de volgorde ++ ≥ + ≥ +/- ≥ - ≥ -/- aanhouden, blijft "
            f"{name} het hoogst"
        )
    return text + "."


def acceptability_caption(samples: int) -> str:
    """The heading of the table of how often each variant takes each place."""
    return (
        f"Hoe vaak staat elke variant op welke plaats, over {fmt_int(samples)} willekeurige "
        "wegingen"
    )


def tornado_title(winner: str, counted: int, shown: int, limited: bool) -> str:
    """The title of the tornado overview: between which shares the winner stays the best, for
    the ``shown`` most sensitive of ``counted`` weights; or, when no weight can cost the winner
    its place (``limited`` false), that it stays the best whatever share any weight gets."""
    if not limited:
        return (
            f"{winner} blijft het hoogst bij elk aandeel van elk van de {counted} gewichten; "
            "hier de perspectieven"
        )
    title = f"Tussen welke aandelen blijft {winner} het hoogst?"
    if counted > shown:
        title += f" (de {shown} gevoeligste van {counted} gewichten)"
    return title


def random_codings_sentence(problem: DecisionProblem, result: ScaleSensitivity) -> str:
    """How often each variant wins over the random order-preserving codings, per variant."""
    shares = "; ".join(
        f"{variant_name(problem, v)} wint in {fmt_pct(p, 1)}"
        for v, p in result.random_winner_shares.items()
    )
    return f"Willekeurige coderingen: {shares} van {fmt_int(result.random_samples)} coderingen."


def basis_of_verdict(problem: DecisionProblem) -> str:
    """The weighting the verdict starts from: the shares of the perspectives, own ratings."""
    shares = ", ".join(
        f"{g.label} {fmt_pct(problem.group_shares()[g.id], 0)}" for g in problem.matrix.groups
    )
    text = f"Uitgangspunt is de weging van de pagina Varianten: {shares}."
    if problem.overrides:
        text += f" Met {own_ratings(len(problem.overrides))}."
    return text


def verdict(problem: DecisionProblem, rob: Robustness, max_challenges: int = 3) -> list[str]:
    """The sentences for an alderman, most important first."""
    name = variant_name(problem, rob.winner)
    out: list[str] = []
    if len(rob.tied_winners) > 1:
        names = join_nl([variant_name(problem, v) for v in rob.tied_winners])
        out.append(
            f"Met deze weging scoren {names} precies gelijk. Hieronder is {name} als "
            f"uitgangspunt genomen ({FIRST_ON_TIES})."
        )
    lead = {
        "stevig": "De uitkomst is stevig",
        "redelijk": "De uitkomst is redelijk stevig",
        "wankel": "De uitkomst is wankel",
    }[firmness(rob.smaa, rob.winner)]
    out.append(f"{lead}. {acceptability_sentence(problem, rob.smaa, rob.winner)}")
    for vid in rob.smaa.variant_ids:
        if vid != rob.winner:
            sentence = challenger_sentence(problem, rob.smaa, vid)
            if sentence:
                out.append(sentence)
    for ow in rob.one_way:
        if ow.kind == "group":
            out.append(stays_highest_sentence(problem, ow))
            out.extend(wins_only_if_sentences(problem, ow))
    # criteria whose interval ends closest to the current share
    close = sorted(
        (ow for ow in rob.one_way if ow.kind == "criterion" and ow.has_effect and ow.width < 1),
        key=lambda ow: min(
            ow.baseline_share - ow.low if ow.low > 0 else 2.0,
            ow.high - ow.baseline_share if ow.high < 1 else 2.0,
        ),
    )
    for ow in close[:max_challenges]:
        out.extend(wins_only_if_sentences(problem, ow))
    out.extend(dominance_sentence(problem, a, b) for a, b in rob.dominance)
    out.append(scale_sentence(problem, rob.scales))
    out.append(why_sentence(problem, rob.reason))
    return out

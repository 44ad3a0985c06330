"""CLI command ``sensitivity``: how firm is the outcome of a weighting?

``python -m dashboard sensitivity [--weging BESTAND] [--aantal N] [--startwaarde S]
[--formaat json]``

BESTAND is the weights file of ``score`` (read by the same code, so ``-`` is standard input).
Without ``--formaat json`` the result is printed as Dutch sentences and two small tables.
Extra options: ``--rond PCT`` samples only weightings within ± PCT percent of the current
weights; ``--groepsvolgorde a,b,c`` samples only weightings that keep that order of the groups.
Bad input exits with code 2 and one Dutch line on stderr.

JSON output: the keys (``winner``, ``one_way``, ``acceptability``, ``central_weights``,
``samples``, ``seed``, ``scale_variants``) plus ``random_scales`` (share of random
order-preserving codings each variant wins). ``central_weights`` per variant is
``{"groups": {id: mean share}, "criteria": {id: mean share within its group}}`` over the samples
that variant wins (``null`` if it never wins) — itself a valid weights file.
"""

from __future__ import annotations

import argparse
import json
import math

from dashboard.commands import add_format_option
from dashboard.commands.score import load_problem
from dashboard.errors import ValidationError
from dashboard.formatting import fmt_int, fmt_pct
from dashboard.limits import SAMPLES, SEED
from dashboard.narrative import interval_text, scale_assumption, verdict
from dashboard.scoring import DecisionProblem
from dashboard.sensitivity import (
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    Robustness,
    SamplingOptions,
    analyse,
    to_json,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--weging",
        dest="weights",
        metavar="BESTAND",
        help="JSON-bestand met gewichten, schaal en eigen oordelen, zoals bij 'score' "
        "('-' = standaardinvoer)",
    )
    # Numbers are read as text and checked in run(), so a bad value gives a Dutch message.
    parser.add_argument(
        "--aantal",
        dest="samples",
        metavar="N",
        default=str(DEFAULT_SAMPLES),
        help=f"aantal willekeurige wegingen, {SAMPLES.allowed()} (standaard "
        f"{fmt_int(DEFAULT_SAMPLES)})",
    )
    parser.add_argument(
        "--startwaarde",
        dest="seed",
        metavar="S",
        default=str(DEFAULT_SEED),
        help=f"startwaarde van de toevalsgenerator, {SEED.allowed()} (standaard {DEFAULT_SEED}; "
        "zelfde S geeft dezelfde uitkomst)",
    )
    parser.add_argument(
        "--rond",
        dest="near",
        metavar="PCT",
        default=None,
        help="alleen wegingen rond de huidige: elk gewicht hoogstens PCT procent hoger of lager",
    )
    parser.add_argument(
        "--groepsvolgorde",
        dest="group_order",
        metavar="G1,G2,G3",
        default=None,
        help="alleen wegingen die deze volgorde van de groepen aanhouden (belangrijkste eerst), "
        "bijv. werkgevers,gemeenten_uwv,werkzoekenden",
    )
    add_format_option(
        parser,
        ("text", "json"),
        "text",
        help="uitvoer als Nederlandse zinnen (standaard) of als JSON",
    )


def parse_samples(text: str) -> int:
    try:
        number = int(str(text).strip().replace("_", ""))
    except ValueError:
        raise ValidationError(
            f"--aantal {text!r} is geen geheel getal; gebruik bijvoorbeeld --aantal 100000"
        ) from None
    return SAMPLES.check_whole(number, "--aantal")


def parse_seed(text: str) -> int:
    try:
        number = int(str(text).strip())
    except ValueError:
        raise ValidationError(
            f"--startwaarde {text!r} is geen geheel getal; gebruik bijvoorbeeld --startwaarde 2012"
        ) from None
    return SEED.check_whole(number, "--startwaarde")


def parse_options(
    near: str | None, group_order: str | None, problem: DecisionProblem
) -> SamplingOptions:
    if near is not None and group_order is not None:
        raise ValidationError("kies --rond of --groepsvolgorde, niet allebei")
    if near is not None:
        try:
            pct = float(str(near).strip().rstrip("%").replace(",", "."))
        except ValueError:
            raise ValidationError(
                f"--rond {near!r} is geen getal; bijvoorbeeld --rond 20"
            ) from None
        if not math.isfinite(pct) or not 0 < pct <= 100:
            raise ValidationError(
                f"--rond {near}: kies een percentage groter dan 0 en hoogstens 100"
            )
        return SamplingOptions(mode="near", near_pct=pct).checked(problem)
    if group_order is not None:
        ranking = tuple(part.strip() for part in group_order.split(",") if part.strip())
        return SamplingOptions(mode="ranking", group_ranking=ranking).checked(problem)
    return SamplingOptions()


def as_text(problem: DecisionProblem, rob: Robustness) -> str:
    """Dutch sentences, then the one-way intervals and the rank acceptability as small tables."""
    m = problem.matrix
    lines = list(verdict(problem, rob))
    lines.append("")
    lines.append("Tussen welke aandelen blijft de winnaar het hoogst (één gewicht tegelijk):")
    for ow in rob.one_way:
        name = ow.label if ow.kind == "group" else f"  {ow.id} {ow.label}"
        span = interval_text(ow)
        lines.append(f"  {name[:60]:<62} nu {fmt_pct(ow.baseline_share, 1):>7}  {span}")
    lines.append("")
    lines.append(f"Hoe vaak op welke plaats ({fmt_int(rob.smaa.samples)} wegingen):")
    for vid in m.variant_ids:
        shares = "  ".join(f"{fmt_pct(p, 1):>7}" for p in rob.smaa.acceptability[vid])
        lines.append(f"  {m.variant(vid).name:<10} {shares}")
    lines.append("")
    lines.append(scale_assumption(problem.scale))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    samples = parse_samples(args.samples)
    seed = parse_seed(args.seed)
    problem = load_problem(args.weights)
    options = parse_options(args.near, args.group_order, problem)
    rob = analyse(problem, samples=samples, seed=seed, options=options)
    if args.format == "json":
        print(json.dumps(to_json(rob), ensure_ascii=False, indent=2))
    else:
        print(as_text(problem, rob))
    return 0

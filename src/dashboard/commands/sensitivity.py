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

from dashboard.commands import add_format_option
from dashboard.commands.sampling import (
    add_sampling_arguments,
    parse_samples,
    parse_seed,
    sampling_settings,
)
from dashboard.commands.score import load_problem
from dashboard.core.formatting import fmt_pct
from dashboard.mcda.scoring import DecisionProblem
from dashboard.mcda.sensitivity import Robustness, analyse, to_json
from dashboard.presentation.narrative import (
    acceptability_caption,
    interval_text,
    scale_assumption,
    verdict,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--weging",
        dest="weights",
        metavar="BESTAND",
        help="JSON-bestand met gewichten, schaal en eigen oordelen, zoals bij 'score' "
        "('-' = standaardinvoer)",
    )
    add_sampling_arguments(parser)
    add_format_option(
        parser,
        ("text", "json"),
        "text",
        help="uitvoer als Nederlandse zinnen (standaard) of als JSON",
    )


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
    lines.append(acceptability_caption(rob.smaa.samples) + ":")
    for vid in m.variant_ids:
        shares = "  ".join(f"{fmt_pct(p, 1):>7}" for p in rob.smaa.acceptability[vid])
        lines.append(f"  {m.variant(vid).name:<10} {shares}")
    lines.append("")
    lines.append(scale_assumption(problem.scale))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    parse_samples(args.samples)  # a bad number fails before the weights file is read
    parse_seed(args.seed)
    problem = load_problem(args.weights)
    settings = sampling_settings(args, problem)
    rob = analyse(problem, settings)
    if args.format == "json":
        print(json.dumps(to_json(rob), ensure_ascii=False, indent=2))
    else:
        print(as_text(problem, rob))
    return 0

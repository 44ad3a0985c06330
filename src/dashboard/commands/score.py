"""CLI command ``score``: the three ontwikkelvarianten scored with a weighting.

``python -m dashboard score [--weging BESTAND] [--formaat json|tabel]``

FILE is JSON, every key optional (missing keys take the defaults)::

    {"groups": {"werkgevers": 2}, "criteria": {"wz04": 0.5}, "scale": {"-/-": -1},
     "ratings": {"gu08": {"V3": "+/-"}}, "reasons": {"gu08": {"V3": "eigen ervaring"}}}

``-`` reads the weighting from standard input. Bad input exits with code 2 and one Dutch line on
stderr (the dispatcher in :mod:`dashboard.cli` turns :class:`DashboardError` into that line).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from dashboard.commands import add_format_option
from dashboard.core.errors import ValidationError
from dashboard.core.formatting import fmt_number
from dashboard.core.limits import FILE
from dashboard.core.safejson import MAX_BYTES, load_json
from dashboard.mcda.scoring import DecisionProblem, ScoreResult, problem_from_mapping, score
from dashboard.presentation.narrative import (
    TIE_POLICY,
    dominance_sentences,
    group_shares_sentence,
    override_line,
    scale_assumption,
    summary_sentence,
    tie_sentence,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--weging",
        dest="weights",
        metavar="BESTAND",
        help="JSON-bestand met gewichten, schaal en eigen oordelen ('-' = standaardinvoer); "
        "zonder dit bestand: drie perspectieven even zwaar, schaal ++=2 … -/-=-2",
    )
    add_format_option(
        parser, ("json", "table"), "json", help="uitvoer als JSON (standaard) of als leesbare tabel"
    )


def read_weights_text(source: str) -> str:
    """The text of a weights file; '-' reads standard input. Raises :class:`ValidationError`."""
    if source == "-":
        try:
            return sys.stdin.read(MAX_BYTES + 1)
        except (OSError, UnicodeDecodeError):
            raise ValidationError(
                "de weging op standaardinvoer is niet leesbaar (geen UTF-8-tekst of afgebroken)"
            ) from None
    path = Path(source)
    try:
        if path.is_dir():
            raise ValidationError(f"{source} is een map, geen bestand met een weging")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            total = os.fstat(handle.fileno()).st_size  # 0 for a pipe: then only what was read
    except FileNotFoundError:
        raise ValidationError(f"het bestand {source} bestaat niet") from None
    except PermissionError:
        raise ValidationError(
            f"het bestand {source} mag niet worden gelezen (geen rechten)"
        ) from None
    except OSError:
        raise ValidationError(f"het bestand {source} kan niet worden gelezen") from None
    FILE.check_size(max(len(raw), total), f"het bestand {source}", whole=total >= len(raw))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"het bestand {source} is geen UTF-8-tekst") from None


def parse_weights(text: str, where: str = "de weging") -> dict[str, Any]:
    """Parse JSON text into a mapping with the same rules as a scenario upload (no duplicate
    keys, no NaN, Dutch messages); every problem becomes one :class:`ValidationError`."""
    FILE.check_size(len(text), where, whole=False)  # standard input is read up to the limit
    data = load_json(text, where)
    if not isinstance(data, dict):
        raise ValidationError(f'{where} moet een JSON-object zijn, bijvoorbeeld {{"groups": {{}}}}')
    return data


def load_problem(source: str | None) -> DecisionProblem:
    """The validated problem for ``--weging`` (defaults when ``None``)."""
    if source is None:
        return problem_from_mapping({})
    where = "de weging op standaardinvoer" if source == "-" else f"het bestand {source}"
    return problem_from_mapping(parse_weights(read_weights_text(source), where))


def result_to_json(result: ScoreResult, problem: DecisionProblem) -> dict[str, Any]:
    """The JSON output: variants, dominance, weights, ``scale``, ``overrides``, ``tie_policy``.

    Variants come in table order (V1, V2, V3), each with its ``rank``.
    """
    m = problem.matrix
    return {
        "variants": [
            {
                "id": v,
                "name": m.variant(v).name,
                "score": result.scores[v],
                "score_0_100": result.scores_0_100[v],
                "rank": result.ranks[v],
                "group_scores": dict(result.group_scores[v]),
            }
            for v in result.variant_ids
        ],
        "dominance": [list(pair) for pair in result.dominance],
        "weights": {
            "effective": dict(result.effective_weights),
            "group_shares": dict(result.group_shares),
        },
        "scale": problem.scale.as_symbols(),
        "overrides": [
            {
                "criterion": o.criterion,
                "variant": o.variant,
                "rating": o.rating.value,
                "handreiking": m.rating(o.criterion, o.variant).value,
                "reason": o.reason,
            }
            for o in problem.overrides
        ],
        "tie_policy": TIE_POLICY,
    }


def result_to_table(result: ScoreResult, problem: DecisionProblem) -> str:
    """A readable plain-text table with the summary sentence underneath."""
    m = problem.matrix
    headers = ["Plaats", "Variant", "Score", "0–100", *[g.short for g in m.groups]]
    rows = [
        [
            str(result.ranks[v]),
            m.variant(v).name,
            fmt_number(result.scores[v], 3),
            fmt_number(result.scores_0_100[v], 1),
            *[fmt_number(result.group_scores[v][g.id], 2) for g in m.groups],
        ]
        for v in result.ranking
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 1 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows), ""]
    out.append(group_shares_sentence(problem))
    out.append(summary_sentence(result, problem))
    ties = tie_sentence(result, m)
    if ties:
        out.append(ties)
    out.extend(dominance_sentences(result, problem))
    out.extend(override_line(problem, o) for o in problem.overrides)
    out.append(scale_assumption(problem.scale))
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    problem = load_problem(args.weights)
    result = score(problem)
    if args.format == "table":
        print(result_to_table(result, problem))
    else:
        print(json.dumps(result_to_json(result, problem), ensure_ascii=False, indent=2))
    return 0

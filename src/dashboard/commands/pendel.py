"""CLI ``pendel``: where the residents of a gemeente work (CBS 81251NED, December 2006–2014).

``python -m dashboard pendel --gemeente GM0626 [--naar AM19] [--jaar 2014] [--formaat json]``
"""

from __future__ import annotations

import argparse
import json

from dashboard.commands import add_format_option
from dashboard.core.markup import terminal_json, terminal_text
from dashboard.data.regions import load_region_index
from dashboard.presentation.narrative.pendel import ROLE_LABELS, jobs, pct, shares_sentence
from dashboard.region.pendel import CAVEAT, gemeente_pendel, gemeente_trend, load_pendel_in_use


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gemeente", required=True, help="CBS-code (GM0626) of naam")
    parser.add_argument(
        "--naar",
        dest="candidate",
        default=None,
        help="een regio om apart te tonen, bijv. AM19 (de kandidaat voor een overstap)",
    )
    parser.add_argument(
        "--jaar",
        dest="year",
        type=int,
        default=None,
        help="december van dit jaar (standaard het laatste jaar met cijfers)",
    )
    add_format_option(parser, ("table", "json"), "table")


#: werkgemeenten in the table output (the JSON lists all of them)
TABLE_TOP = 10


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def payload(args: argparse.Namespace) -> dict:
    data = load_pendel_in_use()
    index = load_region_index()
    result = gemeente_pendel(data, index, args.gemeente, candidate=args.candidate, year=args.year)
    trend = gemeente_trend(data, index, result.code, candidate=result.candidate_code)
    doc = result.as_json()
    doc["trend"] = [
        {
            "jaar": p.year,
            "banen_inwoners_x1000": p.total_jobs,
            "aandeel_eigen_regio": _round(p.own_share),
            "aandeel_kandidaat": _round(p.candidate_share),
            "aandeel_overig": _round(p.rest_share),
        }
        for p in trend.points
    ]
    return doc


def run(args: argparse.Namespace) -> int:
    if args.format == "json":
        print(terminal_json(json.dumps(payload(args), ensure_ascii=False, indent=2)))
        return 0
    result = gemeente_pendel(
        load_pendel_in_use(),
        load_region_index(),
        args.gemeente,
        candidate=args.candidate,
        year=args.year,
    )
    t = terminal_text
    print(t(f"Waar werken de inwoners van {result.name} ({result.code})? {result.source.text}"))
    print(t(f"Banen van inwoners (gepubliceerde cellen): {jobs(result.total_jobs)} duizend"))
    print(t(shares_sentence(result)))
    print()
    print(f"  {'regio':34} {'rol':11} {'banen ×1000':>11} {'aandeel':>8}")
    for r in result.regions:
        print(
            t(f"  {r.name[:34]:34} {ROLE_LABELS[r.role]:11} {jobs(r.jobs):>11} {pct(r.share):>8}")
        )
    print()
    print(f"  {'werkgemeente':28} {'regio':30} {'banen ×1000':>11} {'aandeel':>8}")
    for p in result.top(TABLE_TOP):
        print(t(f"  {p.name[:28]:28} {p.region_name[:30]:30} {jobs(p.jobs):>11} {pct(p.share):>8}"))
    print()
    print(t(CAVEAT))
    return 0

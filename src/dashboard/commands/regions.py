"""CLI ``regions``: the arbeidsmarktregio's with their gemeenten and inwoners."""

from __future__ import annotations

import argparse
import json
import math

from dashboard.commands import add_format_option
from dashboard.core.config import DEFAULT_YEAR
from dashboard.core.formatting import fmt_int
from dashboard.core.markup import terminal_json, terminal_text
from dashboard.data.kerncijfers import aggregate, latest_year, load_kerncijfers
from dashboard.data.regions import load_region_index


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_format_option(parser, ("table", "json"), "table")
    parser.add_argument(
        "--jaar", dest="year", type=int, default=DEFAULT_YEAR, help="jaar van de indeling"
    )


def regions_payload(year: int = DEFAULT_YEAR) -> dict:
    """The JSON document of ``python -m dashboard regions --formaat json``."""
    index = load_region_index(year)
    kc = load_kerncijfers()
    figures = aggregate(kc, index.membership(), latest_year(kc))

    def inwoners(code: str) -> int | None:
        value = figures["inwoners"].get(code)
        return None if value is None or math.isnan(value) else int(value)

    return {
        "year": year,
        "inwoners_year": latest_year(kc),
        "regions": [
            {
                "code": region.code,
                "name": region.name,
                "gemeenten": [{"code": g.code, "name": g.name} for g in index.members(region.code)],
                "inwoners": inwoners(region.code),
            }
            for region in index.regions
        ],
    }


def run(args: argparse.Namespace) -> int:
    payload = regions_payload(args.year)
    if args.format == "json":
        print(terminal_json(json.dumps(payload, ensure_ascii=False, indent=2)))
        return 0
    print(f"{'code':6} {'regio':32} {'gemeenten':>9} {'inwoners':>16}")
    for region in payload["regions"]:
        inw = fmt_int(region["inwoners"])  # "niet beschikbaar" when CBS gives no figure
        # names come from the data folder or a mirror: they must not act on the terminal
        name, count = terminal_text(region["name"])[:32], len(region["gemeenten"])
        print(terminal_text(f"{region['code']:6} {name:32} {count:>9} {inw:>16}"))
    return 0

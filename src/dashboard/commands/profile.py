"""CLI ``profile``: region profiles side by side (``python -m dashboard profile AM34 AM19``)."""

from __future__ import annotations

import argparse
import json

from dashboard.commands import add_format_option
from dashboard.core.formatting import fmt_int, fmt_number
from dashboard.core.markup import terminal_json, terminal_text
from dashboard.data.facts import load_facts
from dashboard.data.kerncijfers import NATIONAL_CODE, load_kerncijfers
from dashboard.data.labour import labour_comparison
from dashboard.data.regions import load_region_index
from dashboard.data.sources import source_line, source_name
from dashboard.presentation.narrative.regions import METHOD_NOTE
from dashboard.region.profiles import build_profile, profile_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "codes", nargs="+", metavar="REGIO", help="regiocodes, bijvoorbeeld AM34 AM19"
    )
    add_format_option(parser, ("table", "json"), "table")


def payload(codes: list[str]) -> dict:
    """The JSON document of ``python -m dashboard profile … --formaat json``."""
    index = load_region_index()
    kc = load_kerncijfers()
    fb = load_facts()
    # validate every code before any work, so a typo in the second code fails fast
    for code in codes:
        index.region(code)
    profiles = [build_profile(code, index, kc, fb) for code in codes]
    comparison = labour_comparison(kc, index.membership(), [(p.code, p.name) for p in profiles])
    nederland = {
        row.id: {
            "value": row.values.get(NATIONAL_CODE),
            "source": row.source_id,
            "period": row.period,
        }
        for row in (*comparison.rows, *comparison.sectors)
    }
    return {
        "year": index.year,
        "regions": [profile_json(p) for p in profiles],
        "nederland": {"year": comparison.year, "indicators": nederland},
        "labour_method": METHOD_NOTE,
    }


def run(args: argparse.Namespace) -> int:
    doc = payload(args.codes)
    if args.format == "json":
        print(terminal_json(json.dumps(doc, ensure_ascii=False, indent=2)))
        return 0
    for region in doc["regions"]:
        centrum = region["centrumgemeente"]
        # names and facts come from data files: they must not act on the terminal
        print(terminal_text(f"{region['code']}  {region['name']}"))
        print(
            terminal_text(
                "  centrumgemeente: "
                + (
                    f"{centrum['name']} (bron: {source_name(centrum['source'])})"
                    if centrum["name"]
                    else "niet vastgelegd"
                )
            )
        )
        for key, value in region["indicators"].items():
            shown = (
                fmt_number(value["value"], 1)
                if isinstance(value["value"], float)
                else (fmt_int(value["value"]))
            )
            print(terminal_text(f"  {key:32} {shown:>12}  ({value['period']})"))
        print(f"  gemeenten ({len(region['gemeenten'])}):")
        for g in region["gemeenten"]:
            name, inwoners = terminal_text(g["name"]), fmt_int(g["inwoners"])
            print(terminal_text(f"    {g['code']}  {name:28} {inwoners:>10} inwoners"))
        differs = [
            row
            for row in region["seed_composition"]
            if not row["in_seed"] or row["region_2025"] != region["code"]
        ]
        if differs:
            print("  samenstelling in de bron wijkt af van de CBS-indeling 2025:")
            for row in differs:
                where = row["region_2025"] or "geen gemeente meer in 2025"
                seen = (
                    f"in de bron ({source_name(row['source'])})"
                    if row["in_seed"]
                    else "niet in de bron"
                )
                print(terminal_text(f"    {terminal_text(row['name']):32} {seen}; 2025: {where}"))
        print(f"  feiten uit de bronnen: {len(region['facts'])}")
        print()
    cited = [s for r in doc["regions"] for v in r["indicators"].values() for s in v["sources"]]
    print(terminal_text(source_line(*cited)))
    return 0

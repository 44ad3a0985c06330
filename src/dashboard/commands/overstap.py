"""CLI ``overstap``: a gemeente moves to another arbeidsmarktregio.

``python -m dashboard overstap --gemeente GM0626 --naar AM19 [--formaat json]``; optional
``--budget AM34=100000`` (repeatable), ``--sleutel per_inwoner|gelijk`` and ``--frictiekosten``
add the cost section.
"""

from __future__ import annotations

import argparse
import json

from dashboard.commands import add_format_option
from dashboard.core.errors import ValidationError
from dashboard.core.formatting import fmt_eur, fmt_eur_input, fmt_int, fmt_pct
from dashboard.core.markup import terminal_json, terminal_text
from dashboard.data.indicators import indicator_period
from dashboard.data.kerncijfers import NATIONAL_CODE, load_kerncijfers
from dashboard.data.regions import load_region_index
from dashboard.presentation.narrative.pendel import overstap_sentence
from dashboard.region.overstap import (
    DistributionKey,
    cost_model,
    labour_before_after,
    procedure_timeline,
    simulate,
)
from dashboard.region.pendel import CAVEAT, load_pendel_in_use, overstap_pendel, source_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gemeente", required=True, help="CBS-code (GM0626) of naam")
    parser.add_argument("--naar", required=True, help="code van de nieuwe regio, bijv. AM19")
    add_format_option(parser, ("table", "json"), "table")
    parser.add_argument(
        "--budget",
        action="append",
        default=[],
        metavar="REGIO=EURO",
        help="regiobudget per jaar, bijv. AM34=100000 (herhaalbaar); geen standaardwaarde",
    )
    parser.add_argument(
        "--sleutel", choices=[k.value for k in DistributionKey], default="per_inwoner"
    )
    parser.add_argument("--frictiekosten", default=None, help="eigen invoer in euro (optioneel)")


def _budgets(items: list[str]) -> dict[str, str]:
    budgets = {}
    for item in items:
        region, sep, amount = item.partition("=")
        if not sep or not region.strip():
            raise ValidationError(
                f"--budget {item!r}: schrijf REGIO=EURO, bijvoorbeeld AM34=100000"
            )
        budgets[region.strip().upper()] = amount
    return budgets


def payload(args: argparse.Namespace) -> dict:
    index = load_region_index()
    gemeente = index.find_gemeente(args.gemeente)
    kc = load_kerncijfers()
    result = simulate(index, kc, gemeente.code, args.naar)
    doc = result.as_json()
    budgets = _budgets(args.budget)
    unknown = sorted(set(budgets) - {result.van, result.naar})
    if unknown:
        raise ValidationError(
            f"--budget {unknown[0]}: alleen {result.van} en {result.naar} "
            "doen mee aan deze overstap"
        )
    if budgets or args.frictiekosten is not None or args.sleutel != "per_inwoner":
        model = cost_model(result, budgets, args.sleutel, args.frictiekosten)
        doc["kosten"] = {
            "sleutel": model.key.value,
            "budgets": dict(model.budgets),
            "gemeenten": [
                {
                    "code": r.gemeente_code,
                    "regio_voor": r.region_before,
                    "regio_na": r.region_after,
                    "aandeel_voor": r.share_before,
                    "aandeel_na": r.share_after,
                    "euro_voor": r.eur_before,
                    "euro_na": r.eur_after,
                }
                for r in model.rows
            ],
            "overhead_stijging_euro": model.overhead_rise_eur,
            "overhead_stijging_pct": model.overhead_rise_pct,
            "frictiekosten": model.frictiekosten,
            "waarschuwingen": list(model.cautions()),
        }
    before, after = labour_before_after(index, kc, gemeente.code, args.naar)

    def number(value: float | None) -> float | int | None:
        return int(value) if value is not None and float(value).is_integer() else value

    doc["arbeidsmarkt"] = {
        "tabeljaar": before.year,
        "indicatoren": {
            row_before.id: {
                "voor": {r: number(row_before.values.get(r)) for r in (result.van, result.naar)},
                "na": {r: number(row_after.values.get(r)) for r in (result.van, result.naar)},
                "nederland": number(row_before.values.get(NATIONAL_CODE)),
                "bron": row_before.source_id,
                "periode": row_before.period,
            }
            for row_before, row_after in zip(before.rows, after.rows, strict=True)
        },
    }
    names = {r.code: r.name for r in index.regions}
    move = overstap_pendel(load_pendel_in_use(), index, gemeente.code, result.naar)
    doc["pendel"] = move.as_json()
    doc["_pendel_text"] = overstap_sentence(move, names)
    doc["procedure"] = [
        {
            "stap": s.number,
            "titel": s.title,
            "wie": s.who,
            "regel": s.rule,
            "resultaat": s.result,
            "bron": s.citation.source if s.citation else None,
        }
        for s in procedure_timeline(result.van, result.naar, names)
    ]
    doc["_names"] = names
    return doc


def run(args: argparse.Namespace) -> int:
    doc = payload(args)
    names = doc.pop("_names")
    pendel_text = doc.pop("_pendel_text")
    move_year = doc["pendel"]["bron"]["jaar"]
    if args.format == "json":
        print(terminal_json(json.dumps(doc, ensure_ascii=False, indent=2)))
        return 0
    g = doc["gemeente"]
    # names and procedure texts come from data files: they must not act on the terminal
    print(
        terminal_text(
            f"Overstap van {g['name']} ({g['code']}) van {doc['van']} naar {doc['naar']}"
            f" — inwoners op {indicator_period('inwoners', doc['jaar']).text}"
        )
    )
    for code in (doc["van"], doc["naar"]):
        b, a = doc["before"][code], doc["after"][code]
        print(
            terminal_text(
                f"  {code} {terminal_text(names[code]):28} gemeenten {len(b['gemeenten'])} → "
                f"{len(a['gemeenten'])}, inwoners {fmt_int(b['inwoners'])} → "
                f"{fmt_int(a['inwoners'])}"
            )
        )
    if "kosten" in doc:
        k = doc["kosten"]
        print(f"Kosten (verdeling {k['sleutel']}):")
        for row in k["gemeenten"]:
            print(
                f"  {row['code']} {row['regio_voor']}→{row['regio_na']}  "
                f"{fmt_pct(row['aandeel_voor'], 1):>7} → {fmt_pct(row['aandeel_na'], 1):>7}  "
                f"{fmt_eur(row['euro_voor']):>18} → {fmt_eur(row['euro_na']):>18}"
            )
        print(
            f"  stijging voor de achterblijvers: {fmt_eur(k['overhead_stijging_euro'])} "
            f"({fmt_pct(k['overhead_stijging_pct'], 1)} per gemeente)"
        )
        if k["frictiekosten"] is not None:
            friction = fmt_eur_input(k["frictiekosten"])
            print(f"  frictiekosten (eigen invoer, niet geregeld): {friction}")
        for caution in k["waarschuwingen"]:
            print(terminal_text(f"  let op: {caution}"))
    print(terminal_text("Pendel: " + pendel_text))
    print(terminal_text(f"  {source_text(move_year, doc['pendel']['bron']['tabel'])} {CAVEAT}"))
    print("Procedure:")
    for step in doc["procedure"]:
        print(
            terminal_text(
                f"  {step['stap']}. {step['titel']} — {step['wie']}; {step['regel']} → "
                f"{step['resultaat']}"
            )
        )
    return 0

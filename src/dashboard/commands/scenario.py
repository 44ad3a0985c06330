"""CLI command ``scenario``: list, show, save, export, import and delete saved scenarios.

The database comes from ``DASHBOARD_DATABASE_URL`` (default: the embedded SQLite file).
Bad input exits with code 2 and one Dutch line; a rejected import leaves the database as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from dashboard.commands import add_format_option
from dashboard.errors import DashboardError, ValidationError
from dashboard.formatting import fmt_datetime
from dashboard.scenarios.model import Scenario
from dashboard.scenarios.schema import MAX_BYTES, load_json, scenario_from_json, scenario_to_json
from dashboard.scenarios.store import ScenarioExistsError, open_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTIE", parser_class=type(parser))
    sub.required = True

    p = sub.add_parser("list", help="alle opgeslagen scenario's")
    add_format_option(p, ("table", "json"), "table")

    p = sub.add_parser("show", help="één scenario tonen (JSON)")
    p.add_argument("name", metavar="NAAM")

    p = sub.add_parser("save", help="een weging opslaan als scenario (of bijwerken)")
    p.add_argument("name", metavar="NAAM")
    p.add_argument(
        "--weging", dest="weights", required=True, metavar="BESTAND", help="JSON-wegingsbestand"
    )
    p.add_argument("--auteur", dest="author", default="", metavar="AUTEUR")
    p.add_argument("--toelichting", dest="note", default="", metavar="TOELICHTING")

    p = sub.add_parser("export", help="een scenario als JSON-bestand wegschrijven")
    p.add_argument("name", metavar="NAAM")
    p.add_argument(
        "--uitvoer",
        dest="out",
        required=True,
        metavar="BESTAND",
        help="doelbestand, of - voor het scherm",
    )

    p = sub.add_parser("import", help="een scenario uit een JSON-bestand opslaan")
    p.add_argument("file", metavar="BESTAND")
    p.add_argument(
        "--vervangen",
        dest="replace",
        action="store_true",
        help="een bestaand scenario met die naam vervangen",
    )

    p = sub.add_parser("delete", help="een scenario verwijderen")
    p.add_argument("name", metavar="NAAM")


def _read_upload(path_text: str, what: str) -> bytes:
    path = Path(path_text)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(
                f"{what} {path} is {size / 1_000_000:.1f} MB; hoogstens 1 MB is toegestaan"
            )
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise ValidationError(
            f"{what} {path} kan niet worden gelezen ({err.strerror or err})"
        ) from err


def _write_atomically(path: Path, text: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".scenario-", suffix=".json", dir=path.parent or ".")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.write("\n")
        os.replace(tmp, path)
    except OSError as err:
        raise DashboardError(
            f"kan niet schrijven naar {path} ({err.strerror or err}); er is niets veranderd"
        ) from err


def run(args: argparse.Namespace) -> int:
    action = args.action
    if action == "import":
        # Validate the file completely before the database is even opened.
        scenario = scenario_from_json(_read_upload(args.file, "bestand"))
        with open_store() as store:
            try:
                saved = store.save(scenario, replace=args.replace)
            except ScenarioExistsError as err:
                raise ScenarioExistsError(
                    f"{err}; gebruik --vervangen om het te vervangen"
                ) from err
        print(f"Scenario ‘{saved.name}’ geïmporteerd.")
        return 0
    if action == "save":
        config = load_json(_read_upload(args.weights, "wegingsbestand"), "wegingsbestand")
        if not isinstance(config, dict):
            raise ValidationError('wegingsbestand: moet een JSON-object zijn, bijv. {"groups": {}}')
        scenario = Scenario(args.name, config, author=args.author, note=args.note)
        with open_store() as store:
            saved = store.save(scenario)
        print(f"Scenario ‘{saved.name}’ opgeslagen.")
        return 0
    with open_store() as store:
        if action == "list":
            infos = store.list()
            if args.format == "json":
                rows = [
                    {
                        "name": i.name,
                        "author": i.author,
                        "note": i.note,
                        "data_year": i.data_year,
                        "app_version": i.app_version,
                        "created": i.created.isoformat(),
                        "updated": i.updated.isoformat(),
                        "revision": i.revision,
                    }
                    for i in infos
                ]
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            elif not infos:
                print("Er zijn nog geen scenario's opgeslagen.")
            else:
                width = max(len("Naam"), *(len(i.name) for i in infos))
                print(f"{'Naam':<{width}}  {'Auteur':<20}  {'Gewijzigd':<20}  Jaar")
                for i in infos:
                    year = "" if i.data_year is None else str(i.data_year)
                    print(
                        f"{i.name:<{width}}  {i.author[:20]:<20}  "
                        f"{fmt_datetime(i.updated):<20}  {year}"
                    )
            return 0
        if action == "show":
            print(scenario_to_json(store.get(args.name)))
            return 0
        if action == "export":
            text = scenario_to_json(store.get(args.name))
            if args.out == "-":
                sys.stdout.write(text + "\n")
            else:
                _write_atomically(Path(args.out), text)
                print(f"Scenario ‘{args.name}’ geschreven naar {args.out}.")
            return 0
        if action == "delete":
            store.delete(args.name)
            print(f"Scenario ‘{args.name}’ verwijderd.")
            return 0
    raise ValidationError(f"onbekende actie {action!r}")  # argparse prevents this

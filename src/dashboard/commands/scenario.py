"""CLI command ``scenario``: list, show, save, export, import, delete and back up scenarios.

The database comes from ``DASHBOARD_DATABASE_URL`` (default: the embedded SQLite file).
Bad input exits with code 2 and one Dutch line; a rejected import leaves the database as it was.
A save, import or delete that starts from an older version of a scenario (``--versie``, or the
``revision`` in an exported file) is refused when someone saved since; ``--als-kopie`` then keeps
it as a copy, and ``import --herstel`` puts an older version back on purpose (the version it
replaces is kept as a copy). Files are written by :mod:`dashboard.core.safe_files` (never over a
folder, link or device; an existing file only with ``--overschrijven``). Everything printed goes
through :func:`dashboard.core.markup.terminal_text`: a name from a shared database cannot drive the
terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dashboard.commands import add_format_option
from dashboard.core.errors import (
    ScenarioChangedError,
    ScenarioExistsError,
    ValidationError,
)
from dashboard.core.formatting import fmt_datetime
from dashboard.core.limits import FILE
from dashboard.core.markup import terminal_json, terminal_text
from dashboard.core.safe_files import os_reason, write_bytes, write_with
from dashboard.scenarios.model import Scenario
from dashboard.scenarios.schema import MAX_BYTES, load_json, scenario_from_json, scenario_to_json
from dashboard.scenarios.store import ScenarioStore, open_store


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
    _add_revision_options(p)

    p = sub.add_parser("export", help="een scenario als JSON-bestand wegschrijven")
    p.add_argument("name", metavar="NAAM")
    _add_output(p, "doelbestand, of - voor het scherm")

    p = sub.add_parser("import", help="een scenario uit een JSON-bestand opslaan")
    p.add_argument("file", metavar="BESTAND")
    p.add_argument(
        "--vervangen",
        dest="replace",
        action="store_true",
        help="een bestaand scenario met die naam vervangen",
    )
    p.add_argument(
        "--als-kopie",
        action="store_true",
        dest="as_copy",
        help="bestaat het scenario al of is het intussen gewijzigd, bewaar dit dan als kopie",
    )
    p.add_argument(
        "--herstel",
        action="store_true",
        dest="restore",
        help=(
            "een oudere versie terugzetten (bijvoorbeeld uit een reservekopie): vervangt het "
            "scenario ook als het intussen gewijzigd is; de versie die er stond blijft als "
            "kopie bewaard"
        ),
    )

    p = sub.add_parser("delete", help="een scenario verwijderen")
    p.add_argument("name", metavar="NAAM")
    p.add_argument(
        "--versie",
        type=int,
        default=None,
        metavar="N",
        help="alleen verwijderen als het scenario nog versie N is",
    )

    p = sub.add_parser(
        "backup", help="een samenhangende kopie van de scenariodatabase maken (SQLite)"
    )
    _add_output(p, "het reservekopiebestand")


def _add_output(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--uitvoer", dest="out", required=True, metavar="BESTAND", help=help_text)
    parser.add_argument(
        "--overschrijven",
        action="store_true",
        dest="force",
        help="een bestaand bestand vervangen (de rechten van het bestand blijven)",
    )


def _add_revision_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--versie",
        type=int,
        default=None,
        metavar="N",
        help="alleen opslaan als het scenario nog versie N is (zie 'scenario list --formaat json')",
    )
    parser.add_argument(
        "--als-kopie",
        action="store_true",
        dest="as_copy",
        help="is het scenario intussen gewijzigd, bewaar dit dan als kopie",
    )


def _read_upload(path_text: str, what: str) -> bytes:
    path = Path(path_text)
    try:
        size = path.stat().st_size
        FILE.check_size(size, f"het {what} {path}")
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise ValidationError(
            f"het {what} {path} kan niet worden gelezen: {os_reason(err)}"
        ) from err


def _save(
    store: ScenarioStore,
    scenario: Scenario,
    *,
    replace: bool,
    expected: int | None,
    as_copy: bool,
) -> tuple[Scenario, str]:
    """Save; on a newer version in the store, keep this one as a copy (``as_copy``) or refuse."""
    try:
        return store.save(scenario, replace=replace, expected_revision=expected), ""
    except ScenarioChangedError:
        if not as_copy:
            raise
        copy = store.save_copy(scenario)
        return copy, f"‘{scenario.name}’ was intussen gewijzigd; bewaard als kopie"


def _backup(store: ScenarioStore, out: str, force: bool) -> None:
    """A consistent copy through SQLite's backup API (safe while the app writes)."""
    if not store.is_sqlite or store.path is None:
        raise ValidationError(
            "scenario backup werkt alleen met een SQLite-bestand; deze database is "
            f"{store.description}. Maak de reservekopie met het gereedschap van die database "
            "(bijvoorbeeld pg_dump), of per scenario met 'scenario export'."
        )
    if store.is_database_file(out):
        raise ValidationError(
            f"de reservekopie kan niet over de database zelf worden geschreven ({out}); "
            "kies een ander bestand"
        )
    write_with(out, store.backup, force=force)


def _say(text: str) -> None:
    """One line for the terminal: values from the database or a file cannot drive it."""
    print(terminal_text(text))


def run(args: argparse.Namespace) -> int:
    action = args.action
    if action == "import":
        return _import(args)
    if action == "save":
        config = load_json(_read_upload(args.weights, "wegingsbestand"), "wegingsbestand")
        if not isinstance(config, dict):
            raise ValidationError('wegingsbestand: moet een JSON-object zijn, bijv. {"groups": {}}')
        scenario = Scenario(args.name, config, author=args.author, note=args.note)
        with open_store() as store:
            try:
                saved, how = _save(
                    store, scenario, replace=True, expected=args.versie, as_copy=args.as_copy
                )
            except ScenarioChangedError as err:
                raise ValidationError(f"{err} Gebruik --als-kopie.") from None
        _say(f"Scenario ‘{saved.name}’ opgeslagen{f' ({how})' if how else ''}.")
        return 0
    with open_store() as store:
        if action == "list":
            _list(store, args.format)
            return 0
        if action == "show":
            print(terminal_json(scenario_to_json(store.get(args.name))))
            return 0
        if action == "export":
            text = scenario_to_json(store.get(args.name))
            if args.out == "-":
                sys.stdout.write(terminal_json(text) + "\n")
            else:
                write_bytes(args.out, (text + "\n").encode("utf-8"), force=args.force)
                _say(f"Scenario ‘{args.name}’ geschreven naar {args.out}.")
            return 0
        if action == "backup":
            _backup(store, args.out, args.force)
            _say(f"Reservekopie van {store.description} geschreven naar {args.out}.")
            return 0
        if action == "delete":
            store.delete(args.name, expected_revision=args.versie)
            _say(f"Scenario ‘{args.name}’ verwijderd.")
            return 0
    raise ValidationError(f"onbekende actie {action!r}")  # argparse prevents this


def _import(args: argparse.Namespace) -> int:
    # Validate the file completely before the database is even opened.
    scenario = scenario_from_json(_read_upload(args.file, "bestand"))
    with open_store() as store:
        try:
            result = store.import_scenario(
                scenario,
                replace=args.replace or args.restore,
                as_copy=args.as_copy,
                restore=args.restore,
            )
        except ScenarioExistsError as err:
            raise ScenarioExistsError(
                f"{err}; gebruik --vervangen om het te vervangen, of --als-kopie om het bestand "
                "ernaast te bewaren"
            ) from err
        except ScenarioChangedError as err:
            raise ValidationError(
                f"{err} Gebruik --als-kopie om het bestand als kopie te bewaren, of --herstel "
                "om deze versie terug te zetten (de huidige blijft dan als kopie bewaard)."
            ) from None
    stored = result.scenario
    if result.kept:
        _say(
            f"Scenario ‘{stored.name}’ teruggezet uit {args.file}; de versie die er stond is "
            f"bewaard als ‘{result.kept}’."
        )
    elif result.copied:
        _say(
            f"Scenario ‘{scenario.name}’ bestond al of was intussen gewijzigd; het bestand is "
            f"geïmporteerd als ‘{stored.name}’."
        )
    else:
        _say(f"Scenario ‘{stored.name}’ geïmporteerd.")
    return 0


def _list(store: ScenarioStore, form: str) -> None:
    infos, problems = store.list_checked()
    for problem in problems:
        print(terminal_text(f"Waarschuwing: {problem}"), file=sys.stderr)
    if form == "json":
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
        print(terminal_json(json.dumps(rows, ensure_ascii=False, indent=2)))
    elif not infos:
        print("Er zijn nog geen scenario's opgeslagen.")
    else:
        names = [terminal_text(i.name) for i in infos]
        width = max(len("Naam"), *(len(n) for n in names))
        print(f"{'Naam':<{width}}  {'Auteur':<20}  {'Gewijzigd':<20}  Jaar")
        for name, i in zip(names, infos, strict=True):
            year = "" if i.data_year is None else str(i.data_year)
            print(
                f"{name:<{width}}  {terminal_text(i.author)[:20]:<20}  "
                f"{fmt_datetime(i.updated):<20}  {year}"
            )

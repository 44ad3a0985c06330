"""Command line: ``python -m dashboard <command>``.

Every command lives in its own module under :mod:`dashboard.commands` with two functions,
``add_arguments(parser)`` and ``run(args) -> int``. Bad input exits with code 2 and one Dutch
line on stderr; no traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from dashboard import __version__
from dashboard.core.errors import DashboardError, MissingPackageError
from dashboard.core.markup import terminal_text
from dashboard.core.safe_files import os_reason

#: argparse's own messages in Dutch (argparse looks them up through its module-level ``_``).
_DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze %(value)r (kies uit %(choices)s)"
    ),
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r (verwacht: %(type)s)",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht ten minste één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "one of the arguments %s is required": "een van deze argumenten is verplicht: %s",
}
argparse._ = lambda text: _DUTCH.get(text, text)  # type: ignore[attr-defined]

#: command name -> (module under dashboard.commands, Dutch help text)
COMMANDS: dict[str, tuple[str, str]] = {
    "data": ("data", "CBS-gegevens downloaden of controleren"),
    "regions": ("regions", "de 35 arbeidsmarktregio's met hun gemeenten"),
    "score": ("score", "de drie ontwikkelvarianten scoren"),
    "sensitivity": ("sensitivity", "hoe robuust is de uitkomst"),
    "profile": ("profile", "twee regioprofielen naast elkaar"),
    "overstap": ("overstap", "een gemeente naar een andere regio laten overstappen"),
    "pendel": ("pendel", "waar de inwoners van een gemeente werken (CBS, december 2006–2014)"),
    "scenario": ("scenario", "opgeslagen scenario's beheren"),
    "report": ("report", "rapport maken als PDF of PowerPoint"),
}


#: Old English flag -> its Dutch name. The old spelling still works but is not shown in the help.
OLD_SPELLINGS = {
    "--version": "--versie",
    "--format": "--formaat",
    "--year": "--jaar",
    "--out": "--uitvoer",
    "--from": "--uit",
    "--weights": "--weging",
    "--author": "--auteur",
    "--note": "--toelichting",
    "--replace": "--vervangen",
    "--force": "--overschrijven",
    "--samples": "--aantal",
    "--seed": "--startwaarde",
    "--near": "--rond",
    "--group-order": "--groepsvolgorde",
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one Dutch line and exit code 2, and understands the old
    English spellings of renamed flags."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # Subcommands are parsed by their own _Parser, which knows which flags it has.
        words = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(self._new_spellings(words), namespace)

    def _new_spellings(self, words: list[str]) -> list[str]:
        known = self._option_string_actions
        out: list[str] = []
        for i, word in enumerate(words):
            if word == "--":
                return out + words[i:]
            flag, sep, value = word.partition("=")
            new = OLD_SPELLINGS.get(flag)
            out.append(new + sep + value if new in known and flag not in known else word)
        return out

    def error(self, message: str) -> NoReturn:
        message = message.replace("'int'", "geheel getal").replace("'float'", "getal")
        self.exit(2, f"Fout: {terminal_text(f'ongeldige invoer voor {self.prog!r}: {message}')}\n")


def _chosen_command(words: Sequence[str]) -> str | None:
    """The command named on the command line (the first word that is not a flag), if known."""
    for word in words:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command; with ``only``, only that command's module is imported
    and its options added (some commands pull in SQLAlchemy, which a report does not need)."""
    parser = _Parser(
        prog="python -m dashboard",
        description="Het arbeidsmarktregio-dashboard op de opdrachtregel.",
    )
    parser.add_argument(
        "--versie", action="version", version=f"dashboard {__version__}", help="toon de versie"
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)
    sub.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if only is not None and name != only:
            continue  # not run, so its options are never parsed
        module = importlib.import_module(f"dashboard.commands.{module_name}")
        module.add_arguments(command_parser)
        command_parser.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    _no_collection_at_exit()
    try:
        words = list(sys.argv[1:] if argv is None else argv)
        parser = build_parser(only=_chosen_command(words))
        args = parser.parse_args(words)
        return int(args._run(args))
    except DashboardError as err:
        _error_line(str(err))
        return 2
    except ModuleNotFoundError as err:  # an install step was skipped
        _error_line(str(MissingPackageError(err.name)))
        return 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as err:  # a file or the network, outside the paths that say it in Dutch
        where = f" ({err.filename})" if err.filename else ""
        _error_line(f"{os_reason(err)}{where}; controleer het pad en de rechten")
        return 2
    except Exception:  # last resort: one line, never a traceback, no library's own words
        _error_line(
            "er ging iets onverwachts mis; er is mogelijk niets gedaan. Meld dit met de "
            "opdracht die u gaf aan de beheerder van het dashboard."
        )
        return 1


def _no_collection_at_exit() -> None:
    """At exit the interpreter collects garbage over every object once more, only to free them
    all anyway (0.15–0.3 s with pandas, reportlab and python-pptx loaded). :func:`gc.freeze`
    at exit spares that walk; the objects are still freed by their reference counts. Registered
    once however often a process calls :func:`main` (in a test process it runs at the end)."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _error_line(message: str) -> None:
    """The one way the CLI reports a failure: one line on stderr, ``Fout: `` and a Dutch
    message in which text from data or the environment cannot act on the terminal (a newline
    in a path cannot forge a second line)."""
    print(f"Fout: {terminal_text(message)}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())

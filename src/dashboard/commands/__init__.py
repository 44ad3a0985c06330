"""CLI commands; each module has ``add_arguments(parser)`` and ``run(args) -> int``.

Flags and their values are Dutch (``--formaat tabel``); the attribute names behind them stay
English (``args.format == "table"``), like every identifier. The English spellings of renamed
flags still work as hidden aliases, listed in :data:`dashboard.cli.OLD_SPELLINGS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

#: Output formats as written on the command line -> the value the commands work with.
FORMAT_NAMES = {"json": "json", "tabel": "table", "tekst": "text", "table": "table", "text": "text"}


def add_format_option(
    parser: argparse.ArgumentParser,
    values: Sequence[str],
    default: str | None,
    help: str | None = None,
) -> None:
    """``--formaat`` with Dutch value names (``tabel``, ``tekst``); old English names work too.
    ``default`` None: the flag is optional and absent means the command's own output."""
    dutch = {"json": "json", "table": "tabel", "text": "tekst"}
    shown = [dutch[value] for value in values]

    def parse(text: str) -> str:
        value = FORMAT_NAMES.get(text.strip().lower(), "")
        if value not in values:
            raise argparse.ArgumentTypeError(
                f"ongeldige keuze {text!r} (kies uit {', '.join(shown)})"
            )
        return value

    parser.add_argument(
        "--formaat",
        dest="format",
        type=parse,
        default=default,
        metavar="{" + ",".join(shown) + "}",
        help=help,
    )

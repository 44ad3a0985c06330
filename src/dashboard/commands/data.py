"""CLI ``data``: download the CBS layers into the cache, build the embedded snapshot, or check
the data folder in use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.core.config import DEFAULT_YEAR, SNAPSHOT_DIR, cbs_cache_dir, data_source
from dashboard.core.errors import DataMissingError, DownloadError, ValidationError
from dashboard.core.formatting import fmt_size
from dashboard.core.markup import terminal_text
from dashboard.core.safe_files import os_reason
from dashboard.data.cbs import LAYERS, find_layer_file, read_kerncijfers, read_layer
from dashboard.data.download import download_all
from dashboard.data.regions import load_region_index


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTIE", parser_class=type(parser))
    sub.required = True
    dl = sub.add_parser("download", help="grenzen (PDOK) en kerncijfers (CBS) ophalen")
    dl.add_argument(
        "--jaar",
        dest="year",
        type=int,
        default=DEFAULT_YEAR,
        help="jaar van de indeling en van de CBS-tabel Kerncijfers wijken en buurten",
    )
    dl.add_argument(
        "--uitvoer",
        dest="out",
        type=Path,
        default=None,
        help=(
            "doelmap (standaard: de cache): een nieuwe of lege map, of een map met CBS-bestanden; "
            "alleen de gedownloade bestanden worden vervangen, andere blijven staan"
        ),
    )
    dl.add_argument("--pdok-url", default=None, help=argparse.SUPPRESS)
    dl.add_argument("--cbs-url", default=None, help=argparse.SUPPRESS)
    dl.add_argument("--cbs-feed-url", default=None, help=argparse.SUPPRESS)
    snap = sub.add_parser(
        "snapshot", help="de ingebouwde momentopname opnieuw maken uit een map met CBS-bestanden"
    )
    snap.add_argument(
        "--uit", dest="source", type=Path, required=True, help="map zoals ../shared/data/cbs"
    )
    snap.add_argument(
        "--uitvoer",
        dest="out",
        type=Path,
        default=SNAPSHOT_DIR,
        help=(
            "doelmap (standaard: de momentopname in het pakket): een nieuwe of lege map, of een "
            "eerdere momentopname; nooit de bronmap. Andere bestanden blijven staan."
        ),
    )
    snap.add_argument(
        "--pendel",
        dest="pendel",
        type=Path,
        default=None,
        help="map met de pendelcijfers (CBS 81251NED); standaard 'pendel' naast de map van --uit",
    )
    check = sub.add_parser("check", help="controleren of de gegevensmap bruikbaar is")
    check.add_argument("--jaar", dest="year", type=int, default=DEFAULT_YEAR)


def pendel_snapshot(args: argparse.Namespace, *, check_only: bool = False) -> dict[str, int]:
    """The pendel part of the snapshot, in its own folder (``pendel/``) next to the rest."""
    from dashboard.data.pendel_source import check_pendel_target, write_pendel_snapshot

    folder = args.pendel or args.source.parent / "pendel"
    if check_only:
        check_pendel_target(folder, args.out / "pendel")
        return {}
    sizes = write_pendel_snapshot(folder, args.source, args.out / "pendel")
    return {f"pendel/{name}": size for name, size in sizes.items()}


def run(args: argparse.Namespace) -> int:
    if args.action == "snapshot":
        from dashboard.data.snapshot import check_snapshot_target, write_snapshot
        from dashboard.presentation.maps.first_look import build

        if not args.source.is_dir():
            raise DataMissingError(f"de map {args.source} bestaat niet", str(args.source))
        check_snapshot_target(args.source, args.out)
        pendel_snapshot(args, check_only=True)
        sizes = write_snapshot(args.source, args.out, derive=build)
        sizes |= pendel_snapshot(args)
        for name, size in sorted(sizes.items()):
            print(f"{name}: {fmt_size(size)}")
        print(terminal_text(f"totaal {fmt_size(sum(sizes.values()))} → {args.out}"))
        return 0
    if not 2000 <= args.year <= 2100:
        raise ValidationError(f"jaar {args.year} is ongeldig; gebruik bijvoorbeeld 2025")
    if args.action == "download":
        target = args.out or cbs_cache_dir()
        if args.out is None:  # the cache's own folder may not exist yet on a new machine
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise DownloadError(
                    f"de cachemap {target.parent} kan niet worden gemaakt: {os_reason(err)}"
                ) from err
        from dashboard.presentation.maps.first_look import build

        download_all(
            args.year,
            target,
            derive=build,
            pdok_url=args.pdok_url,
            cbs_url=args.cbs_url,
            feed_url=args.cbs_feed_url,
            progress=lambda line: print(terminal_text(line), file=sys.stderr, flush=True),
        )
        print(terminal_text(target))
        return 0
    source = data_source()
    folder = source.path
    print(terminal_text(f"gegevens: {source.description}"))
    for layer in LAYERS:
        try:
            path = find_layer_file(layer, args.year, folder)
        except DataMissingError:
            if layer == "provincie":  # not used by the dashboard; the snapshot leaves it out
                print("provincie: niet aanwezig (wordt niet gebruikt)")
                continue
            raise
        areas = len(read_layer(layer, args.year, folder))
        print(terminal_text(f"{layer}: {areas} gebieden ({path.name})"))
    index = load_region_index(args.year, folder)
    print(f"indeling: {len(index.gemeenten)} gemeenten in {len(index.regions)} regio's")
    kc = read_kerncijfers(folder)
    years = ", ".join(str(int(y)) for y in sorted(kc["jaar"].unique()))
    print(f"kerncijfers: {kc['gemeente_code'].nunique()} gemeenten, jaren {years}")
    return 0

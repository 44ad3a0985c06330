"""CLI command ``report``: the college report as PDF or PowerPoint, or as text on the screen.

``python -m dashboard report [--scenario NAAM] --uitvoer BESTAND.pdf|BESTAND.pptx``, or
``--formaat tekst`` (without ``--uitvoer``): the same sections as plain text. Without
``--scenario`` the report uses the default weighting (three perspectives equal, the
handreiking's ratings) and the default overstap (Voorschoten → Holland Rijnland). The robustness
section draws its random weightings as ``sensitivity`` does: ``--aantal``, ``--startwaarde``,
``--rond`` and ``--groepsvolgorde``, with the same checks and defaults. Unknown
extension, unknown scenario or an unwritable path: exit 2 with one Dutch line. The file is
written by :mod:`dashboard.core.safe_files`: an existing file is replaced only with
``--overschrijven`` (keeping its permissions), and never a folder, link or device.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dashboard.commands import add_format_option
from dashboard.commands.sampling import add_sampling_arguments
from dashboard.core.errors import ValidationError
from dashboard.core.safe_files import check_target, os_reason, write_bytes

if TYPE_CHECKING:
    from dashboard.mcda.sampling import SamplingSettings
    from dashboard.presentation.reports.content import ReportInput

FORMATS = (".pdf", ".pptx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenario",
        metavar="NAAM",
        help="naam van een opgeslagen scenario (database uit DASHBOARD_DATABASE_URL)",
    )
    parser.add_argument(
        "--uitvoer",
        dest="out",
        metavar="BESTAND",
        help="uitvoerbestand, eindigend op .pdf of .pptx",
    )
    add_format_option(
        parser,
        ("text",),
        None,
        help="tekst: het rapport als platte tekst op het scherm, in plaats van een bestand",
    )
    add_sampling_arguments(parser)  # as `sensitivity`: the robustness section's sampling
    parser.add_argument(
        "--overschrijven",
        action="store_true",
        dest="force",
        help="een bestaand bestand vervangen (de rechten van het bestand blijven)",
    )


def _check_target(out: Path, force: bool) -> str:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            f"onbekend bestandstype {out.suffix or '(geen)'!r} voor --uitvoer; "
            "gebruik .pdf of .pptx"
        )
    check_target(out, force=force)
    folder = out.parent if str(out.parent) else Path(".")
    # Try it before the report is built (seconds of work), so a bad path fails at once.
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".rapport-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise ValidationError(f"kan niet schrijven naar {out}: {os_reason(err)}") from err
    return suffix


def sampling_settings(args: argparse.Namespace) -> SamplingSettings:
    """The robustness sampling from the flags, checked as ``sensitivity`` checks them (the
    groups are those of the handreiking's criteria, the same in every scenario)."""
    from dashboard.commands import sampling
    from dashboard.mcda.scoring import problem_from_mapping

    return sampling.sampling_settings(args, problem_from_mapping({}))


#: Objects allocated between two passes of the garbage collector's youngest generation while a
#: report is made (Python's default: 700). Imports and tables make hundreds of thousands of
#: objects that all live on; with the default the collector walks them some 300 times.
YOUNG_THRESHOLD = 50_000


@contextmanager
def _few_collections() -> Iterator[None]:
    """Garbage collection sized for one report, the default again afterwards.

    While the report is made the youngest generation is collected every
    :data:`YOUNG_THRESHOLD` objects instead of every 700 (the walk at exit is spared for every
    command, in :func:`dashboard.cli.main`).
    """
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def run(args: argparse.Namespace) -> int:
    with _few_collections():
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    if args.format == "text":
        return _print_text(args)
    if args.out is None:
        raise ValidationError(
            "geef --uitvoer op (een bestand .pdf of .pptx) of kies --formaat tekst"
        )
    if not args.out.strip():
        raise ValidationError(
            "--uitvoer is leeg; geef een bestandsnaam op, bijvoorbeeld rapport.pdf"
        )
    out = Path(args.out).expanduser()
    suffix = _check_target(out, args.force)
    from dashboard.presentation.charts import render
    from dashboard.presentation.reports.images import SLIDE_SCALE

    # Charts a native drawer knows need no engine. For any other chart the engine starts in a
    # helper process as soon as the content asks for that chart, while this one goes on
    # computing; it also makes the chart's picture for slides (PNG) or vector drawing for a
    # PDF, so that work is not left for the end. No such chart: no engine at all.
    render.start_background_engine_on_demand(
        png_scale=SLIDE_SCALE if suffix == ".pptx" else None, drawings=suffix == ".pdf"
    )
    try:
        sampling = sampling_settings(args)  # a bad flag fails before the report is computed
        return _run(args, out, suffix, sampling)
    finally:
        render.stop_background_engine()


def _print_text(args: argparse.Namespace) -> int:
    """The report's sections as plain text on standard output: no file, no charts drawn."""
    if args.out is not None:
        raise ValidationError("--formaat tekst zet het rapport op het scherm; laat --uitvoer weg")
    sampling = sampling_settings(args)
    from dashboard.presentation.reports.content import build_report_content
    from dashboard.presentation.reports.text import report_text

    print(report_text(build_report_content(_report_input(args, sampling))), end="")
    return 0


def _report_input(args: argparse.Namespace, sampling: SamplingSettings) -> ReportInput:
    from dashboard.presentation.reports.content import ReportInput

    if args.scenario:
        from dashboard.scenarios import open_store

        with open_store() as store:
            scenario = store.get(args.scenario)
        spec = ReportInput(
            problem_config=dict(scenario.problem_config),
            overstap=scenario.overstap_settings(),
            sampling=sampling,
            data_year=scenario.data_year,
            scenario_name=scenario.name,
            author=scenario.author,
            note=scenario.note,
        )
        return spec
    return ReportInput(scenario_name="standaardweging", sampling=sampling)


def _run(args: argparse.Namespace, out: Path, suffix: str, sampling: SamplingSettings) -> int:
    from dashboard.presentation.reports.content import build_report_content

    build = _builder(suffix)
    # What the imports made lives as long as the process: frozen, the collector's full passes
    # during the report skip it (each walked some 90.000 objects).
    gc.freeze()
    try:
        content = build_report_content(_report_input(args, sampling))
        # charts are drawn natively (presentation/charts/native; vl-convert only for a spec it
        # does not know), without a browser, so every report has its images
        data = build(content)
    finally:
        gc.unfreeze()
    write_bytes(out, data, force=args.force)
    missing = [s.title for s in content.sections if not s.available]
    from dashboard.core.formatting import fmt_size

    print(f"Rapport geschreven: {out} ({fmt_size(len(data))})")
    if missing:
        print("Niet beschikbaar: " + "; ".join(missing), file=sys.stderr)
    return 0


def _builder(suffix: str) -> Callable[[Any], bytes]:
    """The function that lays out the report as ``suffix`` (its module imported now)."""
    if suffix == ".pdf":
        from dashboard.presentation.reports.pdf import build_pdf

        return build_pdf
    from dashboard.presentation.reports.pptx import build_pptx

    return build_pptx

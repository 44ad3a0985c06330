"""CLI command ``report``: the college report as PDF or PowerPoint.

``python -m dashboard report [--scenario NAAM] --uitvoer BESTAND.pdf|BESTAND.pptx``. Without
``--scenario`` the report uses the default weighting (three perspectives equal, the
handreiking's ratings) and the default overstap (Voorschoten → Holland Rijnland). The robustness
section draws its random weightings as ``sensitivity`` does: ``--aantal``, ``--startwaarde``,
``--rond`` and ``--groepsvolgorde``, with the same checks and defaults. Unknown
extension, unknown scenario or an unwritable path: exit 2 with one Dutch line. The file is
written by :mod:`dashboard.safe_files`: an existing file is replaced only with
``--overschrijven`` (keeping its permissions), and never a folder, link or device.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dashboard.commands.sampling import add_sampling_arguments
from dashboard.errors import ValidationError
from dashboard.safe_files import check_target, os_reason, write_bytes

if TYPE_CHECKING:
    from dashboard.sampling import SamplingSettings

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
        required=True,
        metavar="BESTAND",
        help="uitvoerbestand, eindigend op .pdf of .pptx",
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
    from dashboard.scoring import problem_from_mapping

    return sampling.sampling_settings(args, problem_from_mapping({}))


def run(args: argparse.Namespace) -> int:
    if not args.out.strip():
        raise ValidationError(
            "--uitvoer is leeg; geef een bestandsnaam op, bijvoorbeeld rapport.pdf"
        )
    out = Path(args.out).expanduser()
    suffix = _check_target(out, args.force)
    from dashboard.charts import render
    from dashboard.reports.images import SLIDE_SCALE

    # The chart engine starts in a helper process first thing, while this one imports and
    # computes; it also makes each chart's picture for slides (PNG) or vector drawing for a
    # PDF, so that work is not left for the end.
    render.start_background_engine(
        png_scale=SLIDE_SCALE if suffix == ".pptx" else None, drawings=suffix == ".pdf"
    )
    try:
        sampling = sampling_settings(args)  # a bad flag fails before the report is computed
        return _run(args, out, suffix, sampling)
    finally:
        render.stop_background_engine()


def _run(args: argparse.Namespace, out: Path, suffix: str, sampling: SamplingSettings) -> int:
    from dashboard.reports.content import ReportInput, build_report_content

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
    else:
        spec = ReportInput(scenario_name="standaardweging", sampling=sampling)
    content = build_report_content(spec)

    # charts are drawn without a browser (vl-convert), so every report has its images
    data = _render(content, suffix)
    write_bytes(out, data, force=args.force)
    missing = [s.title for s in content.sections if not s.available]
    print(f"Rapport geschreven: {out} ({len(data) // 1024} kB)")
    if missing:
        print("Niet beschikbaar: " + "; ".join(missing), file=sys.stderr)
    return 0


def _render(content: Any, suffix: str) -> bytes:
    if suffix == ".pdf":
        from dashboard.reports.pdf import build_pdf

        return build_pdf(content)
    from dashboard.reports.pptx import build_pptx

    return build_pptx(content)

"""CLI command ``report``: the college report as PDF or PowerPoint.

``python -m dashboard report [--scenario NAAM] --uitvoer BESTAND.pdf|BESTAND.pptx``. Without
``--scenario`` the report uses the default weighting (three perspectives equal, the
handreiking's ratings) and the default overstap (Voorschoten → Holland Rijnland). Unknown
extension, unknown scenario or an unwritable path: exit 2 with one Dutch line.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from dashboard.errors import DashboardError, ValidationError

FORMATS = (".pdf", ".pptx")
_OS_REASONS = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.ENOENT: "de map bestaat niet of laat geen nieuwe bestanden toe",
}


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


def _check_target(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            f"onbekend bestandstype {out.suffix or '(geen)'!r} voor --uitvoer; "
            "gebruik .pdf of .pptx"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise ValidationError(f"{out} is een map; geef een bestandsnaam op")
    if not folder.is_dir():
        raise ValidationError(f"de map {folder} bestaat niet")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ValidationError(f"kan niet schrijven naar {out}: geen schrijfrechten")
    # Try it before the report is built (seconds of work), so a bad path fails at once.
    try:
        fd, probe = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise ValidationError(f"kan niet schrijven naar {out}: {_reason(err)}") from err
    return suffix


def _reason(err: OSError) -> str:
    return _OS_REASONS.get(err.errno or 0, "het besturingssysteem weigert het bestand")


def _write_atomic(out: Path, data: bytes) -> None:
    """Write next to the target and rename, so a failed run never leaves half a file."""
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent if str(out.parent) else ".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, out)
    except OSError as err:
        raise DashboardError(f"kan niet schrijven naar {out}: {_reason(err)}") from err


def run(args: argparse.Namespace) -> int:
    from dashboard.reports.content import ReportInput, build_report_content

    out = Path(args.out).expanduser()
    suffix = _check_target(out)
    if args.scenario:
        from dashboard.scenarios import open_store

        with open_store() as store:
            scenario = store.get(args.scenario)
        spec = ReportInput(
            problem_config=dict(scenario.problem_config),
            overstap=scenario.overstap_settings(),
            data_year=scenario.data_year,
            scenario_name=scenario.name,
            author=scenario.author,
            note=scenario.note,
        )
    else:
        spec = ReportInput(scenario_name="standaardweging")
    content = build_report_content(spec)

    # charts are drawn without a browser (vl-convert), so every report has its images
    data = _render(content, suffix)
    _write_atomic(out, data)
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

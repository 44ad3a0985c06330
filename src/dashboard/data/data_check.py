"""The one check of a CBS data folder as a whole.

A download runs it on its staging folder before anything is replaced; the configured data folder
(``DASHBOARD_DATA_DIR`` or the download cache) runs it when the indeling is derived
(:func:`dashboard.data.regions.load_region_index`, which every page and command uses), so a folder
that a download would refuse is refused with the same Dutch sentence wherever it is configured.

Checked: every layer readable, with the expected number of areas, each with a polygon inside
the Netherlands (catches swapped axes and bogus geometry); every gemeente of the boundaries in
the figures; every gemeente in exactly one region.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.core.errors import DataMissingError
from dashboard.core.formatting import fmt_number
from dashboard.data.cbs import (
    KERNCIJFERS_FILE,
    KWB_FILE,
    kwb_years,
    read_kerncijfers,
    read_kwb,
    read_layer,
)

if TYPE_CHECKING:
    import pandas as pd

#: Areas per layer in the CBS gebiedsindelingen (2023–2025 all have these counts).
EXPECTED_FEATURES: Mapping[str, int] = {"arbeidsmarktregio": 35, "gemeente": 342, "provincie": 12}
#: Longitude/latitude box around the Netherlands (incl. the Wadden and the Zeeland coast).
NL_BOUNDS = (3.2, 50.7, 7.3, 53.7)
#: The layers the dashboard reads (the provincies are downloaded but not used).
USED_LAYERS = ("arbeidsmarktregio", "gemeente")
_LAYER_FILE = r"(arbeidsmarktregio|gemeente|provincie)_\d{4}\.(topojson|geojson|json|gpkg|shp)"


@dataclass(frozen=True)
class FolderCheck:
    """What the check found (and derived on the way): areas per layer and the indeling."""

    counts: Mapping[str, int]
    #: (code, name) per region, sorted by code
    regions: tuple[tuple[str, str], ...]
    #: ``gemeente_code, gemeente_naam, region_code, region_name`` per gemeente
    membership: pd.DataFrame


def _shown(codes: Sequence[str]) -> str:
    return ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")


def newest_kwb_year(folder: Path) -> int | None:
    """The newest ``kwb_<year>_gemeente.csv`` in ``folder``, or None."""
    years = kwb_years(folder)
    return years[-1] if years else None


def check_folder(
    folder: Path | str,
    year: int,
    *,
    kwb_year: int | None = None,
    layers: Sequence[str] = USED_LAYERS,
    expected: Mapping[str, int] | None = None,
    figures_required: bool = True,
) -> FolderCheck:
    """Check the data folder as a whole; raises :class:`DataMissingError` naming the first
    problem (in Dutch, with the folder as its path).

    Parameters
    ----------
    year
        Year of the boundary layers.
    kwb_year
        Year of the KWB figures that must cover every gemeente; None: the newest in the folder.
    layers
        The layers that must be present and right (at least the arbeidsmarktregio and
        gemeente layers: the indeling is derived from them).
    expected
        Areas per layer (default :data:`EXPECTED_FEATURES`).
    figures_required
        False for a folder that holds only boundaries (the figures are then checked only when
        they are there); a download always brings them.
    """
    from dashboard.data.geo import derive_membership

    base = Path(folder)
    expected = EXPECTED_FEATURES if expected is None else expected
    counts: dict[str, int] = {}
    frames = {}
    for layer in layers:
        frame = read_layer(layer, year, base)
        want = expected.get(layer)
        if want is not None and len(frame) != want:
            raise DataMissingError(
                f"de laag {layer} in {base} heeft {len(frame)} gebieden in plaats van {want}; "
                "de map is onvolledig of hoort bij een ander jaar",
                str(base),
            )
        minx, miny, maxx, maxy = frame.total_bounds
        west, south, east, north = NL_BOUNDS
        if not (west <= minx and maxx <= east and south <= miny and maxy <= north):
            raise DataMissingError(
                f"de coördinaten van laag {layer} in {base} liggen niet in Nederland "
                f"({'; '.join(fmt_number(c, 2) for c in (minx, miny))} – "
                f"{'; '.join(fmt_number(c, 2) for c in (maxx, maxy))}); "
                "zijn lengte- en breedtegraad verwisseld?",
                str(base),
            )
        counts[layer] = len(frame)
        frames[layer] = frame
    has_figures = (base / KERNCIJFERS_FILE).is_file()
    if figures_required or has_figures:
        read_kerncijfers(base)
    kwb_year = kwb_year if kwb_year is not None else newest_kwb_year(base)
    if (
        kwb_year is not None
        and "gemeente" in frames
        and (figures_required or (base / KWB_FILE.format(year=kwb_year)).is_file())
    ):
        kwb = read_kwb(kwb_year, base)
        missing = sorted(set(frames["gemeente"]["code"]) - set(kwb["gemeente_code"]))
        if missing:
            raise DataMissingError(
                f"{len(missing)} gemeente(n) van de grenzen ontbreken in de CBS-cijfers "
                f"({KWB_FILE.format(year=kwb_year)}): {_shown(missing)}",
                str(base),
            )
    regions = frames["arbeidsmarktregio"]
    return FolderCheck(
        counts=counts,
        regions=tuple((str(r.code), str(r.name)) for r in regions.itertuples()),
        membership=derive_membership(frames["gemeente"], regions),
    )


def data_file_name(name: str) -> bool:
    """Whether ``name`` is one of the files a CBS data folder holds (or a snapshot's own)."""
    return bool(
        re.fullmatch(
            r"(arbeidsmarktregio|gemeente|provincie)_\d{4}\.(topojson|geojson|json|gpkg|shp)", name
        )
        or re.fullmatch(r"kwb_\d{4}_gemeente\.csv", name)
        or name in (KERNCIJFERS_FILE, "SNAPSHOT.json", "PROVENANCE.md")
    )


def is_data_folder(folder: Path) -> bool:
    """Whether ``folder`` already holds CBS data files (a download may then write into it)."""
    try:
        return any(data_file_name(p.name) for p in folder.iterdir())
    except OSError:
        return False

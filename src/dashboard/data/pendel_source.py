"""Reading the raw CBS 81251NED exports and deriving the embedded pendel snapshot.

The raw folder (``shared/data/pendel``, see its PROVENANCE.md) holds one StatLine export per
December 2006–2014: employee jobs (× 1 000, one decimal) from each woongemeente (rows) to each
werkgemeente (columns) in the 2014 division, a table from StatLine's names to 2014 codes, and
the 2014 boundaries. ``python -m dashboard data snapshot`` calls :func:`write_pendel_snapshot`,
which keeps only what the dashboard needs, in today's gemeenten (``snapshot/pendel``):

* the cells in whole hundreds of jobs (``2.4`` → 24), summed per pair of 2025 gemeenten, pairs
  with at least one published job in one of the years only;
* the table that places every 2014 gemeente in a 2025 gemeente, with the overlap shares;
* ``PENDEL.json``: attribution, licence, the rule for splits and the sha256 of every input.

Cells are never estimated: ``0.0`` (fewer than 50 jobs, not published) and ``-`` (none) both
count as zero. A 2014 gemeente goes as a whole to the 2025 gemeente that holds the largest part
of its area (in RD New); a split gemeente's jobs are not divided proportionally, because that
would invent flows the table does not have. The output depends only on the input bytes, so a
rebuild is byte for byte identical.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.core.codes import is_gemeente_code
from dashboard.core.errors import DataMissingError
from dashboard.core.manifest import with_manifest
from dashboard.core.safe_files import check_output_folder, write_folder

if TYPE_CHECKING:
    import geopandas as gpd

RAW_FILE = "cbs_81251NED_banen_woon_werk_{year}.csv"
NAMES_FILE = "gemeente_2014_namen.csv"
BOUNDARIES_2014_FILE = "gemeente_2014.topojson"
RAW_YEARS = tuple(range(2006, 2015))
#: Row and column labels that are not gemeenten; kept under these codes (all nil in 2006–2014).
NOT_GEMEENTEN = {"Buitenland": "BUITENLAND", "Onbekend": "ONBEKEND"}
#: The current table (2021 onwards, gemeenten of that year), downloaded per December into the
#: data folder as one file per year in the snapshot's flow format.
CURRENT_TABLE = "85481NED"
CURRENT_FILE = "pendel_85481NED_{year}.csv"
#: the code 85481NED uses for an unknown werkgemeente
UNKNOWN_GEMEENTE = "GM0000"

FLOWS_FILE = "banen_woon_werk_2025.csv"
MAPPING_FILE = "gemeente_2014_2025.csv"
META_FILE = "PENDEL.json"

_PERIOD = re.compile(r"^(\d{4})\s+december$", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+(?:[.,]\d)?$")


@dataclass(frozen=True)
class RawTable:
    """One December of 81251NED: hundreds of jobs per (woon label, werk label), nonzero only."""

    year: int
    labels: tuple[str, ...]
    #: (woon label, werk label) → whole hundreds of jobs (``2.4`` → 24); zero cells left out
    cells: Mapping[tuple[str, str], int]
    #: how many cells were ``0.0`` (fewer than 50 jobs, not published)
    unpublished: int


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DataMissingError(f"{path} is niet leesbaar ({err})", str(path)) from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")  # StatLine's own export encoding


def _hundreds(value: str, path: Path, line: int, column: str) -> int | None:
    """``"2.4"`` → 24, ``"0.0"`` → 0, ``"-"`` → None; anything else is an error."""
    text = value.strip()
    if text in ("-", ""):
        return None
    if not _NUMBER.match(text):
        raise DataMissingError(
            f"{path.name}, regel {line}, kolom '{column}': waarde '{text[:20]}' is geen "
            "aantal banen (verwacht een getal als 2.4, '0.0' of '-')",
            str(path),
        )
    whole, _, tenth = text.replace(",", ".").partition(".")
    return int(whole) * 10 + int(tenth or 0)


def read_raw_table(path: Path) -> RawTable:
    """Parse one StatLine export of 81251NED (rows woonregio, columns werkregio).

    The layout is found from its labels, not from fixed line numbers: the header row whose second
    cell is "Werkregio's" gives the columns; every row whose first cell is "YYYY december" is a
    woonregio. ``;`` or ``,`` separated, UTF-8 or ISO-8859-1.

    Raises
    ------
    DataMissingError
        Missing file, no header, rows of the wrong width, mixed periods, or a value that is not
        a number, ``0.0`` or ``-`` (the message names the file, line and column).
    """
    if not path.is_file():
        raise DataMissingError(f"{path} ontbreekt", str(path))
    text = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in text[:5000] or "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as err:  # e.g. a stray line break inside a value
        raise DataMissingError(
            f"{path.name}, regel {reader.line_num}: geen leesbare CSV-regel; het bestand is "
            "beschadigd",
            str(path),
        ) from err
    labels: tuple[str, ...] = ()
    year: int | None = None
    cells: dict[tuple[str, str], int] = {}
    unpublished = 0
    woon_seen: list[str] = []
    for number, row in enumerate(rows, start=1):
        if len(row) > 2 and row[1].strip() == "Werkregio's":
            labels = tuple(cell.strip() for cell in row[2:])
            continue
        match = _PERIOD.match(row[0].strip()) if row else None
        if not match:
            continue
        if not labels:
            raise DataMissingError(
                f"{path.name}: regel {number} heeft cijfers, maar de kop met de werkregio's "
                "ontbreekt erboven; is dit een export van CBS-tabel 81251NED?",
                str(path),
            )
        row_year = int(match.group(1))
        if year is not None and row_year != year:
            raise DataMissingError(
                f"{path.name}, regel {number}: periode {row_year} december, eerder {year}; "
                "één bestand mag maar één periode hebben",
                str(path),
            )
        year = row_year
        if len(row) != len(labels) + 2:
            raise DataMissingError(
                f"{path.name}, regel {number}: {len(row) - 2} waarden, verwacht "
                f"{len(labels)} (een per werkregio); het bestand is beschadigd of afgekapt",
                str(path),
            )
        woon = row[1].strip()
        woon_seen.append(woon)
        for werk, value in zip(labels, row[2:], strict=True):
            hundreds = _hundreds(value, path, number, werk)
            if hundreds == 0:
                unpublished += 1
            elif hundreds is not None:
                cells[(woon, werk)] = hundreds
    if year is None:
        raise DataMissingError(
            f"{path.name} bevat geen rijen 'JJJJ december'; is dit een export van CBS-tabel "
            "81251NED (banen van werknemers, woon- en werkregio's)?",
            str(path),
        )
    if sorted(woon_seen) != sorted(labels):
        raise DataMissingError(
            f"{path.name}: de woonregio's (rijen) en werkregio's (kolommen) verschillen",
            str(path),
        )
    return RawTable(year=year, labels=labels, cells=cells, unpublished=unpublished)


def read_name_table(folder: Path) -> dict[str, tuple[str, str]]:
    """StatLine name → (2014 code, 2014 name) from ``gemeente_2014_namen.csv``."""
    path = folder / NAMES_FILE
    if not path.is_file():
        raise DataMissingError(f"{path} ontbreekt", str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        wanted = {"naam_81251NED", "statcode", "statnaam"}
        if not wanted <= set(reader.fieldnames or ()):
            raise DataMissingError(
                f"{path.name} mist de kolommen {', '.join(sorted(wanted))}", str(path)
            )
        table = {
            row["naam_81251NED"].strip(): (row["statcode"].strip(), row["statnaam"].strip())
            for row in reader
        }
    odd = sorted(code for code, _ in table.values() if not is_gemeente_code(code))
    if odd:
        raise DataMissingError(
            f"{path.name}: {odd[0][:12]!r} is geen gemeentecode (zoals GM0626)", str(path)
        )
    if len({code for code, _ in table.values()}) != len(table):
        raise DataMissingError(f"{path.name}: twee namen hebben dezelfde code", str(path))
    return table


#: A dissolved 2014 gemeente with at least this share of its area in a second 2025 gemeente is
#: listed as split (below it, the generalised boundaries of the two years merely differ).
SPLIT_SHARE = 0.10


@dataclass(frozen=True)
class Placement:
    """Where one 2014 gemeente lies in today's gemeenten (shares of its 2014 area)."""

    code_2014: str
    name_2014: str
    code_2025: str
    share: float
    #: the 2025 gemeente with the second largest part, and that part ("" and 0 when none)
    second_code: str
    second_share: float

    @property
    def split(self) -> bool:
        """A dissolved gemeente whose area now lies in two or more gemeenten; its jobs all go
        to the one with the largest part (``code_2025``), never divided."""
        return self.code_2014 != self.code_2025 and self.second_share >= SPLIT_SHARE


def place_by_overlap(
    gemeenten_2014: gpd.GeoDataFrame, gemeenten_2025: gpd.GeoDataFrame
) -> dict[str, Placement]:
    """Assign every 2014 gemeente to the 2025 gemeente holding the largest part of its area.

    Parameters
    ----------
    gemeenten_2014, gemeenten_2025
        GeoDataFrames with ``code``, ``name`` and polygons with a CRS; areas are compared in
        RD New after ``make_valid`` (:mod:`dashboard.data.geo`).
    """
    import geopandas as gpd

    from dashboard.data.geo import RD_NEW, make_valid

    old = make_valid(gemeenten_2014[["code", "name", "geometry"]].to_crs(RD_NEW))
    new = make_valid(gemeenten_2025[["code", "geometry"]].to_crs(RD_NEW))
    parts = gpd.overlay(
        old.rename(columns={"code": "old"}),
        new.rename(columns={"code": "new"}),
        how="intersection",
        keep_geom_type=True,
    )
    parts["area"] = parts.geometry.area
    out: dict[str, Placement] = {}
    for code, group in parts.groupby("old"):
        ranked = group.sort_values(["area", "new"], ascending=[False, True])
        total = float(ranked["area"].sum())
        first = ranked.iloc[0]
        second = ranked.iloc[1] if len(ranked) > 1 else None
        out[str(code)] = Placement(
            code_2014=str(code),
            name_2014=str(first["name"]),
            code_2025=str(first["new"]),
            share=round(float(first["area"]) / total, 3),
            second_code="" if second is None else str(second["new"]),
            second_share=0.0 if second is None else round(float(second["area"]) / total, 3),
        )
    missing = sorted(set(old["code"]) - set(out))
    if missing:
        raise DataMissingError(
            "deze gemeenten van 2014 overlappen met geen enkele gemeente van 2025: "
            + ", ".join(missing)
        )
    return out


def read_boundaries_2014(folder: Path) -> gpd.GeoDataFrame:
    """The 2014 gemeenten as ``code, name, geometry`` (EPSG:4326)."""
    import geopandas as gpd

    path = folder / BOUNDARIES_2014_FILE
    if not path.is_file():
        raise DataMissingError(f"{path} ontbreekt", str(path))
    try:
        frame = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several types for unreadable files
        raise DataMissingError(f"{path} is geen leesbare kaartlaag ({err})", str(path)) from err
    if "statcode" not in frame.columns or "statnaam" not in frame.columns:
        raise DataMissingError(f"{path.name} mist statcode/statnaam", str(path))
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    return gpd.GeoDataFrame(
        {
            "code": frame["statcode"].astype(str).str.strip(),
            "name": frame["statnaam"].astype(str).str.strip(),
        },
        geometry=frame.geometry.values,
        crs=frame.crs,
    )


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def build_pendel_files(pendel_folder: Path, cbs_folder: Path) -> dict[str, bytes]:
    """The pendel snapshot's files (name → bytes).

    ``pendel_folder`` holds the raw exports, the name table and the 2014 boundaries;
    ``cbs_folder`` the 2025 gemeente boundaries (as for the main snapshot).
    """
    from dashboard.data.cbs import find_layer_file, read_layer

    names = read_name_table(pendel_folder)
    gemeenten_2025 = read_layer("gemeente", 2025, cbs_folder)
    placements = place_by_overlap(read_boundaries_2014(pendel_folder), gemeenten_2025)
    unknown = sorted({code for code, _ in names.values()} - set(placements))
    if unknown:
        raise DataMissingError(
            f"{NAMES_FILE} noemt codes zonder grens in {BOUNDARIES_2014_FILE}: {', '.join(unknown)}"
        )
    to_2025 = {label: placements[code].code_2025 for label, (code, _) in names.items()}
    to_2025.update(NOT_GEMEENTEN)
    inputs = {}
    totals: dict[tuple[str, str], dict[int, int]] = {}
    for year in RAW_YEARS:
        path = pendel_folder / RAW_FILE.format(year=year)
        table = read_raw_table(path)
        if table.year != year:
            raise DataMissingError(f"{path.name} bevat december {table.year}, niet {year}")
        strange = sorted(set(table.labels) - set(to_2025))
        if strange:
            raise DataMissingError(
                f"{path.name}: onbekende gemeentenamen {', '.join(strange[:5])} "
                f"(niet in {NAMES_FILE})",
                str(path),
            )
        inputs[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        for (woon, werk), hundreds in table.cells.items():
            pair = (to_2025[woon], to_2025[werk])
            per_year = totals.setdefault(pair, {})
            per_year[year] = per_year.get(year, 0) + hundreds
    for name in (NAMES_FILE, BOUNDARIES_2014_FILE):
        inputs[name] = hashlib.sha256((pendel_folder / name).read_bytes()).hexdigest()
    layer = find_layer_file("gemeente", 2025, cbs_folder)
    inputs[layer.name] = hashlib.sha256(layer.read_bytes()).hexdigest()

    flow_rows = [["woongemeente", "werkgemeente", *(str(y) for y in RAW_YEARS)]]
    for (woon, werk), per_year in sorted(totals.items()):
        flow_rows.append(
            [woon, werk, *(str(per_year[y]) if y in per_year else "" for y in RAW_YEARS)]
        )
    mapping_rows = [
        ["code_2014", "naam_2014", "code_2025", "aandeel", "tweede_code_2025", "tweede_aandeel"]
    ]
    for p in sorted(placements.values(), key=lambda p: p.code_2014):
        mapping_rows.append(
            [
                p.code_2014,
                p.name_2014,
                p.code_2025,
                f"{p.share:.3f}",
                p.second_code,
                f"{p.second_share:.3f}",
            ]
        )
    files = {FLOWS_FILE: _csv_bytes(flow_rows), MAPPING_FILE: _csv_bytes(mapping_rows)}
    meta = {
        "attribution": "Bron: CBS (Centraal Bureau voor de Statistiek)",
        "licence": "CC BY 4.0",
        "table_id": "81251NED",
        "title": "Banen werknemers en afstand woon-werk; woon- en werkregio's",
        "years": list(RAW_YEARS),
        "unit": "honderden banen van werknemers in december (som van de CBS-cellen × 1 000, "
        "één decimaal)",
        "description": (
            "Afgeleid uit CBS 81251NED (indeling 2014), opgeteld naar de gemeenten van 2025. "
            "Cellen '0.0' (minder dan 50 banen, niet gepubliceerd) en '-' tellen als nul; er is "
            "niets geschat. Elke gemeente van 2014 gaat in haar geheel naar de gemeente van 2025 "
            "met het grootste deel van haar oppervlakte (gegeneraliseerde grenzen, RD New); een "
            "gesplitste gemeente wordt niet naar rato verdeeld."
        ),
        "inputs": inputs,
    }
    return with_manifest(files, meta, META_FILE)


def is_pendel_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a pendel snapshot this module wrote (its ``PENDEL.json``)."""
    return (folder / META_FILE).is_file() and not (folder / META_FILE).is_symlink()


def check_pendel_target(pendel_folder: Path, target: Path) -> None:
    """Refuse a missing source or an unusable target before the (slower) build."""
    if not pendel_folder.is_dir():
        raise DataMissingError(
            f"de map met de pendelgegevens {pendel_folder} bestaat niet (geef haar met --pendel)",
            str(pendel_folder),
        )
    if target.parent.is_dir():  # else the main snapshot makes the parent, and it is new
        check_output_folder(target, is_ours=is_pendel_folder, source=pendel_folder)


def write_pendel_snapshot(pendel_folder: Path, cbs_folder: Path, target: Path) -> dict[str, int]:
    """Build the pendel snapshot into ``target`` (its own folder); returns name → size.

    Written like the main snapshot (:func:`dashboard.core.safe_files.write_folder`): all files
    together or none, never into the source folder, other files in ``target`` left alone.
    """
    check_pendel_target(pendel_folder, target)
    files = build_pendel_files(pendel_folder, cbs_folder)
    write_folder(target, files, is_ours=is_pendel_folder, source=pendel_folder, prefix=".pendel-")
    return {name: len(data) for name, data in files.items()}


# --- the current table (85481NED, OData) ---------------------------------------------------------
def odata_flows(rows: list[dict], period: str) -> dict[tuple[str, str], int]:
    """Hundreds of jobs per (woongemeente, werkgemeente) from 85481NED ``TypedDataSet`` rows.

    Only ``GM`` rows of ``period`` (e.g. ``2024MM12``) count; a null value (a code that does not
    exist that year) and ``0.0`` (fewer than 50 jobs) count as zero, as in 81251NED.
    ``GM0000`` (unknown werkgemeente) is kept as ``ONBEKEND``.

    Raises
    ------
    DataMissingError
        A row without its codes, of another period, with a value that is not a number of
        jobs, or a pair given twice.
    """
    out: dict[tuple[str, str], int] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        woon = str(row.get("WoonregioS") or "").strip()
        werk = str(row.get("WerkregioS") or "").strip()
        if not (is_gemeente_code(woon) and is_gemeente_code(werk)):
            continue  # totals (NL01, PV…) and other region kinds
        if str(row.get("Perioden") or "").strip() != period:
            raise DataMissingError(
                f"CBS {CURRENT_TABLE} gaf een rij van periode {str(row.get('Perioden'))[:12]!r}, "
                f"gevraagd was {period}"
            )
        if (woon, werk) in seen:
            raise DataMissingError(f"CBS {CURRENT_TABLE} gaf {woon} → {werk} twee keer")
        seen.add((woon, werk))
        value = row.get("BanenVanWerknemers_1")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e5:
            raise DataMissingError(
                f"CBS {CURRENT_TABLE}: {woon} → {werk} heeft geen geldig aantal banen"
            )
        hundreds = round(value * 10)
        if abs(hundreds - value * 10) > 1e-6:
            raise DataMissingError(
                f"CBS {CURRENT_TABLE}: {woon} → {werk} heeft meer dan één decimaal"
            )
        if hundreds:
            key = (woon, NOT_GEMEENTEN["Onbekend"] if werk == UNKNOWN_GEMEENTE else werk)
            out[key] = out.get(key, 0) + hundreds
    return out


def current_csv(flows: dict[tuple[str, str], int], year: int) -> bytes:
    """One December of the current table in the snapshot's flow format."""
    rows = [["woongemeente", "werkgemeente", str(year)]]
    rows += [[woon, werk, str(h)] for (woon, werk), h in sorted(flows.items())]
    return _csv_bytes(rows)

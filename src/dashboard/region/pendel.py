"""Commuting (pendel): where the residents of a gemeente or region hold their jobs.

The figures are CBS 81251NED, employee jobs (banen van werknemers) in December 2006–2014 from
every woongemeente to every werkgemeente, in the 2014 division, summed per pair of 2025
gemeenten (:mod:`dashboard.data.pendel_source` builds the embedded file). The regions are today's
arbeidsmarktregio's from the :class:`~dashboard.data.regions.RegionIndex`.

What the figures are and are not, said next to every one of them (:data:`CAVEAT`): jobs, not
persons; employees only; cells under 50 jobs are not published and count as zero, so the total is
the sum of published cells ("banen in gepubliceerde cellen"), never an estimate.

All functions are pure: they take :class:`PendelData` and a region index (or a membership
mapping) and return frozen result objects that carry their table id, period and division.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType

from dashboard.core.codes import is_gemeente_code
from dashboard.core.config import SNAPSHOT_DIR, data_dir
from dashboard.core.errors import DataMissingError, ValidationError
from dashboard.core.manifest import verify_manifest
from dashboard.data.pendel_source import (
    CURRENT_FILE,
    CURRENT_TABLE,
    FLOWS_FILE,
    MAPPING_FILE,
    META_FILE,
    NOT_GEMEENTEN,
    Placement,
)
from dashboard.data.regions import RegionIndex

#: The embedded pendel figures (``python -m dashboard data snapshot``).
PENDEL_DIR = SNAPSHOT_DIR / "pendel"
TABLE_ID = "81251NED"
SOURCE_ID = "cbs_pendel_81251NED"
#: CBS table → its entry in data/SOURCES.yaml
SOURCE_IDS = {TABLE_ID: SOURCE_ID, CURRENT_TABLE: "cbs_pendel_85481NED"}
DIVISION = "indeling 2014 omgerekend naar 2025"
CAVEAT = (
    "Banen, geen personen (iemand kan meer banen hebben); alleen werknemers, geen zelfstandigen; "
    "cellen met minder dan 50 banen publiceert CBS niet en tellen hier als nul (niet geschat)."
)
PLACEMENT_RULE = (
    "CBS publiceert deze cijfers in de gemeentelijke indeling van 2014 (403 gemeenten). Elke "
    "gemeente van 2014 telt in haar geheel mee bij de gemeente van 2025 die het grootste deel van "
    "haar oppervlakte bevat (overlap van de gegeneraliseerde grenzen). Bij een gemeente die "
    "later is opgesplitst, gaan dus alle banen naar het grootste deel; ze worden niet naar rato "
    "verdeeld, want dat zou stromen schatten die CBS niet publiceert. De regio is die van 2025."
)


class Role(StrEnum):
    """What a region is to one gemeente (the value is what the JSON says)."""

    OWN = "eigen"
    CANDIDATE = "kandidaat"
    REST = "overig"


def period_label(year: int) -> str:
    """``december 2014``."""
    return f"december {year}"


def division_for(table_id: str, year: int) -> str:
    """How the gemeenten of a table relate to today's (2025) gemeenten and regions."""
    if table_id == TABLE_ID:
        return DIVISION
    return f"indeling {year}, in de regio's van 2025"


def source_text(year: int, table_id: str = TABLE_ID) -> str:
    """The period and source said next to every pendel figure."""
    division = division_for(table_id, year)
    return f"Banen van werknemers, {period_label(year)}, CBS {table_id}, {division}."


# --- the data ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PendelData:
    """Jobs (whole hundreds) per (woongemeente, werkgemeente) in 2025 codes, per December."""

    years: tuple[int, ...]
    #: year → woongemeente → werkgemeente → hundreds of jobs (nonzero only)
    flows: Mapping[int, Mapping[str, Mapping[str, int]]]
    placements: tuple[Placement, ...]
    attribution: str
    licence: str
    #: year → CBS table the figures of that December come from
    tables: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))

    def source(self, year: int) -> PendelSource:
        return PendelSource(year, self.tables.get(year, TABLE_ID))

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def check_year(self, year: int | None) -> int:
        """``year`` if there are figures for it (the latest when None)."""
        if year is None:
            return self.latest_year
        if year not in self.flows:
            raise ValidationError(
                f"jaar {year} heeft geen pendelcijfers; kies uit "
                f"{', '.join(str(y) for y in _ranges(self.years))} (december)"
            )
        return year

    def row(self, year: int, woon: str) -> Mapping[str, int]:
        """Werkgemeente → hundreds of jobs of the residents of ``woon``."""
        return self.flows[year].get(woon, MappingProxyType({}))

    def column(self, year: int, werk: str) -> dict[str, int]:
        """Woongemeente → hundreds of jobs in ``werk`` (the people working there)."""
        return {woon: row[werk] for woon, row in self.flows[year].items() if werk in row}


def _ranges(years: Iterable[int]) -> list[str]:
    """``[2006, …, 2014, 2024]`` → ``["2006–2014", "2024"]``."""
    out: list[list[int]] = []
    for year in sorted(years):
        if out and year == out[-1][-1] + 1:
            out[-1].append(year)
        else:
            out.append([year])
    return [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in out]


#: One year's flows, made when that year is first asked for.
YearFlows = Callable[[], dict[str, dict[str, int]]]


def _read_flows(path: Path) -> tuple[tuple[int, ...], dict[int, YearFlows]]:
    """The years of a flows file and, per year, how to make its flows.

    A file whose lines are plain (two codes, then only whole numbers or nothing: no quotes,
    as the snapshot and the download write them) is checked as a whole and its figures are
    turned into mappings per year on first use: a report reads one December of nine. Any
    other file is read cell by cell, which names the line of what is wrong.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    except OSError as err:
        raise DataMissingError(f"{path} is niet leesbaar ({err})", str(path)) from err
    header, _, body = text.partition("\n")
    names = header.rstrip("\r").split(",")
    if names[:2] == ["woongemeente", "werkgemeente"] and all(
        re.fullmatch("[0-9]+", n) for n in names[2:]
    ):
        years = tuple(int(y) for y in names[2:])
        rows = _plain_rows(body, 2 + len(years))
        if rows is not None:
            codes = {row[0] for row in rows} | {row[1] for row in rows}
            if all(is_gemeente_code(c) or c in NOT_GEMEENTEN.values() for c in codes):
                return years, {y: partial(_year_flows, rows, 2 + i) for i, y in enumerate(years)}
    return _read_flows_checked(path, list(csv.reader(io.StringIO(text, newline=""))))


#: A figure of more digits than this is not taken by the fast path (the checked reader says why).
_LONG_FIGURE = re.compile("[0-9]{19}")


def _plain_rows(body: str, width: int) -> list[list[str]] | None:
    """The lines of a plain file (no quotes; each line ``width`` fields: two codes, then whole
    numbers of at most 18 digits or nothing; lines end in ``\\n`` or ``\\r\\n``) as lists of
    fields, or None for any other file. Checked on the whole text at once, not cell by cell."""
    if '"' in body:
        return None
    if "\r" in body:
        body = body.replace("\r\n", "\n")
        if body.endswith("\r"):  # the last line's "\r\n" without its "\n"
            body = body[:-1] + "\n"
        if "\r" in body:
            return None
    rows = [line.split(",") for line in body.removesuffix("\n").split("\n")] if body else []
    if any(len(row) != width for row in rows):
        return None
    figures = ",".join(",".join(row[2:]) for row in rows)
    if not figures.replace(",", "").isdecimal() and figures.strip(","):
        return None
    if not figures.isascii() or _LONG_FIGURE.search(figures):
        return None
    return rows


def _year_flows(rows: Sequence[Sequence[str]], column: int) -> dict[str, dict[str, int]]:
    flows: dict[str, dict[str, int]] = {}
    for row in rows:
        value = row[column]
        if value:
            out = flows.get(row[0])
            if out is None:
                out = flows[row[0]] = {}
            out[row[1]] = int(value)
    return flows


def _read_flows_checked(
    path: Path, rows: list[list[str]]
) -> tuple[tuple[int, ...], dict[int, YearFlows]]:
    if not rows or rows[0][:2] != ["woongemeente", "werkgemeente"]:
        raise DataMissingError(f"{path} is geen bestand met pendelcijfers", str(path))
    try:
        years = tuple(int(y) for y in rows[0][2:])
        flows: dict[int, dict[str, dict[str, int]]] = {y: {} for y in years}
        per_year = [flows[y] for y in years]
        width = len(years) + 2
        # ~12.000 rows name a few hundred codes: each distinct code is checked once
        checked = set(NOT_GEMEENTEN.values())
        for line, row in enumerate(rows[1:], start=2):
            if len(row) != width:
                raise DataMissingError(
                    f"{path.name}, regel {line}: {len(row)} velden, verwacht {width}",
                    str(path),
                )
            woon, werk = row[0], row[1]
            for code in (woon, werk):
                if code not in checked:
                    if not is_gemeente_code(code):
                        raise DataMissingError(
                            f"{path.name}, regel {line}: {code[:12]!r} is geen gemeentecode "
                            "(zoals GM0626)",
                            str(path),
                        )
                    checked.add(code)
            for year_flows, value in zip(per_year, row[2:], strict=True):
                if value:
                    out = year_flows.get(woon)
                    if out is None:
                        out = year_flows[woon] = {}
                    out[werk] = int(value)
    except DataMissingError:
        raise
    except ValueError as err:  # int() of a year or a count
        raise DataMissingError(f"{path.name} bevat een ongeldig getal ({err})", str(path)) from err
    return years, {y: partial(dict, flows[y]) for y in years}


def _read_placements(path: Path) -> tuple[Placement, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return tuple(
                Placement(
                    code_2014=r["code_2014"],
                    name_2014=r["naam_2014"],
                    code_2025=r["code_2025"],
                    share=float(r["aandeel"]),
                    second_code=r["tweede_code_2025"],
                    second_share=float(r["tweede_aandeel"]),
                )
                for r in csv.DictReader(handle)
            )
    except (OSError, KeyError, ValueError) as err:
        raise DataMissingError(f"{path} is niet leesbaar ({err})", str(path)) from err


class _Flows(Mapping[int, Mapping[str, Mapping[str, int]]]):
    """Year → woongemeente → werkgemeente → hundreds of jobs, read-only; each year's mappings
    are made the first time that year is asked for (and then kept)."""

    def __init__(self, makers: Mapping[int, YearFlows]) -> None:
        self._makers = dict(sorted(makers.items()))
        self._made: dict[int, Mapping[str, Mapping[str, int]]] = {}
        self._lock = threading.Lock()

    def __getitem__(self, year: int) -> Mapping[str, Mapping[str, int]]:
        made = self._made.get(year)
        if made is None:
            rows = self._makers[year]()
            made = MappingProxyType({w: MappingProxyType(r) for w, r in rows.items()})
            with self._lock:
                made = self._made.setdefault(year, made)
        return made

    def __contains__(self, year: object) -> bool:
        return year in self._makers

    def __iter__(self) -> Iterator[int]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def load_pendel(
    folder: Path | str | None = None, current_folder: Path | str | None = None
) -> PendelData:
    """The pendel figures from the embedded snapshot (or another folder of the same shape),
    with the later Decembers downloaded into ``current_folder`` (CBS 85481NED, files
    ``pendel_85481NED_<year>.csv``; see :mod:`dashboard.data.pendel_download`)."""
    base = Path(folder) if folder is not None else PENDEL_DIR
    paths = [base / FLOWS_FILE, base / MAPPING_FILE, base / META_FILE]
    for path in paths:
        if not path.is_file():
            raise DataMissingError(
                f"{path} ontbreekt; maak de pendelcijfers met 'python -m dashboard data "
                "snapshot --uit ../shared/data/cbs'",
                str(path),
            )
    # the folder lists a sha256 per file (PENDEL.json): an edited figure is refused, not shown
    verify_manifest(
        base,
        META_FILE,
        what="de map met pendelcijfers",
        fix="Installeer het dashboard opnieuw, of maak de pendelcijfers opnieuw met "
        "'python -m dashboard data snapshot --uit ../shared/data/cbs'.",
    )
    current = (
        sorted(Path(current_folder).glob(CURRENT_FILE.format(year="[0-9][0-9][0-9][0-9]")))
        if current_folder is not None and Path(current_folder).is_dir()
        else []
    )
    stamps = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in [*paths, *current])
    return _load(str(base), tuple(str(p) for p in current), stamps)


def load_pendel_in_use() -> PendelData:
    """The embedded figures with the Decembers downloaded into the data folder in use."""
    return load_pendel(current_folder=data_dir())


@lru_cache(maxsize=4)
def _load(folder: str, current: tuple[str, ...], stamps: tuple) -> PendelData:
    base = Path(folder)
    years, flows = _read_flows(base / FLOWS_FILE)
    tables = dict.fromkeys(years, TABLE_ID)
    for name in current:
        more_years, more = _read_flows(Path(name))
        for year in more_years:
            if year in tables:
                continue  # the embedded December of a year stays the one shown
            flows[year] = more[year]
            tables[year] = CURRENT_TABLE
    try:
        meta = json.loads((base / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataMissingError(f"{base / META_FILE} is niet leesbaar ({err})") from err
    return PendelData(
        years=tuple(sorted(flows)),
        flows=_Flows(flows),
        placements=_read_placements(base / MAPPING_FILE),
        attribution=str(meta.get("attribution", "Bron: CBS")),
        licence=str(meta.get("licence", "CC BY 4.0")),
        tables=MappingProxyType(tables),
    )


# --- results -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PendelSource:
    """Where a pendel figure comes from: table, period and division (shown next to it)."""

    year: int
    table_id: str = TABLE_ID

    @property
    def division(self) -> str:
        return division_for(self.table_id, self.year)

    @property
    def period(self) -> str:
        return period_label(self.year)

    @property
    def text(self) -> str:
        return source_text(self.year, self.table_id)

    def as_json(self) -> dict:
        """The ``bron`` block of every pendel JSON answer (CLI ``pendel``, ``overstap``)."""
        return {
            "tabel": self.table_id,
            "jaar": self.year,
            "periode": self.period,
            "indeling": self.division,
            "eenheid": "banen van werknemers × 1 000",
            "toelichting": CAVEAT,
        }


@dataclass(frozen=True)
class Place:
    """A gemeente on the other end of the flows, with its jobs (thousands) and share."""

    code: str
    name: str
    region_code: str
    region_name: str
    jobs: float
    share: float


@dataclass(frozen=True)
class RegionShare:
    """The jobs (thousands) of a gemeente's residents in one region, and their share."""

    code: str
    name: str
    role: Role
    jobs: float
    share: float


@dataclass(frozen=True)
class GemeentePendel:
    """Where the residents of one gemeente work, and where the people working in it live."""

    source: PendelSource
    code: str
    name: str
    region_code: str
    region_name: str
    candidate_code: str | None
    candidate_name: str | None
    #: residents' jobs in published cells, thousands
    total_jobs: float
    #: werkgemeenten, most jobs first (all with jobs)
    destinations: tuple[Place, ...]
    #: regions with jobs, most first; the candidate and own region always present
    regions: tuple[RegionShare, ...]
    own_share: float
    candidate_share: float | None
    rest_share: float
    #: jobs in the gemeente held by residents of each woongemeente, most first
    origins: tuple[Place, ...]
    total_workers: float

    def top(self, n: int = 10) -> tuple[Place, ...]:
        return self.destinations[:n]

    def as_json(self) -> dict:
        def place(p: Place) -> dict:
            return {
                "code": p.code,
                "naam": p.name,
                "regio": p.region_code,
                "banen_x1000": p.jobs,
                "aandeel": round(p.share, 4),
            }

        return {
            "bron": self.source.as_json(),
            "gemeente": {"code": self.code, "naam": self.name},
            "regio": {"code": self.region_code, "naam": self.region_name},
            "kandidaat": (
                {"code": self.candidate_code, "naam": self.candidate_name}
                if self.candidate_code
                else None
            ),
            "banen_inwoners_x1000": self.total_jobs,
            "aandeel_eigen_regio": round(self.own_share, 4),
            "aandeel_kandidaat": (
                None if self.candidate_share is None else round(self.candidate_share, 4)
            ),
            "aandeel_overig": round(self.rest_share, 4),
            "werkgemeenten": [place(p) for p in self.destinations],
            "regios": [
                {
                    "code": r.code,
                    "naam": r.name,
                    "rol": r.role.value,
                    "banen_x1000": r.jobs,
                    "aandeel": round(r.share, 4),
                }
                for r in self.regions
            ],
            "banen_in_gemeente_x1000": self.total_workers,
            "woongemeenten": [place(p) for p in self.origins],
        }


@dataclass(frozen=True)
class RegionInside:
    """How much of a region's residents' jobs lie inside the region itself."""

    code: str
    name: str
    inside_jobs: float
    total_jobs: float

    @property
    def share(self) -> float | None:
        return None if self.total_jobs == 0 else self.inside_jobs / self.total_jobs


@dataclass(frozen=True)
class InsideShares:
    """The inside share of every region for one December."""

    source: PendelSource
    regions: tuple[RegionInside, ...]  # sorted by code

    def get(self, code: str) -> RegionInside:
        for region in self.regions:
            if region.code == code:
                return region
        raise ValidationError(f"onbekende arbeidsmarktregio {code!r}")

    def values(self) -> dict[str, float | None]:
        return {r.code: r.share for r in self.regions}


@dataclass(frozen=True)
class Outward:
    """A gemeente whose residents work more in another region than in their own."""

    code: str
    name: str
    region_code: str
    region_name: str
    own_share: float
    other_code: str
    other_name: str
    other_share: float


@dataclass(frozen=True)
class OverstapPendel:
    """Inside shares of both regions before and after moving one gemeente."""

    source: PendelSource
    gemeente_code: str
    gemeente_name: str
    van: str
    naar: str
    before: Mapping[str, RegionInside]
    after: Mapping[str, RegionInside]
    #: share of the gemeente's residents' jobs inside its region: now (van) and after (naar)
    gemeente_share_before: float | None
    gemeente_share_after: float | None

    def as_json(self) -> dict:
        def side(states: Mapping[str, RegionInside]) -> dict:
            return {
                code: {
                    "banen_binnen_x1000": round(r.inside_jobs, 1),
                    "banen_totaal_x1000": round(r.total_jobs, 1),
                    "aandeel_binnen": None if r.share is None else round(r.share, 4),
                }
                for code, r in states.items()
            }

        return {
            "bron": self.source.as_json(),
            "voor": side(self.before),
            "na": side(self.after),
            "gemeente_aandeel_binnen_regio_voor": _round(self.gemeente_share_before),
            "gemeente_aandeel_binnen_regio_na": _round(self.gemeente_share_after),
        }


@dataclass(frozen=True)
class TrendPoint:
    year: int
    total_jobs: float
    own_share: float | None
    candidate_share: float | None
    rest_share: float | None
    table_id: str = TABLE_ID


def trend_source_text(points: Iterable[tuple[int, str]]) -> str:
    """``Banen van werknemers, december 2006–2014 (CBS 81251NED, …)`` for (year, table) pairs,
    one part per table."""
    per_table: dict[str, list[int]] = {}
    for year, table_id in points:
        per_table.setdefault(table_id, []).append(year)
    parts = [
        f"december {', '.join(_ranges(years))} (CBS {table_id}, "
        f"{division_for(table_id, max(years))})"
        for table_id, years in per_table.items()
    ]
    return "Banen van werknemers, " + " en ".join(parts) + "."


@dataclass(frozen=True)
class GemeenteTrend:
    """A gemeente's shares (own region, candidate, rest) for every December."""

    code: str
    name: str
    region_code: str
    candidate_code: str | None
    points: tuple[TrendPoint, ...]

    @property
    def period(self) -> str:
        return "december " + ", ".join(_ranges(p.year for p in self.points))

    @property
    def source_text(self) -> str:
        return trend_source_text((p.year, p.table_id) for p in self.points)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _thousands(hundreds: int) -> float:
    return round(hundreds / 10, 1)


# --- computations --------------------------------------------------------------------------------
def _region_names(index: RegionIndex) -> dict[str, str]:
    return {r.code: r.name for r in index.regions}


def _gemeente_names(index: RegionIndex) -> dict[str, str]:
    return {g.code: g.name for g in index.gemeenten}


def _share(part: int, total: int) -> float:
    return part / total if total else 0.0


def _by_region(row: Mapping[str, int], membership: Mapping[str, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for werk, hundreds in row.items():
        region = membership.get(werk, "")
        out[region] = out.get(region, 0) + hundreds
    return out


def gemeente_pendel(
    data: PendelData,
    index: RegionIndex,
    gemeente: str,
    *,
    candidate: str | None = None,
    year: int | None = None,
) -> GemeentePendel:
    """Where the residents of ``gemeente`` work (and who works there), for one December.

    Parameters
    ----------
    gemeente
        CBS code (GM0626) or name.
    candidate
        Region code the gemeente might move to; its share is reported apart from the rest.

    Raises
    ------
    UnknownCodeError, ValidationError
        Unknown gemeente or region, a candidate equal to the own region, a year without data.
    """
    year = data.check_year(year)
    g = index.find_gemeente(gemeente)
    regions = _region_names(index)
    names = _gemeente_names(index)
    membership = index.membership()
    if candidate is not None:
        candidate = index.region(candidate).code
        if candidate == g.region_code:
            raise ValidationError(
                f"{g.name} hoort al bij {regions[candidate]} ({candidate}); kies een andere regio"
            )
    row = data.row(year, g.code)
    total = sum(row.values())

    def place(code: str, hundreds: int, of: int) -> Place:
        region = membership.get(code, "")
        return Place(
            code=code,
            name=names.get(code, _OTHER_NAMES.get(code, code)),
            region_code=region,
            region_name=regions.get(region, "buiten de indeling"),
            jobs=_thousands(hundreds),
            share=_share(hundreds, of),
        )

    destinations = tuple(
        place(code, h, total) for code, h in sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    column = data.column(year, g.code)
    workers = sum(column.values())
    origins = tuple(
        place(code, h, workers)
        for code, h in sorted(column.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    per_region = _by_region(row, membership)
    per_region.setdefault(g.region_code, 0)
    if candidate:
        per_region.setdefault(candidate, 0)

    def role(code: str) -> Role:
        if code == g.region_code:
            return Role.OWN
        return Role.CANDIDATE if code == candidate else Role.REST

    region_rows = tuple(
        RegionShare(
            code=code,
            name=regions.get(code, "buiten de indeling"),
            role=role(code),
            jobs=_thousands(h),
            share=_share(h, total),
        )
        for code, h in sorted(per_region.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    own = _share(per_region[g.region_code], total)
    cand = _share(per_region[candidate], total) if candidate else None
    return GemeentePendel(
        source=data.source(year),
        code=g.code,
        name=g.name,
        region_code=g.region_code,
        region_name=regions[g.region_code],
        candidate_code=candidate,
        candidate_name=regions[candidate] if candidate else None,
        total_jobs=_thousands(total),
        destinations=destinations,
        regions=region_rows,
        own_share=own,
        candidate_share=cand,
        rest_share=(1.0 - own - (cand or 0.0)) if total else 0.0,
        origins=origins,
        total_workers=_thousands(workers),
    )


_OTHER_NAMES = {"BUITENLAND": "Buitenland", "ONBEKEND": "Onbekend"}


def _inside(
    data: PendelData, year: int, membership: Mapping[str, str]
) -> dict[str, tuple[int, int]]:
    """Region → (hundreds of jobs inside the region, all hundreds of its residents' jobs)."""
    out: dict[str, list[int]] = {}
    for woon, row in data.flows[year].items():
        region = membership.get(woon)
        if region is None:
            continue
        sums = out.setdefault(region, [0, 0])
        for werk, hundreds in row.items():
            sums[1] += hundreds
            if membership.get(werk) == region:
                sums[0] += hundreds
    return {code: (inside, total) for code, (inside, total) in out.items()}


def inside_shares(
    data: PendelData,
    index: RegionIndex,
    *,
    year: int | None = None,
    membership: Mapping[str, str] | None = None,
) -> InsideShares:
    """For every region: the share of its residents' jobs inside the region (``membership``
    defaults to the CBS indeling; pass a moved one for an overstap)."""
    year = data.check_year(year)
    members = dict(membership) if membership is not None else index.membership()
    sums = _inside(data, year, members)
    names = _region_names(index)
    return InsideShares(
        source=data.source(year),
        regions=tuple(
            RegionInside(
                code=code,
                name=names[code],
                inside_jobs=_thousands(sums.get(code, (0, 0))[0]),
                total_jobs=_thousands(sums.get(code, (0, 0))[1]),
            )
            for code in sorted(names)
        ),
    )


def work_elsewhere(
    data: PendelData, index: RegionIndex, *, year: int | None = None
) -> tuple[Outward, ...]:
    """Gemeenten whose residents hold more jobs in one other region than in their own
    (most outward first)."""
    year = data.check_year(year)
    membership = index.membership()
    regions = _region_names(index)
    out = []
    for g in index.gemeenten:
        row = data.row(year, g.code)
        total = sum(row.values())
        if not total:
            continue
        per_region = _by_region(row, membership)
        own = per_region.pop(g.region_code, 0)
        per_region.pop("", None)
        if not per_region:
            continue
        other, most = max(per_region.items(), key=lambda kv: (kv[1], kv[0]))
        if most > own:
            out.append(
                Outward(
                    code=g.code,
                    name=g.name,
                    region_code=g.region_code,
                    region_name=regions[g.region_code],
                    own_share=own / total,
                    other_code=other,
                    other_name=regions[other],
                    other_share=most / total,
                )
            )
    return tuple(sorted(out, key=lambda o: (o.own_share - o.other_share, o.name)))


def overstap_pendel(
    data: PendelData,
    index: RegionIndex,
    gemeente: str,
    naar: str,
    *,
    year: int | None = None,
) -> OverstapPendel:
    """Each of the two regions' inside share before and after moving ``gemeente`` to ``naar``,
    and the share of the gemeente's residents' jobs inside its region before and after."""
    year = data.check_year(year)
    g = index.find_gemeente(gemeente)
    target = index.region(naar).code
    if target == g.region_code:
        raise ValidationError(
            f"{g.name} hoort al bij {target}; kies een andere regio voor de overstap"
        )
    van = g.region_code
    before_all = inside_shares(data, index, year=year)
    moved = index.membership() | {g.code: target}
    after_all = inside_shares(data, index, year=year, membership=moved)
    row = data.row(year, g.code)
    total = sum(row.values())
    per_region = _by_region(row, index.membership())
    return OverstapPendel(
        source=data.source(year),
        gemeente_code=g.code,
        gemeente_name=g.name,
        van=van,
        naar=target,
        before=MappingProxyType({c: before_all.get(c) for c in (van, target)}),
        after=MappingProxyType({c: after_all.get(c) for c in (van, target)}),
        gemeente_share_before=per_region.get(van, 0) / total if total else None,
        gemeente_share_after=per_region.get(target, 0) / total if total else None,
    )


def gemeente_trend(
    data: PendelData,
    index: RegionIndex,
    gemeente: str,
    *,
    candidate: str | None = None,
    years: Iterable[int] | None = None,
) -> GemeenteTrend:
    """The shares of :func:`gemeente_pendel` for every December (all years by default)."""
    chosen = tuple(years) if years is not None else data.years
    points = []
    first = None
    for year in chosen:
        result = gemeente_pendel(data, index, gemeente, candidate=candidate, year=year)
        first = first or result
        has_jobs = result.total_jobs > 0
        points.append(
            TrendPoint(
                year=year,
                total_jobs=result.total_jobs,
                own_share=result.own_share if has_jobs else None,
                candidate_share=result.candidate_share if has_jobs else None,
                rest_share=result.rest_share if has_jobs else None,
                table_id=result.source.table_id,
            )
        )
    if first is None:
        raise ValidationError("geen jaren gekozen voor de pendeltrend")
    return GemeenteTrend(
        code=first.code,
        name=first.name,
        region_code=first.region_code,
        candidate_code=first.candidate_code,
        points=tuple(points),
    )


@dataclass(frozen=True)
class RegionTrend:
    """The inside share of a few regions for every December."""

    years: tuple[int, ...]
    #: region code → inside share per year (in ``years`` order)
    shares: Mapping[str, tuple[float | None, ...]]
    #: the CBS table per year
    table_ids: tuple[str, ...]

    @property
    def source_text(self) -> str:
        return trend_source_text(zip(self.years, self.table_ids, strict=True))


def region_trend(data: PendelData, index: RegionIndex, region_codes: Iterable[str]) -> RegionTrend:
    """The inside share of ``region_codes`` for every December."""
    codes = [index.region(c).code for c in region_codes]
    per_year = {y: inside_shares(data, index, year=y) for y in data.years}
    return RegionTrend(
        years=data.years,
        shares=MappingProxyType(
            {code: tuple(per_year[y].get(code).share for y in data.years) for code in codes}
        ),
        table_ids=tuple(data.source(y).table_id for y in data.years),
    )


def split_placements(data: PendelData) -> tuple[Placement, ...]:
    """Dissolved 2014 gemeenten with a sizeable part (≥
    :data:`~dashboard.data.pendel_source.SPLIT_SHARE`) outside the 2025 gemeente that received
    their jobs."""
    return tuple(p for p in data.placements if p.split)

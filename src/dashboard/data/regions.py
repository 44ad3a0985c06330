"""Arbeidsmarktregio's and their gemeenten, derived from the CBS boundary layers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.core.config import DEFAULT_YEAR, data_dir
from dashboard.core.errors import UnknownCodeError
from dashboard.data import derived_cache
from dashboard.data.cbs import find_layer_file
from dashboard.data.data_check import check_folder, data_file_name


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class Gemeente:
    code: str
    name: str
    region_code: str


@dataclass(frozen=True)
class RegionIndex:
    """Regions (sorted by code) and gemeenten (sorted by code) for one year's indeling."""

    year: int
    regions: tuple[Region, ...]
    gemeenten: tuple[Gemeente, ...]

    def region(self, code: str) -> Region:
        wanted = str(code).strip().upper()
        for region in self.regions:
            if region.code == wanted:
                return region
        raise UnknownCodeError(
            f"onbekende arbeidsmarktregio {code!r}; gebruik een code als AM34 "
            f"(er zijn {len(self.regions)} regio's in {self.year})"
        )

    def gemeente(self, code: str) -> Gemeente:
        wanted = str(code).strip().upper()
        for gemeente in self.gemeenten:
            if gemeente.code == wanted:
                return gemeente
        raise UnknownCodeError(
            f"onbekende gemeente {code!r}; gebruik een CBS-code als GM0626 (Voorschoten)"
        )

    def find_gemeente(self, text: str) -> Gemeente:
        """By code or (case-insensitive) name."""
        cleaned = str(text).strip()
        for gemeente in self.gemeenten:
            if gemeente.name.casefold() == cleaned.casefold():
                return gemeente
        return self.gemeente(cleaned)

    def members(self, region_code: str) -> tuple[Gemeente, ...]:
        code = self.region(region_code).code
        return tuple(g for g in self.gemeenten if g.region_code == code)

    def region_of(self, gemeente_code: str) -> str:
        return self.gemeente(gemeente_code).region_code

    def membership(self) -> dict[str, str]:
        return {g.code: g.region_code for g in self.gemeenten}

    def region_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.regions)


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def load_region_index(year: int = DEFAULT_YEAR, folder: Path | str | None = None) -> RegionIndex:
    """Derive the indeling from the boundary layers in the data folder (cached per file version).

    The folder is checked as a whole first, as a download is (:func:`data_check.check_folder`):
    a folder a download would refuse raises the same :class:`DataMissingError` here.
    """
    base = Path(folder) if folder is not None else data_dir()
    layers = (
        find_layer_file("arbeidsmarktregio", year, base),
        find_layer_file("gemeente", year, base),
    )
    figures = sorted(p for p in base.iterdir() if p.is_file() and data_file_name(p.name))
    stamps = tuple(_stamp(p) for p in dict.fromkeys([*layers, *figures]))
    return _load(year, str(base), stamps)


@lru_cache(maxsize=8)
def _load(year: int, folder: str, stamps: tuple) -> RegionIndex:
    cached = derived_cache.load("indeling", [year, stamps])
    if cached is None:
        check = check_folder(folder, year, figures_required=False)
        cached = {
            "regions": [list(r) for r in check.regions],
            "gemeenten": [
                [r.gemeente_code, r.gemeente_naam, r.region_code]
                for r in check.membership.itertuples()
            ],
        }
        derived_cache.store("indeling", [year, stamps], cached)
    return RegionIndex(
        year=year,
        regions=tuple(Region(*r) for r in cached["regions"]),
        gemeenten=tuple(Gemeente(*g) for g in cached["gemeenten"]),
    )

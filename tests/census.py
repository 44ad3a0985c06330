"""Figures read straight from the CBS CSV files, for tests that must survive a data refresh."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Census:
    """Inwoners per gemeente, year and region, read straight from the CBS CSV files.

    Tests compare with these instead of quoting figures such as 382.914, so they state what must
    hold (the page shows what the data says) and survive a refresh of the data.
    """

    inwoners: dict[tuple[str, int], int]
    region_of: dict[str, str]

    @property
    def year(self) -> int:
        """The latest year with inwoners."""
        return max(year for _, year in self.inwoners)

    def gemeente(self, code: str, year: int | None = None) -> int:
        return self.inwoners[(code, year or self.year)]

    def region(
        self, code: str, *, without: Iterable[str] = (), plus: Iterable[str] = (), year: int = 0
    ) -> int:
        members = {g for g, r in self.region_of.items() if r == code}
        members = (members - set(without)) | set(plus)
        return sum(self.gemeente(g, year or self.year) for g in members)

    def total(self, year: int | None = None) -> int:
        return sum(self.gemeente(g, year or self.year) for g in self.region_of)


def dutch_int(number: float) -> str:
    """``382914`` as the pages write it: ``382.914``."""
    return f"{round(number):,}".replace(",", ".")


def read_census(cbs_dir: Path) -> Census:
    """Inwoners and the 2025 indeling from the CBS files in ``cbs_dir``."""
    with (cbs_dir / "gemeente_kerncijfers.csv").open(encoding="utf-8") as handle:
        inwoners = {
            (row["gemeente_code"], int(row["jaar"])): int(row["inwoners"])
            for row in csv.DictReader(handle)
            if row["inwoners"]
        }
    with (cbs_dir / "gemeente_arbeidsmarktregio_2025.csv").open(encoding="utf-8") as handle:
        region_of = {
            row["gemeente_code"]: row["arbeidsmarktregio_code"] for row in csv.DictReader(handle)
        }
    return Census(inwoners, region_of)

"""The 2025 indeling derived from the real CBS layers (via the cbs_dir fixture)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.errors import UnknownCodeError
from dashboard.data.regions import load_region_index

ZHC = {
    "Lansingerland",
    "Leidschendam-Voorburg",
    "Pijnacker-Nootdorp",
    "Voorschoten",
    "Wassenaar",
    "Zoetermeer",
}
# seed 000, "Samenstelling mogelijke toekomstige arbeidsmarktregio voor Voorschoten"
HOLLAND_RIJNLAND = {
    "Alphen aan den Rijn", "Hillegom", "Kaag en Braassem", "Katwijk", "Leiden", "Leiderdorp",
    "Lisse", "Nieuwkoop", "Noordwijk", "Oegstgeest", "Teylingen", "Zoeterwoude",
}  # fmt: skip


@pytest.fixture(scope="module")
def index(cbs_dir: Path):
    return load_region_index(2025, cbs_dir)


def test_every_gemeente_in_exactly_one_of_35_regions(index) -> None:
    assert len(index.regions) == 35
    assert len(index.gemeenten) == 342
    assert len({g.code for g in index.gemeenten}) == 342
    assert {g.region_code for g in index.gemeenten} == set(index.region_codes())


def test_region_codes_have_gaps(index) -> None:
    codes = index.region_codes()
    assert codes[0] == "AM01" and codes[-1] == "AM38"
    assert {"AM04", "AM16", "AM31"}.isdisjoint(codes)


def test_zuid_holland_centraal(index) -> None:
    assert index.region("AM34").name == "Zuid-Holland Centraal"
    assert {g.name for g in index.members("AM34")} == ZHC
    assert index.region_of("GM0626") == "AM34"
    assert index.gemeente("GM0626").name == "Voorschoten"


def test_holland_rijnland(index) -> None:
    assert index.region("AM19").name == "Holland Rijnland"
    assert {g.name for g in index.members("AM19")} == HOLLAND_RIJNLAND


def test_matches_the_reference_table(index, cbs_dir: Path) -> None:
    ref = pd.read_csv(cbs_dir / "gemeente_arbeidsmarktregio_2025.csv")
    derived = index.membership()
    assert {r.gemeente_code: r.arbeidsmarktregio_code for r in ref.itertuples()} == derived


@pytest.mark.parametrize("code", ["AM04", "XX", "", "GM0626"])
def test_unknown_region_code(index, code: str) -> None:
    with pytest.raises(UnknownCodeError):
        index.region(code)


def test_lookup_is_case_and_space_tolerant(index) -> None:
    assert index.region(" am34 ").code == "AM34"
    assert index.find_gemeente("voorschoten").code == "GM0626"

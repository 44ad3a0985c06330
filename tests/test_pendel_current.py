"""Later Decembers from CBS 85481NED: the OData rows, and how they join the embedded years.

The rows are the real sample in ``shared/data/pendel/cbs_85481NED_sample_rotterdam.json``
(PROVENANCE.md: 357 rows, all WoonregioS GM0599, Perioden 2024MM12, 14 null, 218 at 0.0,
Rotterdam → Rotterdam 173.2, sum 307.4).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.core.errors import DataMissingError
from dashboard.data.pendel_source import CURRENT_FILE, current_csv, odata_flows
from dashboard.data.regions import load_region_index
from dashboard.region.pendel import PENDEL_DIR, gemeente_pendel, load_pendel, trend_source_text

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "pendel"
    / "cbs_85481NED_sample_rotterdam.json"
)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    if not SAMPLE.is_file():
        pytest.skip(f"{SAMPLE} is niet aanwezig")
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_sample_rows_by_hand(rows) -> None:
    flows = odata_flows(rows, "2024MM12")
    published = [r["BanenVanWerknemers_1"] for r in rows if r["BanenVanWerknemers_1"]]
    assert sum(flows.values()) == round(10 * sum(published)) == 3074
    assert flows[("GM0599", "GM0599")] == 1732
    assert len(flows) == len(published)  # nulls and 0.0 count as zero, not as cells
    assert all(woon == "GM0599" for woon, _ in flows)


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ({"Perioden": "2023MM12"}, "periode"),
        ({"BanenVanWerknemers_1": "1.2"}, "geen geldig aantal"),
        ({"BanenVanWerknemers_1": -1.0}, "geen geldig aantal"),
        ({"BanenVanWerknemers_1": 1.25}, "meer dan één decimaal"),
    ],
)
def test_bad_rows_are_dutch_errors(row, words) -> None:
    base = {"WoonregioS": "GM0626", "WerkregioS": "GM0546", "Perioden": "2024MM12"}
    with pytest.raises(DataMissingError, match=words):
        odata_flows([{**base, "BanenVanWerknemers_1": 2.4, **row}], "2024MM12")


def test_a_pair_twice_is_refused() -> None:
    row = {"WoonregioS": "GM0626 ", "WerkregioS": "GM0546", "Perioden": "2024MM12",
           "BanenVanWerknemers_1": 2.4}  # fmt: skip
    with pytest.raises(DataMissingError, match="twee keer"):
        odata_flows([row, dict(row)], "2024MM12")


def test_unknown_werkgemeente_and_totals() -> None:
    rows = [
        {"WoonregioS": "GM0626", "WerkregioS": "GM0000", "Perioden": "2024MM12",
         "BanenVanWerknemers_1": 0.3},
        {"WoonregioS": "GM0626", "WerkregioS": "NL01", "Perioden": "2024MM12",
         "BanenVanWerknemers_1": 9.0},
    ]  # fmt: skip
    assert odata_flows(rows, "2024MM12") == {("GM0626", "ONBEKEND"): 3}


def test_downloaded_december_joins_the_embedded_years(rows, tmp_path: Path, cbs_dir) -> None:
    (tmp_path / CURRENT_FILE.format(year=2024)).write_bytes(
        current_csv(odata_flows(rows, "2024MM12"), 2024)
    )
    # a later file for an embedded year does not replace the embedded December
    (tmp_path / CURRENT_FILE.format(year=2014)).write_bytes(
        current_csv({("GM0599", "GM0599"): 1}, 2014)
    )
    data = load_pendel(PENDEL_DIR, current_folder=tmp_path)
    assert data.years == (*range(2006, 2015), 2024)
    assert data.tables[2024] == "85481NED" and data.tables[2014] == "81251NED"
    index = load_region_index(2025, cbs_dir)
    result = gemeente_pendel(data, index, "GM0599")
    assert result.source.year == 2024 and result.total_jobs == 307.4
    assert "CBS 85481NED, indeling 2024" in result.source.text
    assert gemeente_pendel(data, index, "GM0599", year=2014).total_jobs > 100
    text = trend_source_text((y, data.tables[y]) for y in data.years)
    assert "december 2006–2014 (CBS 81251NED" in text and "december 2024 (CBS 85481NED" in text

"""Pendel (commuting): the raw 81251NED exports, the 2014 → 2025 placement, and the shares.

Hand-derived figures read the raw StatLine exports with the ``csv`` module and the region of
each gemeente from ``gemeente_arbeidsmarktregio_2025.csv``, independently of
:mod:`dashboard.data.pendel_source`. The worked example is the one in the task: "Voorschoten's
residents
held 9.9 thousand jobs in published cells in December 2014: Leiden 2.4, Voorschoten 1.9,
's-Gravenhage 1.8 … By today's regions: Holland Rijnland 34.3 %, Zuid-Holland Centraal 30.3 %,
Haaglanden 22.2 %." (shared/data/pendel/PROVENANCE.md, "Checks run").
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import geopandas as gpd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from dashboard.core.errors import DataMissingError, UnknownCodeError, ValidationError
from dashboard.data.pendel_source import build_pendel_files, place_by_overlap, read_raw_table
from dashboard.data.regions import load_region_index
from dashboard.region.pendel import (
    PENDEL_DIR,
    Role,
    gemeente_pendel,
    gemeente_trend,
    inside_shares,
    load_pendel,
    overstap_pendel,
    region_trend,
    split_placements,
    work_elsewhere,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_PENDEL = PROJECT_ROOT.parent / "shared" / "data" / "pendel"


@pytest.fixture(scope="module")
def raw_dir() -> Path:
    if not (SHARED_PENDEL / "cbs_81251NED_banen_woon_werk_2014.csv").is_file():
        pytest.skip(f"{SHARED_PENDEL} is niet aanwezig; de handberekening kan niet")
    return SHARED_PENDEL


@pytest.fixture(scope="module")
def index(cbs_dir: Path):
    return load_region_index(2025, cbs_dir)


@pytest.fixture(scope="module")
def data():
    return load_pendel()


def _raw_rows(raw_dir: Path, year: int) -> dict[str, dict[str, float]]:
    """woon label → werk label → thousands, published cells (≥ 0.1) only, by hand."""
    path = raw_dir / f"cbs_81251NED_banen_woon_werk_{year}.csv"
    with path.open(encoding="iso-8859-1", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    labels = rows[2][2:]
    out: dict[str, dict[str, float]] = {}
    for row in rows[4:-1]:
        assert row[0] == f"{year} december"
        out[row[1]] = {w: float(v) for w, v in zip(labels, row[2:], strict=True) if v != "-"}
    return out


def _codes(raw_dir: Path) -> dict[str, str]:
    with (raw_dir / "gemeente_2014_namen.csv").open(encoding="utf-8") as handle:
        return {r["naam_81251NED"]: r["statcode"] for r in csv.DictReader(handle)}


def _regions_2025(cbs_dir: Path) -> dict[str, str]:
    with (cbs_dir / "gemeente_arbeidsmarktregio_2025.csv").open(encoding="utf-8") as handle:
        return {r["gemeente_code"]: r["arbeidsmarktregio_code"] for r in csv.DictReader(handle)}


# --- the worked example -------------------------------------------------------------------------
def test_voorschoten_2014_by_hand(raw_dir: Path, cbs_dir: Path, data, index) -> None:
    row = _raw_rows(raw_dir, 2014)["Voorschoten"]
    published = {w: v for w, v in row.items() if v >= 0.1}
    total = round(sum(published.values()), 1)
    assert total == 9.9
    assert sum(1 for v in row.values() if v == 0.0) == 161  # unpublished: not counted

    codes, region_of = _codes(raw_dir), _regions_2025(cbs_dir)
    # every werkgemeente of Voorschoten's residents kept its 2014 code, so no placement is needed
    assert all(codes[w] in region_of for w in published)
    per_region: dict[str, float] = {}
    for werk, value in published.items():
        region = region_of[codes[werk]]
        per_region[region] = per_region.get(region, 0.0) + value
    by_hand = {r: round(100 * v / sum(published.values()), 1) for r, v in per_region.items()}
    assert (by_hand["AM19"], by_hand["AM34"], by_hand["AM21"]) == (34.3, 30.3, 22.2)

    result = gemeente_pendel(data, index, "GM0626", candidate="AM19", year=2014)
    assert result.total_jobs == total
    assert [(p.name, p.jobs) for p in result.top(3)] == [
        ("Leiden", 2.4),
        ("Voorschoten", 1.9),
        ("'s-Gravenhage", 1.8),
    ]
    assert {r.code: round(100 * r.share, 1) for r in result.regions} == by_hand
    assert round(100 * result.own_share, 1) == 30.3
    assert round(100 * result.candidate_share, 1) == 34.3
    assert result.own_share + result.candidate_share + result.rest_share == pytest.approx(1.0)
    roles = {r.code: r.role for r in result.regions}
    assert roles["AM34"] is Role.OWN and roles["AM19"] is Role.CANDIDATE
    assert (result.source.table_id, result.source.period) == ("81251NED", "december 2014")
    assert "2025" in result.source.division

    # where the people working in Voorschoten live: the column, by hand
    column = {
        w: r["Voorschoten"]
        for w, r in _raw_rows(raw_dir, 2014).items()
        if r.get("Voorschoten", 0) >= 0.1
    }
    assert result.total_workers == round(sum(column.values()), 1)
    assert result.origins[0].jobs == max(column.values())


def test_region_inside_share_by_hand(raw_dir: Path, cbs_dir: Path, data, index) -> None:
    """Zuid-Holland Centraal: all six members kept their 2014 code, and no 2014 gemeente was
    merged into one of them, so the share follows from the raw cells alone."""
    codes, region_of = _codes(raw_dir), _regions_2025(cbs_dir)
    members = {label for label, code in codes.items() if region_of.get(code) == "AM34"}
    assert len(members) == 6
    rows = _raw_rows(raw_dir, 2014)
    total = sum(v for m in members for v in rows[m].values() if v >= 0.1)
    inside = sum(v for m in members for w, v in rows[m].items() if w in members and v >= 0.1)
    zhc = inside_shares(data, index, year=2014).get("AM34")
    assert zhc.total_jobs == round(total, 1)
    assert zhc.inside_jobs == round(inside, 1)
    assert round(zhc.share, 3) == round(inside / total, 3)


def test_all_35_regions_have_an_inside_share(data, index) -> None:
    shares = inside_shares(data, index)
    assert len(shares.regions) == 35
    assert all(0 < r.share < 1 for r in shares.regions)


def test_work_elsewhere_lists_voorschoten_not_leiden(data, index) -> None:
    listed = {o.code: o for o in work_elsewhere(data, index, year=2014)}
    assert "GM0626" in listed and "GM0546" not in listed
    assert listed["GM0626"].other_code == "AM19"
    assert all(o.other_share > o.own_share for o in listed.values())


def test_overstap_before_and_after(data, index) -> None:
    move = overstap_pendel(data, index, "Voorschoten", "AM19", year=2014)
    assert round(100 * move.gemeente_share_before, 1) == 30.3
    assert round(100 * move.gemeente_share_after, 1) == 34.3
    row_total = gemeente_pendel(data, index, "GM0626", year=2014).total_jobs
    zhc_before, zhc_after = move.before["AM34"], move.after["AM34"]
    hr_before, hr_after = move.before["AM19"], move.after["AM19"]
    assert zhc_after.total_jobs == pytest.approx(zhc_before.total_jobs - row_total)
    assert hr_after.total_jobs == pytest.approx(hr_before.total_jobs + row_total)
    doc = move.as_json()
    assert doc["bron"]["periode"] == "december 2014" and doc["bron"]["tabel"] == "81251NED"
    with pytest.raises(ValidationError):
        overstap_pendel(data, index, "GM0626", "AM34")


def test_trend_every_december_by_hand(raw_dir: Path, data, index) -> None:
    trend = gemeente_trend(data, index, "GM0626", candidate="AM19")
    assert [p.year for p in trend.points] == list(range(2006, 2015))
    for point in trend.points:
        by_hand = round(sum(v for v in _raw_rows(raw_dir, point.year)["Voorschoten"].values()), 1)
        assert point.total_jobs == by_hand
    regions = region_trend(data, index, ["AM34", "AM19"])
    assert len(regions.shares["AM34"]) == 9 and regions.years == tuple(range(2006, 2015))


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda d, i: gemeente_pendel(d, i, "GM9999"), UnknownCodeError),
        (lambda d, i: gemeente_pendel(d, i, "GM0626", year=2020), ValidationError),
        (lambda d, i: gemeente_pendel(d, i, "GM0626", candidate="AM34"), ValidationError),
        (lambda d, i: gemeente_pendel(d, i, "GM0626", candidate="AM99"), UnknownCodeError),
    ],
)
def test_bad_input_is_a_dutch_error(call, error, data, index) -> None:
    with pytest.raises(error) as info:
        call(data, index)
    assert "onbekend" in str(info.value) or "kies" in str(info.value)


# --- the unpublished-cell rule and the StatLine format -------------------------------------------
HEADER = (
    '"Banen werknemers en afstand woon-werk; woon- en werkregio\'s"\n'
    '"";"Onderwerpen";"Banen van werknemers";"Banen van werknemers";"Banen van werknemers"\n'
    '"";"Werkregio\'s";"Aadorp";"Bedum";"Buitenland"\n'
    '"Perioden";"Woonregio\'s";"x 1 000";"x 1 000";"x 1 000"\n'
)


def _write(tmp_path: Path, body: str, encoding: str = "iso-8859-1") -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes((HEADER + body + '"© Centraal Bureau voor de Statistiek"\n').encode(encoding))
    return path


def test_unpublished_and_nil_cells_count_as_zero(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '"2014 december";"Aadorp";"1.2";"0.0";"-"\n'
        '"2014 december";"Bedum";"0.0";"0.1";"-"\n'
        '"2014 december";"Buitenland";"-";"-";"-"\n',
    )
    table = read_raw_table(path)
    assert table.year == 2014
    assert dict(table.cells) == {("Aadorp", "Aadorp"): 12, ("Bedum", "Bedum"): 1}
    assert table.unpublished == 2


def test_utf8_export_reads_the_same(tmp_path: Path) -> None:
    body = '"2014 december";"Aadorp";"1.2";"-";"-"\n"2014 december";"Bedum";"-";"-";"-"\n'
    body += '"2014 december";"Buitenland";"-";"-";"-"\n'
    assert read_raw_table(_write(tmp_path, body, "utf-8")).cells == {("Aadorp", "Aadorp"): 12}


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('"2014 december";"Aadorp";"1.2";"x";"-"\n', ["regel 5", "Bedum", "geen aantal"]),
        ('"2014 december";"Aadorp";"1.2";"-"\n', ["regel 5", "beschadigd"]),
        (
            '"2014 december";"Aadorp";"1.2";"-";"-"\n"2013 december";"Bedum";"-";"-";"-"\n',
            ["regel 6", "één periode"],
        ),
        ('"2014 december";"Aadorp";"1.2";"-";"-"\n', ["verschillen"]),
        ("", ["geen rijen"]),
    ],
)
def test_corrupt_export_is_a_dutch_error(tmp_path: Path, body: str, words: list[str]) -> None:
    with pytest.raises(DataMissingError) as info:
        read_raw_table(_write(tmp_path, body))
    for word in words:
        assert word in str(info.value)
    assert "\n" not in str(info.value)


def test_export_without_header_is_a_dutch_error(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('"2014 december";"Aadorp";"1.2"\n', encoding="utf-8")
    with pytest.raises(DataMissingError, match="kop met de werkregio's ontbreekt"):
        read_raw_table(path)


# --- placing 2014 gemeenten in 2025 gemeenten --------------------------------------------------
def test_split_goes_whole_to_the_largest_part() -> None:
    """Four squares in RD New: old A is split 70/30 over new X and Y; old B lies in Y."""
    crs = "EPSG:28992"
    old = gpd.GeoDataFrame(
        {"code": ["A", "B"], "name": ["Aa", "Bee"]},
        geometry=[box(0, 0, 10_000, 10_000), box(10_000, 0, 20_000, 10_000)],
        crs=crs,
    )
    new = gpd.GeoDataFrame(
        {"code": ["X", "Y"], "name": ["Ix", "Ypsilon"]},
        geometry=[box(0, 0, 7_000, 10_000), box(7_000, 0, 20_000, 10_000)],
        crs=crs,
    )
    placed = place_by_overlap(old, new)
    assert (placed["A"].code_2025, placed["A"].share) == ("X", 0.7)
    assert (placed["A"].second_code, placed["A"].second_share) == ("Y", 0.3)
    assert (placed["B"].code_2025, placed["B"].share, placed["B"].second_code) == ("Y", 1.0, "")


def test_placement_of_the_2014_gemeenten(data, index) -> None:
    placed = {p.code_2014: p for p in data.placements}
    assert len(placed) == 403
    today = {g.code for g in index.gemeenten}
    assert all(p.code_2025 in today for p in placed.values())
    # a code that still exists keeps its own gemeente
    assert all(p.code_2025 == p.code_2014 for p in placed.values() if p.code_2014 in today)
    assert placed["GM0626"].code_2025 == "GM0626"  # Voorschoten
    assert placed["GM0365"].code_2025 == "GM0361"  # Graft-De Rijp → Alkmaar
    assert placed["GM0081"].code_2025 == "GM0080"  # Leeuwarderadeel → Leeuwarden
    assert placed["GM0788"].code_2025 == "GM0865"  # Haaren, split: largest part in Vught
    assert placed["GM0140"].code_2025 == "GM1900"  # Littenseradiel → Súdwest-Fryslân (largest)
    splits = {p.code_2014 for p in split_placements(data)}
    assert {"GM0788", "GM0140", "GM1671"} <= splits
    assert not splits & today


@pytest.mark.slow
def test_committed_pendel_snapshot_equals_a_fresh_rebuild(raw_dir: Path, cbs_dir: Path) -> None:
    fresh = build_pendel_files(raw_dir, cbs_dir)
    committed = {p.name: p.read_bytes() for p in PENDEL_DIR.iterdir() if p.is_file()}
    assert sorted(fresh) == sorted(committed)
    for name, content in fresh.items():
        assert content == committed[name], f"{name} wijkt af; maak de momentopname opnieuw"


def test_pendel_snapshot_is_small_and_attributed(data) -> None:
    size = sum(p.stat().st_size for p in PENDEL_DIR.iterdir())
    assert size < 1024 * 1024
    assert data.licence == "CC BY 4.0" and "CBS" in data.attribution
    assert data.years == tuple(range(2006, 2015))


def test_missing_snapshot_is_a_dutch_error(tmp_path: Path) -> None:
    with pytest.raises(DataMissingError, match="ontbreekt"):
        load_pendel(tmp_path)


def test_core_does_not_import_streamlit() -> None:
    import subprocess
    import sys

    code = "import sys, dashboard.region.pendel; print('streamlit' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_data_snapshot_builds_the_pendel_folder(
    raw_dir: Path, cbs_dir: Path, tmp_path: Path, capsys
):
    from dashboard.cli import main

    out = tmp_path / "momentopname"
    code = main(
        ["data", "snapshot", "--uit", str(cbs_dir), "--uitvoer", str(out), "--pendel", str(raw_dir)]
    )
    assert code == 0, capsys.readouterr().err
    assert "pendel/banen_woon_werk_2025.csv" in capsys.readouterr().out
    assert (out / "pendel" / "banen_woon_werk_2025.csv").read_bytes() == (
        PENDEL_DIR / "banen_woon_werk_2025.csv"
    ).read_bytes()
    code = main(
        [
            "data",
            "snapshot",
            "--uit",
            str(cbs_dir),
            "--uitvoer",
            str(out),
            "--pendel",
            str(tmp_path / "nergens"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "pendelgegevens" in err and err.count("\n") == 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.lists(
        st.lists(
            st.sampled_from(["2014 december", "Aadorp", "Bedum", "1.2", "0.0", "-", "x", ""]),
            max_size=6,
        ),
        max_size=5,
    ),
    noise=st.binary(max_size=40),
)
def test_any_damaged_export_reads_or_fails_in_dutch(tmp_path: Path, body, noise) -> None:
    """Whatever the file holds, the reader returns a table or raises DataMissingError."""
    lines = "".join(";".join(f'"{c}"' for c in row) + "\n" for row in body)
    path = tmp_path / "export.csv"
    path.write_bytes((HEADER + lines).encode("iso-8859-1") + noise)
    try:
        read_raw_table(path)
    except DataMissingError as err:
        assert "\n" not in str(err)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("GM0626,GM0546,,,,,,,,,x", "ongeldig getal"),
        ("GM0626,Leiden,,,,,,,,,24", "geen gemeentecode"),
        ("GM0626,GM0546,24", "velden"),
    ],
)
def test_damaged_snapshot_is_a_dutch_error(tmp_path: Path, line: str, words: str) -> None:
    import shutil

    for path in PENDEL_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    flows = tmp_path / "banen_woon_werk_2025.csv"
    flows.write_text(flows.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    _list_again(tmp_path)  # a folder whose contents list agrees: the reader itself must refuse
    with pytest.raises(DataMissingError, match=words):
        load_pendel(tmp_path)


def _list_again(folder: Path) -> None:
    """Rewrite PENDEL.json's sums for the files as they are now."""
    import json

    from dashboard.core.manifest import with_manifest
    from dashboard.data.pendel_source import META_FILE

    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    files = {name: (folder / name).read_bytes() for name in meta.pop("files")}
    for name, data in with_manifest(files, meta, META_FILE).items():
        (folder / name).write_bytes(data)


def test_pendel_snapshot_refuses_a_foreign_folder(raw_dir: Path, cbs_dir: Path, tmp_path: Path):
    from dashboard.core.errors import ValidationError
    from dashboard.data.pendel_source import write_pendel_snapshot

    target = tmp_path / "pendel"
    target.mkdir()
    (target / "notities.txt").write_text("van iemand anders", encoding="utf-8")
    with pytest.raises(ValidationError, match="bevat al andere bestanden"):
        write_pendel_snapshot(raw_dir, cbs_dir, target)
    with pytest.raises(ValidationError, match="bronmap"):
        write_pendel_snapshot(raw_dir, cbs_dir, raw_dir / "uit")


def test_an_edited_pendel_figure_is_refused_not_shown(tmp_path):
    """PENDEL.json lists a sha256 per file; nothing checked it, so an edited flow was shown."""
    import shutil

    from dashboard.core.errors import DataMissingError

    folder = tmp_path / "pendel"
    shutil.copytree(PENDEL_DIR, folder)
    assert load_pendel(folder).years  # an intact copy loads
    flows = folder / "banen_woon_werk_2025.csv"
    flows.write_text(flows.read_text(encoding="utf-8").replace(",1", ",9", 1), encoding="utf-8")
    with pytest.raises(DataMissingError, match="controlesom klopt niet"):
        load_pendel(folder)


def _snapshot_copy(tmp_path: Path) -> Path:
    import shutil

    for path in PENDEL_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path / "banen_woon_werk_2025.csv"


def test_a_year_of_flows_is_made_when_it_is_first_asked_for(tmp_path: Path, monkeypatch) -> None:
    """A report reads one December of nine: the others are never turned into mappings."""
    from dashboard.region import pendel

    _snapshot_copy(tmp_path)
    made: list[int] = []
    year_flows = pendel._year_flows
    monkeypatch.setattr(
        pendel, "_year_flows", lambda rows, column: made.append(column) or year_flows(rows, column)
    )
    data = load_pendel(tmp_path)
    assert made == [] and len(data.flows) == len(data.years) and data.latest_year in data.flows
    latest = data.flows[data.latest_year]
    assert data.flows[data.latest_year] is latest and len(made) == 1
    assert latest["GM0626"]["GM0626"] > 0


def test_a_quoted_flows_file_reads_as_the_plain_one(tmp_path: Path) -> None:
    """A file the fast check does not take (here: every field quoted) is read cell by cell,
    to the same figures in the same order."""
    plain = load_pendel(PENDEL_DIR)
    flows = _snapshot_copy(tmp_path)
    with flows.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with flows.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(rows)
    _list_again(tmp_path)
    quoted = load_pendel(tmp_path)
    assert quoted.years == plain.years
    for year in plain.years:
        assert list(quoted.flows[year].items()) == list(plain.flows[year].items())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["GM0626", "", "12", "0", "7" * 18, "7" * 19, "1 2", "٣", '"9"']),
            min_size=3,
            max_size=5,
        ),
        max_size=4,
    ),
    st.sampled_from(["\n", "\r\n", "\r", "\r\r\n"]),
    st.booleans(),
)
def test_the_plain_check_takes_exactly_the_plain_files(rows, end, last_end) -> None:
    """The fast reader takes a file when the former whole-file pattern did (two fields without
    quotes, then whole numbers of at most 18 digits or nothing, per line), with the same
    fields: anything else goes to the reader that names the line."""
    import re

    from dashboard.region.pendel import _plain_rows

    width = 4
    body = end.join(",".join(row) for row in rows) + (end if rows and last_end else "")
    former = re.compile(r'(?:[^,"\r\n]+,[^,"\r\n]+(?:,[0-9]{0,18}){2}\r?\n)*')
    padded = body if body.endswith("\n") or not body else body + "\n"
    taken = _plain_rows(body, width)
    if former.fullmatch(padded):
        assert taken == [line.rstrip("\r").split(",") for line in padded.split("\n")[:-1]]
    else:
        # empty codes pass here and are refused by the code check that follows
        assert taken is None or any(not row[0] or not row[1] for row in taken)

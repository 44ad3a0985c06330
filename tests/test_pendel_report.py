"""The pendel part of the report's overstap section (Presentatie, PDF, slides)."""

from __future__ import annotations

from dashboard.data.regions import load_region_index
from dashboard.presentation.pendel_report import overstap_part
from dashboard.presentation.reports.content import ReportInput, build_report_content


def test_overstap_part_voorschoten(cbs_dir) -> None:
    part = overstap_part(load_region_index(2025, cbs_dir), "GM0626", "AM19")
    assert part.bullet.startswith("Pendel: Nu ligt 30,3%")
    assert part.table.rows[0] == (
        "Banen van inwoners van Voorschoten in Holland Rijnland",
        "34,3%",
        "3,4",
    )
    assert "december 2014, CBS 81251NED, indeling 2014 omgerekend naar 2025" in part.source


def test_report_overstap_section_carries_the_pendel(cbs_dir) -> None:
    section = build_report_content(ReportInput()).section("overstap")
    assert section.bullets[0].startswith("Pendel: ")  # first, so the slide shows it
    assert any(
        t.caption.startswith("Waar werken de inwoners van Voorschoten?") for t in section.tables
    )
    assert any("81251NED" in s for s in section.sources)

"""A report's content reads each data file and works out each figure once per process."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from dashboard.data import cbs, kerncijfers, regions
from dashboard.presentation.reports.content import ReportInput, build_report_content
from dashboard.region import overstap, pendel

SPEC = ReportInput(overstap={"budgets": {"AM34": 500_000}})


def _count(monkeypatch, module, name: str, calls: Counter, key: Callable[..., Any]) -> None:
    """Count the calls of ``module.name``, also through the modules that imported it by name."""
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[key(*args, **kwargs)] += 1
        return original(*args, **kwargs)

    for mod_name, mod in list(sys.modules.items()):
        if mod_name.startswith("dashboard") and getattr(mod, name, None) is original:
            monkeypatch.setattr(mod, name, counted)


def _count_reads(monkeypatch) -> Counter:
    calls: Counter = Counter()
    for module, name in (
        (pendel, "_read_flows"),
        (cbs, "_with_kwb"),  # inside the kerncijfers' read
        (overstap, "simulate"),
        (kerncijfers, "_aggregate"),  # the work of one aggregate
        (kerncijfers, "_summands"),  # the gemeenten's summands of one year
    ):
        _count(monkeypatch, module, name, calls, key=lambda *a, name=name, **k: name)
    return calls


def test_a_report_works_out_each_figure_once(monkeypatch, cbs_dir) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(cbs_dir))
    for cached in (pendel._load, cbs._read_kerncijfers):
        cached.cache_clear()  # as in a new process
    calls = _count_reads(monkeypatch)
    asked: Counter = Counter()

    def membership_year(kc, membership, year):
        return frozenset(membership.items()), year

    _count(monkeypatch, kerncijfers, "aggregate", asked, key=membership_year)
    content = build_report_content(SPEC)
    assert all(section.available for section in content.sections)
    assert calls["_read_flows"] == 1, "the pendel CSV is read once"
    assert calls["_with_kwb"] == 1, "the kerncijfers are read once"
    assert calls["simulate"] == 1, "the overstap section and the conclusie share one simulation"
    assert sum(asked.values()) > len(asked), "the report asks for some aggregates again"
    assert calls["_aggregate"] == len(asked), "each membership and year is aggregated once"
    years = {year for _, year in asked}
    assert calls["_summands"] == len(years), "the summands are worked out once per year"


@pytest.mark.slow  # derives the indeling and the map from the boundary files
def test_a_first_report_reads_the_kerncijfers_once(monkeypatch, cbs_dir, tmp_path) -> None:
    """On a first run the indeling is derived first, and the data folder checked with it."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(cbs_dir))
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))  # nothing derived yet
    for cached in (pendel._load, regions._load, cbs._read_kerncijfers):
        cached.cache_clear()  # as in a new process
    calls = _count_reads(monkeypatch)
    content = build_report_content(SPEC)
    assert all(section.available for section in content.sections)
    assert calls["_with_kwb"] == 1, "checking the folder and the figures share one read"

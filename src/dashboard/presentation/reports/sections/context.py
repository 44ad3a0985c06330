"""What a report is about (:class:`ReportInput`) and the data it draws on, loaded lazily
(:class:`ReportContext`): the problem and its scores, the region index, the kerncijfers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from dashboard.core.errors import DashboardError
from dashboard.data import kerncijfers
from dashboard.data.regions import RegionIndex, load_region_index
from dashboard.data.sources import load_sources
from dashboard.mcda.sampling import SamplingSettings
from dashboard.mcda.scoring import DecisionProblem, ScoreResult, problem_from_mapping, score
from dashboard.region.overstap import OverstapResult, simulate
from dashboard.region.settings import OverstapSettings


@dataclass(frozen=True)
class ReportInput:
    """What a report is about: a scenario or the current view.

    Parameters
    ----------
    problem_config
        The weights-file mapping (groups, criteria, scale, ratings, reasons).
    overstap
        Overstap settings, the keys of :class:`dashboard.region.settings.OverstapSettings` (each
        optional; invalid parts fall back to the default).
    sampling
        How the robustness analysis draws its random weightings (the Robuustheid page's
        settings of the session, a scenario's or the CLI's), so the report shows the same
        percentages as the page.
    data_year
        Year of the kerncijfers; ``None`` = the latest available.
    scenario_name, author, note
        Shown on the title page; empty = "huidige weergave".
    date
        Report date; ``None`` = today.
    """

    problem_config: Mapping[str, Any] = field(default_factory=dict)
    overstap: Mapping[str, Any] = field(default_factory=dict)
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    data_year: int | None = None
    scenario_name: str = ""
    author: str = ""
    note: str = ""
    date: dt.date | None = None


class ReportContext:
    """The data of one report, each part loaded on first use (a section whose data is missing
    fails on its own)."""

    def __init__(self, spec: ReportInput) -> None:
        self.spec = spec
        self.overstap, _ = OverstapSettings.from_mapping(spec.overstap)

    @cached_property
    def problem(self) -> DecisionProblem:
        return problem_from_mapping(dict(self.spec.problem_config or {}))

    @cached_property
    def result(self) -> ScoreResult:
        return score(self.problem)

    @cached_property
    def index(self) -> RegionIndex:
        return load_region_index()

    @cached_property
    def kc(self) -> pd.DataFrame:
        return kerncijfers.load_kerncijfers()

    @cached_property
    def year(self) -> int:
        """Kerncijfers year: the latest with inwoners, not after the scenario's data year.

        A scenario's data year is that of the indeling (2025); CBS publishes kerncijfers later,
        so the figures of an earlier year are the most recent that fit.
        """
        latest = int(kerncijfers.latest_year(self.kc))
        if self.spec.data_year is None:
            return latest
        wanted = int(self.spec.data_year)
        candidates = [y for y in kerncijfers.indicator_years(self.kc, "inwoners") if y <= wanted]
        if not candidates:
            raise DashboardError(
                f"geen kerncijfers voor {wanted} of eerder; beschikbaar: "
                f"{', '.join(str(y) for y in kerncijfers.years(self.kc))}"
            )
        return max(candidates)

    @cached_property
    def kc_sources(self) -> tuple[str, ...]:
        ids = kerncijfers.source_ids(self.kc, self.year)
        return tuple(ids) or ("cbs_kerncijfers_2024",)

    @cached_property
    def before(self) -> pd.DataFrame:
        return kerncijfers.aggregate(self.kc, self.index.membership(), self.year)

    @cached_property
    def simulation(self) -> OverstapResult:
        """Both regions before and after the overstap (its section and the conclusion)."""
        return simulate(self.index, self.kc, self.gemeente_code, self.naar, self.year)

    @property
    def gemeente_code(self) -> str:
        return self.overstap.gemeente

    @property
    def naar(self) -> str:
        return self.overstap.naar

    @cached_property
    def van(self) -> str:
        return self.index.region_of(self.gemeente_code)

    def region_name(self, code: str) -> str:
        try:
            return self.index.region(code).name
        except DashboardError:  # no data or an unknown code: the code still identifies it
            return code

    def gemeente_name(self, code: str) -> str:
        try:
            return self.index.gemeente(code).name
        except DashboardError:
            return code

    def variant_label(self, vid: str) -> str:
        return self.problem.matrix.variant(vid).name

    def after_membership(self) -> dict[str, str]:
        membership = dict(self.index.membership())
        membership[self.gemeente_code] = self.naar
        return membership


def known_sources(ids: Iterable[Any]) -> list[str]:
    known = load_sources()
    return [i for i in dict.fromkeys(str(x) for x in ids) if i in known]

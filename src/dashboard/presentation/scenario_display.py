"""Texts and tables for showing scenarios (no Streamlit): the list, short summaries."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from dashboard.core.formatting import fmt_datetime, fmt_pct
from dashboard.mcda.criteria import Matrix, load_matrix
from dashboard.mcda.scoring import DEFAULT_SCALE, problem_from_mapping
from dashboard.presentation.narrative.words import count
from dashboard.scenarios.store import ScenarioInfo

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


def scenario_table(infos: Sequence[ScenarioInfo]) -> pd.DataFrame:
    """The saved scenarios as a Dutch table (for ``st.dataframe``, which shows plain text)."""
    return pd.DataFrame(
        [
            {
                "Naam": i.name,
                "Auteur": i.author,
                "Toelichting": i.note,
                "Gewijzigd": fmt_datetime(i.updated),
                "Aangemaakt": fmt_datetime(i.created),
                "Gegevensjaar": "" if i.data_year is None else str(i.data_year),
                "Versie": i.revision,
            }
            for i in infos
        ],
        columns=[
            "Naam",
            "Auteur",
            "Toelichting",
            "Gewijzigd",
            "Aangemaakt",
            "Gegevensjaar",
            "Versie",
        ],
    )


def config_summary(config: Mapping[str, Any], matrix: Matrix | None = None) -> str:
    """One plain Dutch sentence about a weighting: group shares, scale, own judgements."""
    matrix = matrix or load_matrix()
    problem = problem_from_mapping(dict(config), matrix)
    shares = problem.group_shares()
    parts = ", ".join(f"{matrix.group(g).label} {fmt_pct(shares[g])}" for g in matrix.group_ids)
    scale = (
        "de standaardschaal (++ = 2 … -/- = −2)"
        if dict(problem.scale.values) == dict(DEFAULT_SCALE)
        else "een aangepaste schaal"
    )
    n = len(problem.overrides)
    own = "geen eigen oordelen" if n == 0 else count(n, "eigen oordeel", "eigen oordelen")
    custom = len(problem.weights.criteria)
    crit = "" if not custom else f"; {count(custom, 'criterium', 'criteria')} met een eigen gewicht"
    return f"Aandeel per perspectief: {parts}{crit}; {scale}; {own}."


def formatted(table: pd.DataFrame, decimals: int = 1) -> Styler:
    """The table for the screen: numbers stay numbers (a column sorts 9 before 10) and are shown
    the Dutch way (comma decimals, dots between thousands)."""
    from dashboard.presentation.tables import frame_figures

    return frame_figures(table, decimals=decimals).styled()


def file_slug(name: str) -> str:
    """A safe file name part for a scenario name (letters, digits, dashes)."""
    slug = re.sub(r"[^0-9A-Za-z]+", "-", name).strip("-").lower()
    return slug[:60] or "scenario"

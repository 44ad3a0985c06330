"""The Kaart's map as SVG, and what its first look needs, built from a data folder.

:func:`region_map_svg` is the one drawing of the Kaart's map (the page's cache calls it for every
view); :func:`build` puts the default view's drawing together with the Kaart's choices into the
document that :mod:`dashboard.data.artefacts` keeps beside the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core.config import DEFAULT_YEAR
from dashboard.data.facts import centrumgemeente_label
from dashboard.data.indicators import INDICATORS, grouped
from dashboard.data.kerncijfers import aggregate, load_kerncijfers, years_per_indicator
from dashboard.data.regions import RegionIndex, load_region_index
from dashboard.presentation.charts import render
from dashboard.presentation.maps.layers import MapLayers, build_map_layers
from dashboard.presentation.maps.specs import region_map_spec
from dashboard.presentation.maps.svg import mark_regions
from dashboard.presentation.maps.text import region_details
from dashboard.region.settings import CASE


def hover_lines(
    layers: MapLayers, index: RegionIndex, figures: pd.DataFrame, indicator_id: str
) -> dict[str, list[str]]:
    """Per region the lines that describe it (name, centrumgemeente, gemeenten, inwoners, the
    figure): each region's name in the SVG and the free-zoom map's hover text."""
    indicator = INDICATORS[indicator_id]
    names = {r.code: r.name for r in index.regions}
    hover = pd.DataFrame(
        {
            "name": pd.Series(names),
            "centrumgemeente": pd.Series({c: centrumgemeente_label(c) for c in names}),
            "n_gemeenten": figures["n_gemeenten"],
            "inwoners": figures["inwoners"],
        }
    )
    return region_details(
        layers,
        figures[indicator_id],
        indicator_label=indicator.label,
        unit=indicator.unit,
        decimals=indicator.decimals,
        hover=hover,
    )


def region_map_svg(
    layers: MapLayers,
    figures: pd.DataFrame,
    indicator_id: str,
    details: Mapping[str, Sequence[str]],
    *,
    show_gemeenten: bool,
    highlight_regions: tuple[str, ...],
    highlight_gemeenten: tuple[str, ...],
    zoom_to: tuple[str, ...],
) -> str:
    """The Kaart's map as SVG, each region marked with its code (:func:`mark_regions`)."""
    indicator = INDICATORS[indicator_id]
    spec = region_map_spec(
        layers,
        figures[indicator_id],
        indicator_label=indicator.label,
        unit=indicator.unit,
        decimals=indicator.decimals,
        details=details,
        show_gemeenten=show_gemeenten,
        highlight_regions=highlight_regions,
        highlight_gemeenten=highlight_gemeenten,
        zoom_to=zoom_to,
        clickable=True,
    )
    return mark_regions(render.svg(spec))


def default_view(years: Mapping[str, Sequence[int]]) -> dict[str, Any]:
    """The view a new visitor sees: the first indicator with figures (in the order the Kaart
    offers them), its latest year, the case's regions and gemeente highlighted, no zoom."""
    order = indicator_order(years)
    return {
        "year": int(years[order[0]][-1]),
        "indicator_id": order[0],
        "show_gemeenten": False,
        "highlight_regions": list(CASE.regions),
        "highlight_gemeenten": [CASE.gemeente],
        "zoom_to": [],
    }


def indicator_order(years: Mapping[str, Sequence[int]]) -> list[str]:
    """Indicators with figures, grouped by subject (Bevolking, Arbeidsmarkt, ...)."""
    with_figures = (i for i in INDICATORS if years.get(i))
    return [i for members in grouped(with_figures).values() for i in members]


def build(folder: Path) -> dict[str, Any]:
    """The Kaart's choices and its default map for the data in ``folder`` (JSON values)."""
    index = load_region_index(DEFAULT_YEAR, folder)
    kerncijfers = load_kerncijfers(folder)
    years = {i: [int(y) for y in ys] for i, ys in years_per_indicator(kerncijfers).items()}
    view = default_view(years)
    layers = build_map_layers(DEFAULT_YEAR, folder)
    figures = aggregate(kerncijfers, index.membership(), view["year"])
    svg = region_map_svg(
        layers,
        figures,
        view["indicator_id"],
        hover_lines(layers, index, figures, view["indicator_id"]),
        show_gemeenten=view["show_gemeenten"],
        highlight_regions=tuple(view["highlight_regions"]),
        highlight_gemeenten=tuple(view["highlight_gemeenten"]),
        zoom_to=tuple(view["zoom_to"]),
    )
    return {
        "choices": {
            "indicators": indicator_order(years),
            "years": years,
            "regions": {r.code: r.name for r in index.regions},
            "gemeenten": {g.code: g.name for g in index.gemeenten},
        },
        "default_map": {"view": view, "svg": svg},
    }

"""What a map says in words: the lines shown when hovering over a region, and the text
alternative next to the map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_indicator, fmt_int

if TYPE_CHECKING:  # pydeck loads only when the free-zoom map is built
    pass
from dashboard.presentation.maps.layers import MapLayers


def region_details(
    layers: MapLayers,
    values: pd.Series,
    *,
    indicator_label: str,
    unit: str,
    decimals: int = 0,
    hover: pd.DataFrame | None = None,
) -> dict[str, list[str]]:
    """Per region code the lines shown when hovering over it (and read by screen readers)."""
    hover = hover if hover is not None else pd.DataFrame(index=values.index)
    out: dict[str, list[str]] = {}
    for code in layers.region_outlines:
        row = hover.loc[code] if code in hover.index else pd.Series(dtype=object)
        value = values.get(code, np.nan)
        lines = [f"{row.get('name', layers.names.get(code, code))} ({code})"]
        if "centrumgemeente" in row:
            lines.append(f"Centrumgemeente: {row['centrumgemeente']}")
        if "n_gemeenten" in row:
            lines.append(f"Gemeenten: {fmt_int(row['n_gemeenten'])}")
        if "inwoners" in row and indicator_label.lower() != "inwoners":  # not the same line twice
            lines.append(f"Inwoners: {fmt_int(row['inwoners'])}")
        lines.append(f"{indicator_label}: {fmt_indicator(value, unit, decimals, with_unit=True)}")
        out[code] = lines
    return out


def map_text_alternative(
    values: pd.Series,
    names: Mapping[str, str],
    *,
    indicator_label: str,
    unit: str,
    decimals: int = 0,
    highlight_regions: Sequence[str] = (),
) -> str:
    """A sentence describing the choropleth for screen readers and print."""
    finite = values.dropna().sort_values(ascending=False)
    if finite.empty:
        return f"Kaart van de arbeidsmarktregio's: {indicator_label} is {NIET_BESCHIKBAAR}."

    def item(code: str) -> str:
        shown = fmt_indicator(values[code], unit, decimals, with_unit=True)
        return f"{names.get(code, code)} ({shown})"

    parts = [
        f"Kaart van {len(values)} arbeidsmarktregio's, gekleurd naar {indicator_label.lower()}.",
        "Hoogst: " + ", ".join(item(c) for c in finite.index[:3]) + ".",
        "Laagst: " + ", ".join(item(c) for c in finite.index[-3:][::-1]) + ".",
    ]
    shown = [c for c in highlight_regions if c in values.index]
    if shown:
        parts.append(
            "Uitgelicht: "
            + ", ".join(
                item(c) if not pd.isna(values[c]) else f"{names.get(c, c)} ({NIET_BESCHIKBAAR})"
                for c in shown
            )
            + "."
        )
    missing = values.index[values.isna()].tolist()
    if missing:
        parts.append(f"Niet beschikbaar voor {len(missing)} regio('s).")
    return " ".join(parts)

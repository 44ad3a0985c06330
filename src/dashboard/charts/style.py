"""One look for every chart: font, background, grid and Dutch number separators."""

from __future__ import annotations

import plotly.graph_objects as go

FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#262730"}
GRID = {"gridcolor": "#E5E5E5", "zerolinecolor": "#737373", "automargin": True}


def apply_layout(
    fig: go.Figure,
    title: str,
    height: int,
    *,
    margin_top: int = 60,
    margin_right: int = 10,
    legend_y: float = 1.0,
) -> go.Figure:
    """Title at the left, white background, horizontal legend above the plot, ``1.234,5``."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template="none",
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        font=FONT,
        height=height,
        margin={"l": 10, "r": margin_right, "t": margin_top, "b": 10},
        separators=",.",
        legend={"orientation": "h", "yanchor": "bottom", "y": legend_y, "x": 0},
        hoverlabel={"font": {"size": 14}},
    )
    fig.update_xaxes(**GRID)
    fig.update_yaxes(**GRID)
    return fig

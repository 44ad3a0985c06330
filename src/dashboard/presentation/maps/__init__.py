"""Map builders: pure functions returning Vega-Lite specifications or pydeck decks.

Geometry is simplified and rounded once (:func:`build_map_layers`, cached per file version) and
then reused for every map (:mod:`.layers`). The region map is a Vega-Lite specification
(:func:`region_map_spec`, :mod:`.specs`): the server draws it as SVG for the page (as fast as
text, no WebGL, no map tiles), and the same specification is drawn natively for the PDF (vector
paths) and the slides (PowerPoint shapes) by :mod:`dashboard.presentation.charts.native.maps`;
so is the membership map (:func:`membership_map_spec`) of the region comparison and the
overstap. What a map says in words (hover lines, the text alternative) is in :mod:`.text`;
making the drawn SVG clickable per region in :mod:`.svg`. Only "Vrij zoomen" uses WebGL
(:mod:`.deck`: pydeck, no base map, so no internet tiles are needed in a meeting room).
"""

from dashboard.presentation.maps.deck import region_deck
from dashboard.presentation.maps.layers import (
    GEMEENTE_HIGHLIGHT,
    HIGHLIGHT_COLOURS,
    MISSING_COLOUR,
    RAMP,
    REGION_LAYER_ID,
    MapLayers,
    build_map_layers,
    view_for,
)
from dashboard.presentation.maps.specs import (
    FONT,
    legend_spec,
    legends_beside,
    membership_map_spec,
    region_map_spec,
)
from dashboard.presentation.maps.svg import mark_regions
from dashboard.presentation.maps.text import map_text_alternative, region_details

__all__ = [
    "FONT",
    "GEMEENTE_HIGHLIGHT",
    "HIGHLIGHT_COLOURS",
    "MISSING_COLOUR",
    "RAMP",
    "REGION_LAYER_ID",
    "MapLayers",
    "build_map_layers",
    "legend_spec",
    "legends_beside",
    "map_text_alternative",
    "mark_regions",
    "membership_map_spec",
    "region_deck",
    "region_details",
    "region_map_spec",
    "view_for",
]

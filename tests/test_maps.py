"""Map builders: pure functions, tested without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.core.config import SNAPSHOT_DIR
from dashboard.data.regions import load_region_index
from dashboard.presentation.charts import render
from dashboard.presentation.maps import (
    HIGHLIGHT_COLOURS,
    REGION_LAYER_ID,
    build_map_layers,
    legend_spec,
    map_text_alternative,
    mark_regions,
    membership_map_spec,
    region_deck,
    region_details,
    region_map_spec,
    view_for,
)


@pytest.fixture(scope="module")
def layers(cbs_dir: Path):
    return build_map_layers(2025, cbs_dir)


@pytest.fixture(scope="module")
def index(cbs_dir: Path):
    return load_region_index(2025, cbs_dir)


def values_for(index, missing: tuple[str, ...] = ()) -> pd.Series:
    codes = index.region_codes()
    values = pd.Series(np.arange(len(codes), dtype=float) * 1000, index=codes)
    values[list(missing)] = np.nan
    return values


def test_layers_cover_all_areas_and_stay_small(layers) -> None:
    assert len(layers.regions_geojson["features"]) == 35
    assert len(layers.gemeenten_geojson["features"]) == 342
    assert len(json.dumps(layers.gemeenten_geojson, separators=(",", ":"))) <= 300_000
    assert {f["id"] for f in layers.regions_geojson["features"]} == set(layers.region_outlines)


@pytest.mark.parametrize(
    ("moved", "voorschoten_colour"),
    [(False, HIGHLIGHT_COLOURS[0]), (True, HIGHLIGHT_COLOURS[1])],
    ids=["voor", "na"],
)
def test_membership_map_marks_the_moved_gemeente(
    layers, index, moved: bool, voorschoten_colour: str
) -> None:
    membership = index.membership()
    if moved:
        membership["GM0626"] = "AM19"
    labels = {"AM34": "Zuid-Holland Centraal (AM34)", "AM19": "Holland Rijnland (AM19)"}
    spec = membership_map_spec(
        layers, membership, ["AM34", "AM19"], marked_gemeente="GM0626", region_labels=labels
    )
    svg = render.svg(spec)
    shapes = re.findall(r'<path aria-label="([^"]+)"[^>]*?fill="(#[0-9A-Fa-f]{6})"', svg)
    # the gemeenten of both regions, each once, coloured by the region it belongs to here
    assert len(shapes) == 6 + 12 and len(set(shapes)) == 18
    assert dict(shapes)["Voorschoten"] == voorschoten_colour
    # the legend names both regions and the outlined gemeente
    legend = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert {*labels.values(), "Voorschoten"} <= set(legend)
    outline = re.findall(r'<path aria-label="Voorschoten"[^>]*stroke="#000000"', svg)
    assert len(outline) == 1
    assert len(svg.encode()) < 100_000  # only the two regions' gemeenten are drawn


def test_view_fits_the_requested_regions(layers) -> None:
    whole = view_for(layers, [])
    zhc = view_for(layers, ["AM34"])
    assert zhc["zoom"] > whole["zoom"]
    assert 51.9 < zhc["center"]["lat"] < 52.2


def test_deck_has_choropleth_and_highlight_outlines(layers, index) -> None:
    deck = region_deck(layers, values_for(index), indicator_label="Inwoners")
    kinds = [layer.type for layer in deck.layers]
    assert kinds[0] == "GeoJsonLayer" and "PathLayer" in kinds


def test_deck_hover_shows_the_same_lines_as_the_svg_map(layers, index) -> None:
    """The free-zoom map's hover text is the lines the SVG map names its regions with
    (``region_details``), handed in once; without them the region's name and its figure."""
    values = values_for(index)
    details = region_details(layers, values, indicator_label="Inwoners", unit="inw")
    built = region_deck(layers, values, indicator_label="Inwoners", details=details)
    assert built._tooltip == {"text": "{tekst}"}  # what st.pydeck_chart reads
    deck = json.loads(built.to_json())
    regions = next(layer for layer in deck["layers"] if layer["id"] == REGION_LAYER_ID)
    shown = {f["id"]: f["properties"]["tekst"] for f in regions["data"]["features"]}
    assert shown["AM34"] == "\n".join(details["AM34"])
    plain = json.loads(region_deck(layers, values, indicator_label="Inwoners").to_json())
    features = next(layer for layer in plain["layers"] if layer["id"] == REGION_LAYER_ID)["data"]
    first = {f["id"]: f["properties"]["tekst"] for f in features["features"]}["AM34"]
    assert first.startswith("Zuid-Holland Centraal (AM34)\nInwoners: "), first


def test_deck_asks_for_no_background_map(layers, index) -> None:
    """Streamlit draws a CARTO basemap (from basemaps.cartocdn.com) for a deck without a style or
    with a map provider; pydeck's own "no style" marker and no provider give none."""
    spec = json.loads(region_deck(layers, values_for(index), indicator_label="Inwoners").to_json())
    assert "mapProvider" not in spec
    assert spec.get("mapStyle") == "__MAP_STYLE__"
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)


def test_text_alternative_names_extremes_and_highlights(layers, index) -> None:
    text = map_text_alternative(
        values_for(index, ("AM01",)),
        layers.names,
        indicator_label="Inwoners",
        unit="inw",
        highlight_regions=("AM34",),
    )
    assert text.startswith("Kaart van 35 arbeidsmarktregio's")
    assert "Hoogst:" in text and "Laagst:" in text and "Zuid-Holland Centraal" in text
    assert "Niet beschikbaar voor 1 regio" in text


def test_free_zoom_outlines_are_sized_in_pixels(layers, index) -> None:
    """pydeck turns a bare string into an expression; "@@=pixels" made the outlines grow with
    the zoom until the map was black."""
    deck = json.loads(region_deck(layers, values_for(index), indicator_label="Inwoners").to_json())
    paths = [layer for layer in deck["layers"] if layer["@@type"] == "PathLayer"]
    assert paths and all(layer["widthUnits"] == "pixels" for layer in paths)


def test_svg_map_marks_every_region_and_draws_the_highlights(layers, index) -> None:
    spec = region_map_spec(
        layers, values_for(index, ("AM01",)), indicator_label="Inwoners", unit="inw",
        clickable=True,
    )  # fmt: skip
    svg = mark_regions(render.svg(spec))
    assert svg.startswith("<svg")
    codes = set(re.findall(r'data-code="(AM\d\d)"', svg))
    assert codes == set(layers.region_outlines)
    assert "<a " not in svg and "xlink:href" not in svg  # nothing navigates away
    for label in ("Zuid-Holland Centraal (AM34)", "Holland Rijnland (AM19)", "Voorschoten"):
        assert label in svg
    assert "niet beschikbaar" in svg  # AM01's accessible name
    assert "1.000" in svg or "1.000" in svg.replace("\u202f", "")  # Dutch thousands


def test_zooming_to_the_highlights_fits_the_view_to_them(layers, index) -> None:
    spec = region_map_spec(
        layers, values_for(index), indicator_label="Inwoners", unit="inw", zoom_to=("AM34",)
    )
    corners = spec["projection"]["fit"]["geometry"]["coordinates"]
    lo_lon, lo_lat, hi_lon, hi_lat = layers.bounds["AM34"]
    assert corners[0][0] < lo_lon and corners[0][1] < lo_lat
    assert corners[1][0] > hi_lon and corners[1][1] > hi_lat
    assert all(layer["mark"]["clip"] for layer in spec["layer"])  # nothing drawn outside


def test_hover_details_name_each_figure_once(layers, index) -> None:
    hover = pd.DataFrame(
        {"name": pd.Series(layers.names), "n_gemeenten": 3, "inwoners": 1000.0},
        index=list(layers.region_outlines),
    )
    details = region_details(
        layers, values_for(index), indicator_label="Inwoners", unit="inw", hover=hover
    )
    for lines in details.values():
        labels = [line.split(":")[0] for line in lines[1:]]
        assert len(labels) == len(set(labels)), lines


def test_legend_for_the_free_zoom_map(layers, index) -> None:
    svg = render.svg(legend_spec(layers, values_for(index), unit="inwoners"))
    assert "inwoners" in svg and "Uitgelicht" in svg and "Voorschoten (gemeente)" in svg


def test_the_still_picture_is_a_markdown_image_of_the_same_map_with_the_choice_outlined() -> None:
    import base64

    from dashboard.core.markup import escape_markdown
    from dashboard.ui.svg_map import still_picture

    svg = '<svg xmlns="http://www.w3.org/2000/svg"><g data-code="AM34"><path d="M0,0"/></g></svg>'
    text = still_picture(svg, label="Kaart [van] de regio's", selected="AM34")
    found = re.fullmatch(
        r"!\[((?:\\.|[^\]\\])*)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", text
    )
    assert found
    alt, data = found.groups()
    assert alt == escape_markdown("Kaart [van] de regio's")  # no bracket ends the text early
    drawn = base64.b64decode(data).decode()
    assert drawn.startswith(svg[:-6]) and '[data-code="AM34"] path' in drawn
    # anything but a region code is not written into the picture's style
    hostile = still_picture(svg, label="Kaart", selected='"] path{} *{fill:red} [x="')
    assert "fill:red" not in base64.b64decode(hostile.split(",", 1)[1][:-1]).decode()


def test_the_still_picture_leaves_out_only_what_draws_nothing(layers, index) -> None:
    import base64

    import vl_convert

    from dashboard.ui.svg_map import FILL_WIDTH, still_picture

    spec = region_map_spec(
        layers, values_for(index), indicator_label="Inwoners", unit="inw", clickable=True
    )
    svg = mark_regions(render.svg(spec))
    text = still_picture(svg, label="Kaart", selected=None)
    drawn = base64.b64decode(text.split(",", 1)[1][:-1]).decode()
    assert "aria-label" not in drawn and "translate(0,0)" not in drawn
    assert 'data-code="AM34"' in drawn
    assert len(drawn) < 0.85 * len(svg)
    # wider than any column, in the same proportion; at the drawn size the same pixels
    size = re.compile(r'<svg\b[^>]*?\swidth="([0-9.]+)"\s+height="([0-9.]+)"')
    (width, height), (wide, high) = size.search(svg).groups(), size.search(drawn).groups()
    assert (
        float(wide) == FILL_WIDTH
        and abs(float(high) / float(wide) - float(height) / float(width)) < 1e-4
    )
    at_drawn_size = drawn.replace(
        f'width="{wide}" height="{high}"', f'width="{width}" height="{height}"', 1
    )
    assert vl_convert.svg_to_png(at_drawn_size) == vl_convert.svg_to_png(svg)  # the same pixels


def test_the_still_picture_scales_only_a_drawing_with_a_viewbox() -> None:
    import base64

    from dashboard.ui.svg_map import FILL_WIDTH, still_picture

    def drawn(svg: str) -> str:
        return base64.b64decode(
            still_picture(svg, label="Kaart", selected=None).split(",", 1)[1][:-1]
        ).decode()

    with_box = '<svg width="570" height="650" viewBox="0 0 570 650"><path stroke-width="2"/></svg>'
    assert drawn(with_box).startswith(
        f'<svg width="{FILL_WIDTH}" height="4561.4" viewBox="0 0 570 650">'
    )
    assert 'stroke-width="2"' in drawn(with_box)
    without = '<svg width="570" height="650"><path d="M0,0"/></svg>'
    assert drawn(without) == without  # a larger size would only add empty space


def test_the_page_map_writes_outlines_to_a_tenth_of_a_pixel(layers, index) -> None:
    spec = region_map_spec(
        layers, values_for(index), indicator_label="Inwoners", unit="inw", clickable=True
    )
    drawn = render.svg(spec)
    marked = mark_regions(drawn)
    outlines = re.findall(r' d="([^"]*)"', marked)
    assert outlines and not any(re.search(r"\d\.\d\d", d) for d in outlines)
    assert len(marked) < 0.9 * len(drawn)  # noticeably less to send
    # the same shapes: every rounded number is within 0.05 px of Vega's
    before = [
        float(n) for d in re.findall(r' d="([^"]*)"', drawn) for n in re.findall(r"-?\d+\.?\d*", d)
    ]
    after = [float(n) for d in outlines for n in re.findall(r"-?\d+\.?\d*", d)]
    assert len(before) == len(after)
    assert max(abs(a - b) for a, b in zip(before, after, strict=True)) <= 0.05 + 1e-9


def _points(d: str) -> list[tuple[str, int, int]]:
    """Absolute points of path data in M/L/l/Z form, in tenths of a pixel."""
    out: list[tuple[str, int, int]] = []
    x = y = sx = sy = 0
    relative = False
    for token in re.findall(r"[MLlZ]|-?(?:\d+\.?\d*|\.\d+)", d):
        if token in "MLlZ":
            command, relative, pending = token, token == "l", []
            if token == "Z":
                x, y = sx, sy
                out.append(("Z", x, y))
            continue
        pending.append(round(float(token) * 10))
        if len(pending) == 2:
            nx, ny = (x + pending[0], y + pending[1]) if relative else tuple(pending)
            if command == "M":
                sx, sy = nx, ny
            out.append(("M" if command == "M" else "L", nx, ny))
            x, y, pending = nx, ny, []
    return out


@pytest.mark.parametrize(
    "d",
    [
        "M532.8,167.3L529.8,165.7L525.3,159.2L521.8,159.2L526.2,149.2Z",
        "M1,2L1.5,2.5L1.4,2.4L-3,0.1ZM10,10L9.5,10L10,10Z",
        "M0.1,0.9L0,0L0.5,-0.5Z",
    ],
)
def test_outlines_are_sent_as_steps_through_the_same_points(d: str) -> None:
    from dashboard.ui.svg_map import relative_outline

    steps = relative_outline(d)
    assert "L" not in steps and steps.count("l") == d.count("M")
    assert _points(steps) == _points(d)
    assert len(steps) <= len(d)


@pytest.mark.parametrize("d", ["M0,0h560v640h-560Z", "M1.25,2L3,4Z", "", "M1,2C3,4,5,6,7,8"])
def test_path_data_of_another_form_is_sent_as_it_is(d: str) -> None:
    from dashboard.ui.svg_map import relative_outline

    assert relative_outline(d) == d


def test_the_default_picture_is_a_quarter_smaller_with_the_same_outlines() -> None:
    """The Kaart's first map as sent: its outlines as steps (the same points), so about a quarter
    less for the browser to receive and read before it draws the map."""
    import base64

    from dashboard.data import artefacts
    from dashboard.ui.svg_map import _NOT_DRAWN, _fill_the_column, still_picture

    document = artefacts.read(SNAPSHOT_DIR)
    assert document is not None
    svg = document["default_map"]["svg"]
    text = still_picture(svg, label="Kaart", selected="AM34")
    drawn = base64.b64decode(text.split(",", 1)[1][:-1]).decode()
    before = _fill_the_column(_NOT_DRAWN.sub("", svg))
    assert len(drawn) < 0.8 * len(before)
    old = re.findall(r' d="([^"]*)"', before)
    new = re.findall(r' d="([^"]*)"', drawn)
    assert [_points(d) for d in new] == [_points(d) for d in old]

"""The report's maps drawn natively (reportlab for the PDF, PowerPoint shapes for the slides),
compared with vl-convert's drawing of the same specification."""

from __future__ import annotations

import copy
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches, Pt
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Path as PdfPath
from reportlab.graphics.shapes import Rect, String
from reportlab.graphics.widgets.grids import ShadedRect
from reportlab.lib.colors import HexColor

from dashboard.core.formatting import fmt_int
from dashboard.data.regions import load_region_index
from dashboard.presentation.charts import native, render
from dashboard.presentation.charts.native import maps as native_maps
from dashboard.presentation.charts.native.common import dutch_number_format
from dashboard.presentation.maps import (
    build_map_layers,
    legends_beside,
    membership_map_spec,
    region_map_spec,
)
from dashboard.presentation.reports.images import ChartFonts, pdf_fonts, sized
from dashboard.presentation.reports.sections import sizes

REGIONS = ("AM34", "AM19")
LABELS = {"AM34": "Zuid-Holland Centraal", "AM19": "Holland Rijnland"}


@pytest.fixture(scope="module")
def layers(cbs_dir: Path):
    return build_map_layers(2025, cbs_dir)


@pytest.fixture(scope="module")
def index(cbs_dir: Path):
    return load_region_index(2025, cbs_dir)


@pytest.fixture(scope="module")
def values(index) -> pd.Series:
    """A figure per region, one region without one (drawn grey)."""
    codes = index.region_codes()
    out = pd.Series(150_000 + np.arange(len(codes), dtype=float) * 37_531.5, index=codes)
    out[codes[3]] = np.nan
    return out


@pytest.fixture(scope="module")
def region_spec(layers, values) -> dict:
    """The report's opening map (as sections/opening.py builds it), at its report size."""
    spec = region_map_spec(
        layers,
        values,
        indicator_label="Inwoners",
        unit="inwoners",
        highlight_regions=REGIONS,
        highlight_gemeenten=("GM0626",),
    )
    return sized(legends_beside(spec), *sizes.REGION_MAP)


@pytest.fixture(scope="module")
def overstap_spec(layers, index) -> dict:
    """The report's overstap map (as sections/overstap.py builds it), at its report size."""
    membership = index.membership()
    membership["GM0626"] = "AM19"
    spec = membership_map_spec(
        layers, membership, REGIONS, marked_gemeente="GM0626", region_labels=LABELS
    )
    return sized(legends_beside(spec), *sizes.OVERSTAP_MAP)


@pytest.fixture(scope="module")
def fonts() -> ChartFonts:
    return ChartFonts(*pdf_fonts())


@pytest.fixture(params=["region_spec", "overstap_spec"])
def spec(request: pytest.FixtureRequest) -> dict:
    return request.getfixturevalue(request.param)


def drawn(spec: dict, fonts: ChartFonts):
    return native_maps.pdf_drawing(spec, spec["width"], spec["height"], fonts)


def filled_features(spec: dict) -> list[dict]:
    return [f for layer in spec["layer"] if layer["mark"].get("filled", True)
            for f in layer["data"]["values"]]  # fmt: skip


def outlined_features(spec: dict) -> list[tuple[dict, dict]]:
    return [(layer, f) for layer in spec["layer"] if layer["mark"].get("filled", True) is False
            for f in layer["data"]["values"]]  # fmt: skip


def test_the_report_maps_are_drawn_natively(spec: dict) -> None:
    assert native_maps.accepts(spec)
    assert native.accepts(spec)


def _on_the_map(spec: dict) -> None:
    for layer in spec["layer"]:
        for channel in layer.get("encoding", {}).values():
            if isinstance(channel.get("legend"), dict):
                channel["legend"]["orient"] = "top-left"


def _albers(spec: dict) -> None:
    spec["projection"] = {"type": "albers"}


def _zoomed(spec: dict) -> None:
    corners = [[4.3, 52.0], [4.8, 52.3]]
    spec["projection"]["fit"] = {"type": "MultiPoint", "coordinates": corners}


def _labels(spec: dict) -> None:
    spec["layer"].append(
        {"data": {"values": [{"x": 1}]}, "mark": "text", "encoding": {"text": {"field": "x"}}}
    )


def _opacity(spec: dict) -> None:
    spec["layer"][0]["encoding"]["opacity"] = {"value": 0.5}


def _unknown_format(spec: dict) -> None:
    spec["layer"][0]["encoding"]["color"]["legend"]["format"] = "~s"


def _scheme(spec: dict) -> None:
    spec["layer"][0]["encoding"]["color"]["scale"] = {"scheme": "blues"}


def _line_geometry(spec: dict) -> None:
    feature = spec["layer"][0]["data"]["values"][0]
    feature["geometry"] = {"type": "LineString", "coordinates": [[4.0, 52.0], [5.0, 52.5]]}


def _region_outside_domain(spec: dict) -> None:
    spec["layer"][0]["data"]["values"][0]["properties"]["regio"] = "Elders"


@pytest.mark.parametrize(
    ("fixture", "change"),
    [
        ("region_spec", _on_the_map),
        ("region_spec", _albers),
        ("region_spec", _zoomed),
        ("region_spec", _labels),
        ("region_spec", _opacity),
        ("region_spec", _unknown_format),
        ("region_spec", _scheme),
        ("region_spec", _line_geometry),
        ("overstap_spec", _region_outside_domain),
        ("overstap_spec", _on_the_map),
    ],
    ids=lambda v: v if isinstance(v, str) else v.__name__.strip("_"),
)
def test_a_map_it_does_not_know_is_left_to_vl_convert(
    request: pytest.FixtureRequest, fixture: str, change
) -> None:
    spec = copy.deepcopy(request.getfixturevalue(fixture))
    change(spec)
    assert not native_maps.accepts(spec)


@pytest.mark.parametrize(
    "spec",
    [
        {},
        {"mark": "bar", "data": {"values": []}, "encoding": {}},
        {"layer": [], "projection": {"type": "mercator"}},
        {"layer": "kaart", "projection": {"type": "mercator"}},
    ],
    ids=["empty", "bar", "no-layers", "odd-layers"],
)
def test_other_charts_are_refused(spec: dict) -> None:
    assert not native_maps.accepts(spec)


def test_pdf_map_has_a_filled_path_per_feature_and_the_outlines(spec: dict, fonts) -> None:
    drawing = drawn(spec, fonts)
    paths = [p for p in drawing.contents[1].contents if isinstance(p, PdfPath)]
    filled = [p for p in paths if p.fillColor is not None]
    assert len(filled) == len(filled_features(spec)) > 0
    outlines = [p for p in paths if p.fillColor is None]
    expected = []
    for layer, feature in outlined_features(spec):
        scale = layer["encoding"]["stroke"]["scale"]
        colour = dict(zip(scale["domain"], scale["range"], strict=True))[
            feature["properties"][layer["encoding"]["stroke"]["field"].split(".")[1]]
        ]
        expected.append((colour, layer["mark"]["strokeWidth"]))
    assert [(p.strokeColor.hexval().upper().replace("0X", "#"), p.strokeWidth)
            for p in outlines] == expected  # fmt: skip
    assert len(expected) == (3 if spec["layer"][0]["encoding"]["color"]["type"]
                             == "quantitative" else 1)  # fmt: skip


def test_pdf_region_map_legend_in_dutch(region_spec: dict, values: pd.Series, fonts) -> None:
    drawing = drawn(region_spec, fonts)
    texts = [s.text for s in drawing.contents[2].contents if isinstance(s, String)]
    low, high = fmt_int(values.min()), fmt_int(values.max())
    assert "." in high and "," not in high  # Dutch thousands
    assert texts[:3] == ["inwoners", high, low]
    assert texts[3:] == [
        "Uitgelicht",
        "Zuid-Holland Centraal (AM34)",
        "Holland Rijnland (AM19)",
        "Voorschoten (gemeente)",
    ]
    fonts_used = {s.fontName for s in drawing.contents[2].contents if isinstance(s, String)}
    assert fonts_used == {fonts.regular, fonts.bold}


def test_pdf_legend_gradient_is_a_smooth_shading_per_ramp_step(region_spec: dict, fonts) -> None:
    """The PDF's colour bar is the PDF's own gradient, one per step of the ramp from its low to
    its high colour (light at the bottom), as on the slides: not a stack of stripes."""
    drawing = drawn(region_spec, fonts)
    legend = drawing.contents[2].contents
    ramp = region_spec["layer"][0]["encoding"]["color"]["scale"]["range"]
    shaded = [s for s in legend if isinstance(s, ShadedRect)]
    assert len(shaded) == len(ramp) - 1 == 2
    assert [(s.fillColorStart.hexval(), s.fillColorEnd.hexval()) for s in shaded] == [
        (HexColor(a).hexval(), HexColor(b).hexval()) for a, b in itertools.pairwise(ramp)
    ]
    assert all(s.orientation == "horizontal" for s in shaded)  # colour changes upwards
    assert shaded[0].y < shaded[1].y  # the low step at the bottom
    assert not [s for s in legend if isinstance(s, Rect) and s.fillColor is not None
                and s.strokeColor is None]  # fmt: skip
    pdf = renderPDF.drawToString(drawing)
    assert pdf.count(b"/ShadingType 2") == 2


def test_pdf_overstap_map_legend(overstap_spec: dict, fonts) -> None:
    drawing = drawn(overstap_spec, fonts)
    texts = [s.text for s in drawing.contents[2].contents if isinstance(s, String)]
    assert texts == [*LABELS.values(), "Voorschoten"]


def _svg_shapes(svg: str) -> list[tuple[str, float, float, str]]:
    """(label, first x, first y, fill) of every filled geoshape path vl-convert drew."""
    found = re.findall(
        r'<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="geoshape"'
        r'[^>]*?d="M([-\d.]+),([-\d.]+)[^"]*"[^>]*?fill="([^"]+)"',
        svg,
    )
    return [(label, float(x), float(y), fill) for label, x, y, fill in found]


def _hex(fill: str) -> str:
    found = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", fill)
    if found is None:
        return fill.upper()
    return "#" + "".join(f"{int(v):02X}" for v in found.groups())


def test_same_colours_places_and_size_as_vl_convert(spec: dict, fonts) -> None:
    """Each feature gets vl-convert's fill, and starts at the point vl-convert projects it to
    (Vega's SVG: the plot area at (5, 5), coordinates rounded to 3 decimals)."""
    svg = render.svg(spec)
    reference = _svg_shapes(svg)
    pic = native_maps.picture(spec, spec["width"], spec["height"], lambda t, s, b: 7.0 * len(t))
    mine = [a for a in pic.areas if a.fill is not None]
    assert len(reference) == len(mine) == len(filled_features(spec))
    assert [_hex(fill) for *_, fill in reference] == [a.fill for a in mine]
    assert (
        "#C8C8C8" in [a.fill for a in mine]
        or spec["layer"][0]["encoding"]["color"]["type"] == "nominal"
    )  # the region without a figure is grey in both
    for (_, x, y, _), area in zip(reference, mine, strict=True):
        assert area.rings[0][0] == pytest.approx((x + 5, y + 5), abs=0.01)
    width, height = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"',
                                                  svg).groups())  # fmt: skip
    drawing = drawn(spec, fonts)
    assert (drawing.width, drawing.height) == pytest.approx((width, height), abs=3)


@pytest.mark.parametrize(
    "box",
    [
        (Inches(6), Inches(1.25), Inches(6.5), Inches(5.45)),  # the kaart's part of a slide
        (Inches(8), Inches(1.25), Inches(4.9), Inches(5.45)),  # the overstap's
        (Inches(1), Inches(1), Inches(11), Inches(3)),  # wide and low
    ],
    ids=["kaart-box", "overstap-box", "wide-box"],
)
def test_slide_map_is_a_group_of_freeforms_with_the_legend(spec: dict, box) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    group = native_maps.add_to_slide(slide, spec, spec["width"], spec["height"], box)
    assert group.shape_type == MSO_SHAPE_TYPE.GROUP
    shapes = list(group.shapes)
    freeforms = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.FREEFORM]
    n_features = sum(len(layer["data"]["values"]) for layer in spec["layer"])
    assert len(freeforms) == n_features
    texts = [s.text_frame.text for s in shapes if s.has_text_frame and s.text_frame.text]
    expected = (
        [*LABELS.values(), "Voorschoten"]
        if spec["layer"][0]["encoding"]["color"]["type"] == "nominal"
        else ["inwoners", "Uitgelicht", "Zuid-Holland Centraal (AM34)"]
    )
    assert set(expected) <= set(texts)
    sizes_pt = {run.font.size.pt for s in shapes if s.has_text_frame
                for p in s.text_frame.paragraphs for run in p.runs}  # fmt: skip
    assert min(sizes_pt) >= Pt(14).pt * 0.99
    # inside the box, and vector: no picture
    assert group.left >= box[0] - 1 and group.top >= box[1] - 1
    assert group.left + group.width <= box[0] + box[2] + 1
    assert group.top + group.height <= box[1] + box[3] + 1
    assert not [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    # the fills of the freeforms are the PDF's (one picture for both documents)
    pic = native_maps.picture(spec, spec["width"], spec["height"], lambda t, s, b: 7.0 * len(t))
    fills = [str(s.fill.fore_color.rgb) for s in freeforms if s.fill.type == 1]
    assert ["#" + f for f in fills] == [a.fill for a in pic.areas if a.fill is not None]


def test_colour_ramp_as_d3() -> None:
    """d3's piecewise RGB interpolation, rounded halves up (d3-color)."""
    ramp = ("#DEEBF7", "#6BAED6", "#08306B")
    assert native_maps.interpolate(ramp, 0) == "#DEEBF7"
    assert native_maps.interpolate(ramp, 0.5) == "#6BAED6"
    assert native_maps.interpolate(ramp, 1) == "#08306B"
    # (0x6B + 0x08) / 2 = 57.5 → 58; (0xAE + 0x30) / 2 = 111; (0xD6 + 0x6B) / 2 = 160.5 → 161
    assert native_maps.interpolate(ramp, 0.75) == "#3A6FA1"


@pytest.mark.parametrize(
    ("fmt", "value", "text"),
    [(",.0f", 1436988, "1.436.988"), (",.1f", 1234.56, "1.234,6"), (".1f", 1234.56, "1234,6")],
)
def test_dutch_number_format(fmt: str, value: float, text: str) -> None:
    write = dutch_number_format(fmt)
    assert write is not None and write(value) == text


def test_unknown_number_format() -> None:
    assert dutch_number_format("~s") is None

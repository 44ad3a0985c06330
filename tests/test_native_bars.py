"""The report's bar charts drawn natively: reportlab drawings for the PDF, PowerPoint's own
charts for the slides, read from the same Vega-Lite specifications the pages show."""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Inches
from reportlab.graphics.shapes import Group, String

from dashboard.presentation.charts import native, render
from dashboard.presentation.charts.native import bars
from dashboard.presentation.charts.specs import figures_of
from dashboard.presentation.reports.content import ReportInput, build_report_content
from dashboard.presentation.reports.images import ChartFonts, ImageRenderer, pdf_fonts, sized
from dashboard.presentation.reports.pptx import build_pptx

#: The four bar charts of the report, by chart key.
BAR_CHARTS = ("varianten", "varianten_bijdragen", "arbeidsmarkt_rates", "robuustheid")
#: A slide's chart box (left, top, width, height) in EMU.
BOX = (Inches(5.5), Inches(1.25), Inches(7.3), Inches(5.4))


@pytest.fixture(scope="module")
def charts(cbs_dir) -> dict[str, Any]:
    content = build_report_content(ReportInput())
    return {c.key: c for c in content.charts}


@pytest.fixture(scope="module")
def fonts() -> ChartFonts:
    return ChartFonts(*pdf_fonts())


def spec_of(chart: Any) -> dict:
    return sized(chart.spec, chart.width, chart.height)


def strings(node: Any) -> Iterator[String]:
    if isinstance(node, String):
        yield node
    elif isinstance(node, Group):
        for child in node.contents:
            yield from strings(child)


def layer_rows(spec: dict) -> list[dict]:
    """Every data row of the spec (top level and layers)."""
    rows = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        rows += layer.get("data", {}).get("values", [])
    return rows


def legend_of(spec: dict) -> list[str]:
    for layer in spec.get("layer", []):
        colour = layer.get("encoding", {}).get("color", {})
        if colour.get("legend", {}) is not None and "range" in (colour.get("scale") or {}):
            return [str(d) for d in colour["scale"]["domain"]]
    return []


def slide_chart(chart: Any) -> Any:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = native.add_to_slide(slide, spec_of(chart), chart.width, chart.height, BOX)
    assert frame is not None
    return frame.chart


@pytest.mark.parametrize("key", BAR_CHARTS)
def test_the_report_bar_charts_are_drawn_natively(charts, key) -> None:
    assert native.accepts(spec_of(charts[key]))


@pytest.mark.parametrize("key", BAR_CHARTS)
def test_pdf_drawing_says_what_the_chart_says(charts, fonts, key) -> None:
    """Categories, the printed values (Dutch, as the spec has them), the legend, the axis title
    and Dutch tick labels, in the PDF's fonts."""
    chart = charts[key]
    spec = spec_of(chart)
    drawing = native.pdf_drawing(spec, chart.width, chart.height, fonts)
    assert drawing is not None
    texts = [s.text for s in strings(drawing)]
    categories = {line for c, _, _ in figures_of(spec) if c for line in c.split("\n")}
    if key == "varianten_bijdragen":  # its figures' categories are the variants
        categories = {r["variant"] for r in layer_rows(spec)}
    assert categories <= set(texts)
    labels = {str(r["label"]) for r in layer_rows(spec) if "label" in r}
    if key == "varianten_bijdragen":  # parts too small for a label carry none, as on the page
        labels = {str(r["label"]) for r in layer_rows(spec) if abs(r.get("bijdrage", 1)) >= 0.08}
    assert labels <= set(texts)
    assert set(legend_of(spec)) <= set(texts)
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    value = next(ch for ch in bar["encoding"].values() if ch.get("type") == "quantitative")
    title = value["title"]
    assert (title if isinstance(title, list) else [title]) == [
        t for t in texts if t in (title if isinstance(title, list) else [title])
    ]
    assert {s.fontName for s in strings(drawing)} <= {fonts.regular, fonts.bold}


def test_pdf_ticks_in_dutch_notation(charts, fonts) -> None:
    chart = charts["varianten_bijdragen"]
    drawing = native.pdf_drawing(spec_of(chart), chart.width, chart.height, fonts)
    texts = {s.text for s in strings(drawing)}
    assert {"0,0", "0,2", "-0,2", "1,4"} <= texts
    chart = charts["robuustheid"]
    drawing = native.pdf_drawing(spec_of(chart), chart.width, chart.height, fonts)
    assert {"0%", "20%", "100%"} <= {s.text for s in strings(drawing)}


@pytest.mark.parametrize("key", BAR_CHARTS)
def test_slide_chart_holds_the_categories_values_and_legend(charts, key) -> None:
    chart = charts[key]
    spec = spec_of(chart)
    graph = slide_chart(chart)
    categories = list(graph.plots[0].categories)
    figures = figures_of(spec)
    names = list(dict.fromkeys(c.replace("\n", " ") for c, _, _ in figures))
    if key == "varianten_bijdragen":
        names = list(dict.fromkeys(r["variant"] for r in layer_rows(spec)))
    # in order; a slide adds what a mark beside the bar says (the total, the current share)
    assert len(categories) == len(names)
    if key in ("varianten", "arbeidsmarkt_rates"):  # nothing beside the bars: names alone
        assert categories == names
    assert all(c.startswith(n) for c, n in zip(categories, names, strict=True))
    series = {s.name: list(s.values) for s in graph.plots[0].series}
    if legend_of(spec):
        assert list(series) == legend_of(spec)
        assert graph.has_legend
    drawn = [v for values in series.values() for v in values if v is not None]
    for category, name, value in figures:
        if name in ("Totaal", "van (%)", "nu (%)"):
            continue
        assert any(abs(v - value) < 1e-3 for v in drawn), (category, name, value)
    assert graph.font.size.pt >= bars.SLIDE_FONT_PT


def test_slide_labels_are_number_formats_the_reader_sees_in_his_notation(charts) -> None:
    """The printed values stay numbers (editable, in the reader's notation): 1 decimal for the
    rates, 2 for the contributions, whole scores for the ranking."""
    for key, code in (
        ("arbeidsmarkt_rates", "#,##0.0"),
        ("varianten_bijdragen", "#,##0.00"),
        ("varianten", "#,##0"),
    ):
        xml = slide_chart(charts[key])._chartSpace.xml
        assert f'<c:numFmt formatCode="{code}" sourceLinked="0"/>' in xml, key


def test_slide_contributions_name_their_totals_and_the_tornado_its_current_share(charts) -> None:
    categories = list(slide_chart(charts["varianten_bijdragen"]).plots[0].categories)
    rows = layer_rows(charts["varianten_bijdragen"].spec)
    totals = list(dict.fromkeys(r["label"] for r in rows if "totaal" in r))
    assert [c.rpartition("totaal ")[2].rstrip(")") for c in categories] == totals
    tornado = slide_chart(charts["robuustheid"])
    now = {r["nu_tekst"] for r in charts["robuustheid"].spec["data"]["values"]}
    assert all(any(f"(nu {n})" in c for n in now) for c in tornado.plots[0].categories)
    labels = [
        p.data_label.text_frame.text
        for p in tornado.plots[0].series[1].points
        if p.data_label.has_text_frame
    ]
    assert labels == [r["label"] for r in charts["robuustheid"].spec["data"]["values"]]


def with_line_layer(spec: dict) -> dict:
    changed = copy.deepcopy(spec)
    changed["layer"].append({"mark": "line", "encoding": {}})
    return changed


@pytest.mark.parametrize(
    "change",
    [
        with_line_layer,
        lambda s: {**s, "transform": [{"calculate": "datum.score * 2", "as": "dubbel"}]},
        lambda s: {
            **s,
            "layer": [
                {**s["layer"][0], "mark": {**s["layer"][0]["mark"], "cornerRadius": 4}},
                *s["layer"][1:],
            ],
        },
        lambda s: {
            **s,
            "encoding": {"y": {**s["encoding"]["y"], "sort": "-x"}},
        },
    ],
    ids=["unknown-mark", "transform", "unknown-mark-property", "sort-by-value"],
)
def test_what_the_drawer_does_not_know_goes_to_vl_convert(charts, fonts, change) -> None:
    chart = charts["varianten"]
    spec = change(spec_of(chart))
    assert not native.accepts(spec)
    assert native.pdf_drawing(spec, chart.width, chart.height, fonts) is None
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    assert native.add_to_slide(slide, spec, chart.width, chart.height, BOX) is None


def test_overlapping_bars_go_to_vl_convert(charts) -> None:
    """Two bars in one place (a row twice, ranges split by a colour as in the acceptability
    chart) would be drawn wrongly as one series: vl-convert draws them."""
    ranking = spec_of(charts["varianten"])
    twice = copy.deepcopy(ranking)
    twice["data"]["values"].append(dict(twice["data"]["values"][0], score=10.0))
    assert not native.accepts(twice)
    tornado = copy.deepcopy(spec_of(charts["robuustheid"]))
    for row in tornado["data"]["values"]:
        row["kleur"] = "#000000"
    tornado["layer"][0]["encoding"]["color"] = {"field": "kleur", "type": "nominal", "scale": None}
    assert not native.accepts(tornado)
    assert native.accepts(spec_of(charts["robuustheid"]))


def test_a_chart_not_drawn_natively_is_drawn_by_vl_convert(charts, fonts) -> None:
    chart = charts["varianten"]
    spec = with_line_layer(chart.spec)
    drawing = ImageRenderer().drawing(spec, chart.width, chart.height, fonts=fonts)
    assert "Variant 1 (plaats 1)" in {s.text for s in strings(drawing)}


def test_deck_has_native_charts_with_their_text_alternative(cbs_dir) -> None:
    content = build_report_content(ReportInput(), skip=("kaart", "overstap"))
    deck = Presentation(io.BytesIO(build_pptx(content)))
    frames = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    shown = [
        c for section in content.sections if section.charts for c in section.charts[:1]
    ]  # a slide shows a section's first chart
    assert [f.name for f in frames] == [c.title[:60] for c in shown]
    for frame, chart in zip(frames, shown, strict=True):
        c_nv_pr = frame._element.xpath("./*[1]/p:cNvPr")[0]
        assert c_nv_pr.get("descr") == chart.alt_text
        assert c_nv_pr.get("title") == chart.title


def test_no_chart_engine_for_a_report_of_native_charts(charts, monkeypatch) -> None:
    """The report command asks for the helper process on demand: native charts ask nothing,
    so it never starts; a chart that is not native starts it."""
    started: list[tuple[Any, ...]] = []
    monkeypatch.setattr(render, "start_background_engine", lambda *a: started.append(a))
    render.start_background_engine_on_demand(png_scale=None, drawings=True)
    try:
        ImageRenderer().prefetch((c.spec, c.width, c.height) for c in charts.values()
                                 if c.key in BAR_CHARTS)  # fmt: skip
        assert started == []
        ImageRenderer().prefetch([(with_line_layer(charts["varianten"].spec), 300, 200)])
        assert started == [(None, True)]
    finally:
        render.stop_background_engine()


def test_pdf_report_keeps_captions_and_text_alternatives(cbs_dir, tmp_path) -> None:
    from dashboard.presentation.reports.pdf import build_pdf
    from tests.test_reports import pdf_text

    content = build_report_content(ReportInput(), skip=("kaart", "overstap"))
    text = " ".join(pdf_text(build_pdf(content), tmp_path).split())
    for number, chart in enumerate(content.charts, start=1):
        assert " ".join(f"Figuur {number}. {chart.title}".split()) in text
        assert " ".join(f"Tekstalternatief: {chart.alt_text}".split())[:80] in text
    # the charts' own texts, drawn natively in the PDF's type
    assert "Variant 1 (plaats 1)" in text and "Werkzoekenden" in text


def test_a_missing_value_is_said_on_the_slide_and_in_the_pdf(charts, fonts) -> None:
    chart = charts["arbeidsmarkt_rates"]
    spec = copy.deepcopy(spec_of(chart))
    row = spec["data"]["values"][1]  # as bars_spec writes a value that is not there
    row.update(waarde=None, positie=0, label="niet beschikbaar")
    drawing = native.pdf_drawing(spec, chart.width, chart.height, fonts)
    assert "niet beschikbaar" in {s.text for s in strings(drawing)}
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    graph = native.add_to_slide(slide, spec, chart.width, chart.height, BOX).chart
    assert f"({row['reeks']}: niet beschikbaar)" in graph.plots[0].categories[0]
    assert graph.plots[0].series[1].values[0] is None

"""Report content, chart images, the PDF and the PowerPoint deck.

Charts are drawn without a browser (vl-convert); the PDF and the deck draw the same charts, so
the second build takes them from the renderer's cache.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Emu

from dashboard.core.errors import DashboardError
from dashboard.core.formatting import MONTH_NAMES
from dashboard.data.sources import load_sources, source_line
from dashboard.presentation.reports.content import (
    PRESENTATION_STEPS,
    SECTION_KEYS,
    ReportInput,
    build_report_content,
)
from dashboard.presentation.reports.images import ImageRenderer, pdf_fonts, png_size
from dashboard.presentation.reports.pdf import build_pdf, unbreakable
from dashboard.presentation.reports.pptx import SLIDE_SECTIONS, build_pptx
from dashboard.presentation.reports.text import report_text

SCENARIO = ReportInput(
    problem_config={
        "groups": {"werkgevers": 2},
        "criteria": {"wz04": 0.5},
        "ratings": {"gu08": {"V3": "+/-"}},
        "reasons": {"gu08": {"V3": "eigen oordeel <b>Voorschoten</b>"}},
    },
    overstap={"gemeente": "GM0626", "naar": "AM19", "budgets": {"AM34": 500_000}},
    scenario_name="Wethouder <script>alert(1)</script> ë",
    author="Team W&I",
    date=dt.date(2026, 3, 5),
)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def pdf_pages(data: bytes) -> int:
    # Page objects in reportlab's uncompressed page tree: "/Type /Page\n" (not /Pages).
    return data.count(b"/Type /Page\n") or data.count(b"/Type /Page ")


@pytest.fixture(scope="module")
def renderer():
    with ImageRenderer() as r:
        yield r


@pytest.fixture(scope="module")
def content(cbs_dir):
    return build_report_content(SCENARIO)


# --- content ----------------------------------------------------------------------------------
def test_conclusie_starts_with_what_changes_for_the_gemeente(content) -> None:
    conclusie = content.section("conclusie")
    assert conclusie.lead == "Wat verandert er voor Voorschoten?"
    labels = [b.split(":", 1)[0] for b in conclusie.bullets[:4]]
    assert labels == ["Regio", "UWV", "Kosten", "Route"]
    assert "Leiden in plaats van Zoetermeer" in conclusie.bullets[1]
    # only Zuid-Holland Centraal has a budget: its share in euro, the new one as a share
    assert "Voor Holland Rijnland is geen budget ingevoerd" in conclusie.bullets[2]
    assert "6,7% van het budget van Zuid-Holland Centraal" in conclusie.bullets[2]
    assert "Variant" in " ".join(conclusie.bullets[4:])


def test_content_has_every_section_in_order_with_dutch_date(content) -> None:
    assert tuple(s.key for s in content.sections) == SECTION_KEYS
    assert SECTION_KEYS[:8] == PRESENTATION_STEPS
    assert content.date_text == "5 maart 2026"
    assert "Wethouder <script>" in content.subtitle and "Team W&I" in content.subtitle
    missing = [s.key for s in content.sections if not s.available]
    assert missing == [], [content.section(k).paragraphs for k in missing]


def test_scores_sentence_and_assumptions(content) -> None:
    assert content.section("varianten").lead.startswith("Met deze weging scoort Variant 1")
    tables = {t.caption: t for t in content.section("aannames").tables}
    coding = next(t for c, t in tables.items() if c.startswith("Codering"))
    assert coding.header[1:] == ("++", "+", "+/-", "-", "-/-")
    assert coding.rows[0][1:] == ("2", "1", "0", "-1", "-2")  # as on the page (was "2,0")
    weights = next(t for c, t in tables.items() if "perspectieven" in c)
    assert ("Werkgevers", "2,00", "50,0%") in weights.rows
    overrides = next(t for c, t in tables.items() if c.startswith("Eigen oordelen"))
    assert overrides.rows[0][2:] == ("-", "+/-", "eigen oordeel <b>Voorschoten</b>")


def test_every_chart_has_text_alternative_and_source(content) -> None:
    assert len(content.charts) >= 4
    for chart in content.charts:
        assert len(chart.alt_text) > 20, chart.key
        assert chart.source.startswith("Bron:"), chart.key
    for section in content.sections:
        for table in section.tables:
            assert table.source, (section.key, table.caption)


def test_the_route_table_is_not_followed_by_a_shorter_copy_of_its_source(content) -> None:
    """Under "De formele route" (the overstap section's last table) the handout printed the
    table's source line and then the section's own line, which named only the first of the same
    documents again."""
    text = report_text(content)
    block = text.split("De formele route", 1)[1].split("\n6. ", 1)[0]
    route = source_line("seed_000", "seed_001")
    assert route in block
    assert source_line("seed_000") not in block.replace(route, "")


def test_sources_section_lists_every_source_once(content) -> None:
    """Every source is named; the topics of one CBS table share one entry (they differ only in
    their title), so the list does not repeat the same address eleven times."""
    section = content.section("bronnen")
    text = " ".join(section.bullets)
    sources = load_sources()
    assert section.lead.startswith(f"{len(sources)} bronnen")
    for source in sources.values():
        title = source.title.split(" (")[0] if source.column else source.title
        assert title in text, source.id
    for source in sources.values():
        if source.location.startswith("http"):
            entries = [b for b in section.bullets if source.location in b]
            assert len(entries) <= 2, source.location  # the table itself and its topics


def test_overstap_costs_use_only_entered_budgets(content) -> None:
    section = content.section("overstap")
    text = " ".join(section.paragraphs)
    # the shares of those who stay, before and after, in percentage points (not "stijgt met 7,2%")
    assert "procentpunt" in text and "stijgt met" not in text
    assert "Voor Holland Rijnland is geen budget ingevoerd" in text
    cost = next(t for t in section.tables if t.caption.startswith("Bijdrage"))
    # the same columns and formatting as the Overstap page
    # (dashboard.presentation.tables.cost_table)
    assert cost.header == ("Gemeente", "Regio na", "Bedrag voor", "Bedrag na", "Verschil")
    row = next(r for r in cost.rows if r[0] == "Voorschoten")
    mover = dict(zip(cost.header, row, strict=True))
    assert mover["Regio na"] == "Holland Rijnland"
    # No budget entered for Holland Rijnland: no euro amount after the move, never a guess.
    assert mover["Bedrag na"] == "niet beschikbaar"


def test_invalid_weights_are_the_users_to_fix() -> None:
    with pytest.raises(DashboardError, match="negatief"):
        build_report_content(ReportInput(problem_config={"groups": {"werkgevers": -1}}))


def test_missing_data_folder_only_marks_its_sections(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "leeg"))
    content = build_report_content(ReportInput())
    unavailable = {s.key for s in content.sections if not s.available}
    assert {"kaart", "regios", "overstap"} <= unavailable
    assert content.section("varianten").available and content.section("aannames").available
    assert "niet beschikbaar" in content.section("kaart").lead
    # A report with missing sections still builds, without any browser.
    assert build_pdf(content).startswith(b"%PDF")
    assert len(Presentation(io.BytesIO(build_pptx(content))).slides) == 1 + len(SLIDE_SECTIONS)


# --- images -----------------------------------------------------------------------------------
def test_renderer_draws_svg_and_png_and_caches(renderer, content) -> None:
    chart = content.section("varianten").charts[0]
    svg = renderer.svg(chart.spec, width=400, height=300)
    assert svg.startswith("<svg") and "Variant 1" in svg
    png = renderer.png(chart.spec, width=400, height=300)
    assert png.startswith(b"\x89PNG")
    assert png_size(png)[0] >= 800  # twice the size: sharp on a projector
    assert renderer.png(chart.spec, width=400, height=300) is png  # from the cache


def test_exports_need_no_browser(tmp_path, cbs_dir) -> None:
    """A new process with only Python on PATH (no chromium, no kaleido) writes both files, with
    every chart: vector graphics in the PDF; on the slides PowerPoint's own chart (bar charts),
    a group of shapes (maps) or a PNG."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"DASHBOARD_CHROMIUM", "BROWSER_PATH"}}
    env["PATH"] = str(Path(sys.executable).parent)
    env["DASHBOARD_DATA_DIR"] = str(cbs_dir)
    env["DASHBOARD_CACHE_DIR"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src")
    script = (
        "import shutil, sys\n"
        "assert shutil.which('chromium') is None and shutil.which('chromium-browser') is None\n"
        "from dashboard.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    for name in ("r.pdf", "r.pptx"):
        out = subprocess.run(
            [sys.executable, "-c", script, "report", "--uitvoer", str(tmp_path / name)],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert b"/Subtype /Image" not in pdf  # charts as drawing commands, not pixels
    assert "Afbeelding niet getekend" not in pdf_text(pdf, tmp_path)
    prs = Presentation(str(tmp_path / "r.pptx"))
    shapes = [s for slide in prs.slides for s in slide.shapes]
    # pictures (13), the maps' groups of shapes (6), PowerPoint's own charts
    assert sum(1 for s in shapes if s.shape_type in (6, 13) or s.has_chart) >= 4
    assert sum(1 for s in shapes if s.has_chart) >= 2  # the ranking and the tornado, editable


# --- PDF and PowerPoint ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def pdf_bytes(renderer, content) -> bytes:
    return build_pdf(content, renderer)


@pytest.fixture(scope="module")
def pptx_bytes(renderer, content, pdf_bytes) -> bytes:  # after the PDF: images from the cache
    return build_pptx(content, renderer)


@pytest.mark.slow
def test_pdf_is_a_real_dutch_report(pdf_bytes, tmp_path) -> None:
    assert pdf_bytes.startswith(b"%PDF")
    assert 10 <= pdf_pages(pdf_bytes) <= 28
    text = pdf_text(pdf_bytes, tmp_path)
    for heading in (
        "1. De vraag",
        "2. Kaart van de arbeidsmarktregio's",
        "4. Arbeidsmarkt, inkomen en bedrijven",
        "5. Overstap: voor en na",
        "7. Hoe stevig is de uitkomst?",
        "9. Aannames",
        "10. Bijlage: methoden",
        "11. Bronnen",
        "Pagina 1 van",
        "Tekstalternatief:",
    ):
        assert heading in text.replace("’", "'"), heading
    assert "5 maart 2026" in text
    assert re.search(r"€\s85\.651", text)  # Lansingerland's share of the entered budget
    assert "<script>alert(1)</script> ë" in text  # user text printed literally, never markup
    assert "Bron: CBS" in text


@pytest.mark.slow
def test_a_day_and_its_month_stay_on_one_line(pdf_bytes, tmp_path) -> None:
    """The handout broke "22" / "november 2026" and "31" / "december 2024" over two lines
    (eleven times: the sources, the charts' text alternatives, the periods); a day is kept with
    its month, as a figure is kept whole."""
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf_bytes)
    text = subprocess.run(  # as the lines are printed (no layout), each line once
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    split = re.findall(r"\b\d{1,2}\n+\s*(?:" + "|".join(MONTH_NAMES) + r")\b", text)
    assert not split, split
    assert unbreakable("op 22 november 2026") == "op 22\xa0november 2026"


def test_pdf_embeds_a_font_with_euro_and_diaeresis(pdf_bytes) -> None:
    assert b"DejaVuSans" in pdf_bytes


def test_the_pdf_sets_no_italics(pdf_bytes) -> None:
    """The charts' text alternatives (several lines each) and the 'niet beschikbaar' notices
    were set in italics, which read harder; the Presentatie page shows them upright. Two faces
    are embedded, regular and bold."""
    assert b"Oblique" not in pdf_bytes
    assert set(re.findall(rb"/BaseFont /[A-Z]{6}\+(DejaVuSans[-\w]*)", pdf_bytes)) == {
        b"DejaVuSans",
        b"DejaVuSans-Bold",
    }


@pytest.mark.slow
def test_pptx_slides_titles_and_alt_text(pptx_bytes) -> None:
    prs = Presentation(io.BytesIO(pptx_bytes))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    slides = list(prs.slides)
    assert len(slides) == 1 + len(SLIDE_SECTIONS)
    titles = [
        next(s for s in slide.shapes if s.name == "Titel").text_frame.text for slide in slides
    ]
    assert titles[0] == "Arbeidsmarktregio en werkgeversdienstverlening"
    assert titles[1:] == [
        "De vraag",
        "Kaart van de arbeidsmarktregio's",
        "De twee regio's naast elkaar",
        "Arbeidsmarkt, inkomen en bedrijven",
        "Overstap: voor en na",
        "Ontwikkelvarianten van het WSP: scores",
        "Hoe stevig is de uitkomst?",
        "Conclusie",
        "Aannames",
        "Bronnen",
    ]
    # pictures (13), the maps' groups of shapes (6) and PowerPoint's own charts, each with its
    # text alternative
    charts = [s for slide in slides for s in slide.shapes if s.shape_type in (6, 13) or s.has_chart]
    assert len(charts) >= 3
    for chart in charts:
        assert len(chart._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")) > 20
    # Large type: nothing on a slide below 11 pt (source lines), body text at least 16 pt.
    sizes = [
        run.font.size
        for slide in slides
        for shape in slide.shapes
        if shape.has_text_frame
        for para in shape.text_frame.paragraphs
        for run in para.runs
        if run.font.size is not None
    ]
    assert min(sizes) >= Emu(11 * 12700)
    for slide in slides:
        for shape in slide.shapes:  # everything inside the slide
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


def test_hostile_text_never_breaks_the_pdf() -> None:
    content = build_report_content(
        ReportInput(scenario_name="<para><b>& ' \" </i>" * 20, author="<br/>"),
        skip=("kaart", "regios", "overstap"),
    )
    assert build_pdf(content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("module", "writer", "build"),
    [
        ("dashboard.presentation.reports.pdf", "_PdfWriter", build_pdf),
        ("dashboard.presentation.reports.pptx", "_DeckWriter", build_pptx),
    ],
)
def test_a_library_failure_reaches_the_user_as_one_dutch_line(
    content, monkeypatch, caplog, module, writer, build
) -> None:
    """The slides put python-pptx's own (English) error text into the user's message; the PDF
    kept reportlab's in the log. Both now say in Dutch what failed and what to do, and log the
    library's text."""
    import importlib

    def broken(self):  # type: ignore[no-untyped-def]
        raise ValueError("lxml: unexpected element {a:rPr} in CT_TextParagraph")

    monkeypatch.setattr(getattr(importlib.import_module(module), writer), "build", broken)
    with pytest.raises(DashboardError) as err, caplog.at_level("WARNING"):
        build(content)
    message = str(err.value)
    assert "lxml" not in message and "CT_TextParagraph" not in message
    assert "kon niet worden" in message and "meld het de beheerder" in message
    assert "\n" not in message
    assert "CT_TextParagraph" in caplog.text


def test_result_slide_shows_the_own_rating_that_changed_it(content) -> None:
    deck = Presentation(io.BytesIO(build_pptx(content)))
    title = content.section("varianten").title

    def texts(slide) -> list[str]:  # type: ignore[no-untyped-def]
        return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]

    slide = next(s for s in deck.slides if title in texts(s))
    text = " ".join(texts(slide))
    # on the slide itself, not "see Aannames" in the notes
    assert "Eigen oordeel (*):" in text
    assert "Variant 3: +/- in plaats van" in text
    assert "eigen oordeel <b>Voorschoten</b>" in text  # the reason, as plain text


#: The chart column of a Presentatie step at 1280x720 (``st.columns([2, 3], gap="large")``).
PRESENTATION_CHART_WIDTH = 672


def test_every_chart_is_readable_where_the_presentation_shows_it(content, renderer) -> None:
    """The Presentatie page shows a chart at most STEP_HEIGHT px high and a column wide. The maps
    were drawn at 700x780 and 900x620 with their legends on the map, so their legend type came out
    at 5-7 px at 1280x720, the bar charts at 9-10 px (and as small on a slide and on paper, which
    scale the same drawing)."""
    from dashboard.presentation.reports.images import svg_size
    from dashboard.presentation.reports.sections.sizes import STEP_HEIGHT

    shown_height = STEP_HEIGHT
    for chart in content.charts:
        svg = renderer.svg(chart.spec, chart.width, chart.height)
        width, height = svg_size(svg)
        scale = min(1.0, shown_height / height, PRESENTATION_CHART_WIDTH / width)
        smallest = min(float(size) for size in re.findall(r"font-size[=:]\s*\"?([\d.]+)px", svg))
        assert smallest * scale >= 11, f"{chart.key}: {smallest} px x {scale:.2f}"


@pytest.mark.parametrize("key", ["kaart", "overstap"])
def test_a_map_has_its_legends_beside_it_in_the_presentation(content, key) -> None:
    """Beside the map, not on it: the small drawing's legends cover nothing of the map."""
    from dashboard.presentation.reports.images import sized

    chart = next(c for c in content.charts if c.key == key)
    legends = [
        channel["legend"]
        for layer in sized(chart.spec, chart.width, chart.height)["layer"]
        for channel in layer.get("encoding", {}).values()
        if isinstance(channel, dict) and isinstance(channel.get("legend"), dict)
    ]
    assert legends and all(legend["orient"] == "right" for legend in legends)


def test_legends_beside_leaves_the_map_it_is_given_as_it_was(content) -> None:
    """It shares the geometry with the map it is given and writes only into its own copies."""
    import copy

    from dashboard.presentation import maps

    spec = copy.deepcopy(next(c for c in content.charts if c.key == "overstap").spec)
    spec["config"]["legend"]["labelFontSize"] = 9
    spec["layer"][0]["encoding"]["color"]["legend"]["orient"] = "left"
    before = copy.deepcopy(spec)
    beside = maps.legends_beside(spec)
    assert spec == before
    assert beside["config"]["legend"]["labelFontSize"] == 14
    assert beside["layer"][0]["encoding"]["color"]["legend"]["orient"] == "right"
    assert beside["layer"][0]["data"] is spec["layer"][0]["data"]  # shared, not copied


def _report_texts(content) -> list[str]:
    """Everything the PDF and the slides print from the content."""
    texts = [content.title, content.subtitle]
    for section in content.sections:
        texts += [section.title, section.lead, *section.paragraphs, *section.bullets]
        texts += [*section.sources, *section.slide_bullets]
        for table in section.tables:
            texts += [table.caption, table.source, *table.header]
            texts += [str(cell) for row in table.rows for cell in row]
        for chart in section.charts:
            texts += [chart.title, chart.source, chart.alt_text]
    return texts


def test_no_internal_path_or_id_reaches_the_handout(content) -> None:
    """Sources name publisher, table and document ("Notitie Voorschoten …, § …"), never a
    repository path ("shared/data/cbs/…", "src/dashboard/data/geo.py") or an id ("seed_000")."""
    from tests.test_sources import INTERNAL

    for text in _report_texts(content):
        assert not INTERNAL.search(text), text


def test_labour_figures_in_the_handout_carry_their_period(content) -> None:
    section = content.section("arbeidsmarkt")
    table = section.tables[0]
    assert "Periode" in table.header
    # the first column is the label with its unit: "Personen met bijstand (personen)"
    periods = {row[0].split(" (")[0]: row[table.header.index("Periode")] for row in table.rows}
    assert periods["Personen met bijstand"] == "31 december 2024, voorlopig"
    assert periods["Personen in armoede"] == "inkomen over 2023, voorlopig"
    assert "(31 december 2024, voorlopig)" in section.sources[0]
    assert "peildatum niet bevestigd" not in " ".join(_report_texts(content))


def test_report_uses_the_sampling_it_is_given(cbs_dir) -> None:
    """The Robuustheid page's sampling reaches the report: same samples, seed and mode."""
    from dashboard.mcda.sampling import SamplingSettings
    from dashboard.mcda.scoring import problem_from_mapping
    from dashboard.mcda.sensitivity import smaa

    sampling = SamplingSettings(samples=2_000, seed=7, mode="near", near_pct=10.0)
    content = build_report_content(ReportInput(sampling=sampling), skip=("kaart", "overstap"))
    section = content.section("robuustheid")
    assert "wegingen rond de huidige (elk gewicht hoogstens 10% hoger of lager)" in section.lead
    table = section.tables[0]
    assert "over 2.000 willekeurige wegingen" in table.caption
    assert "startwaarde 7" in table.source
    expected = smaa(problem_from_mapping({}), 2_000, 7, sampling)
    from dashboard.core.formatting import fmt_pct

    assert [row[1] for row in table.rows] == [
        fmt_pct(expected.acceptability[v][0], 0) for v in ("V1", "V2", "V3")
    ]


# --- PDF tables: read back with poppler ---------------------------------------------------------
def _table_blocks(text: str, count: int) -> dict[int, str]:
    """The printed text of each table: from "Tabel n." to the first source line after it (a
    split table's "(vervolg)" parts included)."""
    source = re.compile(r"\n\s*Bron:")
    blocks = {}
    for number in range(1, count + 1):
        start = text.index(f"Tabel {number}. ")
        end = source.search(text, start)
        stop = end.start() if end else len(text)
        more = text.find(f"Tabel {number} (vervolg). ", stop)
        if more != -1 and (after := source.search(text, more)):
            stop = after.start()
        blocks[number] = text[start:stop]
    return blocks


@pytest.mark.slow
def test_pdf_tables_keep_every_figure_and_word_whole(content, pdf_bytes, tmp_path) -> None:
    """Tabel 5 printed Zoetermeer's bijstand as "2.95" over "0", headers letter by letter
    ("Pers / one / n"): every figure of a row stands whole on one line, in column order, and
    every word (broken only after a hyphen) stands whole in its table."""
    from dashboard.presentation.reports.pdf import SHY, break_units, is_figure

    text = pdf_text(pdf_bytes, tmp_path).replace("\xa0", " ")
    tables = [t for s in content.sections if s.available for t in s.tables]
    blocks = _table_blocks(text, len(tables))
    for number, table in enumerate(tables, start=1):
        block = blocks[number]
        lines = block.splitlines()
        tokens = set(block.split())
        for row in table.rows:
            figures = [" ".join(cell.split()) for cell in row if is_figure(cell)]
            if figures:
                pattern = r"\s+(?:.*\s)?".join(re.escape(f) for f in figures)
                assert any(re.search(pattern, line) for line in lines), (number, row)
        for cell in (*table.header, *(c for row in table.rows for c in row)):
            if is_figure(cell):
                continue  # checked above
            for word in cell.split():
                # printed whole, or broken only after its hyphens ("Leidschendam-" "Voorburg")
                # and at a compound's joints, with a hyphen there ("arbeids-" "uitkering")
                units = break_units(word)
                pieces = {
                    _printed("".join(units[i:j]))
                    for i in range(len(units))
                    for j in range(i + 1, 9)
                }
                for unit in units:
                    shown = unit.rstrip(SHY)
                    assert any(t in pieces and shown in t for t in tokens), (number, word, unit)


def _printed(piece: str) -> str:
    """A piece of a word as a PDF prints it: soft hyphens inside it unseen, one at its end a
    hyphen (the word is broken there)."""
    from dashboard.presentation.reports.pdf import SHY

    return piece[:-1].replace(SHY, "") + ("-" if piece.endswith(SHY) else piece[-1:])


@given(
    st.text(alphabet=st.sampled_from(list("ab -–€%0123456789.,()+ëé≥\u00a0")), max_size=40),
    st.sampled_from((9.0, 8.0, 10.5)),
)
def test_the_table_layout_measures_as_reportlab_does(text: str, size: float) -> None:
    """The layout measures each cell once (memoized): the widths are reportlab's own, for
    every font and size, and the pieces a cell breaks into are a fresh list each time."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus.paragraph import split

    from dashboard.presentation.reports import pdf

    for font in pdf_fonts()[:2]:
        for _ in range(2):  # measured, then from the cache
            assert pdf._cell_width(text, font, size) == pdfmetrics.stringWidth(
                pdf.unbreakable(text).replace(pdf.SHY, ""), font, size
            )
            assert pdf._width(text, font, size) == pdfmetrics.stringWidth(text, font, size)
    units = pdf.break_units(text)
    units.append("x")  # a caller's change stays its own
    assert pdf.break_units(text) == units[:-1]
    # words as reportlab splits them (never at a no-break space), then after their hyphens
    assert pdf.break_units(text) == [
        p for w in split(pdf.unbreakable(text)) if w for p in re.split(r"(?<=[-\xad])(?=.)", w)
    ]


def test_a_figure_is_one_piece_the_layout_never_breaks() -> None:
    """ "€ 1.000" was measured as "€" and "1.000" (Python splits at a no-break space, reportlab
    does not), so a squeezed column of amounts could be made narrower than its amounts."""
    from dashboard.presentation.reports import pdf

    assert pdf.break_units("€ 1.000") == ["€\xa01.000"]
    assert pdf.break_units("+€ 1.000 (+5,0%)") == ["+€\xa01.000\xa0(+5,0%)"]
    assert pdf.break_units("Leidschendam-Voorburg") == ["Leidschendam-", "Voorburg"]


def test_a_long_compound_header_breaks_at_its_joints() -> None:
    """Tabel 5's "arbeidsongeschiktheidsuitkering" made its column as wide as the word and
    squeezed the other headers into six or seven short lines: it may now break at its joints,
    printed with a hyphen there, and its column is as wide as its widest part."""
    from reportlab.pdfbase import pdfmetrics

    from dashboard.presentation.reports import pdf
    from dashboard.presentation.reports.content import Table as ContentTable

    header = "Personen met een arbeidsongeschiktheidsuitkering (31 december 2024, voorlopig)"
    assert pdf.break_units(header)[3:6] == ["arbeids\xad", "ongeschiktheids\xad", "uitkering"]
    assert pdf.break_units("Bedrijfsvestigingen")[0] == "Bedrijfs\xad"  # any case
    regular, bold = pdf_fonts()[:2]
    table = ContentTable(
        caption="x",
        header=(
            "Gemeente",
            header,
            *(f"Personen met bijstand (31 december 202{i})" for i in range(6)),
        ),
        rows=(("Zoetermeer", "5.660", *(["2.950"] * 6)),),
    )
    layout = pdf.table_layout(table, 8, (regular, bold))
    word = pdfmetrics.stringWidth("arbeidsongeschiktheidsuitkering", bold, layout.size)
    part = pdfmetrics.stringWidth("ongeschiktheids-", bold, layout.size)
    assert layout.widths[0][1] < word
    assert layout.widths[0][1] >= part + 2 * pdf.CELL_PADDING


def test_paragraphs_broken_once_per_width_give_the_same_pdf(content, renderer, monkeypatch) -> None:
    """The PDF's paragraph keeps its last width's lines (reportlab breaks them anew on every
    measurement): the document is byte for byte the one reportlab's own paragraph gives,
    including the paragraphs split over two pages and the table cells."""
    from reportlab import rl_config
    from reportlab.platypus import Paragraph as ReportlabParagraph

    from dashboard.presentation.reports import pdf

    monkeypatch.setattr(rl_config, "invariant", 1)  # no time stamp or random document id
    last_width: dict[int, list[float]] = {}
    again: list[str] = []
    break_lines = ReportlabParagraph.breakLines

    def counted(self, width, *args, **kwargs):  # type: ignore[no-untyped-def]
        # lines a split dropped (no room left on the page) are broken again, rightly
        if "blPara" in self.__dict__ and last_width.get(id(self)) == list(width):
            again.append(self.getPlainText()[:40])
        last_width[id(self)] = list(width)
        return break_lines(self, width, *args, **kwargs)

    monkeypatch.setattr(ReportlabParagraph, "breakLines", counted)
    kept = build_pdf(content, renderer)
    assert not again, f"lines broken again at the width they were broken for: {again[:3]}"
    monkeypatch.undo()
    monkeypatch.setattr(rl_config, "invariant", 1)
    monkeypatch.setattr(pdf, "Paragraph", ReportlabParagraph)
    assert build_pdf(content, renderer) == kept


_STYLES_FOR_PLAIN = {}


def _plain_styles():  # type: ignore[no-untyped-def]
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    if not _STYLES_FOR_PLAIN:
        regular, bold = pdf_fonts()
        body = ParagraphStyle("b", fontName=regular, fontSize=9, leading=11.5)
        _STYLES_FOR_PLAIN.update(
            body=body,
            bold=ParagraphStyle("h", parent=body, fontName=bold, embeddedHyphenation=1),
            right=ParagraphStyle("r", parent=body, alignment=TA_RIGHT, textColor="#555555"),
        )
    return _STYLES_FOR_PLAIN


@given(
    text=st.text(alphabet=st.sampled_from("aZ9 ,.-€%()'\"\n\t\u00a0\u2265ë>;/"), max_size=40),
    style=st.sampled_from(["body", "bold", "right"]),
)
def test_a_text_without_markup_gets_the_fragments_the_parser_makes(text: str, style: str) -> None:
    """The PDF's paragraph reads a text without ``<`` and ``&`` without reportlab's markup
    parser: same cleaned text, same fragments (font, size, colour, text), no list shared."""
    from reportlab.platypus import Paragraph as ReportlabParagraph

    from dashboard.presentation.reports import pdf

    paragraph_style = _plain_styles()[style]
    mine = pdf.Paragraph(text, paragraph_style)
    theirs = ReportlabParagraph(text, paragraph_style)
    assert mine.text == theirs.text
    assert [vars(f) for f in mine.frags] == [vars(f) for f in theirs.frags]
    again = pdf.Paragraph(text, paragraph_style)
    for a, b in zip(mine.frags, again.frags, strict=True):
        assert a.link is not b.link and a.us_lines is not b.us_lines


def test_only_paragraphs_with_markup_are_parsed(content, renderer, monkeypatch) -> None:
    """Of the default PDF's ~750 paragraphs, only those with markup or an escaped character
    (and the first plain one of each style) go through reportlab's markup parser."""
    from reportlab.platypus.paraparser import ParaParser

    parsed: list[str] = []
    parse = ParaParser.parse

    def counted(self, text, style):  # type: ignore[no-untyped-def]
        parsed.append(text)
        return parse(self, text, style)

    monkeypatch.setattr(ParaParser, "parse", counted)
    build_pdf(content, renderer)
    plain = [t for t in parsed if "<" not in t and "&" not in t and t != "x"]
    assert not plain, plain[:3]
    assert len(parsed) < 150


def test_a_long_word_without_spaces_wraps_in_the_pdf(tmp_path, cbs_dir) -> None:
    """A valid 500-character reason without a space broke the PDF ("negative availWidth")."""
    reason = "x" * 500
    note = "Onderbouwing:" + "y" * 400
    content = build_report_content(
        ReportInput(
            problem_config={"ratings": {"gu08": {"V3": "+"}}, "reasons": {"gu08": {"V3": reason}}},
            note=note,
            scenario_name="z" * 100,
        ),
        skip=("kaart", "overstap", "regios", "arbeidsmarkt"),
    )
    data = build_pdf(content)
    text = "".join(pdf_text(data, tmp_path).split())  # the word, wrapped, read back whole
    assert reason in text
    assert "y" * 400 in text


# --- slides: read back with python-pptx ---------------------------------------------------------
def _slide_texts(slide) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}


@pytest.mark.slow
def test_every_slide_has_one_source_line_that_fits(pptx_bytes) -> None:
    """Slide 5 listed eleven sources (three twice) and ran off the slide; slides 7–8 read
    "Bron: … · Bron: …"."""
    from dashboard.presentation.reports.pptx import FOOTER_CHARS

    deck = Presentation(io.BytesIO(pptx_bytes))
    for number, slide in enumerate(deck.slides, start=1):
        footer = _slide_texts(slide).get("Bron", "")
        assert footer.count("Bron:") <= 1, (number, footer)
        assert " · " not in footer, (number, footer)
        assert len(footer) <= FOOTER_CHARS, (number, footer)
        named = footer.removeprefix("Bron: ").split(". ")[0].split("; ")
        assert len(named) == len(set(named)), (number, footer)


@pytest.mark.slow
def test_no_slide_repeats_its_heading_as_a_bullet(pptx_bytes, content) -> None:
    deck = Presentation(io.BytesIO(pptx_bytes))
    for slide in deck.slides:
        texts = [t for name, t in _slide_texts(slide).items() if name not in ("Titel", "Bron")]
        paragraphs = [p.removeprefix("• ").rstrip(". ") for t in texts for p in t.split("\n")]
        assert len(paragraphs) == len(set(paragraphs)), paragraphs


def test_overstap_slide_shows_the_entered_amounts(renderer, cbs_dir) -> None:
    """The Overstap slide left out the euro amounts and the frictiekosten that were entered."""
    content = build_report_content(
        ReportInput(
            overstap={"budgets": {"AM34": 1_000_000, "AM19": 2_000_000}, "frictiekosten": 75_000}
        ),
        skip=("kaart", "regios", "arbeidsmarkt"),
    )
    deck = Presentation(io.BytesIO(build_pptx(content, renderer)))
    title = content.section("overstap").title
    slide = next(s for s in deck.slides if _slide_texts(s).get("Titel") == title)
    text = " ".join(_slide_texts(slide).values())
    assert "per jaar meer" in text and re.search(r"€\s\d", text)
    assert "frictiekosten (eigen invoer): € 75.000" in text


def test_robustness_chart_names_every_bar_in_full(content) -> None:
    """The chart showed "0% – 100%" on every bar and cut its names ("Regionaal
    arbeidsmarktove…")."""
    from dashboard.mcda.scoring import problem_from_mapping
    from dashboard.mcda.sensitivity import one_way
    from dashboard.presentation.charts.robustness import tornado_spec, weight_label

    problem = problem_from_mapping({"groups": {"werkzoekenden": 6}})
    results = one_way(problem)
    spec, _ = tornado_spec(results, problem, limit=8)
    values = spec["data"]["values"]
    full = {weight_label(problem, ow, width=10_000) for ow in results}
    for row in values:
        assert "…" not in row["gewicht"]
        assert row["gewicht"].replace("\n", " ") in full
        assert row["label"] == "elk aandeel" or row["label"] != "0% – 100%"
    assert any(row["label"] != "elk aandeel" for row in values)  # a limit is shown as such
    chart = content.section("robuustheid").charts[0]
    assert "0% – 100%" not in {row["label"] for row in chart.spec["data"]["values"]}


def test_the_mover_pays_in_the_same_words_in_the_overstap_section_and_the_conclusie(
    content,
) -> None:
    """The report said "Kosten (naar inwoners): Voorschoten betaalt nu …" where the Overstap
    page and the Conclusie say "Voorschoten betaalt aan de regionale kosten nu …"."""
    overstap = content.section("overstap")
    (mover,) = [p for p in overstap.paragraphs if "betaalt" in p and "regionale kosten" in p]
    assert mover.startswith("Voorschoten betaalt aan de regionale kosten nu ")
    assert mover in overstap.slide_bullets
    assert any(mover in bullet for bullet in content.section("conclusie").bullets)


def test_the_distribution_key_is_named_as_on_the_overstap_page(content) -> None:
    """It was "naar inwoners", "naar rato van het aantal inwoners" and "gelijke delen per
    gemeente" in one report; the report now uses the key's own label."""
    from dashboard.region.overstap import DistributionKey

    assert "Kostenverdeling: naar inwonertal." in content.section("aannames").paragraphs
    methods = " ".join(content.section("methoden").paragraphs)
    assert f"De verdeling is {DistributionKey.PER_INWONER.label} of in gelijke delen." in methods
    assert "Gelijke scores delen de hoogste rang (1, 1, 3)." in methods


def test_report_charts_are_the_page_charts(content) -> None:
    """One specification per chart: the report's charts are the dicts the pages' builders
    return for the same inputs (tests/app/test_varianten_page.py checks the page side)."""
    from dashboard.data.kerncijfers import load_kerncijfers
    from dashboard.data.labour import labour_comparison
    from dashboard.data.regions import load_region_index
    from dashboard.mcda.scoring import problem_from_mapping, score
    from dashboard.presentation.charts import profiles as profile_charts
    from dashboard.presentation.charts import scoring as scoring_charts

    problem = problem_from_mapping(SCENARIO.problem_config)
    result = score(problem)
    ranking, contributions = content.section("varianten").charts[:2]
    assert ranking.spec == scoring_charts.ranking_spec(result, problem.matrix)
    assert contributions.spec == scoring_charts.contributions_spec(result, problem.matrix)
    rates = content.section("arbeidsmarkt").charts[0].spec
    assert rates["usermeta"]["title"].startswith("Uitkeringen per 1.000 inwoners")
    index, kc = load_region_index(), load_kerncijfers()
    comparison = labour_comparison(
        kc,
        index.membership(),
        [(code, index.region(code).name) for code in ("AM34", "AM19")],
        names={g.code: g.name for g in index.gemeenten},
    )
    assert rates == profile_charts.labour_rates_spec(comparison)

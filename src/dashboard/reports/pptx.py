"""16:9 PowerPoint deck in Dutch (python-pptx), rendered from a :class:`~.content.ReportContent`.

One slide per step: title, vraag, kaart, regio's, overstap, varianten, robuustheid, conclusie,
aannames, bronnen. Type is large enough to read from the back of a meeting room (titles 32 pt,
body at least 16 pt); every picture carries its text alternative in ``descr`` (what screen readers
and PowerPoint's "Alternatieve tekst" show), and the longer explanations go into the speaker notes.
"""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard.errors import DashboardError
from dashboard.reports.content import Chart, ReportContent, Section
from dashboard.reports.content import Table as ContentTable

#: Sections that get a slide, in order (the methods annex stays in the PDF).
SLIDE_SECTIONS = (
    "vraag",
    "kaart",
    "regios",
    "overstap",
    "varianten",
    "robuustheid",
    "conclusie",
    "aannames",
    "bronnen",
)

WIDTH = Inches(13.333)
HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x55, 0x55, 0x55)
FONT = "Calibri"

MAX_BULLETS = 6


def _style_run(run: Any, size: float, bold: bool = False, colour: RGBColor = INK) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run.font.color.rgb = colour


def _text_box(
    slide: Any,
    left: int,
    top: int,
    width: int,
    height: int,
    paragraphs: list[str],
    size: float,
    *,
    bold: bool = False,
    colour: RGBColor = INK,
    bullets: bool = False,
) -> Any:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.45)
        run = para.add_run()
        run.text = f"• {text}" if bullets else text
        _style_run(run, size, bold, colour)
    return box


def _body_size(texts: list[str], area_chars: int) -> float:
    """Largest of 24/20/18/16 pt that likely fits; slides never go below 16 pt."""
    total = sum(len(t) + 40 for t in texts)  # a paragraph break costs about a line
    for size, capacity in ((24, 0.55), (20, 0.8), (18, 1.0)):
        if total <= area_chars * capacity:
            return size
    return 16


class _DeckWriter:
    def __init__(self, content: ReportContent, renderer: Any | None) -> None:
        self.content = content
        self.renderer = renderer
        self.prs = Presentation()
        self.prs.slide_width = WIDTH
        self.prs.slide_height = HEIGHT
        self.blank = self.prs.slide_layouts[6]

    # --- building blocks -----------------------------------------------------------------
    def new_slide(self, title: str) -> Any:
        slide = self.prs.slides.add_slide(self.blank)
        box = _text_box(
            slide,
            MARGIN,
            Inches(0.3),
            WIDTH - 2 * MARGIN,
            Inches(0.9),
            [title],
            32,
            bold=True,
            colour=ACCENT,
        )
        box.name = "Titel"
        return slide

    def footer(self, slide: Any, lines: list[str]) -> None:
        text = " · ".join(dict.fromkeys(line for line in lines if line))
        if not text:
            return
        box = _text_box(
            slide,
            MARGIN,
            HEIGHT - Inches(0.62),
            WIDTH - 2 * MARGIN,
            Inches(0.5),
            [text],
            11,
            colour=MUTED,
        )
        box.name = "Bron"

    def notes(self, slide: Any, texts: list[str]) -> None:
        if texts:
            slide.notes_slide.notes_text_frame.text = "\n\n".join(texts)

    def picture(
        self, slide: Any, chart: Chart, left: int, top: int, width: int, height: int
    ) -> None:
        if self.renderer is None:
            _text_box(
                slide,
                left,
                top,
                width,
                height,
                [f"(Afbeelding niet getekend.) {chart.alt_text}"],
                16,
                colour=MUTED,
            )
            return
        png = self.renderer.png(chart.figure, width=chart.width, height=chart.height)
        # Fit inside the box, keeping the aspect ratio.
        ratio = chart.width / chart.height
        w, h = width, int(width / ratio)
        if h > height:
            h, w = height, int(height * ratio)
        pic = slide.shapes.add_picture(io.BytesIO(png), left, top, Emu(w), Emu(h))
        pic.name = chart.title[:60]
        c_nv_pr = pic._element._nvXxPr.cNvPr  # python-pptx has no public alt-text API
        c_nv_pr.set("descr", chart.alt_text)
        c_nv_pr.set("title", chart.title)

    def table(
        self, slide: Any, table: ContentTable, left: int, top: int, width: int, size: float
    ) -> None:
        rows = table.rows[:10]
        n_cols = len(table.header)
        row_h = Pt(size * 2.1)
        shape = slide.shapes.add_table(
            len(rows) + 1, n_cols, left, top, width, row_h * (len(rows) + 1)
        )
        shape.name = table.caption[:60]
        grid = shape.table
        first = 0.4 if n_cols > 2 else 0.55
        grid.columns[0].width = int(width * first)
        for i in range(1, n_cols):
            grid.columns[i].width = int(width * (1 - first) / (n_cols - 1))
        for r, values in enumerate([table.header, *rows]):
            for c in range(n_cols):
                cell = grid.cell(r, c)
                cell.text = ""
                run = cell.text_frame.paragraphs[0].add_run()
                run.text = values[c] if c < len(values) else ""
                _style_run(run, size, bold=(r == 0), colour=INK)

    # --- slides --------------------------------------------------------------------------
    def title_slide(self) -> None:
        slide = self.prs.slides.add_slide(self.blank)
        c = self.content
        _text_box(
            slide,
            MARGIN,
            Inches(2.0),
            WIDTH - 2 * MARGIN,
            Inches(1.6),
            [c.title],
            40,
            bold=True,
            colour=ACCENT,
        ).name = "Titel"
        _text_box(
            slide,
            MARGIN,
            Inches(3.8),
            WIDTH - 2 * MARGIN,
            Inches(1.6),
            [c.subtitle, c.date_text],
            24,
        )
        self.footer(slide, ["Gemaakt met het arbeidsmarktregio-dashboard"])

    def section_slide(self, section: Section) -> None:
        slide = self.new_slide(section.title)
        body_top = Inches(1.25)
        body_h = HEIGHT - body_top - Inches(0.8)
        full_w = WIDTH - 2 * MARGIN
        if not section.available:
            _text_box(
                slide,
                MARGIN,
                body_top,
                full_w,
                body_h,
                [section.lead, *section.paragraphs],
                24,
                colour=MUTED,
            )
            return
        bullets = list(section.slide_bullets or section.bullets)
        lead = [section.lead] if section.lead else []
        chart = section.charts[0] if section.charts else None
        table = section.tables[0] if section.tables else None
        notes = list(section.paragraphs) + list(section.bullets[MAX_BULLETS:])
        sources = list(section.sources)

        if section.key == "bronnen":
            size = _body_size(bullets, 2400)
            _text_box(slide, MARGIN, body_top, full_w, body_h, bullets, max(size, 16), bullets=True)
            self.notes(slide, list(section.bullets))
            return

        text_items = bullets[:MAX_BULLETS] if bullets else list(section.paragraphs[:3])
        if chart is not None:
            # Text left, picture right (the map gets more room).
            pic_w = int(full_w * (0.55 if section.key in ("kaart", "overstap") else 0.58))
            text_w = full_w - pic_w - Inches(0.3)
            self.picture(slide, chart, MARGIN + text_w + Inches(0.3), body_top, pic_w, body_h)
            size = _body_size(lead + text_items, 900)
            lead_box_h = Inches(1.6) if lead else 0
            if lead:
                _text_box(slide, MARGIN, body_top, text_w, lead_box_h, lead, size + 2, bold=True)
            _text_box(
                slide,
                MARGIN,
                body_top + lead_box_h,
                text_w,
                body_h - lead_box_h,
                text_items,
                size,
                bullets=bool(bullets),
            )
            sources.insert(0, chart.source)
            notes.insert(0, f"Tekstalternatief bij de afbeelding: {chart.alt_text}")
        elif table is not None:
            size = _body_size(lead + text_items[:3], 1800)
            _text_box(slide, MARGIN, body_top, full_w, Inches(1.3), lead, 22, bold=True)
            self.table(slide, table, MARGIN, body_top + Inches(1.4), full_w, 16)
            sources.insert(0, table.source)
            notes = list(text_items) + notes
        else:
            size = _body_size(lead + text_items, 2400)
            _text_box(slide, MARGIN, body_top, full_w, Inches(1.5), lead, size + 2, bold=True)
            _text_box(
                slide,
                MARGIN,
                body_top + Inches(1.6),
                full_w,
                body_h - Inches(1.6),
                text_items,
                size,
                bullets=bool(bullets),
            )
        self.footer(slide, sources[:2])
        self.notes(slide, notes)

    def build(self) -> bytes:
        self.prs.core_properties.title = f"{self.content.title} – {self.content.scenario_name}"
        self.prs.core_properties.language = "nl-NL"
        self.prs.core_properties.author = "Arbeidsmarktregio-dashboard"
        self.title_slide()
        for key in SLIDE_SECTIONS:
            self.section_slide(self.content.section(key))
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def build_pptx(content: ReportContent, renderer: Any | None = None) -> bytes:
    """The PowerPoint deck as bytes.

    Parameters
    ----------
    content
        From :func:`~dashboard.reports.content.build_report_content`.
    renderer
        An :class:`~dashboard.reports.images.ImageRenderer`; ``None`` puts each chart's text
        alternative on the slide instead of the picture.
    """
    try:
        return _DeckWriter(content, renderer).build()
    except DashboardError:
        raise
    except (ValueError, OSError) as err:
        raise DashboardError(f"de PowerPoint kon niet worden gemaakt: {err}") from err

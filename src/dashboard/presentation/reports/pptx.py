"""16:9 PowerPoint deck in Dutch (python-pptx), rendered from a :class:`~.content.ReportContent`.

One slide per step: title, vraag, kaart, regio's, overstap, varianten, robuustheid, conclusie,
aannames, bronnen. Type is large enough to read from the back of a meeting room (titles 32 pt,
body at least 16 pt); every chart carries its text alternative in ``descr`` (what screen readers
and PowerPoint's "Alternatieve tekst" show), and the longer explanations go into the speaker notes.
A chart a native drawer knows (:mod:`dashboard.presentation.charts.native`) is PowerPoint's own:
a bar chart the reader can edit, which shows its numbers in the reader's notation, or a map as a
group of shapes; any other chart is a PNG drawn by vl-convert.
"""

from __future__ import annotations

import io
import math
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard.data.sources import merge_source_lines
from dashboard.presentation.charts import native
from dashboard.presentation.reports.content import SECTION_KEYS, Chart, ReportContent, Section
from dashboard.presentation.reports.content import Table as ContentTable
from dashboard.presentation.reports.failures import made
from dashboard.presentation.reports.images import ImageRenderer, png_size, shared_renderer, sized

#: Sections that get a slide, in order (the methods annex stays in the PDF).
SLIDE_SECTIONS = tuple(k for k in SECTION_KEYS if k != "methoden")

WIDTH = Inches(13.333)
HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x55, 0x55, 0x55)
FONT = "Calibri"

MAX_BULLETS = 6
MAX_TABLE_ROWS = 8
#: What the source footer (11 pt, two lines across the slide) holds; the rest goes to the notes.
FOOTER_CHARS = 290


def source_footer(lines: list[str], limit: int = FOOTER_CHARS) -> tuple[str, list[str]]:
    """A slide's source line: :func:`~dashboard.data.sources.merge_source_lines` within the
    footer's room; the full list for the speaker notes when it had to be shortened."""
    return merge_source_lines(lines, limit)


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


#: Average glyph width in em: Calibri is about 0.5, but a viewer without Calibri (LibreOffice,
#: Keynote) substitutes a wider sans such as DejaVu; estimating for the wider one keeps text from
#: running into the next box on every viewer.
GLYPH_EM = 0.58


def _lines(text: str, width: int, size: float) -> int:
    chars_per_line = max(int(width / Pt(size * GLYPH_EM)), 4)
    return max(math.ceil(len(text) / chars_per_line), 1)


def _text_height(texts: list[str], width: int, size: float) -> int:
    """Estimated height of wrapped text (see :data:`GLYPH_EM`)."""
    chars_per_line = max(int(width / Pt(size * GLYPH_EM)), 10)
    lines = sum(max(math.ceil(len(t) / chars_per_line), 1) for t in texts)
    return int(lines * Pt(size * 1.2) + len(texts) * Pt(size * 0.45) + Pt(8))


def _fit_size(texts: list[str], width: int, height: int, sizes: tuple[float, ...]) -> float | None:
    """Largest size whose estimated height fits (the lead counts 2 pt larger)."""
    for size in sizes:
        if _text_height(texts, width, size + 1) <= height:
            return size
    return None


class _DeckWriter:
    def __init__(self, content: ReportContent, renderer: ImageRenderer) -> None:
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

    def footer(self, slide: Any, lines: list[str]) -> list[str]:
        """The slide's one source line; returns the full list when it had to be shortened."""
        text, rest = source_footer([line for line in lines if line])
        if not text:
            return rest
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
        return rest

    def notes(self, slide: Any, texts: list[str]) -> None:
        if texts:
            slide.notes_slide.notes_text_frame.text = "\n\n".join(texts)

    def picture(
        self, slide: Any, chart: Chart, left: int, top: int, width: int, height: int
    ) -> None:
        """The chart inside the box: PowerPoint's own chart or shapes when a native drawer knows
        it (no chart engine), else a picture drawn by vl-convert; either way named after the
        chart, with its title and text alternative."""
        spec = sized(chart.spec, chart.width, chart.height)
        shape = native.add_to_slide(
            slide, spec, chart.width, chart.height, (left, top, width, height)
        )
        if shape is None:
            png = self.renderer.png(chart.spec, width=chart.width, height=chart.height)
            # Fit inside the box, keeping the aspect ratio of the drawn picture.
            px_width, px_height = png_size(png)
            ratio = px_width / px_height
            w, h = width, int(width / ratio)
            if h > height:
                h, w = height, int(height * ratio)
            shape = slide.shapes.add_picture(io.BytesIO(png), left, top, Emu(w), Emu(h))
        shape.name = chart.title[:60]
        # python-pptx has no public alt-text API; a picture's and a chart's frame alike
        c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
        c_nv_pr.set("descr", chart.alt_text)
        c_nv_pr.set("title", chart.title)

    def table(
        self, slide: Any, table: ContentTable, left: int, top: int, width: int, height: int
    ) -> tuple[list[str], int]:
        """Draw at most :data:`MAX_TABLE_ROWS` rows that fit; return the rest and the height."""
        n_cols = len(table.header)
        first = 0.4 if n_cols > 2 else 0.55
        widths = [int(width * first)] + [int(width * (1 - first) / (n_cols - 1))] * (n_cols - 1)

        def row_height(values: tuple[str, ...], size: float) -> int:
            # a viewer grows a row whose text wraps: count the wrapped lines of its widest cell
            lines = max(_lines(v, w - Pt(10), size) for v, w in zip(values, widths, strict=False))
            return int(Pt(size * 1.25) * lines + Pt(size * 0.75))

        def needed(rows: tuple[tuple[str, ...], ...], size: float) -> int:
            return sum(row_height(r, size) for r in (table.header, *rows))

        size = 18.0
        max_rows = min(MAX_TABLE_ROWS, len(table.rows))
        # shrink type (not below 14 pt), then rows
        while size > 14 and needed(table.rows[:max_rows], size) > height:
            size -= 1
        while max_rows > 1 and needed(table.rows[:max_rows], size) > height:
            max_rows -= 1
        rows, rest = table.rows[:max_rows], table.rows[max_rows:]
        heights = [row_height(r, size) for r in (table.header, *rows)]
        shape = slide.shapes.add_table(len(rows) + 1, n_cols, left, top, width, sum(heights))
        shape.name = table.caption[:60]
        grid = shape.table
        for i, w in enumerate(widths):
            grid.columns[i].width = w
        for r, values in enumerate([table.header, *rows]):
            grid.rows[r].height = heights[r]
            for c in range(n_cols):
                cell = grid.cell(r, c)
                cell.text = ""
                cell.margin_top = cell.margin_bottom = Pt(2)
                run = cell.text_frame.paragraphs[0].add_run()
                run.text = values[c] if c < len(values) else ""
                _style_run(run, size, bold=(r == 0), colour=INK)
        return [" · ".join(row) for row in rest], sum(heights)

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

    def text_column(
        self,
        slide: Any,
        left: int,
        top: int,
        width: int,
        height: int,
        lead: list[str],
        items: list[str],
        *,
        bullets: bool,
    ) -> list[str]:
        """Lead (bold) and items in one column, as large as fits; returns items left out."""
        kept = list(items)
        while True:
            size = _fit_size([*lead, *kept], width, height, sizes=(24, 20, 18, 16, 14))
            if size is not None or not kept:
                break
            kept.pop()
        size = size or 16
        y = top
        if lead:
            lead_h = _text_height(lead, width, size + 2)
            _text_box(slide, left, y, width, lead_h, lead, size + 2, bold=True)
            y += lead_h + Pt(6)
        if kept:
            _text_box(
                slide, left, y, width, max(top + height - y, Pt(size)), kept, size, bullets=bullets
            )
        return items[len(kept) :]

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
        lead = [section.lead] if section.lead else []
        # the heading of the text is never repeated as its first point
        said = {text.rstrip(". ") for text in lead}
        points = section.slide_bullets or section.bullets
        bullets = [b for b in points if b.rstrip(". ") not in said]
        chart = section.charts[0] if section.charts else None
        notes: list[str] = []
        sources = list(section.sources)

        if section.key == "bronnen":
            self.text_column(slide, MARGIN, body_top, full_w, body_h, [], bullets, bullets=True)
            self.notes(slide, list(section.bullets))
            return

        text_items = bullets[:MAX_BULLETS] if bullets else list(section.paragraphs[:3])
        left_out = bullets[MAX_BULLETS:] if bullets else list(section.paragraphs[3:])
        if chart is not None:
            # Text left, picture right (the map gets more room).
            pic_w = int(full_w * {"kaart": 0.55, "overstap": 0.4}.get(section.key, 0.58))
            text_w = full_w - pic_w - Inches(0.3)
            self.picture(slide, chart, MARGIN + text_w + Inches(0.3), body_top, pic_w, body_h)
            left_out = (
                self.text_column(
                    slide, MARGIN, body_top, text_w, body_h, lead, text_items, bullets=bool(bullets)
                )
                + left_out
            )
            sources.insert(0, chart.source)
            notes.append(f"Tekstalternatief bij de afbeelding: {chart.alt_text}")
        elif section.tables:
            lead_h = _text_height(lead, full_w, 22) if lead else 0
            if lead:
                _text_box(slide, MARGIN, body_top, full_w, lead_h, lead, 22, bold=True)
            y = body_top + lead_h + Inches(0.15)
            bottom = HEIGHT - Inches(0.75)
            for table in section.tables:
                rows_fit = int((bottom - y) / Pt(14 * 2.0)) - 1
                if rows_fit < min(2, len(table.rows)):
                    notes.append(f"{table.caption}: zie het PDF-rapport.")
                    continue
                rest, used = self.table(slide, table, MARGIN, y, full_w, bottom - y)
                y += used + Inches(0.2)
                sources.insert(0, table.source)
                if rest:
                    notes += [f"{table.caption} (vervolg):", *rest]
                if section.key not in ("aannames",):
                    break  # one table per slide, except the short assumption tables
            left_out = text_items + left_out
        else:
            left_out = (
                self.text_column(
                    slide, MARGIN, body_top, full_w, body_h, lead, text_items, bullets=bool(bullets)
                )
                + left_out
            )
        all_sources = self.footer(slide, sources)
        self.notes(
            slide,
            [
                *notes,
                *left_out,
                *(p for p in section.paragraphs if p not in left_out),
                *all_sources,
            ],
        )

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


def build_pptx(content: ReportContent, renderer: ImageRenderer | None = None) -> bytes:
    """The PowerPoint deck as bytes.

    Parameters
    ----------
    content
        From :func:`~dashboard.presentation.reports.content.build_report_content`.
    renderer
        Draws the charts (default: :func:`~dashboard.presentation.reports.images.shared_renderer`).
    """
    return made(
        lambda: _DeckWriter(content, renderer or shared_renderer()).build(),
        "de PowerPoint kon niet worden gemaakt",
        "probeer het opnieuw of meld het de beheerder",
    )

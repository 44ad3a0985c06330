"""A4 PDF report in Dutch (reportlab), rendered from a :class:`~.content.ReportContent`.

Fonts: DejaVu Sans from Debian's ``fonts-dejavu-core`` is embedded when present, so €, ë, ≥ and
the typographic quotes print; otherwise reportlab's Helvetica is used (Latin-1 only: ``≥`` and
``–`` then fall back to ``>=`` and ``-``). Every text that reaches a Paragraph is escaped: scenario
names and reasons are user text and must never become markup.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.errors import DashboardError
from dashboard.reports.content import Chart, ReportContent, Section
from dashboard.reports.content import Table as ContentTable
from dashboard.reports.images import ImageRenderer, shared_renderer

log = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#c8d3de")
HEADER_BG = colors.HexColor("#e8eef4")

#: Sections that start on a new page.
NEW_PAGE = {"aannames", "methoden", "bronnen"}


def _register_fonts() -> tuple[str, str, str]:
    """(regular, bold, italic) font names; DejaVu when available."""
    try:
        pdfmetrics.getFont("DejaVuSans")
        return "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
    except KeyError:
        pass
    for folder in FONT_DIRS:
        files = {
            "DejaVuSans": folder / "DejaVuSans.ttf",
            "DejaVuSans-Bold": folder / "DejaVuSans-Bold.ttf",
            "DejaVuSans-Oblique": folder / "DejaVuSans-Oblique.ttf",
        }
        if all(p.exists() for p in files.values()):
            for name, path in files.items():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(
                "DejaVuSans",
                normal="DejaVuSans",
                bold="DejaVuSans-Bold",
                italic="DejaVuSans-Oblique",
                boldItalic="DejaVuSans-Bold",
            )
            return "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
    log.warning("DejaVu-lettertype niet gevonden; PDF gebruikt Helvetica (Latin-1)")
    return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


class _Styles:
    def __init__(self) -> None:
        regular, bold, italic = _register_fonts()
        self.latin1_only = regular == "Helvetica"

        def style(
            name: str, size: float, leading: float, font: str = regular, **extra: Any
        ) -> ParagraphStyle:
            options: dict[str, Any] = {"textColor": INK, "alignment": TA_LEFT}
            options.update(extra)
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **options)

        self.title = style("title", 24, 30, bold, textColor=ACCENT, spaceAfter=10)
        self.subtitle = style("subtitle", 13, 18, spaceAfter=4)
        self.h1 = style("h1", 16, 20, bold, textColor=ACCENT, spaceBefore=14, spaceAfter=6)
        self.lead = style("lead", 11.5, 15, bold, spaceAfter=6)
        self.body = style("body", 10.5, 14.5, spaceAfter=5)
        self.cell = style("cell", 9, 11.5)
        self.cell_head = style("cellh", 9, 11.5, bold)
        self.caption = style("caption", 9.5, 12.5, bold, spaceBefore=6, spaceAfter=3)
        self.alt = style("alt", 8.5, 11, italic, textColor=MUTED, spaceAfter=2)
        self.source = style("source", 8, 10.5, textColor=MUTED, spaceAfter=6)
        self.missing = style(
            "missing",
            10.5,
            14,
            italic,
            textColor=MUTED,
            backColor=colors.HexColor("#f3f3f3"),
            borderPadding=6,
            spaceBefore=4,
            spaceAfter=10,
        )
        self.regular, self.bold = regular, bold

    def text(self, value: str) -> str:
        """Escape for reportlab markup; without DejaVu, replace what Helvetica cannot print."""
        out = escape(str(value))
        if self.latin1_only:
            for a, b in (
                ("≥", ">="),
                ("≤", "<="),
                ("–", "-"),
                ("—", "-"),
                ("→", "->"),
                ("’", "'"),
                ("‘", "'"),
                ("“", '"'),
                ("”", '"'),
                ("…", "..."),
                ("€", "EUR"),
            ):
                out = out.replace(a, b)
        return out


def _numbered_canvas(title: str, date_text: str, font: str) -> type[rl_canvas.Canvas]:
    """A canvas that writes "Pagina x van y" once the page count is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = A4
            self.setFont(font, 8)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.line(2 * cm, 1.5 * cm, width - 2 * cm, 1.5 * cm)
            self.drawString(2 * cm, 1.05 * cm, f"{title} · {date_text}")
            self.drawRightString(
                width - 2 * cm, 1.05 * cm, f"Pagina {self._pageNumber} van {total}"
            )

    return NumberedCanvas


def _column_widths(
    table: ContentTable, n_cols: int, total: float, regular: str, bold: str
) -> list[float]:
    """Every column at least as wide as its longest word; the rest shared by text length."""
    minimum, desired = [], []
    for i in range(n_cols):
        head = table.header[i] if i < len(table.header) else ""
        cells = [row[i] for row in table.rows if i < len(row)]
        words = [(w, bold) for w in head.split()] + [(w, regular) for c in cells for w in c.split()]
        widest = max((pdfmetrics.stringWidth(w, f, 9) for w, f in words), default=10.0)
        minimum.append(widest + 14)  # 6 pt cell padding each side, plus a little slack
        desired.append(min(max((len(c) for c in [head, *cells]), default=1), 44))
    spare = total - sum(minimum)
    if spare <= 0:
        return [m * total / sum(minimum) for m in minimum]
    extra = [max(d * 5.0 - m, 0.0) for d, m in zip(desired, minimum, strict=True)]
    scale = min(1.0, spare / sum(extra)) if sum(extra) else 0.0
    widths = [m + e * scale for m, e in zip(minimum, extra, strict=True)]
    leftover = total - sum(widths)
    return [w + leftover * d / sum(desired) for w, d in zip(widths, desired, strict=True)]


class _PdfWriter:
    def __init__(self, content: ReportContent, renderer: ImageRenderer) -> None:
        self.content = content
        self.renderer = renderer
        self.st = _Styles()
        self.figure_no = 0
        self.table_no = 0
        self.frame_width = A4[0] - 4 * cm

    def para(self, text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(self.st.text(text), style)

    def title_page(self) -> list[Any]:
        c = self.content
        story: list[Any] = [
            Spacer(1, 5 * cm),
            self.para(c.title, self.st.title),
            self.para("Rapport voor het college", self.st.subtitle),
            Spacer(1, 0.6 * cm),
            self.para(c.subtitle, self.st.subtitle),
            self.para(f"Datum: {c.date_text}", self.st.subtitle),
            Spacer(1, 1.2 * cm),
            self.para("Inhoud", self.st.lead),
        ]
        for i, section in enumerate(c.sections, start=1):
            mark = "" if section.available else " (niet beschikbaar)"
            story.append(self.para(f"{i}. {section.title}{mark}", self.st.body))
        story.append(Spacer(1, 1 * cm))
        story.append(
            self.para(
                "Gemaakt met het arbeidsmarktregio-dashboard. Elk cijfer heeft een bronregel; "
                "ontbrekende gegevens staan er als ‘niet beschikbaar’.",
                self.st.source,
            )
        )
        story.append(PageBreak())
        return story

    def table(self, table: ContentTable) -> list[Any]:
        self.table_no += 1
        n_cols = (
            max(len(table.header), *(len(r) for r in table.rows))
            if table.rows
            else len(table.header)
        )
        data = [[Paragraph(self.st.text(h), self.st.cell_head) for h in table.header]]
        for row in table.rows:
            cells = [Paragraph(self.st.text(v), self.st.cell) for v in row]
            cells += [""] * (n_cols - len(cells))
            data.append(cells)
        widths = _column_widths(table, n_cols, self.frame_width, self.st.regular, self.st.bold)
        grid = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        caption = self.para(f"Tabel {self.table_no}. {table.caption}", self.st.caption)
        source = [self.para(table.source, self.st.source)] if table.source else []
        if len(table.rows) < 15:  # short tables stay whole, with their source line under them
            return [KeepTogether([caption, grid, *source])]
        return [caption, grid, *source]

    def chart(self, chart: Chart) -> list[Any]:
        self.figure_no += 1
        caption = self.para(f"Figuur {self.figure_no}. {chart.title}", self.st.caption)
        # vector graphics: sharp at any zoom and in print
        drawing = self.renderer.drawing(chart.spec, chart.width, chart.height)
        width = self.frame_width if chart.width >= chart.height else self.frame_width * 0.8
        height = width * drawing.height / drawing.width
        max_height = 15 * cm
        if height > max_height:
            width, height = width * max_height / height, max_height
        factor = width / drawing.width
        drawing.scale(factor, factor)
        drawing.width, drawing.height = width, height
        drawing.hAlign = "LEFT"
        parts = [caption, drawing, self.para(f"Tekstalternatief: {chart.alt_text}", self.st.alt)]
        parts.append(self.para(chart.source, self.st.source))
        return [KeepTogether(parts)]

    def bullets(self, items: tuple[str, ...]) -> Any:
        return ListFlowable(
            [ListItem(self.para(b, self.st.body), leftIndent=12, value="•") for b in items],
            bulletType="bullet",
            start="•",
            leftIndent=12,
            bulletFontName=self.st.regular,
        )

    def section(self, number: int, section: Section) -> list[Any]:
        story: list[Any] = []
        if section.key in NEW_PAGE:
            story.append(PageBreak())
        else:
            story.append(CondPageBreak(6 * cm))
        story.append(self.para(f"{number}. {section.title}", self.st.h1))
        if not section.available:
            story.append(self.para(section.lead, self.st.missing))
            story.extend(self.para(p, self.st.body) for p in section.paragraphs)
            return story
        if section.lead:
            story.append(self.para(section.lead, self.st.lead))
        story.extend(self.para(p, self.st.body) for p in section.paragraphs)
        if section.bullets:
            story.append(self.bullets(section.bullets))
        for chart in section.charts:
            story.extend(self.chart(chart))
        for table in section.tables:
            story.extend(self.table(table))
        shown = {t.source for t in section.tables} | {c.source for c in section.charts}
        lines = [self.para(line, self.st.source) for line in section.sources if line not in shown]
        if lines and story and not isinstance(story[-1], KeepTogether):
            story[-1] = KeepTogether([story[-1], *lines])  # never a lone source line on a page
        elif lines:
            story.append(KeepTogether(lines))
        return story

    def build(self) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=2 * cm,
            rightMargin=2 * cm,
            topMargin=2 * cm,
            bottomMargin=2.2 * cm,
            title=f"{self.content.title} – {self.content.scenario_name}",
            author="Arbeidsmarktregio-dashboard",
            subject=self.content.subtitle,
            lang="nl-NL",
        )
        story = self.title_page()
        for i, section in enumerate(self.content.sections, start=1):
            story.extend(self.section(i, section))
        doc.build(
            story,
            canvasmaker=_numbered_canvas(
                self.content.title, self.content.date_text, self.st.regular
            ),
        )
        return buffer.getvalue()


def build_pdf(content: ReportContent, renderer: ImageRenderer | None = None) -> bytes:
    """The PDF report as bytes.

    Parameters
    ----------
    content
        From :func:`~dashboard.reports.content.build_report_content`.
    renderer
        Draws the charts (default: :func:`~dashboard.reports.images.shared_renderer`).
    """
    try:
        return _PdfWriter(content, renderer or shared_renderer()).build()
    except DashboardError:
        raise
    except (
        ValueError,
        OSError,
    ) as err:  # reportlab layout errors are ValueErrors without Dutch text
        raise DashboardError(f"het PDF-rapport kon niet worden opgemaakt: {err}") from err

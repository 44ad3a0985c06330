"""A4 PDF report in Dutch (reportlab), rendered from a :class:`~.content.ReportContent`.

Fonts: DejaVu Sans (regular and bold; no italics) from Debian's ``fonts-dejavu-core`` is
embedded when present, so €, ë, ≥ and the typographic quotes print; otherwise reportlab's
Helvetica is used (Latin-1 only: ``≥`` and ``–`` then fall back to ``>=`` and ``-``). Every text
that reaches a Paragraph is escaped: scenario names and reasons are user text and must never
become markup.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape as html_escape  # xml.sax.saxutils would import urllib.request
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _RlParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paragraph import split as paragraph_split
from reportlab.platypus.paraparser import ParaParser

from dashboard.core.formatting import MONTH_NAMES, NIET_BESCHIKBAAR
from dashboard.presentation.reports.content import Chart, ReportContent, Section
from dashboard.presentation.reports.content import Table as ContentTable
from dashboard.presentation.reports.failures import made
from dashboard.presentation.reports.images import (
    ChartFonts,
    ImageRenderer,
    pdf_fonts,
    shared_renderer,
)

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#c8d3de")
HEADER_BG = colors.HexColor("#e8eef4")

#: Sections that start on a new page (the annex that follows them continues on the same page).
NEW_PAGE = {"aannames"}


#: Per paragraph style, what reportlab's markup parser makes of a text without markup.
_PLAIN_FRAGS: WeakKeyDictionary[ParagraphStyle, Any] = WeakKeyDictionary()


def _plain_frags(text: str, style: ParagraphStyle) -> list[Any]:
    """The fragments reportlab's markup parser makes of ``text`` (cleaned, without ``<`` and
    ``&``): one fragment of the style's font, size and colour holding the text; none for an
    empty text. The parser runs once per style instead of once per paragraph."""
    if not text:
        return []
    template = _PLAIN_FRAGS.get(style)
    if template is None:
        parser = ParaParser()
        parser.caseSensitive = 1
        template = _PLAIN_FRAGS[style] = parser.parse("x", style)[1][0]
    # no list shared between paragraphs (the parser starts each paragraph with new ones)
    lists = {k: list(v) for k, v in vars(template).items() if isinstance(v, list)}
    frag = template.clone(**lists, text=text)
    frags = [frag]
    textTransformFrags(frags, style)
    return frags


class Paragraph(_RlParagraph):
    """reportlab's paragraph, breaking its lines once per width and parsing no markup where
    there is none.

    The layout asks a paragraph for its size several times at the same width (a table cell: to
    size its row, then to draw it; a kept-together block: to see if it fits, then again in the
    frame). reportlab breaks the lines anew on every call, though they depend only on the width
    (not on the height offered): the last width's result is kept, as long as the broken lines
    are (a split that finds no room drops them).

    Most paragraphs (table cells, source lines) are escaped text without tags: reportlab's own
    cleaning gives their text and :func:`_plain_frags` the fragments its parser would make.
    """

    def __init__(
        self, text: Any, style: ParagraphStyle | None = None, *args: Any, **kwargs: Any
    ) -> None:
        if (
            style is not None
            and not args
            and not kwargs
            and isinstance(text, str)
            and "<" not in text
            and "&" not in text
        ):
            text = cleanBlockQuotedText(text)
            kwargs["frags"] = _plain_frags(text, style)
        super().__init__(text, style, *args, **kwargs)

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if (
            self._wrapped is not None
            and self._wrapped[0] == availWidth
            and "blPara" in self.__dict__
        ):
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class _Styles:
    def __init__(self) -> None:
        regular, bold = pdf_fonts()
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
        # smaller and grey, upright: several lines of italics read harder (see pdf_fonts)
        self.alt = style("alt", 8.5, 11, textColor=MUTED, spaceAfter=4)
        self.source = style("source", 8, 10.5, textColor=MUTED, spaceAfter=6)
        self.missing = style(
            "missing",
            10.5,
            14,
            textColor=MUTED,
            backColor=colors.HexColor("#f3f3f3"),
            borderPadding=6,
            spaceBefore=4,
            spaceAfter=10,
        )
        self.regular, self.bold = regular, bold
        self.chart_fonts = ChartFonts(regular, bold)

    def text(self, value: str) -> str:
        """Escape for reportlab markup; without DejaVu, replace what Helvetica cannot print."""
        out = html_escape(str(value), quote=False)  # & < >, as reportlab's markup needs
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
            width = self._pagesize[0]  # portrait or landscape
            self.setFont(font, 8)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.line(2 * cm, 1.5 * cm, width - 2 * cm, 1.5 * cm)
            self.drawString(2 * cm, 1.05 * cm, f"{title} · {date_text}")
            self.drawRightString(
                width - 2 * cm, 1.05 * cm, f"Pagina {self._pageNumber} van {total}"
            )

    return NumberedCanvas


#: Page margins (left/right, top, bottom) of both page orientations.
MARGIN, TOP, BOTTOM = 2 * cm, 2 * cm, 2.2 * cm
PORTRAIT, LANDSCAPE = A4, landscape(A4)
#: Type sizes a table may use, largest first; a table that fits neither on a portrait page
#: goes on a landscape page, and one too wide for that is split into column groups.
TABLE_SIZES = (9.0, 8.0)
CELL_PADDING = 6.0  # reportlab's default left and right cell padding
#: A "word" wider than this share of the page is broken where it must be (a reason of 500
#: letters without a space); everything shorter stays whole.
LONG_WORD_SHARE = 0.36
NBSP = "\u00a0"
#: A source line longer than this is printed once; later tables and figures refer to it.
LONG_SOURCE = 160
#: A cell made only of figures: an amount, a count, a percentage, a change "+€ 1.000 (+5,0%)".
_FIGURE = re.compile(r"[\s+\-−–€%()\d.,×]+")
_EURO_SPACE = re.compile(r"€ (?=[\d+\-−])")
#: "22 november": a day and its month stay on one line, as a figure does.
_DAY_MONTH = re.compile(r"\b(\d{1,2}) (?=(?:" + "|".join(MONTH_NAMES) + r")\b)")
#: A soft hyphen: reportlab may break a word there, and prints a hyphen only where it does.
SHY = "\u00ad"
#: Where the long compound words of the dashboard's labels may break in a narrow table column,
#: at their joints ("arbeids-" "ongeschiktheids-" "uitkering"). Without them such a header word
#: made its column as wide as the word and squeezed every other header into six or seven short
#: lines (Tabel 5). Written out here because a Dutch hyphenation dictionary takes longer to load
#: (pyphen: ~70 ms) than the PDF's whole table layout, and breaks at syllables, not at joints.
COMPOUND_JOINTS = (
    "arbeids|ongeschiktheids|uitkering",
    "arbeids|participatie",
    "bedrijfs|vestigingen",
    "beroeps|bevolking",
    "bevolkings|dichtheid",
    "huishoudens|grootte",
)
_JOINTS = {w.replace("|", ""): [len(p) for p in w.split("|")[:-1]] for w in COMPOUND_JOINTS}
_COMPOUND = re.compile("|".join(map(re.escape, sorted(_JOINTS, key=len, reverse=True))), re.I)


@lru_cache(maxsize=8192)
def is_figure(text: str) -> bool:
    """True for a cell that is a number (with its sign, € and %), printed on one line."""
    return bool(_FIGURE.fullmatch(text)) and any(ch.isdigit() for ch in text)


def unbreakable(text: str) -> str:
    """The text as it is printed in a table cell: a figure with no-break spaces, never wrapped;
    "€ 183.588" and "22 november" kept together in running text."""
    if is_figure(text):
        return NBSP.join(text.split())
    text = _DAY_MONTH.sub(r"\1" + NBSP, _EURO_SPACE.sub("€" + NBSP, text))
    return _COMPOUND.sub(_joints, text)


def _joints(match: re.Match[str]) -> str:
    """A compound word (any case) with a soft hyphen at each of its joints."""
    word, out, at = match.group(0), [], 0
    for length in _JOINTS[word.lower()]:
        out.append(word[at : at + length])
        at += length
    return SHY.join([*out, word[at:]])


def break_units(text: str) -> list[str]:
    """The pieces a cell may be wrapped between: words, split once more after a hyphen
    ("Leidschendam-" "Voorburg") and at a compound's joints (each such piece ends in
    :data:`SHY`, printed as a hyphen where the word is broken); a figure is one piece."""
    return list(_break_units(text))


@lru_cache(maxsize=8192)
def _break_units(text: str) -> tuple[str, ...]:
    # split as reportlab splits: at spaces, never at a no-break space
    words = (w for w in paragraph_split(unbreakable(text)) if w)
    return tuple(part for word in words for part in re.split(r"(?<=[-\xad])(?=.)", word))


@lru_cache(maxsize=16384)
def _width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` in ``font`` at ``size``. The layout asks for the same
    cells many times (every column, both type sizes, both page orientations, the height of
    each candidate): measured once each. A font name stands for one font file in a process."""
    return pdfmetrics.stringWidth(text, font, size)


@lru_cache(maxsize=16384)
def _widest_unit(text: str, font: str, size: float) -> float:
    """Width of the widest piece a cell may be wrapped between (:func:`break_units`), a piece
    broken at a joint with its hyphen."""
    return max(
        (_width(unit.replace(SHY, "-"), font, size) for unit in _break_units(text)), default=0.0
    )


@lru_cache(maxsize=16384)
def _cell_width(text: str, font: str, size: float) -> float:
    """Width of a cell's text on one line, as the table prints it (:func:`unbreakable`; a soft
    hyphen that breaks nothing is not printed)."""
    return _width(unbreakable(text).replace(SHY, ""), font, size)


@dataclass(frozen=True)
class TableLayout:
    """How a table is printed: type size, page orientation and the column groups (each a list
    of column indexes; more than one when the table is split), with their widths."""

    size: float
    landscape: bool
    groups: tuple[tuple[int, ...], ...]
    widths: tuple[tuple[float, ...], ...]


def _line_width(cells: list[tuple[str, str]], size: float, widest: float, cap: float) -> float:
    """The longest of ``cells`` (text, font) on one line, at most ``cap``, at least ``widest``."""
    width = max((_cell_width(t, f, size) for t, f in cells), default=0.0)
    return max(min(width, cap), widest)


def _measure(
    table: ContentTable, n_cols: int, size: float, fonts: tuple[str, str], frame: float
) -> tuple[list[float], list[float], list[float]]:
    """Per column the narrowest width that breaks no word, the width it needs (a column of
    figures: its widest figure, its header may wrap) and the width of its longest line."""
    regular, bold = fonts
    cap = LONG_WORD_SHARE * frame
    pad = 2 * CELL_PADDING + 1.0  # and a point of slack against rounding
    minimum, needed, longest = [], [], []
    for i in range(n_cols):
        head = table.header[i] if i < len(table.header) else ""
        cells = [(head, bold)] + [(row[i], regular) for row in table.rows if i < len(row)]
        widest = min(max((_widest_unit(t, f, size) for t, f in cells), default=0.0), cap)

        body = [text for text, _ in cells[1:] if text]
        figures = body and all(is_figure(t) or t == NIET_BESCHIKBAAR for t in body)
        minimum.append(widest + pad)
        longest.append(_line_width(cells, size, widest, 0.45 * frame) + pad)
        needed.append(_line_width(cells[1:], size, widest, 0.45 * frame) + pad)
        if not figures:
            needed[-1] = longest[-1]
    return minimum, needed, longest


def _fill(start: list[float], target: list[float], total: float) -> list[float]:
    """Raise every column from ``start`` towards ``target`` to one common width until the
    widths add up to ``total`` (a narrow column reaches its target first)."""

    def widths(level: float) -> list[float]:
        return [max(a, min(b, level)) for a, b in zip(start, target, strict=True)]

    low, high = 0.0, max(target)
    for _ in range(60):  # bisection on the common width
        level = (low + high) / 2
        low, high = (level, high) if sum(widths(level)) < total else (low, level)
    return widths(low)


def _spread(
    minimum: list[float], needed: list[float], longest: list[float], total: float
) -> list[float]:
    """Widths that fill ``total``: first every column towards what it needs, then towards
    its longest line (headers on fewer lines), the rest in proportion to the widths."""
    if sum(needed) > total:
        return _fill(minimum, needed, total)
    if sum(longest) > total:
        return _fill(needed, longest, total)
    return [w + (total - sum(longest)) * w / sum(longest) for w in longest]


def _height(table: ContentTable, layout: TableLayout, fonts: tuple[str, str]) -> float:
    """Estimated height of a one-group table: per row its tallest cell, in lines."""
    regular, bold = fonts
    widths = layout.widths[0]
    total = 0.0
    for font, row in [(bold, table.header), *((regular, r) for r in table.rows)]:
        lines = 1
        for text, width in zip(row, widths, strict=False):
            room = max(width - 2 * CELL_PADDING, 1.0)
            used = _cell_width(text, font, layout.size)
            lines = max(lines, math.ceil(used / room * 1.15))  # a little lost at line ends
        total += lines * layout.size * 1.28 + 6
    return total


def table_layout(table: ContentTable, n_cols: int, fonts: tuple[str, str]) -> TableLayout:
    """Column widths from the content: no figure and no word is broken. The table takes the
    largest type that fits a portrait page, else a landscape page, else it is split into
    groups of columns that each repeat the first column."""
    every = tuple(range(n_cols))
    for landscaped in (False, True):
        frame = (LANDSCAPE if landscaped else PORTRAIT)[0] - 2 * MARGIN
        fitting = []
        for size in TABLE_SIZES:
            minimum, needed, longest = _measure(table, n_cols, size, fonts, frame)
            if sum(minimum) <= frame:
                widths = tuple(_spread(minimum, needed, longest, frame))
                fitting.append(TableLayout(size, landscaped, (every,), (widths,)))
        if fitting:
            # the largest type, unless a smaller one saves a quarter of the table's height
            # (narrow columns of text make rows many lines high)
            best = fitting[0]
            for other in fitting[1:]:
                if _height(table, other, fonts) < 0.75 * _height(table, best, fonts):
                    best = other
            return best
    size = TABLE_SIZES[-1]
    frame = LANDSCAPE[0] - 2 * MARGIN
    minimum, needed, longest = _measure(table, n_cols, size, fonts, frame)
    groups: list[list[int]] = [[0]]
    for i in range(1, n_cols):
        if len(groups[-1]) > 1 and sum(minimum[c] for c in (*groups[-1], i)) > frame:
            groups.append([0])
        groups[-1].append(i)
    return TableLayout(
        size,
        True,
        tuple(tuple(g) for g in groups),
        tuple(
            tuple(
                _spread(
                    [minimum[c] for c in g], [needed[c] for c in g], [longest[c] for c in g], frame
                )
            )
            for g in groups
        ),
    )


class _Landscape(list):
    """Flowables printed on landscape pages (a wide table with its caption and source)."""


class _PdfWriter:
    def __init__(self, content: ReportContent, renderer: ImageRenderer) -> None:
        self.content = content
        self.renderer = renderer
        self.st = _Styles()
        self.figure_no = 0
        self.table_no = 0
        self.printed_sources: dict[str, str] = {}
        self.printed_texts: set[str] = set()
        self.frame_width = PORTRAIT[0] - 2 * MARGIN

    def para(self, text: str, style: ParagraphStyle) -> Paragraph:
        # "€ 183.588" and "22 november" stay on one line here too, as in a table's cells
        return Paragraph(self.st.text(unbreakable(text)), style)

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

    def cell_styles(self, size: float) -> tuple[ParagraphStyle, ParagraphStyle]:
        """Body and header cell styles at ``size``: words break at spaces and after hyphens."""
        leading = round(size * 1.28, 1)
        return tuple(
            ParagraphStyle(
                f"{base.name}-{size}",
                parent=base,
                fontSize=size,
                leading=leading,
                embeddedHyphenation=1,
            )
            for base in (self.st.cell, self.st.cell_head)
        )

    def cell_text(self, value: str) -> str:
        return self.st.text(unbreakable(value))

    def source_lines(self, lines: list[str], ref: str | None = None) -> list[Paragraph]:
        """Source lines; a long one already printed under a table or figure is referred to
        ("Bron: zie Tabel 3.") instead of printed again."""
        out = []
        for line in lines:
            if len(line) > LONG_SOURCE and line in self.printed_sources:
                line = f"Bron: zie {self.printed_sources[line]}."
            elif ref is not None:
                self.printed_sources.setdefault(line, ref)
            out.append(self.para(line, self.st.source))
        return out

    def table(self, table: ContentTable) -> list[Any]:
        self.table_no += 1
        n_cols = (
            max(len(table.header), *(len(r) for r in table.rows))
            if table.rows
            else len(table.header)
        )
        layout = table_layout(table, n_cols, (self.st.regular, self.st.bold))
        body, head = self.cell_styles(layout.size)
        header = [*table.header, *([""] * (n_cols - len(table.header)))]
        rows = [[*row, *([""] * (n_cols - len(row)))] for row in table.rows]
        # columns of figures are right-aligned, so their digits line up
        figures = {
            i
            for i in range(1, n_cols)
            if rows and all(is_figure(r[i]) or r[i] in ("", NIET_BESCHIKBAAR) for r in rows)
        }
        right = [ParagraphStyle(f"{s.name}-r", parent=s, alignment=TA_RIGHT) for s in (body, head)]
        source = self.source_lines([table.source], f"Tabel {self.table_no}") if table.source else []
        out: list[Any] = []
        for part, (columns, widths) in enumerate(zip(layout.groups, layout.widths, strict=True)):
            data = [
                [
                    Paragraph(self.cell_text(values[c]), right[i] if c in figures else style)
                    for c in columns
                ]
                for i, style, values in [(1, head, header), *((0, body, row) for row in rows)]
            ]
            grid = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
            commands: list[Any] = [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
            grid.setStyle(TableStyle(commands))
            suffix = "" if part == 0 else " (vervolg)"
            caption = self.para(f"Tabel {self.table_no}{suffix}. {table.caption}", self.st.caption)
            last = part == len(layout.groups) - 1
            parts = [caption, grid, *(source if last else [])]
            if len(table.rows) < 15:  # short tables stay whole, with their source line under them
                out.append(KeepTogether(parts))
            else:
                out.extend(parts)
        return [_Landscape(out)] if layout.landscape else out

    def chart(self, chart: Chart) -> list[Any]:
        self.figure_no += 1
        caption = self.para(f"Figuur {self.figure_no}. {chart.title}", self.st.caption)
        # vector graphics: sharp at any zoom and in print
        drawing = self.renderer.drawing(
            chart.spec, chart.width, chart.height, fonts=self.st.chart_fonts
        )
        width = self.frame_width if chart.width >= chart.height else self.frame_width * 0.8
        height = width * drawing.height / drawing.width
        max_height = 15 * cm
        if height > max_height:
            width, height = width * max_height / height, max_height
        factor = width / drawing.width
        drawing.scale(factor, factor)
        drawing.width, drawing.height = width, height
        drawing.hAlign = "LEFT"
        # the label in bold: it sets the text apart from the source line under it
        alt = Paragraph(
            f"<b>Tekstalternatief:</b> {self.st.text(unbreakable(chart.alt_text))}", self.st.alt
        )
        parts = [caption, drawing, alt]
        parts.extend(self.source_lines([chart.source], f"Figuur {self.figure_no}"))
        return [KeepTogether(parts)]

    def bullets(self, items: tuple[str, ...]) -> Any:
        return ListFlowable(
            [ListItem(self.para(b, self.st.body), leftIndent=12, value="•") for b in items],
            bulletType="bullet",
            start="•",
            leftIndent=12,
            bulletFontName=self.st.regular,
        )

    def once(self, key: str, texts: tuple[str, ...]) -> tuple[str, ...]:
        """The texts not yet printed in an earlier section: the robustness section need not
        repeat why the winner wins. The conclusion sums up, so it repeats on purpose."""
        if key == "conclusie":
            return texts
        fresh = tuple(t for t in texts if t not in self.printed_texts)
        self.printed_texts.update(texts)
        return fresh

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
            self.printed_texts.add(section.lead)
            story.append(self.para(section.lead, self.st.lead))
        story.extend(self.para(p, self.st.body) for p in self.once(section.key, section.paragraphs))
        bullets = self.once(section.key, section.bullets)
        if bullets:
            story.append(self.bullets(bullets))
        for chart in section.charts:
            story.extend(self.chart(chart))
        for table in section.tables:
            story.extend(self.table(table))
        lines = self.source_lines(section.further_sources())
        if lines and isinstance(story[-1], _Landscape):
            story[-1].extend(lines)
        elif lines and not isinstance(story[-1], KeepTogether):
            story[-1] = KeepTogether([story[-1], *lines])  # never a lone source line on a page
        elif lines:
            story.append(KeepTogether(lines))
        return story

    def build(self) -> bytes:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=PORTRAIT,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=f"{self.content.title} – {self.content.scenario_name}",
            author="Arbeidsmarktregio-dashboard",
            subject=self.content.subtitle,
            lang="nl-NL",
        )
        doc.addPageTemplates(
            [
                PageTemplate(
                    id=name,
                    pagesize=size,
                    frames=[
                        Frame(
                            MARGIN,
                            BOTTOM,
                            size[0] - 2 * MARGIN,
                            size[1] - TOP - BOTTOM,
                            leftPadding=0,
                            rightPadding=0,
                            topPadding=0,
                            bottomPadding=0,
                        )
                    ],
                )
                for name, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE))
            ]
        )
        story = self.title_page()
        for i, section in enumerate(self.content.sections, start=1):
            story.extend(self.section(i, section))
        doc.build(
            _with_orientation(story),
            canvasmaker=_numbered_canvas(
                self.content.title, self.content.date_text, self.st.regular
            ),
        )
        return buffer.getvalue()


def _with_orientation(story: list[Any]) -> list[Any]:
    """The story with page-template switches: consecutive wide tables share landscape pages,
    the text after them continues on a portrait page."""
    out: list[Any] = []
    wide = False
    for item in story:
        if isinstance(item, _Landscape):
            if not wide:
                out += [NextPageTemplate("landscape"), PageBreak()]
                wide = True
            out.extend(item)
            continue
        if wide:
            out.append(NextPageTemplate("portrait"))
            if not isinstance(item, PageBreak):
                out.append(PageBreak())
            wide = False
            if isinstance(item, CondPageBreak):
                continue  # the page break above already gave it a fresh page
        out.append(item)
    return out


def build_pdf(content: ReportContent, renderer: ImageRenderer | None = None) -> bytes:
    """The PDF report as bytes.

    Parameters
    ----------
    content
        From :func:`~dashboard.presentation.reports.content.build_report_content`.
    renderer
        Draws the charts (default: :func:`~dashboard.presentation.reports.images.shared_renderer`).
    """
    return made(
        lambda: _PdfWriter(content, renderer or shared_renderer()).build(),
        "het PDF-rapport kon niet worden opgemaakt (een tabel of tekst past niet op de pagina)",
        "probeer het opnieuw met kortere teksten of meld het de beheerder",
    )

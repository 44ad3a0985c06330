"""A report as plain text for a terminal: the same sections the page, the PDF and the slides
render, with their titles, leads, paragraphs, bullets, tables, the text alternatives of the
charts and the source lines.

Every line goes through :func:`dashboard.core.markup.terminal_text`: names from data and a
scenario's
text cannot drive the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator

from dashboard.core.markup import terminal_text
from dashboard.presentation.reports.sections.model import ReportContent, Section
from dashboard.presentation.tables import Table

#: A table wider than this is written as a list, one block per row.
MAX_TABLE_WIDTH = 120


def _table_lines(table: Table) -> Iterator[str]:
    rows = [table.header, *table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    yield table.caption
    if sum(widths) + 2 * (len(widths) - 1) <= MAX_TABLE_WIDTH:
        yield line(table.header)
        yield line(tuple("-" * w for w in widths))
        yield from (line(row) for row in table.rows)
    else:  # long texts in cells: each row as its first cell with the others under it
        for row in table.rows:
            yield f"- {row[0]}"
            yield from (
                f"  {head}: {cell}"
                for head, cell in zip(table.header[1:], row[1:], strict=True)
                if cell
            )
    if table.source:
        yield table.source


def _section_lines(number: int, section: Section) -> Iterator[str]:
    heading = f"{number}. {section.title}"
    yield heading
    yield "=" * len(heading)
    if section.lead:
        yield section.lead
        yield ""
    for paragraph in section.paragraphs:
        yield paragraph
        yield ""
    if section.bullets:
        yield from (f"- {bullet}" for bullet in section.bullets)
        yield ""
    for table in section.tables:
        yield from _table_lines(table)
        yield ""
    for chart in section.charts:
        yield f"Grafiek: {chart.title}"
        yield chart.alt_text
        yield chart.source
        yield ""
    sources = section.further_sources()
    if sources:
        yield from sources
        yield ""


def report_text(content: ReportContent) -> str:
    """The whole report as plain text, one section after the other in report order."""
    lines = [content.title, content.subtitle, content.date_text, ""]
    for number, section in enumerate(content.sections, start=1):
        lines.extend(_section_lines(number, section))
    return "\n".join(terminal_text(line) for line in lines).rstrip() + "\n"

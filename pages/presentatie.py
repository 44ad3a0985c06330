"""Presentatie: the current view as a clean, step-by-step story for a college meeting.

No editing widgets: the weighting and the overstap settings are read from the session (locked
here; they are changed on the Varianten and Overstap pages). Steps: vraag, kaart, regio's,
overstap, varianten, robuustheid, conclusie. PageDown/PageUp (what a presenter's remote sends)
move to the next/previous step. The PDF and PowerPoint downloads are built from the same content.
"""

from __future__ import annotations

import contextlib
import json

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from dashboard.core.errors import DashboardError
from dashboard.core.markup import escape_markdown
from dashboard.data.sources import merge_source_lines
from dashboard.presentation.reports.content import (
    PRESENTATION_STEPS,
    Chart,
    ReportContent,
    Section,
    Table,
)
from dashboard.presentation.reports.images import shared_renderer, svg_size
from dashboard.presentation.reports.sections.sizes import STEP_HEIGHT
from dashboard.presentation.tables import file_stem
from dashboard.ui import cache
from dashboard.ui.layout import expander, page_guard
from dashboard.ui.state import (
    current_problem,
    overstap_settings,
    problem_config,
    robustness_settings,
)

page_guard()

STEP_KEY = "presentatie_stap"
STEP_CLICKED_KEY = "presentatie_stap_gekozen"

# Only Streamlit's own chrome is hidden and the type sized for a projector; no user text is
# ever put in HTML. Every step must fit one screen (1280×720 up to 1920×1080) without scrolling:
# tighter spacing, and smaller type on low screens.
st.html(
    """
<style>
header[data-testid="stHeader"], div[data-testid="stToolbar"], div[data-testid="stDecoration"],
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
button[data-testid="stExpandSidebarButton"] { display: none !important; }
div[data-testid="stMainBlockContainer"] {
  padding: 0.6rem 2rem 0.5rem 2rem; max-width: 1800px; }
div[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.45rem; }
div[data-testid="stMainBlockContainer"] p, div[data-testid="stMainBlockContainer"] li {
  font-size: 1.35rem; line-height: 1.4; }
div[data-testid="stMainBlockContainer"] li { margin-bottom: 0.15rem; }
div[data-testid="stMainBlockContainer"] h1 { font-size: 1.5rem; padding: 0.2rem 0; }
div[data-testid="stMainBlockContainer"] h2 { font-size: 2rem; padding: 0.1rem 0 0.3rem 0; }
div[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {
  font-size: 1rem; line-height: 1.3; }
div[data-testid="stMainBlockContainer"] table { font-size: 1.2rem; }
div[data-testid="stMainBlockContainer"] [data-testid="stRadio"] label p { font-size: 1.1rem; }
div[data-testid="stMainBlockContainer"] [data-testid="stRadio"] [role="radiogroup"] {
  column-gap: 0.6rem; }
@media (max-height: 820px) {
  div[data-testid="stMainBlockContainer"] p, div[data-testid="stMainBlockContainer"] li {
    font-size: 1.08rem; line-height: 1.35; }
  div[data-testid="stMainBlockContainer"] h2 { font-size: 1.5rem; }
  div[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {
    font-size: 0.9rem; }
  div[data-testid="stMainBlockContainer"] table { font-size: 1rem; }
  div[data-testid="stMainBlockContainer"] [data-testid="stRadio"] label p { font-size: 1rem; }
}
</style>
"""
)

#: Short step names for the step selector (the full title is the heading of the step).
STEP_NAMES = {
    "vraag": "Vraag",
    "kaart": "Kaart",
    "regios": "Regio's",
    "arbeidsmarkt": "Arbeidsmarkt",
    "overstap": "Overstap",
    "varianten": "Varianten",
    "robuustheid": "Robuustheid",
    "conclusie": "Conclusie",
}
#: Bullets beside a chart and on a text-only step; the rest under "Meer toelichting".
BULLETS_BESIDE_CHART = 3
BULLETS_ALONE = 8
TABLE_ROWS = 6


def step_clicked() -> None:
    st.session_state[STEP_CLICKED_KEY] = True


def step_by(delta: int) -> None:
    """Callback of the previous/next buttons: move the step selector."""
    current = st.session_state.get(STEP_KEY, PRESENTATION_STEPS[0])
    i = PRESENTATION_STEPS.index(current) if current in PRESENTATION_STEPS else 0
    st.session_state[STEP_KEY] = PRESENTATION_STEPS[
        max(0, min(len(PRESENTATION_STEPS) - 1, i + delta))
    ]


def show_chart(chart: Chart) -> None:
    # the picture of the slide and the PDF, drawn by the server: no chart library to load.
    # At most STEP_HEIGHT pixels high on screen (a map keeps its whole area in view).
    svg = shared_renderer().svg(chart.spec, chart.width, chart.height)
    svg_width, svg_height = svg_size(svg)
    st.image(
        svg,
        width=max(200, int(svg_width * min(1.0, STEP_HEIGHT / svg_height))),
        alt=chart.alt_text,
    )
    with expander(
        f"Tekstversie: {escape_markdown(chart.title)}", key="pres_tekst_" + file_stem(chart.title)
    ):
        st.markdown(escape_markdown(chart.alt_text))
    st.caption(escape_markdown(chart.source))


def table_frame(table: Table, rows: int | None = None) -> pd.DataFrame:
    """The table for ``st.table``, which renders Markdown in cells: every cell made literal
    (a reason for an own rating is user text)."""
    data = list(table.rows)[:rows] if rows else list(table.rows)
    header = [escape_markdown(h) for h in table.header]
    frame = pd.DataFrame([[escape_markdown(cell) for cell in row] for row in data], columns=header)
    return frame.set_index(header[0]) if table.header[0] else frame


def show_table(table: Table) -> None:
    """The first rows of a table; all rows one click away (a screen has room for about six)."""
    st.markdown(f"**{escape_markdown(table.caption)}**")
    st.table(table_frame(table, TABLE_ROWS))
    if len(table.rows) > TABLE_ROWS:
        with expander(
            f"Alle {len(table.rows)} rijen van de tabel",
            key="pres_rijen_" + file_stem(table.caption),
        ):
            st.table(table_frame(table))
    st.caption(escape_markdown(table.source))


def show_section(section: Section) -> None:
    st.header(escape_markdown(section.title), anchor=False)  # may name regions from data
    if not section.available:
        st.info(
            escape_markdown(" ".join([section.lead, *section.paragraphs])), icon=":material/info:"
        )
        return
    if section.lead:
        st.markdown(f"**{escape_markdown(section.lead)}**")
    if section.charts:
        text_col, chart_col = st.columns([2, 3], gap="large")
    else:
        text_col, chart_col = st.container(), None
    room = BULLETS_BESIDE_CHART if chart_col is not None else BULLETS_ALONE
    points = list(section.slide_bullets or section.bullets or section.paragraphs)
    shown_table = section.tables[0] if section.tables and chart_col is None else None
    if shown_table is not None:
        room = min(room, 2)  # the table needs the room
    with text_col:
        st.markdown("\n".join(f"- {escape_markdown(p)}" for p in points[:room]))
        if shown_table is not None:
            show_table(shown_table)
        rest = points[room:]
        if rest:
            with expander(
                f"Meer toelichting ({len(rest)})", key="pres_meer_" + file_stem(section.title)
            ):
                st.markdown("\n".join(f"- {escape_markdown(p)}" for p in rest))
    if chart_col is not None:
        with chart_col:
            for chart in section.charts[:1]:
                show_chart(chart)
    lines = section.further_sources(tables=1, charts=1)
    if lines:
        # one "Bron: …" with every source once, merged as on the slide (nothing cut here)
        st.caption(escape_markdown(merge_source_lines(lines)[0]))


def pdf_download(content: ReportContent) -> bytes:
    """The PDF of what is on screen."""
    from dashboard.presentation.reports.pdf import build_pdf

    return build_pdf(content, shared_renderer())


def pptx_download(content: ReportContent) -> bytes:
    from dashboard.presentation.reports.pptx import build_pptx

    return build_pptx(content, shared_renderer())


#: The two exports: label, key, builder, file name, MIME type, icon.
EXPORTS = (
    (
        "PDF-rapport",
        "presentatie_pdf",
        pdf_download,
        "rapport-arbeidsmarktregio.pdf",
        "application/pdf",
        ":material/picture_as_pdf:",
    ),
    (
        "PowerPoint",
        "presentatie_pptx",
        pptx_download,
        "presentatie-arbeidsmarktregio.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ":material/slideshow:",
    ),
)


def export_button(content: ReportContent, token: str, export: tuple) -> None:
    """A button that makes the file (a few seconds) and says in Dutch when that fails; once
    made, the file for this view is saved with one click."""
    label, key, build, file_name, mime, icon = export
    made = st.session_state.get(f"{key}_bestand")
    if made is None or made[0] != token:
        if not st.button(f"{label} maken", key=f"{key}_maken", icon=icon, width="stretch"):
            return
        try:
            with st.spinner(f"{label} wordt gemaakt…"):
                made = (token, build(content))
        except DashboardError as err:
            st.error(f"Dit lukt niet: {escape_markdown(err)}.", icon=":material/error:")
            return
        st.session_state[f"{key}_bestand"] = made
    st.download_button(
        f"{label} opslaan",
        data=made[1],
        file_name=file_name,
        mime=mime,
        icon=icon,
        on_click="ignore",
        key=key,
        type="primary",
        width="stretch",
    )


# --- the page --------------------------------------------------------------------------------
# validates the stored weighting (falls back to the default with a notice)
problem = current_problem()
# the Robuustheid page's sampling: the same percentages here, in the PDF and in the slides
sampling = robustness_settings(problem)
content = cache.report_content(problem_config(), overstap_settings(), sampling=sampling)
# what the files are made of: a file made for another view is made again
content_token = json.dumps(
    [problem_config(), overstap_settings(), sampling.as_dict(), content.date_text],
    sort_keys=True,
    default=str,
)
sections = {key: content.section(key) for key in PRESENTATION_STEPS}

current = st.session_state.get(STEP_KEY)
index = PRESENTATION_STEPS.index(current) if current in PRESENTATION_STEPS else 0
# Two rows for the title and the controls, so the step itself has the screen.
head, prev_col, next_col = st.columns([6, 1.45, 1.65], vertical_alignment="center")
with head:
    st.title(f"Presentatie: {content.title.lower()}", anchor=False)
    st.caption(
        escape_markdown(
            f"{content.date_text} · weging en overstap zoals ingesteld op de pagina's Varianten "
            "en Overstap (hier vastgezet)"
        )
    )
steps_col, report_col, exit_col = st.columns([7.4, 1.25, 1.1], vertical_alignment="center")
step = steps_col.radio(
    "Stap (Page Down: volgende, Page Up: vorige)",
    PRESENTATION_STEPS,
    format_func=lambda k: f"{PRESENTATION_STEPS.index(k) + 1}. {STEP_NAMES.get(k, k)}",
    horizontal=True,
    key=STEP_KEY,
    label_visibility="collapsed",
    on_change=step_clicked,
)
if st.session_state.pop(STEP_CLICKED_KEY, False):
    # A clicked step keeps the keyboard focus on its radio button, and Streamlit ignores key
    # shortcuts (Page Down) while a form field has the focus: hand the focus back to the page.
    # Fixed text, no user data; the step name only makes each script new, so it runs again.
    st.html(
        f"<script>/* {PRESENTATION_STEPS.index(step)} */ const a = document.activeElement;"
        "if (a && a.closest('.st-key-presentatie_stap')) a.blur();</script>",
        unsafe_allow_javascript=True,
        width=1,
    )

prev_col.button(
    "Vorige",
    icon=":material/arrow_back:",
    on_click=step_by,
    args=(-1,),
    disabled=index == 0,
    key="presentatie_vorige",
    shortcut="PageUp",
    width="stretch",
)
next_col.button(
    "Volgende",
    icon=":material/arrow_forward:",
    on_click=step_by,
    args=(1,),
    disabled=index == len(PRESENTATION_STEPS) - 1,
    key="presentatie_volgende",
    shortcut="PageDown",
    type="primary",
    width="stretch",
)
with report_col.popover("Rapport", icon=":material/download:", width="stretch"):
    st.markdown("**Rapport meenemen**")
    st.caption(
        "Het rapport bevat dezelfde weging en overstap als deze presentatie, met aannames, "
        "methoden en bronnen. Het maken duurt een paar seconden; daarna slaat u het bestand op."
    )
    for export in EXPORTS:
        export_button(content, content_token, export)
# Without app.py's navigation (the page run on its own, as in tests) there is no page to link.
with contextlib.suppress(StreamlitPageNotFoundError):
    exit_col.page_link("pages/varianten.py", label="Verlaten", icon=":material/close:")

with st.container(border=True):
    show_section(sections[step])

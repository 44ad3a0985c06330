"""Presentatie: the current view as a clean, step-by-step story for a college meeting.

No editing widgets: the weighting and the overstap settings are read from the session (locked
here; they are changed on the Varianten and Overstap pages). Steps: vraag, kaart, regio's,
overstap, varianten, robuustheid, conclusie. PageDown/PageUp (what a presenter's remote sends)
move to the next/previous step. The PDF and PowerPoint downloads are built from the same content.
"""

from __future__ import annotations

import contextlib

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from dashboard.markup import escape_markdown
from dashboard.reports.content import PRESENTATION_STEPS, Chart, ReportContent, Section
from dashboard.reports.images import shared_renderer
from dashboard.ui import cache
from dashboard.ui.layout import page_guard
from dashboard.ui.state import current_problem, overstap_settings, problem_config

page_guard()

STEP_KEY = "presentatie_stap"

# Only Streamlit's own chrome is hidden and the type enlarged; no user text is ever put in HTML.
st.html(
    """
<style>
header[data-testid="stHeader"], div[data-testid="stToolbar"], div[data-testid="stDecoration"],
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
button[data-testid="stExpandSidebarButton"] { display: none !important; }
div[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 1400px; }
div[data-testid="stMainBlockContainer"] p, div[data-testid="stMainBlockContainer"] li {
  font-size: 1.45rem; line-height: 1.5; }
div[data-testid="stMainBlockContainer"] h1 { font-size: 2.6rem; }
div[data-testid="stMainBlockContainer"] h2 { font-size: 2.2rem; }
div[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {
  font-size: 1.05rem; }
div[data-testid="stMainBlockContainer"] table { font-size: 1.3rem; }
</style>
"""
)


def step_by(delta: int) -> None:
    """Callback of the previous/next buttons: move the step selector."""
    current = st.session_state.get(STEP_KEY, PRESENTATION_STEPS[0])
    i = PRESENTATION_STEPS.index(current) if current in PRESENTATION_STEPS else 0
    st.session_state[STEP_KEY] = PRESENTATION_STEPS[
        max(0, min(len(PRESENTATION_STEPS) - 1, i + delta))
    ]


def show_chart(chart: Chart) -> None:
    # the picture of the slide and the PDF, drawn by the server: no chart library to load
    height = min(chart.height, 540)
    st.image(
        shared_renderer().svg(chart.spec, int(chart.width * height / chart.height), height),
        width="stretch",
        alt=chart.alt_text,
    )
    with st.expander(f"Tekstversie: {escape_markdown(chart.title)}"):
        st.markdown(escape_markdown(chart.alt_text))
    st.caption(escape_markdown(chart.source))


def show_section(section: Section) -> None:
    st.header(section.title, anchor=False)
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
    with text_col:
        for bullet in section.bullets[:6]:
            st.markdown(f"- {escape_markdown(bullet)}")
        if not section.bullets:
            for paragraph in section.paragraphs[:3]:
                st.markdown(escape_markdown(paragraph))
        if section.tables and chart_col is None:
            table = section.tables[0]
            st.markdown(f"**{escape_markdown(table.caption)}**")
            st.table(
                pd.DataFrame(list(table.rows), columns=list(table.header)).set_index(
                    table.header[0] if table.header[0] else pd.Index(range(len(table.rows)))
                )
            )
            st.caption(escape_markdown(table.source))
    if chart_col is not None:
        with chart_col:
            for chart in section.charts[:1]:
                show_chart(chart)
    shown = {c.source for c in section.charts[:1]} | {t.source for t in section.tables[:1]}
    for line in section.sources:
        if line not in shown:
            st.caption(escape_markdown(line))


def pdf_download(content: ReportContent) -> bytes:
    """Called by the download button on click: the PDF of what is on screen."""
    from dashboard.reports.pdf import build_pdf

    return build_pdf(content, shared_renderer())


def pptx_download(content: ReportContent) -> bytes:
    from dashboard.reports.pptx import build_pptx

    return build_pptx(content, shared_renderer())


# --- the page --------------------------------------------------------------------------------
current_problem()  # validates the stored weighting (falls back to the default with a notice)
content = cache.report_content(problem_config(), overstap_settings())
sections = {key: content.section(key) for key in PRESENTATION_STEPS}

st.title(f"Presentatie: {content.title.lower()}", anchor=False)
st.caption(
    escape_markdown(
        f"{content.date_text} · weging en overstap zoals ingesteld op de pagina's Varianten en "
        "Overstap (hier vastgezet)"
    )
)

step = st.radio(
    "Stap",
    PRESENTATION_STEPS,
    format_func=lambda k: f"{PRESENTATION_STEPS.index(k) + 1}. {sections[k].title}",
    horizontal=True,
    key=STEP_KEY,
    label_visibility="collapsed",
)

with st.container(border=True):
    show_section(sections[step])

index = PRESENTATION_STEPS.index(step)
prev_col, next_col, _, exit_col = st.columns([1.4, 1.6, 1.6, 1.6])
prev_col.button(
    "Vorige",
    icon=":material/arrow_back:",
    on_click=step_by,
    args=(-1,),
    disabled=index == 0,
    key="presentatie_vorige",
    shortcut="PageUp",
    help="Vorige stap (toets Page Up)",
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
    help="Volgende stap (toets Page Down)",
    type="primary",
    width="stretch",
)
# Without app.py's navigation (the page run on its own, as in tests) there is no page to link.
with contextlib.suppress(StreamlitPageNotFoundError):
    exit_col.page_link("pages/varianten.py", label="Presentatie verlaten", icon=":material/close:")

st.divider()
st.markdown("**Rapport meenemen**")
st.caption(
    "Het rapport bevat dezelfde weging en overstap als hierboven, met aannames, methoden en "
    "bronnen. Het maken duurt enkele seconden (kaarten worden als afbeelding getekend)."
)
pdf_col, pptx_col, _ = st.columns([1, 1, 2])
pdf_col.download_button(
    "PDF-rapport",
    data=lambda: pdf_download(content),
    file_name="rapport-arbeidsmarktregio.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
    key="presentatie_pdf",
    width="stretch",
)
pptx_col.download_button(
    "PowerPoint",
    data=lambda: pptx_download(content),
    file_name="presentatie-arbeidsmarktregio.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/slideshow:",
    on_click="ignore",
    key="presentatie_pptx",
    width="stretch",
)

"""Shared page furniture: headers, source lines, error handling, the missing-data page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.core.config import DATA_DIR_ENV, data_dir
from dashboard.core.errors import DashboardError, DataMissingError
from dashboard.core.formatting import fmt_int
from dashboard.core.limits import FILE
from dashboard.core.markup import escape_markdown
from dashboard.data.sources import source_line
from dashboard.ui.state import reset_all

log = logging.getLogger("dashboard")


def page_guard() -> None:
    """Call first in every page file.

    Because the project has a ``pages/`` folder, Streamlit's legacy multipage mode can run a page
    file directly, without ``app.py`` (on the first request of a server process that opens a page
    URL, and in AppTest's ``switch_page``). Then the page would miss app.py's navigation, page
    config and error guard. ``st.navigation`` in app.py switches that mode off before a page runs,
    so when the flag is still on here, this page was started directly: switch it off and rerun
    through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# Page-wide style rules (no user text in them):
# - Streamlit's own English chrome that cannot be configured: the "Press Enter to apply"
#   instruction under text fields (each amount field says in Dutch what it does), the "Link to
#   heading" anchors next to headings, the "(required)" mark of a list choice (a choice is never
#   empty: ``ui/choices``), and the file uploader's button and size line. A file over
#   the server's 10 MB limit is refused by Streamlit in the browser with an English line; it is
#   shown in Dutch (screen readers still hear Streamlit's English alert: it cannot be configured).
# - A clearly visible focus ring on slider handles (WCAG 2.4.7 and 1.4.11: 3 px, 10:1 contrast).
# - A Markdown table wider than its column (the Varianten results on a phone) scrolls within its
#   own box, as Streamlit's tables do, instead of pushing the whole page sideways (WCAG 1.4.10).
#   The box, not the table, scrolls: a table given ``display: block`` loses its table semantics
#   in some screen readers.
# - Headings break between words, and inside a word only when it is wider than the screen (their
#   sizes are theme settings, `headingFontSizes`, the same on a phone as on a wide screen).
# - The Kaart's map picture (``ui/svg_map``) as a block: no line gap under it. Its place does not
#   depend on this style (which applies after the map is on screen): the picture fills its
#   column by its own size, and nothing stands above it that loads later.
# - Every element's toolbar is left off: it is English and Streamlit has no setting for its
#   language. A table's ("Show/hide columns", "Search", "Fullscreen"; sorting by a column header
#   stays) and a chart's ("Show data", "Download as PNG", "Copy Vega-Lite spec", "Fullscreen"):
#   its figures are offered in Dutch under it ("Cijfers van de grafiek downloaden (Excel)").
# - Printing: a table's interactive grid is a canvas that prints empty; its plain twin
#   (``ui.figures.show_table``) is shown instead, and download buttons and the sidebar are left
#   off the paper.
GLOBAL_CSS = (
    """
<style>
[data-testid="InputInstructions"] > span:first-child { display: none; }
[data-testid="InputInstructions"] > span + span::before { content: none; }
[data-testid="stHeaderActionElements"] { display: none; }
[data-testid="stWidgetLabelRequired"] { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p::after {
  content: "Bestand kiezen"; font-size: 1rem; }
[data-testid="stFileChip"][aria-invalid="true"] > span[role="alert"] { font-size: 0; }
[data-testid="stFileChip"][aria-invalid="true"] > span[role="alert"]::after {
  content: "Niet ingelezen: """
    + FILE.allowed()
    + """, alleen .json"; margin-left: 0.5rem;
  color: #A3000B; font-size: 0.875rem; }
[data-testid="stSlider"] div[data-rac]:has(> div > input:focus-visible),
[data-testid="stSlider"] div[data-rac][data-focus-visible] {
  outline: 3px solid #154273; outline-offset: 3px; border-radius: 50%; }
[class*="st-key-kaartbeeld_"] img { display: block; width: 100%; height: auto; }
h1, h2, h3 { word-break: normal; overflow-wrap: break-word; }
[data-testid="stMarkdownContainer"]:has(> table) { overflow-x: auto; }
[class*="st-key-druk_"] { display: none; }
[data-testid="stElementToolbar"] { display: none; }
@media print {
  [class*="st-key-druk_"] { display: block; }
  [class*="st-key-scherm_"], [data-testid="stDownloadButton"], [data-testid="stSidebar"],
  [data-testid="stSidebarCollapsedControl"] { display: none; }
}
</style>
"""
)


def global_style() -> None:
    """Call once per run from app.py: the page-wide style rules (no user text in them)."""
    st.html(GLOBAL_CSS)


def reset_control() -> None:
    """The one reset, in the sidebar of every page: it says what it returns to the defaults."""
    with st.sidebar:
        st.button(
            "Alles terugzetten naar de standaard",
            on_click=reset_all,
            key="reset_all",
            icon=":material/restart_alt:",
            width="stretch",
        )
        # in the body colour: a caption's grey on the sidebar's tint falls below 4.5:1 contrast;
        # the notice after the reset names everything in full (RESET_SCOPE)
        st.markdown(
            ":small[Weging, schaal, eigen oordelen en overstap gaan terug naar de standaard.]"
        )


def expander(label: str, *, key: str, expanded: bool = False) -> Any:
    """An expander that keeps its state: open stays open through every rerun, also when the
    elements above it change (a share link's notices go, the reset appears), which remounted
    a plain expander closed. ``expanded`` is the state on first showing in this session; later
    runs keep what the reader chose."""
    state_key = f"open_{key}"
    if state_key not in st.session_state:
        st.session_state[state_key] = expanded
    return st.expander(label, key=state_key, on_change="rerun")


def source_caption(*source_ids: str, extra: str = "") -> None:
    """The source line under a map, chart or table."""
    st.caption(source_line(*source_ids, extra=extra))


#: A long crafted link can produce many notices; a reader needs only the first few.
MAX_NOTICES_SHOWN = 3


def show_notices(notices: list[str]) -> None:
    """The first few notices as plain text (never Markdown), then how many more there were.

    They stand in one container that is sent on every run, with or without notices (an empty one
    takes no room): what follows keeps its place in the page when a notice goes. The browser draws
    an element that comes in at another place afresh, and keyed tabs then open their first tab.
    """
    box = st.container()
    for message in notices[:MAX_NOTICES_SHOWN]:
        box.info(escape_markdown(message), icon=":material/info:")
    hidden = len(notices) - MAX_NOTICES_SHOWN
    if hidden > 0:
        more = "nog 1 melding" if hidden == 1 else f"nog {fmt_int(hidden)} meldingen"
        box.info(f"… en {more} van dezelfde soort.", icon=":material/info:")


def data_problem_page(err: DataMissingError) -> None:
    """A Dutch page that names the missing file or folder and how to fix it."""
    st.title("Gegevens niet gevonden")
    st.error(escape_markdown(err), icon=":material/error:")
    # a path comes from the environment or a data file: plain text, never Markdown
    where = escape_markdown(err.path or str(data_dir()))
    st.markdown(
        f"""
Het dashboard kan de CBS-gegevens niet lezen op deze plek:

{where}

**Zo lost u het op** (vraag eventueel uw functioneel beheerder):

1. Staan de bestanden al ergens op deze computer? Zet dan de omgevingsvariabele
   `{DATA_DIR_ENV}` op die map en start het dashboard opnieuw, bijvoorbeeld
   `{DATA_DIR_ENV}=../shared/data/cbs`.
2. Heeft deze computer internet? Haal de gegevens dan op bij CBS en PDOK met
   `python -m dashboard data download --jaar 2025` en start het dashboard opnieuw.

De map moet de grenzen van arbeidsmarktregio's, gemeenten en provincies bevatten
(bijvoorbeeld `gemeente_2025.topojson`) en de kerncijfers `gemeente_kerncijfers.csv`.
"""
    )


def run_guarded(render: Callable[[], None]) -> None:
    """Run a page; known problems become Dutch messages, nothing becomes a traceback."""
    try:
        render()
    except DataMissingError as err:
        data_problem_page(err)
    except DashboardError as err:
        st.error(f"Dit lukt niet: {escape_markdown(err)}", icon=":material/error:")
    except Exception:  # ScriptControlException (rerun/stop) is a BaseException and passes
        log.exception("Onverwachte fout op een pagina")
        st.error(
            "Er ging iets onverwachts mis op deze pagina. Uw instellingen zijn bewaard; "
            "probeer het opnieuw of kies een andere pagina. De fout is vastgelegd in het "
            "logboek van de server.",
            icon=":material/error:",
        )

"""What a page test reads: every text the page renders as Markdown, and that text as seen.

Streamlit renders Markdown in elements (titles, headers, captions, alerts, ``st.table`` cells) and
in widget labels and some widget options; :func:`markdown_texts` collects all of them, so a test
can check that text from data or users is escaped everywhere it appears. :func:`page_sources`
gives the text elements in the order of the page (sidebar included), :func:`page_text` the same
as the reader sees it: the one helper for "the page says X" and "X comes before Y".
"""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

#: Elements whose value is rendered as Markdown.
MARKDOWN_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "error",
    "warning",
    "info",
    "success",
)
#: Widgets whose label is rendered as Markdown.
LABELLED_WIDGETS = (
    "button",
    "checkbox",
    "multiselect",
    "number_input",
    "radio",
    "selectbox",
    "select_slider",
    "slider",
    "text_area",
    "text_input",
    "toggle",
    "button_group",
    "metric",
    "expander",
    "tabs",
)


def plain(text: str) -> str:
    """Markdown text as the reader sees it: the escaper's backslashes and joiners removed."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def plain_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An ``st.table`` frame as the reader sees it (every cell, column and index label)."""
    out = frame.map(lambda v: plain(str(v)))
    out.columns = [plain(str(c)) for c in frame.columns]
    out.index = pd.Index(
        [plain(str(i)) for i in frame.index],
        name=None if frame.index.name is None else plain(str(frame.index.name)),
    )
    return out


def markdown_texts(at: AppTest) -> list[str]:
    """Every text of the current run that Streamlit renders as Markdown."""
    out = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    for kind in LABELLED_WIDGETS:
        out += [str(w.label) for w in at.get(kind) if getattr(w, "label", None)]
    out += [str(o) for w in at.radio for o in w.options]  # radio options render Markdown
    out += [str(o) for w in at.get("button_group") for o in getattr(w, "options", [])]
    for table in at.table:  # st.table renders cells, column names and the index as Markdown
        frame = table.value
        out += [str(c) for c in frame.columns] + [str(i) for i in frame.index]
        out += [str(v) for v in frame.to_numpy().ravel()]
    return out


def page_sources(at: AppTest) -> list[str]:
    """The Markdown source of every text element, in page order; a metric as ``"label value"``."""
    texts: list[str] = []
    for node in at.main.root:  # the whole tree: main area, sidebar and the rest
        if node.type in MARKDOWN_ELEMENTS:
            texts.append(str(node.value))
        elif node.type == "metric":
            texts.append(f"{node.label} {node.value}")
    return texts


def page_text(at: AppTest) -> str:
    """The page's text as the reader sees it (:func:`plain`), a line per element, in page order."""
    return "\n".join(plain(source) for source in page_sources(at))

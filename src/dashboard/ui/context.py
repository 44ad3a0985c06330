"""Notes from the sources that belong beside a page's own content (data/regions/context.yaml)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.core.markup import escape_markdown
from dashboard.data.facts import ContextNote
from dashboard.presentation.tables import file_stem
from dashboard.ui.layout import expander, source_caption


def show_notes(notes: Sequence[ContextNote], title: str, *, expanded: bool = False) -> None:
    """The notes in an expander, each with its source and section."""
    if not notes:
        return
    with expander(title, key="notities_" + file_stem(title), expanded=expanded):
        for note in notes:
            st.markdown(f"**{escape_markdown(note.title)}.** {escape_markdown(note.text)}")
            source_caption(note.citation.source, extra=note.citation.section + ".")

"""Every section that opens and closes keeps its state through reruns.

A plain ``st.expander`` is drawn anew, closed, when the elements above it change (a share
link's notices disappear after the first change): an open "Eigen oordelen" or "Bedragen die de
notitie noemt" then collapsed under the reader's hands. A keyed expander that tracks its state
(``ui.layout.expander``) is a widget with an id, and keeps what the reader chose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_all_pages import PAGES, open_page


@pytest.mark.parametrize("page", PAGES)
def test_every_expander_keeps_its_state(cbs_dir: Path, page: str) -> None:
    at = open_page(page)
    stateless = [e.label for e in at.expander if not e.proto.id]
    assert not stateless, f"uitklapblokken zonder eigen toestand op {page}: {stateless}"


def test_own_ratings_stay_open_once_opened(cbs_dir: Path) -> None:
    at = open_page("pages/varianten.py")
    box = next(e for e in at.expander if e.label == "Eigen oordelen")
    key = box.proto.id.rsplit("-", 1)[-1]
    assert at.session_state[key] is False
    at.session_state[key] = True
    at.run()
    assert next(e for e in at.expander if e.label == "Eigen oordelen").proto.expanded
    at.run()  # a later change elsewhere keeps it open
    assert next(e for e in at.expander if e.label == "Eigen oordelen").proto.expanded

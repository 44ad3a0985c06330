"""Source lines: what a reader sees names publisher, table or document, topic and period."""

from __future__ import annotations

import re

import pytest

from dashboard.data.facts import load_facts
from dashboard.data.sources import (
    citation_text,
    lines_not_shown,
    load_sources,
    source_line,
    source_name,
)
from dashboard.region.overstap import centrumgemeente_note

#: What must never reach a reader in a source: repository paths, file names, internal ids.
INTERNAL = re.compile(
    r"seed_\d|shared/data|PROVENANCE|\.py\b|\.md\b|\.ya?ml\b|(?<![\w./-])(src|data|documents)/"
)

#: Every field of a source that a page, the PDF, the slides or the CLI shows.
SHOWN_FIELDS = (
    "title",
    "publisher",
    "location",
    "licence",
    "retrieved",
    "table_id",
    "short",
    "topic",
    "period",
    "period_label",
    "period_basis",
    "unit",
    "rounding",
    "status",
)


@pytest.mark.parametrize("source_id", sorted(load_sources()))
def test_no_internal_path_or_id_in_what_a_reader_sees(source_id: str) -> None:
    entry = load_sources()[source_id]
    shown = [str(getattr(entry, field)) for field in SHOWN_FIELDS]
    shown += [source_name(source_id), source_line(source_id), citation_text(source_id, "§ 3")]
    for text in shown:
        assert not INTERNAL.search(text), (source_id, text)


def test_every_cited_document_is_named_with_its_place() -> None:
    """A fact's citation reads "Notitie Voorschoten …, § …", never "seed_000"."""
    for citation in load_facts().citations():
        text = citation.document()
        assert not INTERNAL.search(text), text
        assert text.endswith(citation.section)
    assert citation_text("seed_000", "§ 3").startswith("Notitie Voorschoten")


def test_centrumgemeente_warning_names_the_document_not_its_id() -> None:
    """Leiden moving out of Holland Rijnland: the warning cites the memo by its title."""
    note = centrumgemeente_note("Leiden", "AM19")
    assert note is not None
    assert "seed_" not in note
    assert "(bron: Notitie Voorschoten" in note


def test_a_source_line_names_each_table_once_with_topics_by_period() -> None:
    line = source_line(
        "cbs_kwb_2024_bijstand",
        "cbs_kwb_2024_ww",
        "cbs_kwb_2024_pct_armoede",
        "cbs_kerncijfers_2024",
        "seed_004",
    )
    assert line == (
        "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED): personen met bijstand en "
        "personen met WW (31 december 2024, voorlopig); personen in armoede (inkomen over 2023, "
        "voorlopig); bevolking, woningen en oppervlakte (1 januari 2024); Handreiking "
        "ontwikkelvarianten werkgeversdienstverlening (2012)."
    )
    assert line.count("85984NED") == 1


def test_a_section_line_that_says_only_what_a_table_line_said_is_left_out() -> None:
    table = source_line("seed_000", "seed_001")
    shorter = source_line("seed_000")
    wider = source_line("seed_000", "seed_004")
    assert lines_not_shown([shorter, wider, table], [table]) == [wider]


def test_a_line_with_another_topic_period_or_remark_is_kept() -> None:
    shown = [source_line("cbs_kwb_2024_bijstand", extra="Eigen berekening.")]
    other_topic = source_line("cbs_kwb_2024_ww")
    remark = source_line("cbs_kwb_2024_bijstand", extra="Budgetten: eigen invoer.")
    same = source_line("cbs_kwb_2024_bijstand")
    not_a_source_line = "Zie de notities."
    assert lines_not_shown([other_topic, remark, same, not_a_source_line], shown) == [
        other_topic,
        remark,
        not_a_source_line,
    ]
    assert lines_not_shown([same, same], []) == [same]

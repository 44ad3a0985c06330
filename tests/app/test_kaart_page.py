"""Focused tests of the map page: indicator, year, region selection."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "kaart.py")


def run_page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception, at.exception
    return at


def members_table(at: AppTest) -> list[str]:
    """The gemeenten in the table next to the map (a Markdown table: first cell per row)."""
    table = next(m.value for m in at.markdown if m.value.startswith("| Gemeente |"))
    # cells are escaped Markdown ("Leidschendam\\-Voorburg")
    return [row.split("|")[1].strip().replace("\\", "") for row in table.splitlines()[2:]]


def test_defaults_show_zhc_members_and_sources(cbs_dir: Path) -> None:
    at = run_page()
    table = members_table(at)
    assert set(table) == {
        "Lansingerland", "Leidschendam-Voorburg", "Pijnacker-Nootdorp", "Voorschoten",
        "Wassenaar", "Zoetermeer",
    }  # fmt: skip
    captions = " ".join(c.value for c in at.caption)
    assert "Bron:" in captions and "85984NED" in captions
    assert "Tekstversie van de kaart" in captions


def test_choosing_a_region_lists_its_gemeenten(cbs_dir: Path) -> None:
    at = run_page()
    at.selectbox(key="kaart_regio").set_value("AM19").run()
    assert not at.exception
    assert len(members_table(at)) == 12


def test_households_only_for_2023(cbs_dir: Path) -> None:
    at = run_page()
    at.selectbox(key="kaart_indicator").set_value("huishoudens").run()
    assert not at.exception
    years = at.selectbox(key="kaart_jaar_huishoudens").options
    assert years == ["2023"]
    assert "Wijk- en buurtkaart 2023" in " ".join(c.value for c in at.caption)


def test_gemeente_borders_and_free_zoom(cbs_dir: Path) -> None:
    at = run_page()
    at.toggle(key="kaart_gemeenten").set_value(True).run()
    assert not at.exception
    at.radio(key="kaart_weergave").set_value("Vrij zoomen").run()
    assert not at.exception


def test_labour_indicator_names_its_own_source(cbs_dir: Path) -> None:
    at = run_page()
    at.selectbox(key="kaart_indicator").set_value("bijstand_per_1000").run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "personen met bijstand (31 december 2024, voorlopig)" in captions
    assert at.selectbox(key="kaart_jaar_bijstand_per_1000").label == "Tabeljaar (CBS)"


def test_every_figure_is_labelled_with_its_own_period(cbs_dir: Path) -> None:
    """Not the table's year: income is over 2023, benefits a stand on 31 December 2024."""
    at = run_page()
    at.selectbox(key="kaart_indicator").set_value("pct_armoede").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "**Personen in armoede (inkomen over 2023, voorlopig):**" in shown
    assert "Personen in armoede (2024)" not in shown
    assert "**Inwoners (1 januari 2024):**" in shown
    at.selectbox(key="kaart_indicator").set_value("bijstand").run()
    shown = " ".join(m.value for m in at.markdown)
    assert "**Personen met bijstand (31 december 2024, voorlopig):**" in shown

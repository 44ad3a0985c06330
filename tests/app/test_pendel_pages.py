"""The pendel sections of Overstap, Regio's vergelijken and the Kaart (AppTest).

Charts are not rendered by AppTest; their builders are tested in ``tests/test_charts_pendel.py``.
The shares are the hand-checked ones of ``tests/test_pendel.py`` (Voorschoten, December 2014).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.page_text import page_text, plain
from tests.app.tables import shown

PAGES = Path(__file__).resolve().parents[2] / "pages"
SOURCE = "december 2014, CBS 81251NED, indeling 2014 omgerekend naar 2025"


def run(page: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


@pytest.mark.slow
def test_overstap_shows_where_voorschoten_works_before_the_costs(cbs_dir) -> None:
    at = run("overstap.py")
    headers = [h.value for h in at.header]
    assert "Waar werken de inwoners van Voorschoten?" in headers
    assert headers.index("Waar werken de inwoners van Voorschoten?") < headers.index(
        "Kosten: wie betaalt welk deel?"
    )
    text = page_text(at)
    assert "9,9 duizend banen" in text
    assert "34,3% in Holland Rijnland" in text and "30,3% in Zuid-Holland Centraal" in text
    assert SOURCE in text and "minder dan 50 banen" in text and "geen personen" in text
    assert "Nu ligt 30,3%" in text and "na de overstap ligt 34,3%" in text
    element = next(d for d in at.dataframe if "Rol" in d.value.columns)
    assert element.value.iloc[0].tolist()[:2] == ["Holland Rijnland", "kandidaat"]
    assert element.value.iloc[0]["Aandeel"] == pytest.approx(34.3, abs=0.05)  # a number
    assert shown(element).iloc[0].tolist() == ["Holland Rijnland", "kandidaat", "3,4", "34,3%"]
    assert not at.warning


@pytest.mark.slow
def test_regios_shows_inside_shares_and_voorschoten(cbs_dir) -> None:
    at = run("regios.py")
    text = page_text(at)
    assert "Pendel: waar werken de inwoners?" in text
    assert "Waar werken de inwoners van Voorschoten?" in text
    assert "34,3% in Holland Rijnland" in text and SOURCE in text
    trend = next(f for f in frames(at) if "Zuid-Holland Centraal binnen de regio" in f.columns)
    assert trend["December"].tolist() == [str(y) for y in range(2006, 2015)]
    # Voorschoten and Leidschendam-Voorburg work more in another region than in ZHC
    assert "Voorschoten (Zuid-Holland Centraal): 34,3% in Holland Rijnland" in text
    assert "Leidschendam-Voorburg (Zuid-Holland Centraal)" in text
    at.selectbox(key="regios_pendel_gemeente").set_value("GM0546").run()
    assert not at.exception
    assert "Waar werken de inwoners van Leiden?" in page_text(at)


@pytest.mark.slow
def test_kaart_colours_regions_by_inside_share(cbs_dir) -> None:
    at = run("kaart.py")
    text = page_text(at)
    assert "Pendel: hoeveel banen liggen in de eigen regio?" in text
    assert any(
        plain(m.value).startswith("![Kaart van de arbeidsmarktregio's: banen van inwoners binnen")
        for m in at.markdown
    )
    assert "Tekstversie van de kaart: Kaart van 35 arbeidsmarktregio's" in text
    table = next(m.value for m in at.markdown if m.value.startswith("| Regio | Code | Binnen"))
    assert len(table.splitlines()) == 2 + 35
    assert "Voorschoten (Zuid-Holland Centraal): 34,3% in Holland Rijnland, 30,3%" in text
    assert SOURCE in text


@pytest.mark.slow
def test_kaart_names_the_split_gemeenten(cbs_dir) -> None:
    at = run("kaart.py")
    assert "in haar geheel mee bij de gemeente van 2025" in page_text(at)
    splits = next(f for f in frames(at) if "Gemeente in 2014" in f.columns)
    assert "Haaren" in splits["Gemeente in 2014"].tolist()
    assert "Vught" in splits["Geteld bij (2025)"].tolist()


@pytest.mark.slow
def test_kaart_pendel_year_can_be_chosen(cbs_dir) -> None:
    at = run("kaart.py")
    at.select_slider(key="kaart_pendel_jaar").set_value(2006).run()
    assert not at.exception
    text = page_text(at)
    assert "december 2006, CBS 81251NED" in text and "december 2014, CBS 81251NED" not in text

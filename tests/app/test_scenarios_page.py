"""The Scenario's page: save, open, rename, duplicate, delete with confirmation, compare, group
weighting, share link, JSON import/export; user text escaped; an unusable database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.scenarios import Scenario, ScenarioStore
from tests.app.page_text import page_sources
from tests.app.scenario_page import page, seed
from tests.app.tables import number_columns_as_text
from tests.session import set_weighting, weighting

HOSTILE = "<script>alert(1)</script> **vet** [klik](http://evil.example)"


def names(url: str) -> list[str]:
    with ScenarioStore(url) as store:
        return store.names()


def assert_no_raw_markup(at: AppTest) -> None:
    for text in page_sources(at):
        assert "<script>" not in text, text
        assert "](http" not in text, text
    for element in at.markdown:
        assert not element.proto.allow_html


def plain(text: str) -> str:
    """Markdown text with the page's backslash escapes removed."""
    return text.replace("\\", "")


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, [b.label for b in at.button]
    return matches[0]


def test_empty_store(db_url: str) -> None:
    at = page().run()
    assert not at.exception
    assert at.title[0].value == "Scenario's"
    assert any("nog geen scenario's" in i.value for i in at.info)
    assert [t.label for t in at.tabs] == [
        "Opslaan en openen",
        "Twee vergelijken",
        "Groepsweging",
        "Link delen",
        "Bestanden",
    ]


def test_save_current_weighting_with_hostile_text(db_url: str) -> None:
    at = page()
    set_weighting(at, {"groups": {"werkgevers": 2}})
    at.run()
    at.text_input(key="scn_name").input(HOSTILE)
    at.text_input(key="scn_author").input("Wethouder <b>X</b>")
    at.text_area(key="scn_note").input("Regel 1\n<img src=x onerror=alert(1)>")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert names(db_url) == [HOSTILE]
    with ScenarioStore(db_url) as store:
        saved = store.get(HOSTILE)
    assert saved.problem_config == {"groups": {"werkgevers": 2}}
    assert saved.note == "Regel 1\n<img src=x onerror=alert(1)>"
    assert any("is opgeslagen" in n for n in at.session_state["notices"])
    # the list shows the name as plain text in a table; everything else escaped
    assert at.dataframe[0].value["Naam"].tolist() == [HOSTILE]
    assert_no_raw_markup(at)
    assert any("\\<script\\>" in t for t in page_sources(at))


def test_existing_name_needs_overwrite(db_url: str) -> None:
    seed(db_url, Scenario("Raad", {"groups": {"werkgevers": 5}}))
    at = page().run()
    at.text_input(key="scn_name").input("raad")
    at.form_submit_button[0].click().run()
    assert any("bestaat al" in plain(e.value) for e in at.error)
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").problem_config == {"groups": {"werkgevers": 5}}
    at.checkbox(key="scn_overwrite").check()
    at.form_submit_button[0].click().run()
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").problem_config == {}


def test_open_applies_weighting_and_overstap(db_url: str) -> None:
    seed(
        db_url,
        Scenario("Open mij", {"criteria": {"wz04": 3}}, {"budgets": {"AM19": 1000}}),
    )
    at = page().run()
    button(at, "Dit scenario openen").click().run()
    assert not at.exception
    assert weighting(at) == {"criteria": {"wz04": 3}}
    assert at.session_state["overstap"]["budgets"] == {"AM19": 1000}
    assert at.session_state["overstap"]["naar"] == "AM19"  # defaults filled in


def test_rename_and_duplicate(db_url: str) -> None:
    seed(db_url, Scenario("Eerste", {"groups": {"werkgevers": 2}}), Scenario("Tweede"))
    at = page().run()
    at.text_input(key="scn_rename").input("Tweede")
    button(at, "Hernoemen").click().run()
    assert any("bestaat al" in plain(e.value) for e in at.error)
    at.text_input(key="scn_rename").input("Nummer één")
    button(at, "Hernoemen").click().run()
    assert names(db_url) == ["Nummer één", "Tweede"]
    at = page().run()
    at.text_input(key="scn_copy").input("Kopie")
    button(at, "Dupliceren").click().run()
    assert names(db_url) == ["Kopie", "Nummer één", "Tweede"]


def test_delete_asks_for_confirmation(db_url: str) -> None:
    seed(db_url, Scenario("Weg"), Scenario("Zz blijft"))
    at = page().run()
    button(at, "Verwijderen …").click().run()
    assert any("Weet u zeker" in w.value for w in at.warning)
    assert names(db_url) == ["Weg", "Zz blijft"]
    button(at, "Annuleren").click().run()
    assert not at.warning and names(db_url) == ["Weg", "Zz blijft"]
    button(at, "Verwijderen …").click().run()
    button(at, "Ja, verwijderen").click().run()
    assert not at.exception
    assert names(db_url) == ["Zz blijft"]


def test_compare_and_group_weighting(db_url: str) -> None:
    seed(
        db_url,
        Scenario("A", {"groups": {"werkgevers": 4}}),
        Scenario("B", {"groups": {"werkzoekenden": 4}, "ratings": {"gu08": {"V3": "++"}}}),
        Scenario("C", {"criteria": {"gu01": 3}}),
    )
    at = page().run()
    assert not at.exception
    body = " ".join(page_sources(at))
    assert "scoort" in body  # the comparison's summary sentence
    assert "Met de gemiddelde weging scoort" in body
    assert "Het meest oneens is men over" in body
    assert len(at.dataframe) >= 6
    # the comparison's numbers are numbers (they sort as numbers), shown the Dutch way
    assert not [
        number_columns_as_text(d.value) for d in at.dataframe if number_columns_as_text(d.value)
    ]
    button(at, "De gemiddelde weging gebruiken").click().run()
    mean = weighting(at)
    assert set(mean) >= {"groups", "criteria"}
    assert sum(mean["groups"].values()) == pytest.approx(1.0)


def test_two_scenarios_with_the_same_unequal_weighting_are_not_called_equal(db_url: str) -> None:
    """Both give werkgevers 4: the same weighting, but not "alles even zwaar" (the page said so
    whenever the two weightings agreed)."""
    seed(
        db_url,
        Scenario("A", {"groups": {"werkgevers": 4}}),
        Scenario("B", {"groups": {"werkgevers": 4}}),
    )
    at = page().run()
    assert not at.exception
    body = plain(" ".join(page_sources(at)))
    assert "wegen alles even zwaar" not in body
    assert "beide scenario's geven elk criterium hetzelfde gewicht" in body


def test_share_link_shows_current_weighting(db_url: str) -> None:
    at = page()
    set_weighting(at, {"groups": {"werkgevers": 2}})
    at.run()
    (code,) = at.code
    assert "gw=wg:2" in code.value


def _doc(**scenario) -> bytes:
    body = {"format": "dashboard-scenario", "schema_version": 1, "scenario": scenario}
    return json.dumps(body).encode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_doc(name="x", weights={"groups": {"werkgevers": -1}}), "scenario.weights.groups"),
        (_doc(name="x", geheim=1), "onbekend veld"),
        (b"{niet json", "geen geldige JSON"),
        (b" " * (10 * 1024 * 1024), "groter dan 1 MB (10,5 MB)"),
    ],
    ids=["negatief", "onbekend-veld", "geen-json", "10-MB"],
)
def test_rejected_upload_changes_nothing(db_url: str, content: bytes, message: str) -> None:
    seed(db_url, Scenario("Bestaand"))
    before = hashlib.sha256(Path(db_url.removeprefix("sqlite:///")).read_bytes()).hexdigest()
    at = page().run()
    at.file_uploader(key="scn_upload").upload("upload.json", content, "application/json")
    at.run()
    assert not at.exception
    assert any(message in plain(e.value) and "niet ingelezen" in e.value for e in at.error)
    assert names(db_url) == ["Bestaand"]
    after = hashlib.sha256(Path(db_url.removeprefix("sqlite:///")).read_bytes()).hexdigest()
    assert after == before


def test_valid_upload_can_be_saved_and_opened(db_url: str) -> None:
    at = page().run()
    content = _doc(name=HOSTILE, weights={"groups": {"werkgevers": 3}})
    at.file_uploader(key="scn_upload").upload("s.json", content, "application/json")
    at.run()
    assert any("in orde" in s.value for s in at.success)
    assert_no_raw_markup(at)
    button(at, "Opslaan bij de scenario's").click().run()
    assert names(db_url) == [HOSTILE]
    button(at, "Alleen openen (niet opslaan)").click().run()
    assert weighting(at) == {"groups": {"werkgevers": 3}}


def test_export_button_gives_the_json(db_url: str) -> None:
    seed(db_url, Scenario("Export", {"groups": {"werkgevers": 2}}))
    at = page().run()
    labels = [d.label for d in at.download_button]
    assert "JSON-bestand downloaden" in labels
    assert "Alle tabellen als Excel" in labels


def test_unusable_database_keeps_the_page_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "kapot.sqlite"
    broken.write_bytes(b"dit is geen database" * 500)
    before = broken.read_bytes()
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{broken}")
    at = page()
    set_weighting(at, {"groups": {"werkgevers": 2}})
    at.run()
    assert not at.exception
    assert any("beschadigd" in e.value for e in at.error)
    assert any("werkt gewoon" in i.value for i in at.info)
    assert at.form_submit_button[0].disabled
    assert "gw=wg:2" in at.code[0].value  # sharing still works
    at.file_uploader(key="scn_upload").upload(
        "s.json", _doc(name="los", weights={"criteria": {"gu01": 2}}), "application/json"
    )
    at.run()
    button(at, "Alleen openen (niet opslaan)").click().run()
    assert weighting(at) == {"criteria": {"gu01": 2}}
    assert broken.read_bytes() == before

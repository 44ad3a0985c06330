"""The Scenario's page never removes a colleague's newer version unseen: an import that replaces
and a delete go through the store's revision check, with a way forward."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.scenarios import Scenario, ScenarioStore
from dashboard.scenarios.schema import scenario_to_json
from tests.app.scenario_page import page, seed


def plain(value: str) -> str:
    return value.replace("\\", "").replace("\u2060", "")


def _old_file_and_newer_version(url: str) -> bytes:
    """ "Raad" as exported at version 1; a colleague then saved version 2."""
    seed(url, Scenario("Raad", {"groups": {"werkgevers": 1}}, note="het bestand"))
    with ScenarioStore(url) as store:
        exported = scenario_to_json(store.get("Raad")).encode()
        store.save(Scenario("Raad", {"groups": {"werkgevers": 5}}, note="iemand anders"))
    return exported


def _import_replacing(data: bytes) -> AppTest:
    at = page().run()
    at.file_uploader(key="scn_upload").upload("raad.json", data, "application/json")
    at.run()
    at.checkbox(key="scn_import_replace").check()
    at.button(key="scn_import_save").click().run()
    assert not at.exception
    return at


def _refused(at: AppTest) -> bool:
    return any(
        "Niet opgeslagen" in plain(e.value) and "intussen gewijzigd" in plain(e.value)
        for e in at.error
    )


def test_replacing_with_an_older_file_is_refused_and_can_be_kept_as_a_copy(db_url: str) -> None:
    at = _import_replacing(_old_file_and_newer_version(db_url))
    assert _refused(at), [e.value for e in at.error]
    with ScenarioStore(db_url) as store:
        assert store.names() == ["Raad"] and store.get("Raad").note == "iemand anders"
    at.button(key="scn_import_copy").click().run()
    assert not at.exception and not at.error
    with ScenarioStore(db_url) as store:
        assert store.names() == ["Raad", "Raad (kopie)"]
        assert store.get("Raad").note == "iemand anders"
        assert store.get("Raad (kopie)").note == "het bestand"


def test_an_older_file_can_be_put_back_on_purpose_keeping_the_newer_as_a_copy(
    db_url: str,
) -> None:
    at = _import_replacing(_old_file_and_newer_version(db_url))
    assert _refused(at)
    at.button(key="scn_import_restore").click().run()
    assert not at.exception and not at.error
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").note == "het bestand"
        assert store.get("Raad").revision == 3
        assert store.get("Raad (kopie)").note == "iemand anders"


def test_replacing_with_the_current_file_still_works(db_url: str) -> None:
    seed(db_url, Scenario("Raad", note="oud"))
    with ScenarioStore(db_url) as store:
        current = store.get("Raad").replace(note="uit het bestand")
    at = _import_replacing(scenario_to_json(current).encode())
    assert not at.error
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").note == "uit het bestand" and store.names() == ["Raad"]


def test_deleting_a_scenario_a_colleague_saved_since_is_refused(db_url: str) -> None:
    seed(db_url, Scenario("Raad", note="versie 1"))
    at = page().run()
    assert at.selectbox(key="scn_chosen").value == "Raad"
    at.button(key="scn_delete").click().run()
    with ScenarioStore(db_url) as store:
        store.save(Scenario("Raad", note="van een collega"))
    at.button(key="scn_delete_yes").click().run()
    assert not at.exception
    assert any(
        "Niet verwijderd" in plain(e.value) and "intussen gewijzigd" in plain(e.value)
        for e in at.error
    ), [e.value for e in at.error]
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").note == "van een collega"
    # having seen the new version, the user may still delete it
    at.button(key="scn_delete").click().run()
    at.button(key="scn_delete_yes").click().run()
    assert not at.exception
    with ScenarioStore(db_url) as store:
        assert store.names() == []

"""The Scenario's page against odd data and a second editor: a damaged row, a far-future
timestamp in an upload, look-alike names, two sessions saving the same scenario."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from dashboard.scenarios import Scenario, ScenarioStore
from tests.app.scenario_page import page, seed
from tests.session import set_weighting


def plain(value: str) -> str:
    return value.replace("\\", "").replace("\u2060", "")


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    matches = [b for b in at.button if b.label == label]
    assert matches, [b.label for b in at.button]
    return matches[0]


def test_a_damaged_row_is_reported_and_the_page_works(db_url: str) -> None:
    seed(db_url, Scenario("Goed", {"groups": {"werkgevers": 2}}), Scenario("Kapot"))
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE scenarios SET created = 'garbage' WHERE name = 'Kapot'"))
    engine.dispose()
    at = page().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("Kapot" in plain(w.value) and "beschadigd" in w.value for w in at.warning)
    assert at.dataframe[0].value["Naam"].tolist() == ["Goed"]
    assert at.selectbox(key="scn_chosen").options == ["Goed"]


def test_an_upload_with_a_far_future_timestamp_is_refused_in_dutch(db_url: str) -> None:
    body = {"name": "Ver", "created": "9999-12-31T23:59:59-01:00"}
    doc = json.dumps({"format": "dashboard-scenario", "schema_version": 1, "scenario": body})
    at = page().run()
    at.file_uploader(key="scn_upload").upload("ver.json", doc.encode(), "application/json")
    at.run()
    assert not at.exception
    refusals = [plain(e.value) for e in at.error]
    assert any("niet ingelezen" in e and "buiten de toegestane periode" in e for e in refusals)
    assert not any("onverwachts" in e for e in refusals)


def test_a_look_alike_name_is_refused(db_url: str) -> None:
    seed(db_url, Scenario("Basis"))
    at = page().run()
    at.text_input(key="scn_name").input("Ba\u200bsis")
    at.form_submit_button[0].click().run()
    assert any("onzichtbaar teken" in plain(e.value) for e in at.error)
    at.text_input(key="scn_name").input("Ｂasis")
    at.form_submit_button[0].click().run()
    assert any("bestaat al" in plain(e.value) for e in at.error)
    with ScenarioStore(db_url) as store:
        assert store.names() == ["Basis"]


def _open(at: AppTest) -> None:
    button(at, "Dit scenario openen").click().run()
    assert not at.exception


def _save_over(at: AppTest, name: str) -> None:
    at.text_input(key="scn_name").input(name)
    at.checkbox(key="scn_overwrite").check()
    at.form_submit_button[0].click().run()
    assert not at.exception


def test_two_sessions_the_second_save_is_refused_and_kept_as_a_copy(db_url: str) -> None:
    seed(db_url, Scenario("Raad", {"groups": {"werkgevers": 1}}))
    alice, bob = page().run(), page().run()
    _open(alice)
    _open(bob)
    set_weighting(bob, {"groups": {"werkgevers": 5}})
    _save_over(bob, "Raad")
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").revision == 2
    set_weighting(alice, {"groups": {"werkgevers": 9}})
    _save_over(alice, "Raad")
    refusal = [plain(e.value) for e in alice.error]
    assert any("intussen door iemand anders" in e and "kopie" in e for e in refusal), refusal
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").problem_config == {"groups": {"werkgevers": 5}}
    button(alice, "Als kopie opslaan").click().run()
    assert not alice.exception
    with ScenarioStore(db_url) as store:
        assert store.names() == ["Raad", "Raad (kopie)"]
        assert store.get("Raad (kopie)").problem_config == {"groups": {"werkgevers": 9}}
        assert store.get("Raad").problem_config == {"groups": {"werkgevers": 5}}
    # a session that saved last may save again: its revision is the newest
    set_weighting(bob, {"groups": {"werkgevers": 6}})
    _save_over(bob, "Raad")
    assert not bob.error
    with ScenarioStore(db_url) as store:
        assert store.get("Raad").revision == 3


def test_a_locked_database_gives_a_dutch_message_soon(db_url: str) -> None:
    """Another process holds the write lock: the page says the database is busy (in seconds)."""
    import sqlite3

    seed(db_url, Scenario("Er al"))
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    at = page().run()
    holder.execute("BEGIN IMMEDIATE")
    try:
        at.text_input(key="scn_name").input("Nieuw")
        at.form_submit_button[0].click().run()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not at.exception
    assert any("bezet" in plain(e.value) and "niets opgeslagen" in e.value for e in at.error)
    with ScenarioStore(db_url) as store:
        assert store.names() == ["Er al"]


def test_a_deeply_nested_row_does_not_take_the_page_down(db_url: str) -> None:
    """The damaged row sorts first, so every tab would open it."""
    seed(db_url, Scenario("Aaa kapot"), Scenario("Goed"), Scenario("Ook goed"))
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE scenarios SET problem_config = :v WHERE name = 'Aaa kapot'"),
            {"v": "[" * 100_000 + "]" * 100_000},
        )
    engine.dispose()
    at = page().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("Aaa kapot" in plain(w.value) and "te diep genest" in w.value for w in at.warning)
    assert at.selectbox(key="scn_chosen").options == ["Goed", "Ook goed"]
    assert at.dataframe[0].value["Naam"].tolist() == ["Goed", "Ook goed"]


def test_a_homoglyph_or_invisible_name_is_refused_in_dutch(db_url: str) -> None:
    seed(db_url, Scenario("Raad maart"))
    at = page().run()
    for name, says in (
        ("R\u0430\u0430d maart", "mengt Latijnse en Cyrillische letters"),
        ("Raad maart\u3164", "onzichtbaar teken"),
        ("\u2800", "onzichtbaar teken"),
        ("Raad maart\ufe0f", "onzichtbaar teken"),
    ):
        at.text_input(key="scn_name").input(name)
        at.form_submit_button[0].click().run()
        assert not at.exception
        assert any(
            "Niet opgeslagen" in plain(e.value) and says in plain(e.value) for e in at.error
        ), (name, [e.value for e in at.error])
    with ScenarioStore(db_url) as store:
        assert store.names() == ["Raad maart"]

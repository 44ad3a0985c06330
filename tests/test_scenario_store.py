"""The scenario store, the same tests on SQLite and on a real PostgreSQL server.

``store_url`` (tests/postgres.py) gives each test an empty database on both back ends.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text, update

from dashboard.core.errors import StorageError, ValidationError
from dashboard.scenarios import (
    SCHEMA_VERSION,
    Scenario,
    ScenarioExistsError,
    ScenarioNotFoundError,
    ScenarioStore,
)
from dashboard.scenarios.store import _V1_METADATA, SCENARIOS, SCHEMA_VERSION_TABLE

CONFIG = {
    "groups": {"werkgevers": 2.5, "werkzoekenden": 0},
    "criteria": {"gu01": 0.5},
    "scale": {"-/-": -3.0},
    "ratings": {"gu08": {"V3": "+/-"}},
    "reasons": {"gu08": {"V3": "Eigen oordeel van de gemeente"}},
}
OVERSTAP = {"gemeente": "GM0626", "naar": "AM19", "budgets": {"AM19": 1200000.5}}


@pytest.fixture
def store(store_url: str):
    with ScenarioStore(store_url) as s:
        yield s


def test_new_store_is_empty_and_current(store: ScenarioStore) -> None:
    assert store.list() == []
    assert store.schema_version() == SCHEMA_VERSION


def test_save_and_get_round_trip(store: ScenarioStore) -> None:
    original = Scenario(
        "Wethouder Één <b>",
        CONFIG,
        OVERSTAP,
        author="J. de Vries",
        note="<script>alert(1)</script>\nTweede regel",
        data_year=2024,
    )
    saved = store.save(original)
    got = store.get("wethouder één <B>")
    assert got == saved
    assert got.problem_config == CONFIG
    assert got.overstap == OVERSTAP
    assert got.note == original.note  # stored verbatim; the page escapes it
    assert got.data_year == 2024
    assert got.created is not None and got.created == got.updated
    assert got.problem().weights.group("werkgevers") == 2.5


def test_update_keeps_created_and_counts_revisions(store: ScenarioStore) -> None:
    first = store.save(Scenario("Raad", CONFIG))
    second = store.save(Scenario("raad", {"groups": {"werkgevers": 1}}, note="herzien"))
    assert second.name == "raad"  # the new spelling wins on update
    assert second.created == first.created
    assert second.updated >= first.updated
    assert second.problem_config == {"groups": {"werkgevers": 1}}
    (info,) = store.list()
    assert info.revision == 2


def test_save_without_replace_refuses_existing_name(store: ScenarioStore) -> None:
    store.save(Scenario("Raad", CONFIG))
    with pytest.raises(ScenarioExistsError, match="bestaat al"):
        store.save(Scenario("RAAD", {}), replace=False)
    assert store.get("Raad").problem_config == CONFIG


def test_list_sorted_case_insensitive(store: ScenarioStore) -> None:
    for name in ["beta", "Alfa", "gamma", "Delta"]:
        store.save(Scenario(name))
    assert store.names() == ["Alfa", "beta", "Delta", "gamma"]
    assert store.exists("ALFA") and not store.exists("omega")


def test_rename(store: ScenarioStore) -> None:
    store.save(Scenario("Oud", CONFIG))
    store.save(Scenario("Ander"))
    renamed = store.rename("oud", "Nieuw")
    assert renamed.name == "Nieuw" and renamed.problem_config == CONFIG
    assert not store.exists("Oud")
    with pytest.raises(ScenarioExistsError):
        store.rename("Nieuw", "ander")
    assert store.rename("Nieuw", "NIEUW").name == "NIEUW"  # only capitals: allowed
    with pytest.raises(ScenarioNotFoundError):
        store.rename("bestaat niet", "x")
    with pytest.raises(ValidationError):
        store.rename("NIEUW", "   ")
    assert store.names() == ["Ander", "NIEUW"]


def test_duplicate(store: ScenarioStore) -> None:
    store.save(Scenario("Bron", CONFIG, OVERSTAP, author="A"))
    copy = store.duplicate("bron", "Kopie")
    assert copy.problem_config == CONFIG and copy.overstap == OVERSTAP and copy.author == "A"
    assert store.get("Bron").created <= copy.created
    with pytest.raises(ScenarioExistsError):
        store.duplicate("Bron", "kopie")
    with pytest.raises(ScenarioNotFoundError):
        store.duplicate("Niets", "x")
    assert store.names() == ["Bron", "Kopie"]


def test_delete(store: ScenarioStore) -> None:
    store.save(Scenario("Weg"))
    store.save(Scenario("Blijft"))
    store.delete("WEG")
    assert store.names() == ["Blijft"]
    with pytest.raises(ScenarioNotFoundError, match="geen scenario"):
        store.delete("Weg")
    with pytest.raises(ScenarioNotFoundError):
        store.get("Weg")


def test_reopen_keeps_everything(store_url: str) -> None:
    with ScenarioStore(store_url) as s:
        s.save(Scenario("Blijvend", CONFIG, OVERSTAP))
    with ScenarioStore(store_url) as s:
        assert s.get("Blijvend").problem_config == CONFIG
        assert s.schema_version() == SCHEMA_VERSION


@pytest.mark.parametrize(
    "name",
    ["", "   ", "x" * 101, "tab\there", "nul\x00byte"],
)
def test_invalid_names_rejected_before_the_database(store: ScenarioStore, name: str) -> None:
    with pytest.raises(ValidationError, match="naam"):
        store.save(Scenario(name))
    assert store.list() == []


def test_invalid_weighting_rejected(store: ScenarioStore) -> None:
    with pytest.raises(ValidationError, match="onbekende groep"):
        Scenario("x", {"groups": {"bestaat_niet": 1}})
    with pytest.raises(ValidationError):
        Scenario("x", {"groups": {"werkgevers": float("nan")}})


def test_migration_from_version_1(store_url: str) -> None:
    """A v1 database (no ``revision`` column) is brought to v2 with its rows intact."""
    engine = create_engine(store_url)
    with engine.begin() as conn:
        _V1_METADATA.create_all(conn)
        conn.execute(SCHEMA_VERSION_TABLE.insert().values(id=1, version=1))
        conn.execute(
            text(
                "INSERT INTO scenarios (name, name_key, author, note, problem_config, overstap,"
                " data_year, app_version, created, updated) VALUES ('Oud', 'oud', 'X', '', "
                ":cfg, '{}', 2024, '0.0.1', '2025-01-01T00:00:00+00:00', "
                "'2025-01-02T00:00:00+00:00')"
            ),
            {"cfg": json.dumps(CONFIG)},
        )
    engine.dispose()
    with ScenarioStore(store_url) as s:
        assert s.schema_version() == 2
        (info,) = s.list()
        assert (info.name, info.revision, info.data_year) == ("Oud", 1, 2024)
        assert s.get("oud").problem_config == CONFIG
        s.save(Scenario("Oud", {}))
        assert s.list()[0].revision == 2


def test_newer_schema_is_refused_and_left_alone(store_url: str) -> None:
    with ScenarioStore(store_url) as s:
        s.save(Scenario("Toekomst"))
        s.engine.dispose()
        with s.engine.begin() as conn:
            conn.execute(update(SCHEMA_VERSION_TABLE).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(StorageError, match="schemaversie 3"):
        ScenarioStore(store_url)
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == 3
        assert conn.execute(text("SELECT count(*) FROM scenarios")).scalar() == 1
    engine.dispose()


def test_foreign_scenarios_table_is_not_touched(store_url: str) -> None:
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE scenarios (x INTEGER)"))
    engine.dispose()
    with pytest.raises(StorageError, match="zonder schemaversie"):
        ScenarioStore(store_url)


def test_damaged_row_gives_storage_error_and_is_left_out_of_the_list(
    store: ScenarioStore,
) -> None:
    store.save(Scenario("Goed"))
    store.save(Scenario("Kapot"))
    with store.engine.begin() as conn:
        conn.execute(
            update(SCENARIOS).where(SCENARIOS.c.name == "Kapot").values(problem_config="{nee")
        )
    assert store.names() == ["Goed"]  # a listed scenario can be opened
    assert "Kapot" in store.list_checked()[1][0]
    with pytest.raises(StorageError, match="Kapot"):
        store.get("Kapot")
    assert store.get("Goed").name == "Goed"


def test_unreachable_postgres_gives_storage_error() -> None:
    with pytest.raises(StorageError, match="niet bruikbaar"):
        ScenarioStore("postgresql+psycopg://postgres@127.0.0.1:1/geen")


@pytest.mark.parametrize("url", ["nonsense://", "sqlite+nietbestaand:///x.db", "::"])
def test_bad_url_gives_storage_error(url: str) -> None:
    with pytest.raises(StorageError):
        ScenarioStore(url)

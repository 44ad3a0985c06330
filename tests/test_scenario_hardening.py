"""Odd timestamps, look-alike names, a damaged row, two editors, a locked database, a backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dashboard import cli
from dashboard.core.errors import StorageError, ValidationError
from dashboard.scenarios import Scenario, ScenarioExistsError, ScenarioStore
from dashboard.scenarios.schema import scenario_from_json, scenario_to_json


@pytest.fixture
def store(store_url: str):  # type: ignore[no-untyped-def]
    with ScenarioStore(store_url) as s:
        yield s


def _file(**scenario: object) -> str:
    body = {"name": "Tijd", **scenario}
    return json.dumps({"format": "dashboard-scenario", "schema_version": 1, "scenario": body})


# --- timestamps ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "stamp", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "1850-01-01T00:00:00"]
)
@pytest.mark.parametrize("field", ["created", "updated"])
def test_import_refuses_a_timestamp_out_of_range(stamp: str, field: str) -> None:
    with pytest.raises(ValidationError, match=f"scenario.{field}: .*buiten de toegestane periode"):
        scenario_from_json(_file(**{field: stamp}))


def test_cli_import_of_a_far_future_timestamp_exits_2_in_dutch(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    bad = tmp_path / "ver.json"
    bad.write_text(_file(created="9999-12-31T23:59:59-01:00"), "utf-8")
    assert cli.main(["scenario", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: scenario.created") and "OverflowError" not in err
    assert err.count("\n") == 1


def test_a_timestamp_in_range_with_an_offset_is_kept_in_utc() -> None:
    scenario = scenario_from_json(_file(created="2026-03-01T10:00:00+01:00"))
    assert scenario.created is not None and scenario.created.isoformat().startswith(
        "2026-03-01T09:00:00"
    )


def _damage(url: str, name: str, column: str = "created", value: str = "garbage") -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(f"UPDATE scenarios SET {column} = :v WHERE name = :n"), {"v": value, "n": name}
        )
    engine.dispose()


def test_a_damaged_row_is_reported_and_skipped(store: ScenarioStore, store_url: str) -> None:
    for name in ("Alpha", "Beta", "Gamma"):
        store.save(Scenario(name))
    _damage(store_url, "Beta")
    _damage(store_url, "Gamma", "updated", "9999-12-31T23:59:59-01:00")
    infos, problems = store.list_checked()
    assert [i.name for i in infos] == ["Alpha"]
    assert len(problems) == 2 and "'Beta'" in problems[0] and "beschadigd" in problems[0]
    assert [i.name for i in store.list()] == ["Alpha"]
    with pytest.raises(StorageError, match="Beta"):
        store.get("Beta")
    assert store.get("Alpha").name == "Alpha"


def test_cli_list_warns_about_a_damaged_row_and_exits_0(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    with ScenarioStore(url) as store:
        store.save(Scenario("Goed"))
        store.save(Scenario("Kapot"))
    _damage(url, "Kapot")
    for extra in ([], ["--format", "json"]):
        capsys.readouterr()
        assert cli.main(["scenario", "list", *extra]) == 0
        out, err = capsys.readouterr()
        assert "Goed" in out and "Kapot" not in out
        assert err.startswith("Waarschuwing: scenario 'Kapot'") and err.count("\n") == 1


# --- names -----------------------------------------------------------------------------------
LOOK_ALIKES = ["Ba\u200bsis", "\u2066Basis\u2069", "Basis\u202e", "\u200b", "\u200b\u200b "]


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_invisible_and_bidirectional_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="naam"):
        Scenario(name)


def test_look_alike_names_are_one_name(store: ScenarioStore) -> None:
    store.save(Scenario("Basis"))
    for look_alike in ("Ｂasis", "BASIS", "Basis\u3000", "ｂａｓｉｓ"):
        assert Scenario(look_alike).key == Scenario("Basis").key
        with pytest.raises(ScenarioExistsError):
            store.save(Scenario(look_alike), replace=False)
    assert store.names() == ["Basis"]
    assert Scenario("Ｂasis  A").name == "Basis A"
    with pytest.raises(ValidationError):
        store.rename("Basis", "Ba\u200bsis")


def test_a_note_may_not_reorder_text_but_keeps_line_breaks() -> None:
    assert Scenario("a", note="regel 1\nregel 2").note == "regel 1\nregel 2"
    with pytest.raises(ValidationError, match="toelichting"):
        Scenario("a", note="prijs \u202e04,3 €")


# --- two editors -----------------------------------------------------------------------------
def test_a_save_based_on_an_older_revision_is_refused(store_url: str) -> None:
    """Two people (two stores, as two server processes would have) edit the same scenario."""
    from dashboard.core.errors import ScenarioChangedError

    with ScenarioStore(store_url) as first, ScenarioStore(store_url) as second:
        first.save(Scenario("Raad", {"groups": {"werkgevers": 1}}))
        mine, theirs = first.get("Raad"), second.get("Raad")
        assert mine.revision == theirs.revision == 1
        saved = second.save(
            theirs.replace(problem_config={"groups": {"werkgevers": 5}}), expected_revision=1
        )
        assert saved.revision == 2
        with pytest.raises(ScenarioChangedError, match=r"versie 2.*versie 1.*kopie") as caught:
            first.save(
                mine.replace(problem_config={"groups": {"werkgevers": 9}}),
                expected_revision=mine.revision,
            )
        assert caught.value.current == 2
        assert first.get("Raad").problem_config == {"groups": {"werkgevers": 5}}
        copy = first.save_copy(mine.replace(problem_config={"groups": {"werkgevers": 9}}))
        assert copy.name == "Raad (kopie)" and copy.revision == 1
        assert first.save_copy(mine).name == "Raad (kopie 2)"
        assert first.get("Raad").revision == 2


def test_cli_save_with_an_old_version_is_refused_and_can_go_to_a_copy(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    weights = tmp_path / "w.json"
    weights.write_text('{"groups": {"werkgevers": 3}}', "utf-8")
    save = ["scenario", "save", "Raad", "--weights", str(weights)]
    assert cli.main(save) == 0
    assert cli.main([*save, "--versie", "1"]) == 0  # still version 1: saved, now version 2
    capsys.readouterr()
    assert cli.main([*save, "--versie", "1"]) == 2
    err = capsys.readouterr().err
    assert "intussen" in err and "--als-kopie" in err and err.count("\n") == 1
    assert cli.main([*save, "--versie", "1", "--als-kopie"]) == 0
    assert "kopie" in capsys.readouterr().out
    with ScenarioStore(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        assert store.names() == ["Raad", "Raad (kopie)"] and store.get("Raad").revision == 2


def test_cli_import_replace_checks_the_revision_in_the_file(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    with ScenarioStore(url) as store:
        store.save(Scenario("Raad"))
        exported = tmp_path / "raad.json"
        exported.write_text(scenario_to_json(store.get("Raad")), "utf-8")
        store.save(Scenario("Raad", note="iemand anders"))
    assert cli.main(["scenario", "import", str(exported), "--replace"]) == 2
    assert "intussen" in capsys.readouterr().err
    with ScenarioStore(url) as store:
        assert store.get("Raad").note == "iemand anders"


# --- a locked database ----------------------------------------------------------------------
def test_a_page_gives_up_on_a_locked_database_within_seconds(tmp_path: Path) -> None:
    """Another process holds the write lock: the page's store says so, it does not hang."""
    from dashboard.scenarios.store import INTERACTIVE_ATTEMPTS, INTERACTIVE_BUSY_TIMEOUT_S

    path = tmp_path / "bezet.sqlite"
    url = f"sqlite:///{path}"
    ScenarioStore(url).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            ScenarioStore(
                url, busy_timeout=INTERACTIVE_BUSY_TIMEOUT_S, attempts=INTERACTIVE_ATTEMPTS
            ) as store,
            pytest.raises(StorageError, match="bezet"),
        ):
            store.save(Scenario("Wacht"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # the structural bound (no timing assertion): lock waits plus back-off stay under ~5 s
    assert INTERACTIVE_BUSY_TIMEOUT_S * INTERACTIVE_ATTEMPTS + 1 <= 5


def test_the_page_store_uses_the_short_timeout(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dashboard.scenarios.store import INTERACTIVE_ATTEMPTS, INTERACTIVE_BUSY_TIMEOUT_S
    from dashboard.ui import cache

    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite'}")
    store = cache._scenario_store.__wrapped__(f"sqlite:///{tmp_path / 'p.sqlite'}")
    try:
        assert store.busy_timeout == INTERACTIVE_BUSY_TIMEOUT_S
        assert store.attempts == INTERACTIVE_ATTEMPTS
    finally:
        store.close()


# --- backup -----------------------------------------------------------------------------------
def test_backup_is_a_consistent_copy_including_the_write_ahead_log(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    with ScenarioStore(url) as store:
        store.save(Scenario("Eerste"))
        # keep a connection open so the last save is still only in the -wal file
        keeper = sqlite3.connect(tmp_path / "db.sqlite")
        keeper.execute("SELECT 1").fetchall()
        store.save(Scenario("Tweede"))
        target = tmp_path / "reserve.sqlite"
        assert cli.main(["scenario", "backup", "--out", str(target)]) == 0
        keeper.close()
    assert "Reservekopie" in capsys.readouterr().out
    with ScenarioStore(f"sqlite:///{target}") as copy:
        assert copy.names() == ["Eerste", "Tweede"]
    assert not list(tmp_path.glob(".reserve*"))
    assert cli.main(["scenario", "backup", "--out", str(target)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert cli.main(["scenario", "backup", "--out", str(target), "--overschrijven"]) == 0


def test_backup_of_a_non_sqlite_database_is_refused_in_dutch(  # type: ignore[no-untyped-def]
    monkeypatch, capsys, tmp_path: Path
) -> None:
    from dashboard.commands import scenario as command

    class FakeStore:
        is_sqlite = False
        path = None
        description = "postgresql+psycopg://dashboard:***@db/dashboard"

    with pytest.raises(ValidationError, match=r"alleen met een SQLite-bestand.*pg_dump"):
        command._backup(FakeStore(), str(tmp_path / "x"), False)  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


# --- no lost versions: import that replaces, restore, delete -------------------------------
def _exported_then_changed(store: ScenarioStore, tmp_path: Path) -> Path:
    """ "Raad" exported at version 1 (the file), then saved by a colleague: now version 2."""
    store.save(Scenario("Raad", {"groups": {"werkgevers": 1}}, note="het bestand"))
    exported = tmp_path / "raad.json"
    exported.write_text(scenario_to_json(store.get("Raad")), "utf-8")
    store.save(Scenario("Raad", {"groups": {"werkgevers": 5}}, note="iemand anders"))
    return exported


def test_import_replace_of_an_older_file_is_refused_then_copy_or_restore(
    store: ScenarioStore, tmp_path: Path
) -> None:
    from dashboard.core.errors import ScenarioChangedError

    old = scenario_from_json(_exported_then_changed(store, tmp_path).read_text("utf-8"))
    with pytest.raises(ScenarioChangedError, match=r"intussen gewijzigd .*versie 2.*versie 1"):
        store.import_scenario(old, replace=True)
    assert store.get("Raad").note == "iemand anders"
    copied = store.import_scenario(old, replace=True, as_copy=True)
    assert copied.copied and copied.scenario.name == "Raad (kopie)"
    assert store.get("Raad (kopie)").note == "het bestand"
    assert store.get("Raad").note == "iemand anders"
    restored = store.import_scenario(old, restore=True)
    assert restored.kept == "Raad (kopie 2)" and restored.scenario.revision == 3
    assert store.get("Raad").note == "het bestand"
    assert store.get("Raad (kopie 2)").note == "iemand anders"  # nothing lost
    assert store.get("Raad (kopie 2)").problem_config == {"groups": {"werkgevers": 5}}


def test_restore_over_a_damaged_row_keeps_the_damaged_row_as_a_copy(
    store: ScenarioStore, store_url: str
) -> None:
    store.save(Scenario("Raad"))
    _damage(store_url, "Raad", "created", "garbage")
    _damage(store_url, "Raad", "problem_config", "[" * 50_000 + "]" * 50_000)
    result = store.import_scenario(Scenario("Raad", note="terug"), restore=True)
    assert result.kept == "Raad (kopie)"
    assert store.get("Raad").note == "terug"
    infos, problems = store.list_checked()
    assert [i.name for i in infos] == ["Raad"]
    assert len(problems) == 1 and "'Raad (kopie)'" in problems[0]  # kept as it was
    assert "te diep genest" in problems[0]


def test_import_without_replace_can_go_to_a_copy(store: ScenarioStore) -> None:
    store.save(Scenario("Raad"))
    with pytest.raises(ScenarioExistsError):
        store.import_scenario(Scenario("Raad", note="nieuw"))
    assert store.import_scenario(Scenario("Raad", note="nieuw"), as_copy=True).copied
    assert store.get("Raad (kopie)").note == "nieuw"


def test_delete_of_a_version_that_changed_since_is_refused(store: ScenarioStore) -> None:
    from dashboard.core.errors import ScenarioChangedError

    store.save(Scenario("Raad"))
    chosen = store.get("Raad").revision
    store.save(Scenario("Raad", note="iemand anders"))
    with pytest.raises(ScenarioChangedError, match=r"intussen gewijzigd.*niet verwijderd"):
        store.delete("Raad", expected_revision=chosen)
    assert store.get("Raad").note == "iemand anders"
    store.delete("Raad", expected_revision=store.get("Raad").revision)
    assert store.names() == []


def _cli_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    return url


def test_cli_restore_from_a_backup_keeps_the_current_version(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """The README's restore of one scenario: refused with a way forward, then --herstel."""
    url = _cli_store(tmp_path, monkeypatch)
    with ScenarioStore(url) as store:
        exported = _exported_then_changed(store, tmp_path)
    for argv in (["--vervangen"], []):
        assert cli.main(["scenario", "import", str(exported), *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "--als-kopie" in err
    assert "--herstel" in err or "--vervangen" in err
    assert cli.main(["scenario", "import", str(exported), "--vervangen", "--herstel"]) == 0
    out = capsys.readouterr().out
    assert "teruggezet" in out and "‘Raad (kopie)’" in out
    with ScenarioStore(url) as store:
        assert store.get("Raad").note == "het bestand"
        assert store.get("Raad (kopie)").note == "iemand anders"
    assert cli.main(["scenario", "import", str(exported), "--vervangen", "--als-kopie"]) == 0
    assert "‘Raad (kopie 2)’" in capsys.readouterr().out


def test_cli_delete_with_an_old_version_is_refused(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    url = _cli_store(tmp_path, monkeypatch)
    with ScenarioStore(url) as store:
        store.save(Scenario("Raad"))
        store.save(Scenario("Raad", note="nieuwer"))
    assert cli.main(["scenario", "delete", "Raad", "--versie", "1"]) == 2
    assert "niet verwijderd" in capsys.readouterr().err
    assert cli.main(["scenario", "delete", "Raad", "--versie", "2"]) == 0
    with ScenarioStore(url) as store:
        assert store.names() == []


# --- damaged rows are validated on read --------------------------------------------------------
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("problem_config", DEEP),
        ("overstap", '{"a":' * 50_000 + "1" + "}" * 50_000),
        ("problem_config", '{"groups": {"werkgevers": -5}}'),
        ("problem_config", '{"groups": {"werkgevers": 1, "werkgevers": 2}}'),
        ("problem_config", '"' + "x" * 1_100_000 + '"'),
        ("name", "Kapot\x1b[2J"),
    ],
    ids=["deep weights", "deep overstap", "invalid weight", "duplicate key", "huge", "escape"],
)
def test_a_damaged_row_is_skipped_and_the_others_stay_usable(
    store: ScenarioStore, store_url: str, column: str, value: str
) -> None:
    store.save(Scenario("Goed", {"groups": {"werkgevers": 2}}))
    store.save(Scenario("Kapot"))
    _damage(store_url, "Kapot", column, value)
    infos, problems = store.list_checked()
    assert [i.name for i in infos] == ["Goed"]
    assert len(problems) == 1 and "beschadigd" in problems[0] and "Kapot" in problems[0]
    assert store.get("Goed").problem_config == {"groups": {"werkgevers": 2}}
    if column != "name":
        with pytest.raises(StorageError, match=r"Kapot.*kan niet worden gelezen"):
            store.get("Kapot")


@pytest.mark.parametrize(
    "argv",
    [["scenario", "show", "Kapot"], ["report", "--scenario", "Kapot", "--uitvoer", "{tmp}/r.pdf"]],
    ids=["show", "report"],
)
def test_cli_on_a_deeply_nested_row_exits_2_in_dutch(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys, argv: list[str]
) -> None:
    url = _cli_store(tmp_path, monkeypatch)
    with ScenarioStore(url) as store:
        store.save(Scenario("Kapot"))
    _damage(url, "Kapot", "problem_config", DEEP)
    capsys.readouterr()
    assert cli.main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: scenario 'Kapot' in de database kan niet worden gelezen")
    assert "te diep genest" in err and "RecursionError" not in err and err.count("\n") == 1
    assert not (tmp_path / "r.pdf").exists()


# --- what the CLI prints cannot drive the terminal ----------------------------------------------
def test_cli_list_and_show_write_no_raw_terminal_controls(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    url = _cli_store(tmp_path, monkeypatch)
    note = "zie\u200bhier \u00adklik\nregel 2 \u2028 einde"
    with ScenarioStore(url) as store:
        store.save(Scenario("Goed", author="Wethouder", note=note))
        store.save(Scenario("Slecht"))
    _damage(url, "Slecht", "name", "Slecht\x1b]0;titel\x07\x1b[2J")
    _damage(url, "Slecht", "author", "\x1b[31mrood\u202e")
    for argv in (["list"], ["list", "--formaat", "json"], ["show", "Goed"]):
        assert cli.main(["scenario", *argv]) == 0
        out, err = capsys.readouterr()
        for text_ in (out, err):
            assert not any(ch in text_ for ch in "\x1b\x07\u2028\u202e\u200b\u00ad"), repr(text_)
    assert cli.main(["scenario", "list", "--formaat", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["note"] == note  # the same document, only written with escapes
    assert cli.main(["scenario", "export", "Goed", "--uitvoer", "-"]) == 0
    assert scenario_from_json(capsys.readouterr().out).note == note


def test_cli_messages_about_a_file_are_terminal_safe(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    _cli_store(tmp_path, monkeypatch)
    odd = tmp_path / "raad\x1b[2J.json"
    odd.write_text(scenario_to_json(Scenario("Raad")), "utf-8")
    assert cli.main(["scenario", "import", str(odd)]) == 0
    assert "\x1b" not in capsys.readouterr().out


# --- two stores in one process -----------------------------------------------------------------
def _in_another_process(path: Path, code: str) -> str:
    """Run ``code`` with ``c``, a plain SQLite connection to ``path``, in a second process."""
    import subprocess
    import sys

    script = f"import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); {code}; c.close()"
    return subprocess.run(
        [sys.executable, "-c", script, str(path)], check=True, capture_output=True, text=True
    ).stdout.strip()


def test_two_stores_on_one_file_keep_their_locks_and_their_saves(tmp_path: Path) -> None:
    """SQLite "How To Corrupt", 2.2: closing any handle on the file drops this process's
    locks; another process that then closes takes the database for unused and deletes the
    write-ahead log under our open connection, and our next saves are invisible to others."""
    path = tmp_path / "s.sqlite"
    url = f"sqlite:///{path}"
    with ScenarioStore(url) as first:
        first.save(Scenario("Eerste"))
        with ScenarioStore(url) as second:
            assert second.engine is first.engine  # one engine per file per process
            _in_another_process(path, "c.execute('SELECT count(*) FROM scenarios').fetchall()")
            assert Path(f"{path}-wal").exists()
            first.save(Scenario("Tweede"))
            second.save(Scenario("Derde"))
            seen = _in_another_process(
                path, "print(','.join(r[0] for r in c.execute('SELECT name FROM scenarios')))"
            )
            assert sorted(seen.split(",")) == ["Derde", "Eerste", "Tweede"]
        assert first.names() == ["Derde", "Eerste", "Tweede"]  # the second close kept the engine
    with ScenarioStore(url) as again:
        assert again.engine is not first.engine and again.names() == ["Derde", "Eerste", "Tweede"]


def test_no_plain_file_handle_on_an_open_database(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """Opening a second store, saving, listing and a backup never open the database file (or
    its -wal and -shm) through Python while a connection is open."""
    import sys

    path = tmp_path / "db.sqlite"
    url = _cli_store(tmp_path, monkeypatch)
    assert url.endswith(str(path))
    watched = {str(path), f"{path}-wal", f"{path}-shm"}
    opened: list[str] = []
    watching = [False]

    def hook(event: str, args: tuple) -> None:  # type: ignore[type-arg]
        if watching[0] and event == "open" and args and str(args[0]) in watched:
            opened.append(str(args[0]))

    sys.addaudithook(hook)  # cannot be removed: it only records while ``watching``
    with ScenarioStore(url) as first:
        first.save(Scenario("Eerste"))
        watching[0] = True
        try:
            with ScenarioStore(url) as second:
                second.save(Scenario("Tweede"))
                assert cli.main(["scenario", "list"]) == 0
                assert (
                    cli.main(["scenario", "backup", "--uitvoer", str(tmp_path / "r.sqlite")]) == 0
                )
        finally:
            watching[0] = False
    assert opened == []
    capsys.readouterr()
    with ScenarioStore(f"sqlite:///{tmp_path / 'r.sqlite'}") as copy:
        assert copy.names() == ["Eerste", "Tweede"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_backup_over_the_database_itself_is_refused(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys, suffix: str
) -> None:
    url = _cli_store(tmp_path, monkeypatch)
    with ScenarioStore(url) as store:
        store.save(Scenario("Eerste"))
    target = f"{tmp_path / 'db.sqlite'}{suffix}"
    assert cli.main(["scenario", "backup", "--uitvoer", target, "--overschrijven"]) == 2
    assert "over de database zelf" in capsys.readouterr().err
    with ScenarioStore(url) as store:
        assert store.names() == ["Eerste"]


def test_a_forked_child_opens_its_own_engine(tmp_path: Path) -> None:
    """A child process must not use its parent's SQLite connections."""
    import os

    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with ScenarioStore(url) as parent:
        parent.save(Scenario("Ouder"))
        pid = os.fork()
        if pid == 0:  # child
            code = 1
            try:
                with ScenarioStore(url) as child:
                    child.save(Scenario("Kind"))
                    code = 0 if child.engine is not parent.engine else 3
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert parent.names() == ["Kind", "Ouder"]

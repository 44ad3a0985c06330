"""``python -m dashboard scenario ...``: the commands; rejected input leaves the db as it was."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.scenarios import ScenarioStore


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{path}")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["scenario", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _weights(tmp_path: Path, content: object, name: str = "w.json") -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return str(path)


def _rows(db: Path) -> list[tuple]:
    with ScenarioStore(f"sqlite:///{db}") as store:
        return [(s.name, s.updated, s.revision) for s in store.list()]


def test_full_cycle(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and "nog geen scenario's" in out

    weights = _weights(tmp_path, {"groups": {"werkgevers": 2}, "ratings": {"gu08": {"V3": "+/-"}}})
    code, out, _ = run(capsys, "save", "Raad maart", "--weging", weights, "--auteur", "Jan")
    assert code == 0 and "‘Raad maart’ opgeslagen" in out

    code, out, _ = run(capsys, "list")
    assert code == 0 and "Raad maart" in out and "Jan" in out

    code, out, _ = run(capsys, "list", "--formaat", "json")
    (row,) = json.loads(out)
    assert row["name"] == "Raad maart" and row["revision"] == 1

    code, out, _ = run(capsys, "show", "raad maart")
    shown = json.loads(out)
    assert shown["scenario"]["weights"] == {
        "groups": {"werkgevers": 2},
        "ratings": {"gu08": {"V3": "+/-"}},
    }

    target = tmp_path / "export.json"
    code, out, _ = run(capsys, "export", "Raad maart", "--uitvoer", str(target))
    assert code == 0 and json.loads(target.read_text("utf-8")) == shown

    code, out, _ = run(capsys, "delete", "Raad maart")
    assert code == 0 and "verwijderd" in out
    code, out, _ = run(capsys, "import", str(target))
    assert code == 0 and "geïmporteerd" in out
    again = json.loads(run(capsys, "show", "Raad maart")[1])
    assert again["scenario"].pop("updated") >= shown["scenario"].pop("updated")  # saved anew
    assert again == shown  # everything else, including ``created``, came back


def test_save_twice_updates(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "save", "A", "--weging", _weights(tmp_path, {}))
    run(capsys, "save", "A", "--weging", _weights(tmp_path, {"groups": {"werkgevers": 3}}))
    assert [r[2] for r in _rows(db)] == [2]


def test_export_to_stdout(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "save", "A", "--weging", _weights(tmp_path, {}))
    code, out, _ = run(capsys, "export", "A", "--uitvoer", "-")
    assert code == 0 and json.loads(out)["scenario"]["name"] == "A"


def _doc(**scenario) -> dict:
    return {"format": "dashboard-scenario", "schema_version": 1, "scenario": scenario}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_doc(name="x", weights={"groups": {"werkgevers": -1}}), "scenario.weights.groups"),
        (_doc(name="x", hack=1), "scenario.hack: onbekend veld"),
        (_doc(name="<script>x</script>", note=5), "scenario.note: moet tekst zijn"),
        ('{"format": NaN}', "NaN is geen geldig getal"),
        ("[" * 50_000, "te diep genest"),
        ("niet eens json", "geen geldige JSON"),
        (_doc(name="Bestaat"), "er bestaat al een scenario 'Bestaat'; gebruik --vervangen"),
    ],
)
def test_rejected_import_exit_2_one_line_db_unchanged(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, message: str
) -> None:
    run(capsys, "save", "Bestaat", "--weging", _weights(tmp_path, {"groups": {"werkgevers": 4}}))
    before_rows = _rows(db)
    before_bytes = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = run(capsys, "import", _weights(tmp_path, content, "upload.json"))
    assert code == 2
    assert err.startswith("Fout: ") and err.count("\n") == 1 and message in err
    assert "Traceback" not in err
    assert _rows(db) == before_rows
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before_bytes


def test_import_of_a_ten_megabyte_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "groot.json"
    big.write_bytes(b" " * (10 * 1024 * 1024))
    code, _, err = run(capsys, "import", str(big))
    assert code == 2 and "groter dan 1 MB (10,5 MB)" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "Niets"], "er is geen scenario met de naam 'Niets'"),
        (["delete", "Niets"], "er is geen scenario met de naam 'Niets'"),
        (["export", "Niets", "--uitvoer", "x.json"], "geen scenario"),
        (["import", "/bestaat/niet.json"], "kan niet worden gelezen"),
        (["save", "A", "--weging", "/bestaat/niet.json"], "wegingsbestand"),
        (["save", "", "--weging", "__W__"], "naam: mag niet leeg zijn"),
        (["save", "A", "--weging", "__BAD__"], "onbekende groep"),
    ],
)
def test_errors_are_one_dutch_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    good = _weights(tmp_path, {})
    bad = _weights(tmp_path, {"groups": {"raad": 1}}, "bad.json")
    argv = [good if a == "__W__" else bad if a == "__BAD__" else a for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith("Fout: ") and err.count("\n") == 1
    assert message in err


def test_unknown_action(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["scenario", "bogus"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ongeldige invoer") and err.count("\n") == 1


def test_export_to_unwritable_place(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "save", "A", "--weging", _weights(tmp_path, {}))
    code, _, err = run(
        capsys, "export", "A", "--uitvoer", str(tmp_path / "geen" / "map" / "a.json")
    )
    assert code == 2 and "kan niet schrijven" in err


def test_real_process_exit_code(db: Path, tmp_path: Path) -> None:
    """Once through a real ``python -m dashboard`` to check the wiring end to end."""
    bad = _weights(tmp_path, _doc(name="x", weights={"groups": {"werkgevers": "veel"}}))
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "scenario", "import", bad],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Fout: scenario.weights.groups.werkgevers: moet een getal zijn (gekregen: 'veel')"
    ]
    assert not db.exists()  # rejected before the database was even opened

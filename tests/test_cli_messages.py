"""The one error line of the CLI: ``Fout: `` and one Dutch line, whatever went wrong; text from
the environment or data cannot forge a second line, and no library's own words get through."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from dashboard.cli import main


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and len(err.rstrip("\n").splitlines()) == 1, err
    return err


def test_a_newline_in_the_data_folder_cannot_forge_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: a newline in DASHBOARD_DATA_DIR printed a second "Fout:" line."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", f"{tmp_path}/x\nFout: alles is gewist\x1b[2J")
    assert main(["regions"]) == 2
    err = _one_line(capsys)
    assert "\\x0aFout: alles is gewist\\x1b[2J" in err


def _failing(error: BaseException):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        raise error

    return run


@pytest.mark.parametrize(
    ("error", "hidden"),
    [
        (KeyError("foo"), "KeyError"),
        (ValueError("invalid literal for int() with base 10: 'x'"), "invalid literal"),
        (RuntimeError("pyogrio.errors.DataSourceError: GDAL says no"), "GDAL"),
    ],
)
def test_an_unexpected_error_is_dutch_without_internals(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    hidden: str,
) -> None:
    """Regression: the last-resort line showed the exception's type and English text."""
    monkeypatch.setattr("dashboard.commands.regions.run", _failing(error))
    assert main(["regions"]) == 1
    err = _one_line(capsys)
    assert hidden not in err and "onverwachts" in err


def test_a_package_left_uninstalled_is_named_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: on a machine where ``pip install -r requirements.txt`` had not run, every
    command said only "er ging iets onverwachts mis" (exit 1), naming neither the package nor
    the fix."""
    missing = ModuleNotFoundError("No module named 'vl_convert'", name="vl_convert")
    monkeypatch.setattr("dashboard.commands.regions.run", _failing(missing))
    assert main(["regions"]) == 2
    err = _one_line(capsys)
    assert "het pakket vl-convert-python ontbreekt" in err
    assert "pip install -r requirements.txt" in err and "No module" not in err


def test_an_os_error_is_named_in_dutch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: ``FileExistsError … '/dev/null'`` reached the user."""
    error = FileExistsError(17, "File exists", "/dev/null")
    monkeypatch.setattr("dashboard.commands.regions.run", _failing(error))
    assert main(["regions"]) == 2
    err = _one_line(capsys)
    assert "/dev/null" in err and "FileExistsError" not in err and "File exists" not in err


def test_a_database_driver_speaks_dutch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: SQLAlchemy's and the driver's own text ("No module named 'MySQLdb'",
    "connection failed: ...") was part of the line."""
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", "mysql://iemand@127.0.0.1:9/db")
    assert main(["scenario", "list"]) == 2
    err = _one_line(capsys)
    assert "No module" not in err and "MySQLdb" not in err and "stuurprogramma" in err

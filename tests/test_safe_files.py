"""Writing output files (``scenario export --out``, ``report --out``, ``scenario backup``).

Only regular files are written; devices, pipes, folders, links and (without ``--overschrijven``)
existing files are refused in Dutch; a replaced file keeps its mode; no temporary file stays.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.core.errors import DashboardError, ValidationError

ENGLISH = ("Permission denied", "No such file", "Is a directory", "Errno", "Read-only")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "db" / "scenarios.sqlite"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{path}")
    weights = tmp_path / "w.json"
    weights.write_text('{"groups": {"werkgevers": 2}}', "utf-8")
    assert cli.main(["scenario", "save", "Raad", "--weights", str(weights)]) == 0
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "uit"
    folder.mkdir()
    return folder


def export(capsys: pytest.CaptureFixture[str], out: str, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["scenario", "export", "Raad", "--out", out, *extra])
    return code, capsys.readouterr().err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _one_dutch_line(err: str) -> None:
    assert err.startswith("Fout: ") and err.count("\n") == 1, err
    assert not any(word in err for word in ENGLISH), err


def test_a_new_file_gets_the_normal_mode(db, out_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "raad.json"
    code, err = export(capsys, str(target))
    assert code == 0, err
    assert '"name": "Raad"' in target.read_text("utf-8")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert _leftovers(out_dir) == []


def test_an_existing_file_needs_overschrijven_and_keeps_its_mode(db, out_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "raad.json"
    target.write_text("oud", "utf-8")
    target.chmod(0o640)
    code, err = export(capsys, str(target))
    assert code == 2 and "bestaat al" in err and "--overschrijven" in err
    _one_dutch_line(err)
    assert target.read_text("utf-8") == "oud"
    code, err = export(capsys, str(target), "--overschrijven")
    assert code == 0, err
    assert '"name": "Raad"' in target.read_text("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(out_dir) == []


def test_a_read_only_file_is_not_replaced(db, out_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    target = out_dir / "raad.json"
    target.write_text("oud", "utf-8")
    target.chmod(0o444)
    code, err = export(capsys, str(target), "--force")
    assert code == 2 and "alleen-lezen" in err
    _one_dutch_line(err)
    assert target.read_text("utf-8") == "oud"


def test_a_symlink_is_refused_and_left_alone(db, out_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    real = out_dir / "echt.txt"
    real.write_text("blijft", "utf-8")
    link = out_dir / "link.json"
    link.symlink_to(real)
    for extra in ((), ("--overschrijven",)):
        code, err = export(capsys, str(link), *extra)
        assert code == 2 and "symbolische koppeling" in err
        _one_dutch_line(err)
    assert link.is_symlink() and real.read_text("utf-8") == "blijft"
    assert _leftovers(out_dir) == []


def test_a_pipe_or_device_is_refused(db, out_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    fifo = out_dir / "pijp.json"
    os.mkfifo(fifo)
    code, err = export(capsys, str(fifo), "--overschrijven")
    assert code == 2 and "pijp" in err
    _one_dutch_line(err)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    if os.geteuid() == 0:  # only root can make a device node (a copy of /dev/null, here)
        device = out_dir / "apparaat.pdf"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        code, err = export(capsys, str(device), "--overschrijven")
        assert code == 2 and "apparaat" in err
        assert stat.S_ISCHR(device.lstat().st_mode)
    assert _leftovers(out_dir) == []


def test_a_folder_or_an_empty_name_leaves_no_temporary_file(  # type: ignore[no-untyped-def]
    db, out_dir, capsys, monkeypatch
) -> None:
    code, err = export(capsys, str(out_dir))
    assert code == 2 and "map" in err
    _one_dutch_line(err)
    monkeypatch.chdir(out_dir)
    code, err = export(capsys, "")
    assert code == 2 and "bestandsnaam" in err
    _one_dutch_line(err)
    assert list(out_dir.iterdir()) == []


def test_a_missing_folder_is_named_in_dutch(db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, err = export(capsys, str(tmp_path / "nergens" / "a.json"))
    assert code == 2 and "bestaat niet" in err
    _one_dutch_line(err)


def test_a_failing_writer_leaves_the_old_file_and_no_temporary_file(out_dir) -> None:  # type: ignore[no-untyped-def]
    from dashboard.core.safe_files import write_with

    target = out_dir / "a.bin"
    target.write_bytes(b"oud")

    def broken(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(DashboardError, match="de schijf is vol") as caught:
        write_with(target, broken, force=True)
    assert "No space" not in str(caught.value)
    assert target.read_bytes() == b"oud" and _leftovers(out_dir) == []


def test_write_bytes_refuses_without_force(out_dir) -> None:  # type: ignore[no-untyped-def]
    from dashboard.core.safe_files import write_bytes

    target = out_dir / "a.bin"
    write_bytes(target, b"1")
    with pytest.raises(ValidationError, match="bestaat al"):
        write_bytes(target, b"2")
    write_bytes(target, b"2", force=True)
    assert target.read_bytes() == b"2"


# --- report --out ----------------------------------------------------------------------------
def report(capsys: pytest.CaptureFixture[str], out: str, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["report", "--out", out, *extra])
    return code, capsys.readouterr().err


def test_report_does_not_overwrite_silently_and_keeps_the_mode(  # type: ignore[no-untyped-def]
    out_dir, capsys, cbs_dir, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'r.sqlite'}")
    target = out_dir / "rapport.pdf"
    target.write_bytes(b"vorige versie")
    target.chmod(0o644)
    code, err = report(capsys, str(target))
    assert code == 2 and "bestaat al" in err
    assert target.read_bytes() == b"vorige versie"
    code, err = report(capsys, str(target), "--overschrijven")
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert _leftovers(out_dir) == []


def test_report_refuses_a_symlink_named_pdf(out_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    real = out_dir / "belangrijk.txt"
    real.write_text("blijft", "utf-8")
    link = out_dir / "rapport.pdf"
    link.symlink_to(real)
    code, err = report(capsys, str(link), "--overschrijven")
    assert code == 2 and "symbolische koppeling" in err
    assert link.is_symlink() and real.read_text("utf-8") == "blijft"

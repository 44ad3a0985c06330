"""Writing an output file without damaging what was there: the one helper for every command.

Rules, in the order they are checked (each refusal is one Dutch :class:`ValidationError`):

* an empty path, a folder, a symbolic link or anything that is not a regular file (a device
  such as ``/dev/full``, a pipe, a socket) is refused; the folder must exist;
* an existing regular file is replaced only with ``force`` and only when it is writable; the
  replacement keeps the old file's permissions;
* the new content goes to a temporary file in the same folder, is flushed to disk and then
  renamed over the target in one step, so a reader sees the old file or the new one, never half
  of one. The temporary file is removed whatever happens.

Output *folders* (a download, the snapshot) follow the same spirit (:func:`check_output_folder`,
:func:`staging_folder`, :func:`replace_together`, :func:`write_folder`):

* the folder must be new, empty, or already hold what the command writes (the caller says how to
  recognise that); a symbolic link, a file, the command's own source folder (or a folder inside
  it) and a folder of other files are refused;
* files are written to a hidden staging folder inside the target and moved into place together:
  all of them, or (when a move fails) none; only the names the command writes (and the stale
  names it is told to remove) are touched, every other file stays;
* an existing entry with one of those names that is not a regular file is refused, so nothing is
  ever written through a symbolic link;
* the staging folder is removed whatever happens, also when the process gets SIGTERM.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType

from dashboard.core.errors import DashboardError, ValidationError

_OS_REASONS = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte voor deze gebruiker is op",
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "het is een map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "de schijf gaf een leesfout of schrijffout",
}


def os_reason(err: OSError) -> str:
    """A Dutch reason for an operating-system error (never the English strerror text)."""
    return _OS_REASONS.get(err.errno or 0, "het besturingssysteem weigert het bestand")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISLNK(mode):
        return "een symbolische koppeling"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    if stat.S_ISFIFO(mode):
        return "een pijp (fifo)"
    if stat.S_ISSOCK(mode):
        return "een socket"
    return "geen gewoon bestand"


def _looked_up(path: str | os.PathLike[str], what: str) -> tuple[Path, os.stat_result | None]:
    """``path`` as a :class:`Path` and what is there now (never following a link; None when
    nothing is); a Dutch error for an empty name or a path that cannot be checked."""
    text = os.fspath(path)
    if not text.strip():
        raise ValidationError(f"geef {what} op; een lege naam kan niet")
    target = Path(text)
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise ValidationError(f"{target} kan niet worden gecontroleerd: {os_reason(err)}") from err
    return target, info


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Refuse a target this module would not write; returns it as a :class:`Path`.

    Cheap (no file is created): call it before slow work so a bad ``--out`` fails at once.
    """
    target, info = _looked_up(path, "een bestandsnaam")
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError(
                f"{target} is {_kind(info.st_mode)}; het dashboard schrijft alleen gewone "
                "bestanden. Kies een andere bestandsnaam."
            )
        if not force:
            raise ValidationError(
                f"{target} bestaat al; er is niets veranderd. Kies een andere naam of gebruik "
                "--overschrijven om het te vervangen."
            )
        if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise ValidationError(f"{target} is alleen-lezen; er is niets veranderd")
    folder = target.parent
    if not folder.is_dir():
        raise ValidationError(f"kan niet schrijven naar {target}: de map {folder} bestaat niet")
    return target


def _new_file_mode() -> int:
    # the mode a plain open() would give: 0o666 minus the process umask
    current = os.umask(0o022)
    os.umask(current)
    return 0o666 & ~current


def write_with(
    path: str | os.PathLike[str], fill: Callable[[Path], object], *, force: bool = False
) -> Path:
    """Let ``fill`` write the new content to a temporary path, then put it in place.

    Raises
    ------
    ValidationError
        The target is refused (see the module rules); nothing was written.
    DashboardError
        Writing failed (disk full, no rights, ...); the target is unchanged.
    """
    target = check_target(path, force=force)
    try:
        old_mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    except OSError:
        old_mode = None
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        fill(tmp)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, old_mode if old_mode is not None else _new_file_mode())
        # checked again just before the rename: the target may have changed meanwhile
        check_target(target, force=force)
        os.replace(tmp, target)
        tmp = None
    except OSError as err:
        raise DashboardError(
            f"kan niet schrijven naar {target}: {os_reason(err)}; er is niets veranderd"
        ) from err
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return target


def write_bytes(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` under the module rules (see :func:`write_with`)."""
    return write_with(path, lambda tmp: tmp.write_bytes(data), force=force)


# --- output folders -----------------------------------------------------------------------------
def _inside(path: Path, folder: Path) -> bool:
    try:
        path, folder = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):
        return False
    return path == folder or folder in path.parents


def _visible_entries(folder: Path) -> list[Path]:
    # hidden entries are left out: a staging folder of an interrupted run, editor files
    return [p for p in folder.iterdir() if not p.name.startswith(".")]


def check_output_folder(
    path: str | os.PathLike[str],
    *,
    is_ours: Callable[[Path], bool],
    source: Path | None = None,
    names: Iterable[str] = (),
) -> Path:
    """Refuse an output folder the command should not write into; returns it as a :class:`Path`.

    Parameters
    ----------
    is_ours
        Whether an existing, non-empty folder already holds what this command writes (a
        previous snapshot, a data folder); any other non-empty folder is refused.
    source
        The folder the command reads; the target may not be it or lie inside it.
    names
        The file names that will be written; an existing entry with such a name must be a
        regular file (never a symbolic link, a folder or a device).
    """
    target, info = _looked_up(path, "een map")
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise ValidationError(
            f"{target} is {_kind(info.st_mode)}, geen gewone map; er is niets geschreven. "
            "Kies een nieuwe of lege map."
        )
    if source is not None and _inside(target, source):
        raise ValidationError(
            f"{target} is de bronmap (of ligt erin); er is niets geschreven. Kies een andere map."
        )
    if info is None:
        if not target.parent.is_dir():
            raise ValidationError(
                f"kan niet schrijven naar {target}: de map {target.parent} bestaat niet"
            )
        return target
    try:
        entries = _visible_entries(target)
    except OSError as err:
        raise ValidationError(f"{target} kan niet worden gelezen: {os_reason(err)}") from err
    if entries and not is_ours(target):
        raise ValidationError(
            f"de map {target} bevat al andere bestanden; er is niets geschreven. Kies een nieuwe "
            "of lege map."
        )
    for name in names:
        if not name or name != Path(name).name or name.startswith("."):
            raise ValidationError(f"{name!r} is geen gewone bestandsnaam; er is niets geschreven")
        try:
            mode = (target / name).lstat().st_mode
        except FileNotFoundError:
            continue
        except OSError as err:
            raise ValidationError(
                f"{target / name} kan niet worden gecontroleerd: {os_reason(err)}"
            ) from err
        if not stat.S_ISREG(mode):
            raise ValidationError(
                f"{target / name} is {_kind(mode)}; het dashboard vervangt alleen gewone "
                "bestanden en heeft niets geschreven."
            )
    return target


def _raise_exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def staging_folder(target: Path, prefix: str) -> Iterator[Path]:
    """A hidden temporary folder inside ``target`` (created if needed), removed afterwards.

    While it exists, SIGTERM ends the process through ``SystemExit`` (exit code 143) instead of
    killing it on the spot, so the folder is removed then too.
    """
    created = not target.exists()
    try:
        target.mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target, prefix=prefix))
    except OSError as err:
        raise DashboardError(f"kan niet schrijven in {target}: {os_reason(err)}") from err
    previous = None
    main_thread = threading.current_thread() is threading.main_thread()
    if main_thread:
        previous = signal.signal(signal.SIGTERM, _raise_exit)
    try:
        yield staging
    finally:
        if main_thread:  # None: a handler not set from Python; the default is the best guess
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
        shutil.rmtree(staging, ignore_errors=True)
        if created:  # a folder made for a run that wrote nothing goes too
            with contextlib.suppress(OSError):
                target.rmdir()  # only when empty


def replace_together(
    staging: Path, target: Path, names: Sequence[str], *, remove: Iterable[str] = ()
) -> None:
    """Move ``names`` from ``staging`` into ``target``: all of them, or (on failure) none.

    The files are moved in the order given, so a completion marker goes last. Existing files of
    those names, and the files named in ``remove`` (stale files this command wrote before), are
    kept aside in ``staging`` until everything is in place and put back when a move fails.
    Nothing else in ``target`` is touched.
    """
    check_output_folder(target, is_ours=lambda _: True, names=[*names, *remove])
    backup = Path(tempfile.mkdtemp(dir=staging, prefix=".vorige-"))
    moved: list[str] = []
    saved: list[str] = []
    try:
        for name in dict.fromkeys([*names, *remove]):
            if (target / name).is_file():
                os.replace(target / name, backup / name)
                saved.append(name)
        for name in names:
            os.replace(staging / name, target / name)
            moved.append(name)
    except OSError as err:
        for name in moved:
            with contextlib.suppress(OSError):
                (target / name).unlink()
        for name in saved:
            with contextlib.suppress(OSError):
                os.replace(backup / name, target / name)
        raise DashboardError(
            f"de bestanden konden niet in {target} worden gezet: {os_reason(err)}; er is niets "
            "veranderd"
        ) from err


def write_folder(
    path: str | os.PathLike[str],
    files: Mapping[str, bytes],
    *,
    is_ours: Callable[[Path], bool],
    source: Path | None = None,
    remove: Iterable[str] = (),
    prefix: str = ".nieuw-",
) -> Path:
    """Write ``files`` (name → bytes) into the folder ``path`` under the folder rules above."""
    stale = list(remove)
    target = check_output_folder(path, is_ours=is_ours, source=source, names=[*files, *stale])
    with staging_folder(target, prefix) as staging:
        try:
            for name, data in files.items():
                with (staging / name).open("wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(staging / name, _new_file_mode())
        except OSError as err:
            raise DashboardError(
                f"kan niet schrijven in {target}: {os_reason(err)}; er is niets veranderd"
            ) from err
        replace_together(staging, target, list(files), remove=stale)
    return target


__all__ = [
    "check_output_folder",
    "check_target",
    "os_reason",
    "replace_together",
    "staging_folder",
    "write_bytes",
    "write_folder",
    "write_with",
]

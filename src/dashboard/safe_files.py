"""Writing an output file without damaging what was there: the one helper for every command.

Rules, in the order they are checked (each refusal is one Dutch :class:`ValidationError`):

* an empty path, a folder, a symbolic link or anything that is not a regular file (a device
  such as ``/dev/full``, a pipe, a socket) is refused; the folder must exist;
* an existing regular file is replaced only with ``force`` and only when it is writable; the
  replacement keeps the old file's permissions;
* the new content goes to a temporary file in the same folder, is flushed to disk and then
  renamed over the target in one step, so a reader sees the old file or the new one, never half
  of one. The temporary file is removed whatever happens.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from dashboard.errors import DashboardError, ValidationError

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


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Refuse a target this module would not write; returns it as a :class:`Path`.

    Cheap (no file is created): call it before slow work so a bad ``--out`` fails at once.
    """
    text = os.fspath(path)
    if not text.strip():
        raise ValidationError("geef een bestandsnaam op; een lege naam kan niet")
    target = Path(text)
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise ValidationError(f"{target} kan niet worden gecontroleerd: {os_reason(err)}") from err
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


__all__ = ["check_target", "os_reason", "write_bytes", "write_with"]

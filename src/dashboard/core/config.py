"""Paths and settings from the environment or the package, never from the working directory.

This is the only module that reads environment variables; everything else asks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import environ  # noqa: TID251 - the one module that reads the environment
from pathlib import Path

#: The package folder (``src/dashboard`` in a checkout); this module is in its ``core/``.
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: Root of the project checkout when running from one (``src/dashboard`` → two levels up).
PROJECT_ROOT = PACKAGE_DIR.parents[1]
#: The copy of ``data/`` that ``pip install .`` puts inside the package (see ``setup.py``).
PACKAGED_DATA_DIR = PACKAGE_DIR / "project_data"

#: Environment variable naming the folder with the CBS files.
DATA_DIR_ENV = "DASHBOARD_DATA_DIR"
#: Environment variable with a SQLAlchemy URL for the scenario database.
DATABASE_URL_ENV = "DASHBOARD_DATABASE_URL"
#: Environment variables that point the downloads at another server (tests, mirrors).
PDOK_URL_ENV = "DASHBOARD_PDOK_URL"
CBS_ODATA_URL_ENV = "DASHBOARD_CBS_ODATA_URL"
CBS_FEED_URL_ENV = "DASHBOARD_CBS_FEED_URL"

DEFAULT_YEAR = 2025


def project_data_dir() -> Path:
    """Folder with the project's own data files (criteria, region facts, ``SOURCES.yaml``).

    ``DASHBOARD_PROJECT_DATA`` when set; else the copy inside an installed package; else the
    checkout's ``data/`` folder. Never the working directory.
    """
    override = environ.get("DASHBOARD_PROJECT_DATA")
    if override:
        return Path(override)
    return PACKAGED_DATA_DIR if PACKAGED_DATA_DIR.is_dir() else PROJECT_ROOT / "data"


#: The compact CBS snapshot shipped inside the package (``python -m dashboard data snapshot``).
SNAPSHOT_DIR = PACKAGE_DIR / "snapshot"


def cache_dir() -> Path:
    """The user's cache folder for this dashboard (downloads and derived data land here).

    ``DASHBOARD_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME`` or ``~/.cache``, so an installed
    package never writes inside its own folder.
    """
    override = environ.get("DASHBOARD_CACHE_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    xdg = environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "arbeidsmarktregio-dashboard"


def cbs_cache_dir() -> Path:
    """Where ``python -m dashboard data download`` writes the CBS layers."""
    return cache_dir() / "cbs"


#: A download is complete (and the cache used) once this file is in place; the download moves
#: it in last, together with the rest.
CACHE_COMPLETE_FILE = "gemeente_kerncijfers.csv"


@dataclass(frozen=True)
class DataSource:
    """Which CBS data the dashboard reads, and why."""

    #: "omgeving" (DASHBOARD_DATA_DIR), "download" (the cache) or "ingebouwd" (the snapshot)
    kind: str
    path: Path

    @property
    def description(self) -> str:
        if self.kind == "omgeving":
            return f"de map uit {DATA_DIR_ENV} ({self.path})"
        if self.kind == "download":
            return f"de eigen download ({self.path})"
        return f"de ingebouwde momentopname van de CBS-gegevens ({self.path})"


def data_source() -> DataSource:
    """Precedence: ``DASHBOARD_DATA_DIR``, then a complete download cache, then the snapshot."""
    configured = environ.get(DATA_DIR_ENV, "").strip()
    if configured:
        return DataSource("omgeving", Path(configured).expanduser())
    cache = cbs_cache_dir()
    if (cache / CACHE_COMPLETE_FILE).is_file():
        return DataSource("download", cache)
    return DataSource("ingebouwd", SNAPSHOT_DIR)


def data_dir() -> Path:
    """Folder with the CBS boundary layers and kerncijfers (see :func:`data_source`)."""
    return data_source().path


def database_url() -> str:
    """SQLAlchemy URL of the scenario database; an embedded SQLite file by default.

    The default file is ``var/scenarios.sqlite`` in a checkout; an installed package keeps it in
    the user's data folder (``$XDG_DATA_HOME`` or ``~/.local/share``), never inside itself.
    """
    configured = environ.get(DATABASE_URL_ENV, "").strip()
    if configured:
        return configured
    if PACKAGED_DATA_DIR.is_dir():
        xdg = environ.get("XDG_DATA_HOME", "").strip()
        base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
        return f"sqlite:///{base / 'arbeidsmarktregio-dashboard' / 'scenarios.sqlite'}"
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'scenarios.sqlite'}"


def _setting(name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


def pdok_url() -> str | None:
    """Another PDOK WFS base URL (with ``{year}``), or ``None`` for the real one."""
    return _setting(PDOK_URL_ENV)


def cbs_odata_url() -> str | None:
    """Another CBS OData base URL, or ``None`` for the real one."""
    return _setting(CBS_ODATA_URL_ENV)


def cbs_feed_url() -> str | None:
    """Another CBS bulk feed base URL, or ``None`` for the real one."""
    return _setting(CBS_FEED_URL_ENV)

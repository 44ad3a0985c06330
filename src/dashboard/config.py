"""Paths and settings from the environment or the package, never from the working directory.

This is the only module that reads environment variables; everything else asks it.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Root of the project checkout (the package is installed editable from ``src/``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Environment variable naming the folder with the CBS files.
DATA_DIR_ENV = "DASHBOARD_DATA_DIR"
#: Environment variable with a SQLAlchemy URL for the scenario database.
DATABASE_URL_ENV = "DASHBOARD_DATABASE_URL"
#: Environment variables naming the Chromium executable for chart images, in order of preference.
CHROMIUM_ENVS = ("DASHBOARD_CHROMIUM", "BROWSER_PATH")
#: Environment variables that point the downloads at another server (tests, mirrors).
PDOK_URL_ENV = "DASHBOARD_PDOK_URL"
CBS_ODATA_URL_ENV = "DASHBOARD_CBS_ODATA_URL"

DEFAULT_YEAR = 2025


def project_data_dir() -> Path:
    """Folder with the project's own data files (criteria, region facts, ``SOURCES.yaml``)."""
    override = os.environ.get("DASHBOARD_PROJECT_DATA")
    return Path(override) if override else PROJECT_ROOT / "data"


def cache_dir() -> Path:
    """The project's own, git-ignored cache folder (downloads land here)."""
    override = os.environ.get("DASHBOARD_CACHE_DIR")
    return Path(override) if override else PROJECT_ROOT / ".cache"


def cbs_cache_dir() -> Path:
    """Where ``python -m dashboard data download`` writes the CBS layers."""
    return cache_dir() / "cbs"


def data_dir() -> Path:
    """Folder with the CBS boundary layers and kerncijfers.

    ``DASHBOARD_DATA_DIR`` when set, else the project's download cache.
    """
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else cbs_cache_dir()


def database_url() -> str:
    """SQLAlchemy URL of the scenario database; an embedded SQLite file by default."""
    configured = os.environ.get(DATABASE_URL_ENV, "").strip()
    if configured:
        return configured
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'scenarios.sqlite'}"


def _setting(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def chromium_setting() -> tuple[str, str] | None:
    """``(variable, path)`` of the first Chromium variable that is set, else ``None``."""
    for name in CHROMIUM_ENVS:
        value = _setting(name)
        if value:
            return name, value
    return None


def pdok_url() -> str | None:
    """Another PDOK WFS base URL (with ``{year}``), or ``None`` for the real one."""
    return _setting(PDOK_URL_ENV)


def cbs_odata_url() -> str | None:
    """Another CBS OData base URL, or ``None`` for the real one."""
    return _setting(CBS_ODATA_URL_ENV)

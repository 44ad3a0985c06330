"""Paths and settings from the environment or the package, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path

#: Root of the project checkout (the package is installed editable from ``src/``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Environment variable naming the folder with the CBS files.
DATA_DIR_ENV = "DASHBOARD_DATA_DIR"
#: Environment variable with a SQLAlchemy URL for the scenario database.
DATABASE_URL_ENV = "DASHBOARD_DATABASE_URL"

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

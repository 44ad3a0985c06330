"""Shared set-up for the Scenario's page tests: the page and seeded rows (the ``db_url``
fixture, a database of each test's own, is in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.scenarios import Scenario, ScenarioStore

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "scenarios.py")


def page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=90)


def seed(url: str, *scenarios: Scenario) -> None:
    with ScenarioStore(url) as store:
        for s in scenarios:
            store.save(s)

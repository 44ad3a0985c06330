"""Saved scenarios: model, store, JSON import/export, comparison and share links.

Stable API (other modules and pages rely on these names)
-------------------------------------------------------
Load a scenario by name::

    from dashboard.scenarios import open_store
    with open_store() as store:              # DASHBOARD_DATABASE_URL or var/scenarios.sqlite
        scenario = store.get("Raad maart")   # case-insensitive; ScenarioNotFoundError if absent
    problem = scenario.problem()             # validated scoring.DecisionProblem
    overstap = scenario.overstap_settings()  # dict as ui.state.DEFAULT_OVERSTAP ({} = defaults)

``Scenario`` (frozen, :mod:`.model`)
    ``name, problem_config, overstap, author, note, data_year, app_version, created, updated``;
    ``problem_config`` is the weights-file mapping of ``scoring.problem_from_mapping``
    (``groups``, ``criteria``, ``scale``, ``ratings``, ``reasons``). Methods ``problem()``,
    ``config()``, ``overstap_settings()``, ``replace(**changes)``.

``ScenarioStore(url=None)`` / ``open_store(url=None)`` (:mod:`.store`)
    ``list() -> list[ScenarioInfo]`` (name, author, note, data_year, app_version, created,
    updated, revision; sorted by name; damaged rows left out, ``list_checked()`` names them),
    ``names()``, ``exists(name)``, ``get(name)``,
    ``save(scenario, replace=True, expected_revision=None) -> Scenario``, ``save_copy(scenario)``,
    ``import_scenario(scenario, replace=False, as_copy=False, restore=False) -> Imported`` (the
    one way in for a file: page and CLI), ``rename(old, new)``, ``duplicate(name, new_name)``,
    ``delete(name, expected_revision=None)``, ``backup(path)`` (SQLite), ``schema_version()``,
    ``close()``; usable as a context manager. Stores on the same SQLite file in one process
    share one engine.

Errors (all :class:`dashboard.core.errors.DashboardError`, with a Dutch message)
    ``StorageError`` (database unusable: damaged, unreadable, unreachable, newer schema, busy;
    nothing was written), ``ScenarioNotFoundError``, ``ScenarioExistsError`` and
    ``ScenarioChangedError`` (all ``ValidationError``), ``ValidationError`` for a bad name,
    weighting or import. The rules for names, notes and reasons are in
    :mod:`dashboard.core.usertext`.

JSON files (:mod:`.schema`)
    ``scenario_to_json(scenario) -> str``, ``scenario_from_json(data: bytes | str) -> Scenario``
    (at most 1 MB; rejects with one Dutch ``ValidationError`` naming the field).

In a page, use the cached store of the server process: ``dashboard.ui.cache.scenario_store()``
(raises ``StorageError`` when the database is unusable; show the error and carry on). Show user
text (names, authors, notes, errors quoting them) through ``dashboard.core.markup.escape_markdown``
in Markdown, or in ``st.dataframe``.
``overstap_settings()`` may be ``{}`` or partial: merge it over ``ui.state.DEFAULT_OVERSTAP``
(``ui.state.set_overstap_settings`` does that).

Comparison (:mod:`.compare`: ``compare(a, b)``, ``group_weighting([...])``), share links
(:mod:`.sharelink`; in pages use ``ui.state.share_url()``), display helpers (:mod:`.display`) and
CSV/Excel tables (:mod:`.tables`: ``to_csv_bytes``, ``to_excel_bytes``) are imported from their
modules.
"""

from dashboard.scenarios.model import Scenario
from dashboard.scenarios.store import (
    SCHEMA_VERSION,
    ScenarioExistsError,
    ScenarioInfo,
    ScenarioNotFoundError,
    ScenarioStore,
    open_store,
)

__all__ = [
    "SCHEMA_VERSION",
    "Scenario",
    "ScenarioExistsError",
    "ScenarioInfo",
    "ScenarioNotFoundError",
    "ScenarioStore",
    "open_store",
]

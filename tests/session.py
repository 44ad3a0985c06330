"""The weighting in an AppTest session: the session holds a validated problem, tests speak in
weights-file mappings."""

from __future__ import annotations

from typing import Any

from dashboard.mcda.scoring import problem_from_mapping, problem_to_mapping
from dashboard.ui.state import PROBLEM_KEY


def weighting(at: Any) -> dict[str, Any]:
    """The session's weighting as a weights-file mapping ({} for the defaults)."""
    try:
        problem = at.session_state[PROBLEM_KEY]
    except KeyError:
        return {}
    return {} if problem is None else problem_to_mapping(problem)


def set_weighting(at: Any, mapping: dict[str, Any]) -> None:
    """Give the session this weighting, as a scenario or link would."""
    at.session_state[PROBLEM_KEY] = problem_from_mapping(mapping)

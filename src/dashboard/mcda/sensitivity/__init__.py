"""How firm is the outcome of a weighting? One-way sensitivity, SMAA, scale sensitivity.

Everything takes a validated :class:`~dashboard.mcda.scoring.DecisionProblem`, so the weights, the
scale and the rating overrides of the scoring page are all taken into account.

The parts: :mod:`.oneway` (one-way sensitivity, exact), :mod:`.smaa` (random weightings),
:mod:`.scales` (other codings of the scale) and :mod:`.robustness` (why the winner wins, and all
of it at once). Their public names are imported here.
"""

from dashboard.mcda.sensitivity.oneway import Kind, OneWay, one_way
from dashboard.mcda.sensitivity.robustness import (
    Robustness,
    WinReason,
    analyse,
    to_json,
    why_it_wins,
)
from dashboard.mcda.sensitivity.scales import (
    ALTERNATIVE_SCALES,
    ScaleSensitivity,
    ScaleVariant,
    scale_sensitivity,
)
from dashboard.mcda.sensitivity.smaa import CHUNK, SmaaResult, rank_positions, sample_weights, smaa

__all__ = [
    "ALTERNATIVE_SCALES",
    "CHUNK",
    "Kind",
    "OneWay",
    "Robustness",
    "ScaleSensitivity",
    "ScaleVariant",
    "SmaaResult",
    "WinReason",
    "analyse",
    "one_way",
    "rank_positions",
    "sample_weights",
    "scale_sensitivity",
    "smaa",
    "to_json",
    "why_it_wins",
]

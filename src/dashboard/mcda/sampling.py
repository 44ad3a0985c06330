"""How the robustness analysis draws its random weightings: one settings type for every way in.

The page's session, share links, scenario files, the CLI's flags and the report input all hold a
:class:`SamplingSettings`; :func:`dashboard.mcda.sensitivity.smaa` reads the same object. Kept free
of
numpy, so the CLI can read its flags before the analysis is imported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from dashboard.core.errors import UnknownCodeError, ValidationError
from dashboard.core.formatting import fmt_given
from dashboard.core.limits import SAMPLES, SEED

if TYPE_CHECKING:
    from dashboard.mcda.scoring import DecisionProblem

#: Default number of SMAA samples (page, CLI and report).
DEFAULT_SAMPLES = 100_000
#: Default seed, so the page and the CLI give the same figures every time (the handreiking's year).
DEFAULT_SEED = 2012

SamplingMode = Literal["all", "near", "ranking"]
SAMPLING_MODES: tuple[SamplingMode, ...] = ("all", "near", "ranking")


def _band_is_valid(pct: Any) -> bool:
    return (
        not isinstance(pct, bool)
        and isinstance(pct, int | float)
        and math.isfinite(pct)
        and 0 < pct <= 100
    )


def band_refusal(pct: Any) -> str:
    """Why a band width is refused (one wording for the settings, the flags and the analysis)."""
    return f"bandbreedte {fmt_given(pct)}: kies een percentage groter dan 0 en hoogstens 100"


@dataclass(frozen=True)
class SamplingSettings:
    """Which random weightings the robustness analysis draws, and how many.

    ``mode``: ``"all"`` (every conceivable weighting), ``"near"`` (each raw weight within
    ± ``near_pct`` percent of its current value) or ``"ranking"`` (group shares in the order of
    ``group_ranking``, most important first; criterion shares free). Defaults: 100.000 samples,
    seed 2012, every conceivable weighting.
    """

    samples: int = DEFAULT_SAMPLES
    seed: int = DEFAULT_SEED
    mode: SamplingMode = "all"
    #: for mode "near": each raw weight within ± this percentage of its current value
    near_pct: float = 20.0
    #: for mode "ranking": group ids, most important first
    group_ranking: tuple[str, ...] = ()

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Any] | None, group_ids: tuple[str, ...]
    ) -> tuple[SamplingSettings, list[str]]:
        """Settings from a mapping (keys of :meth:`as_dict`, each optional), with a Dutch notice
        for every part that was invalid and replaced by its default."""
        data = {k: v for k, v in dict(data or {}).items() if v is not None}
        notices: list[str] = []
        out: dict[str, Any] = {}
        if "samples" in data:
            if SAMPLES.contains(data["samples"]):
                out["samples"] = int(data["samples"])
            else:
                notices.append(SAMPLES.refusal(data["samples"], "aantal wegingen"))
        if "seed" in data:
            if SEED.contains(data["seed"]):
                out["seed"] = int(data["seed"])
            else:
                notices.append(SEED.refusal(data["seed"], "startwaarde"))
        mode = data.get("mode", "all")
        if mode not in SAMPLING_MODES:
            notices.append(f"steekproefsoort {fmt_given(mode)} (toegestaan: all, near, ranking)")
            mode = "all"
        if "near_pct" in data:
            pct = data["near_pct"]
            if _band_is_valid(pct):
                out["near_pct"] = float(pct)
            else:
                notices.append(band_refusal(pct))
                mode = "all" if mode == "near" else mode
        if mode == "ranking":
            ranking = data.get("group_ranking")
            if (
                not isinstance(ranking, list | tuple)
                or sorted(str(g) for g in ranking) != sorted(group_ids)
                or len(set(ranking)) != len(ranking)
            ):
                notices.append(
                    "volgorde van de groepen: noem elke groep precies één keer "
                    f"({', '.join(group_ids)})"
                )
                mode = "all"
            else:
                out["group_ranking"] = tuple(str(g) for g in ranking)
        out["mode"] = mode
        return cls(**out), notices

    def checked(self, problem: DecisionProblem) -> SamplingSettings:
        """These settings if the analysis can use them for ``problem``; else a Dutch error."""
        if self.mode not in SAMPLING_MODES:
            raise ValidationError(
                f"onbekende steekproefsoort {self.mode!r}; kies all, near of ranking"
            )
        if self.mode == "near" and not _band_is_valid(self.near_pct):
            raise ValidationError(band_refusal(self.near_pct))
        if self.mode == "ranking":
            ids = problem.matrix.group_ids
            ranking = tuple(self.group_ranking)
            unknown = [g for g in ranking if g not in ids]
            if unknown:
                raise UnknownCodeError(
                    f"volgorde van de groepen: onbekende groep {unknown[0]!r}; "
                    f"bekend zijn {', '.join(ids)}"
                )
            if sorted(ranking) != sorted(ids):
                raise ValidationError(
                    f"volgorde van de groepen: noem elke groep precies één keer ({', '.join(ids)})"
                )
        return self

    def as_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "mode": self.mode,
            "near_pct": self.near_pct,
            "group_ranking": list(self.group_ranking),
        }

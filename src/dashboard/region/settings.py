"""Settings as values: frozen types that validate themselves from a mapping.

Every way in (session state, share links, scenario files, the report input) builds these from
a plain mapping with ``from_mapping``, which keeps what is valid, falls back to the default for
what is not, and returns one Dutch notice per dropped part. Pages never re-validate.

The case this dashboard was built for is one constant, :data:`CASE`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from dashboard.core.codes import is_gemeente_code, is_region_code, is_variant_id
from dashboard.core.errors import ValidationError
from dashboard.core.formatting import fmt_given
from dashboard.core.limits import MONEY

DistributionKeyName = Literal["per_inwoner", "gelijk"]
DISTRIBUTION_KEYS: tuple[DistributionKeyName, ...] = ("per_inwoner", "gelijk")


@dataclass(frozen=True)
class Case:
    """The question the dashboard was built for (seed 000): Voorschoten moving from
    Zuid-Holland Centraal to Holland Rijnland."""

    gemeente: str = "GM0626"  # Voorschoten
    van: str = "AM34"  # Zuid-Holland Centraal
    naar: str = "AM19"  # Holland Rijnland

    @property
    def regions(self) -> tuple[str, str]:
        return (self.van, self.naar)


CASE = Case()


def _money(value: Any) -> float | int | None:
    """An amount within :data:`dashboard.core.limits.MONEY` (its type kept, so a share link
    reads back the way it was written; ``-0`` becomes ``0``), or None when it is not one."""
    if not MONEY.contains(value):
        return None
    return 0 if value == 0 else value


@dataclass(frozen=True)
class OverstapSettings:
    """What the Overstap page simulates: which gemeente moves where, and the cost inputs.

    ``budgets`` (region code → euro per year) and ``frictiekosten`` are user input only; an
    empty mapping or ``None`` means "not entered" (the dashboard never guesses an amount).
    """

    gemeente: str = CASE.gemeente
    naar: str = CASE.naar
    budgets: Mapping[str, float] = field(default_factory=dict)
    key: DistributionKeyName = "per_inwoner"
    frictiekosten: float | None = None
    #: region code → variant id the user chose as the closest to that region's WSP
    variant_for_region: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "budgets", MappingProxyType(dict(self.budgets)))
        object.__setattr__(
            self, "variant_for_region", MappingProxyType(dict(self.variant_for_region))
        )

    # MappingProxyType cannot be pickled; st.cache_data pickles its arguments' results.
    def __getstate__(self) -> dict[str, Any]:
        return self.as_dict()

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        self.__post_init__()

    @classmethod
    def checked(cls, data: Mapping[str, Any] | None) -> OverstapSettings:
        """Settings from a mapping, refusing (instead of dropping) anything invalid."""
        settings, notices = cls.from_mapping(data)
        if notices:
            raise ValidationError(f"overstap: {notices[0]}")
        return settings

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> tuple[OverstapSettings, list[str]]:
        """Settings from a mapping with the keys of :meth:`as_dict` (each optional).

        Returns the settings and Dutch notices for every part that was not valid and was
        replaced by its default. Unknown keys are notices too.
        """
        # None means "not set" for every key (a scenario file may say null)
        data = {k: v for k, v in dict(data or {}).items() if v is not None}
        notices: list[str] = []
        out: dict[str, Any] = {}
        known = set(cls.__dataclass_fields__)
        for key in sorted(set(data) - known):
            notices.append(f"onbekende overstapinstelling {fmt_given(key)} is genegeerd")
        if "gemeente" in data:
            value = data["gemeente"]
            if isinstance(value, str) and is_gemeente_code(value.upper()):
                out["gemeente"] = value.upper()
            else:
                notices.append(f"gemeentecode {fmt_given(value)} (verwacht bijvoorbeeld GM0626)")
        if "naar" in data:
            value = data["naar"]
            if isinstance(value, str) and is_region_code(value.upper()):
                out["naar"] = value.upper()
            else:
                notices.append(f"regiocode {fmt_given(value)} (verwacht bijvoorbeeld AM19)")
        if "budgets" in data:
            raw = data["budgets"]
            budgets: dict[str, float | int] = {}
            if not isinstance(raw, Mapping):
                notices.append("de budgetten moeten per regio zijn opgegeven")
                raw = {}
            for region, amount in raw.items():
                number = _money(amount)
                if not is_region_code(region):
                    notices.append(f"budget voor onbekende regiocode {fmt_given(region)}")
                elif number is None:
                    notices.append(MONEY.refusal(amount, f"budget voor {region}"))
                else:
                    budgets[region] = number
            out["budgets"] = budgets
        if "key" in data:
            if data["key"] in DISTRIBUTION_KEYS:
                out["key"] = data["key"]
            else:
                notices.append(
                    f"verdeelsleutel {fmt_given(data['key'])} (toegestaan: per_inwoner, gelijk)"
                )
        if "frictiekosten" in data:
            number = _money(data["frictiekosten"])
            if number is None:
                notices.append(MONEY.refusal(data["frictiekosten"], "frictiekosten"))
            else:
                out["frictiekosten"] = number
        if "variant_for_region" in data:
            raw = data["variant_for_region"]
            chosen: dict[str, str] = {}
            if not isinstance(raw, Mapping):
                notices.append("de variantkeuze moet per regio zijn opgegeven")
                raw = {}
            for region, variant in raw.items():
                if is_region_code(region) and is_variant_id(variant):
                    chosen[region] = variant
                else:
                    notices.append(f"variantkeuze {fmt_given(region)}: {fmt_given(variant)}")
            out["variant_for_region"] = chosen
        return cls(**out), notices

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON types, the keys of the scenario file's ``overstap`` section."""
        return {
            "gemeente": self.gemeente,
            "naar": self.naar,
            "budgets": dict(self.budgets),
            "key": self.key,
            "frictiekosten": self.frictiekosten,
            "variant_for_region": dict(self.variant_for_region),
        }

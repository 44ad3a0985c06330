"""The versioned JSON file format of a scenario, validated with pydantic.

A file looks like::

    {"format": "dashboard-scenario", "schema_version": 1,
     "scenario": {"name": "Raad maart", "author": "", "note": "",
                  "created": "2026-03-01T10:00:00+00:00", "updated": "...", "revision": 3,
                  "data_year": 2025, "app_version": "0.1.0",
                  "weights": {"groups": {"werkgevers": 2}, "criteria": {}, "scale": {},
                              "ratings": {"gu08": {"V3": "+/-"}}, "reasons": {}},
                  "overstap": {"gemeente": "GM0626", "naar": "AM19", ...}}}

Only ``format``, ``schema_version`` and ``scenario.name`` are required. Unknown fields,
non-finite or out-of-range numbers, timestamps outside 1900–2200, text that is too long,
nesting deeper than :data:`MAX_DEPTH`, duplicate keys and files over :data:`MAX_BYTES` are
rejected with one Dutch :class:`~dashboard.core.errors.ValidationError` naming the field. Nothing
else escapes.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from dashboard.core.codes import GEMEENTE_PATTERN, REGION_PATTERN, VARIANT_PATTERN
from dashboard.core.errors import DashboardError, ValidationError
from dashboard.core.formatting import fmt_number
from dashboard.core.limits import MONEY, REASON, SCALE, WEIGHT

# re-exported: callers read uploads through this module
from dashboard.core.safejson import MAX_BYTES as MAX_BYTES
from dashboard.core.safejson import MAX_DEPTH as MAX_DEPTH
from dashboard.core.safejson import load_json as load_json
from dashboard.mcda.scoring import key_text, problem_from_mapping
from dashboard.scenarios.model import (
    MAX_AUTHOR,
    MAX_NAME,
    MAX_NOTE,
    MAX_VERSION,
    Scenario,
    check_timestamp,
)

FORMAT = "dashboard-scenario"
FILE_SCHEMA_VERSION = 1

_STRICT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

Key = Annotated[str, StringConstraints(min_length=1, max_length=40)]
RegionCode = Annotated[str, StringConstraints(pattern=f"^{REGION_PATTERN}$")]
GemeenteCode = Annotated[str, StringConstraints(pattern=f"^{GEMEENTE_PATTERN}$")]
VariantId = Annotated[str, StringConstraints(pattern=f"^{VARIANT_PATTERN}$")]
# The limits of dashboard.core.limits, which every way in shares (CLI, share links, pages), so a
# file names the field; problem_from_mapping checks the rest (order of the scale, reasons).
Weight = Annotated[float, Field(ge=WEIGHT.low, le=WEIGHT.high, allow_inf_nan=False)]
ScaleValue = Annotated[float, Field(ge=SCALE.low, le=SCALE.high, allow_inf_nan=False)]
Money = Annotated[float, Field(ge=MONEY.low, le=MONEY.high, allow_inf_nan=False)]
Symbol = Literal["++", "+", "+/-", "-", "-/-"]
Reason = Annotated[str, StringConstraints(max_length=int(REASON.high))]


class WeightsModel(BaseModel):
    """The weights-file mapping of :func:`dashboard.mcda.scoring.problem_from_mapping`."""

    model_config = _STRICT

    groups: Annotated[dict[Key, Weight], Field(max_length=20)] = {}
    criteria: Annotated[dict[Key, Weight], Field(max_length=200)] = {}
    scale: Annotated[dict[Symbol, ScaleValue], Field(max_length=5)] = {}
    ratings: Annotated[
        dict[Key, Annotated[dict[VariantId, Symbol], Field(max_length=10)]], Field(max_length=200)
    ] = {}
    reasons: Annotated[
        dict[Key, Annotated[dict[VariantId, Reason], Field(max_length=10)]], Field(max_length=200)
    ] = {}

    @model_validator(mode="after")
    def _valid_problem(self) -> WeightsModel:
        try:
            problem_from_mapping(self.model_dump(exclude_unset=True))
        except DashboardError as err:
            raise ValueError(str(err)) from err
        return self


class OverstapModel(BaseModel):
    """Overstap settings (keys of ``ui.state.DEFAULT_OVERSTAP``); every key optional."""

    model_config = _STRICT

    gemeente: GemeenteCode | None = None
    naar: RegionCode | None = None
    budgets: Annotated[dict[RegionCode, Money], Field(max_length=60)] = {}
    key: Literal["per_inwoner", "gelijk"] = "per_inwoner"
    frictiekosten: Money | None = None
    variant_for_region: Annotated[dict[RegionCode, VariantId], Field(max_length=60)] = {}


class ScenarioModel(BaseModel):
    model_config = _STRICT

    name: Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]
    author: Annotated[str, StringConstraints(max_length=MAX_AUTHOR)] = ""
    note: Annotated[str, StringConstraints(max_length=MAX_NOTE)] = ""
    created: datetime | None = None
    updated: datetime | None = None
    revision: Annotated[int, Field(ge=1, le=10**9)] | None = None
    data_year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    app_version: Annotated[str, StringConstraints(max_length=MAX_VERSION)] = ""
    weights: WeightsModel = WeightsModel()
    overstap: OverstapModel = OverstapModel()


class ScenarioFile(BaseModel):
    model_config = _STRICT

    format: Literal["dashboard-scenario"]
    schema_version: Literal[1]
    scenario: ScenarioModel


# --- export ----------------------------------------------------------------------------------
def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The file content for one scenario (plain JSON types)."""
    body: dict[str, Any] = {
        "name": scenario.name,
        "author": scenario.author,
        "note": scenario.note,
        "created": scenario.created.isoformat() if scenario.created else None,
        "updated": scenario.updated.isoformat() if scenario.updated else None,
        "revision": scenario.revision,
        "data_year": scenario.data_year,
        "app_version": scenario.app_version,
        "weights": scenario.config(),
        "overstap": scenario.overstap_settings(),
    }
    return {"format": FORMAT, "schema_version": FILE_SCHEMA_VERSION, "scenario": body}


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as a JSON document (UTF-8 text, readable indentation)."""
    return json.dumps(scenario_to_dict(scenario), ensure_ascii=False, indent=2, allow_nan=False)


# --- import ----------------------------------------------------------------------------------
def scenario_from_json(data: bytes | str) -> Scenario:
    """Validate an uploaded file and return the scenario (``created`` kept, not yet saved).

    Raises
    ------
    ValidationError
        With one Dutch sentence naming the field; the only exception this raises.
    """
    parsed = load_json(data)
    try:
        model = ScenarioFile.model_validate(_with_datetimes(parsed))
    except pydantic.ValidationError as err:
        raise ValidationError(dutch_message(err)) from None
    body = model.scenario
    try:
        return Scenario(
            name=body.name,
            author=body.author,
            note=body.note,
            problem_config=body.weights.model_dump(exclude_unset=True),
            overstap=body.overstap.model_dump(exclude_unset=True),
            data_year=body.data_year,
            app_version=body.app_version,
            created=body.created,
            updated=body.updated,
            revision=body.revision,
        )
    except DashboardError as err:
        raise ValidationError(f"scenario: {err}") from None


def _with_datetimes(parsed: Any) -> Any:
    """Strict mode takes datetimes only as objects: parse the two ISO strings ourselves."""
    if not isinstance(parsed, dict) or not isinstance(parsed.get("scenario"), dict):
        return parsed
    body = dict(parsed["scenario"])
    for key in ("created", "updated"):
        value = body.get(key)
        if isinstance(value, str):
            try:
                parsed_time = datetime.fromisoformat(value)
            except ValueError:
                raise ValidationError(
                    f"scenario.{key}: {value[:40]!r} is geen tijdstip zoals "
                    "2026-03-01T10:00:00+00:00"
                ) from None
            body[key] = check_timestamp(parsed_time, f"scenario.{key}")
    return {**parsed, "scenario": body}


# --- Dutch error messages ---------------------------------------------------------------------
_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld; dat is niet toegestaan",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_pattern_mismatch": "heeft een ongeldige vorm",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "finite_number": "moet een eindig getal zijn (geen NaN of oneindig)",
    "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "datetime_type": "moet een tijdstip zijn zoals 2026-03-01T10:00:00+00:00",
    "bool_type": "moet waar of onwaar zijn",
    "none_required": "moet leeg (null) zijn",
}


def _number(value: Any) -> str:
    """A limit in Dutch notation: ``1e9`` → ``1.000.000.000``."""
    if isinstance(value, int | float) and float(value).is_integer():
        return fmt_number(value, 0)
    return fmt_number(value, 2) if isinstance(value, int | float) else str(value)


def dutch_message(err: pydantic.ValidationError) -> str:
    """One Dutch sentence for the first problem, naming the field."""
    first = err.errors(include_url=False)[0]
    loc = ".".join(key_text(part) for part in first.get("loc", ())) or "bestand"
    kind = first.get("type", "")
    ctx = first.get("ctx") or {}
    if kind == "value_error":
        message = str(ctx.get("error", "ongeldige waarde"))
    elif kind == "string_too_long":
        message = f"tekst is te lang (hoogstens {ctx.get('max_length')} tekens)"
    elif kind == "too_long":
        message = f"te veel onderdelen (hoogstens {ctx.get('max_length')})"
    elif kind == "greater_than_equal":
        message = f"moet minstens {_number(ctx.get('ge'))} zijn"
    elif kind == "less_than_equal":
        message = f"mag hoogstens {_number(ctx.get('le'))} zijn"
    elif kind == "literal_error":
        message = f"moet een van deze waarden zijn: {ctx.get('expected')}"
    else:
        message = _MESSAGES.get(kind, "ongeldige waarde")
    value = first.get("input")
    if kind not in ("missing", "extra_forbidden") and isinstance(value, str | int | float):
        shown = repr(value)
        message += f" (gekregen: {shown[:40]}{'…' if len(shown) > 40 else ''})"
    return f"{loc}: {message}"

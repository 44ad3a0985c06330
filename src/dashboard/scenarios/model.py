"""The saved scenario: a named weighting with its overstap settings and provenance."""

from __future__ import annotations

import copy
import dataclasses
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dashboard import __version__
from dashboard.config import DEFAULT_YEAR
from dashboard.criteria import Matrix
from dashboard.errors import ValidationError
from dashboard.scoring import DecisionProblem, problem_from_mapping
from dashboard.settings import OverstapSettings

#: Limits shared by the store, the JSON schema and the page.
MAX_NAME = 100
MAX_AUTHOR = 100
MAX_NOTE = 2000
MAX_VERSION = 40


def clean_text(value: Any, what: str, max_len: int, *, required: bool = False) -> str:
    """NFC-normalised, stripped text without control characters; raise a Dutch error."""
    if not isinstance(value, str):
        raise ValidationError(f"{what}: moet tekst zijn, niet {type(value).__name__}")
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise ValidationError(f"{what}: mag niet leeg zijn")
    if len(text) > max_len:
        raise ValidationError(f"{what}: is {len(text)} tekens lang; maximaal {max_len}")
    allowed_controls = {"\n", "\t"} if max_len >= MAX_NOTE else set()
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs") and char not in allowed_controls:
            raise ValidationError(f"{what}: bevat een onzichtbaar stuurteken ({ord(char):#x})")
    return text


def name_key(name: str) -> str:
    """The key that makes names unique: ``"Raad A"`` and ``"raad a"`` are the same scenario."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def _json_copy(value: Any, what: str) -> Any:
    """A deep copy through JSON: proves the value is plain JSON with finite numbers."""
    try:
        return json.loads(json.dumps(value, allow_nan=False, ensure_ascii=False))
    except (TypeError, ValueError) as err:
        raise ValidationError(f"{what}: geen geldige JSON-waarde ({err})") from err


def utc_now() -> datetime:
    """Now, in UTC, to the microsecond."""
    return datetime.now(UTC)


@dataclass(frozen=True, eq=True)
class Scenario:
    """A named weighting, validated when built.

    Attributes
    ----------
    name
        Unique (case-insensitively) in a store; 1–100 characters.
    problem_config
        The weights-file mapping of :func:`dashboard.scoring.problem_from_mapping`
        (``groups``, ``criteria``, ``scale``, ``ratings``, ``reasons``; every key optional).
    overstap
        Overstap settings as in ``ui.state.DEFAULT_OVERSTAP``; ``{}`` means the defaults.
    author, note
        Free text (shown escaped, never as HTML).
    data_year
        The CBS data year the scenario was made with.
    app_version
        The dashboard version that saved it.
    created, updated
        Set by the store (UTC); ``None`` for a scenario that was never saved.

    The mappings are deep copies: changing a dict you passed in does not change the scenario.
    Use :meth:`replace` for a changed copy.
    """

    name: str
    problem_config: Mapping[str, Any] = field(default_factory=dict)
    overstap: Mapping[str, Any] = field(default_factory=dict)
    author: str = ""
    note: str = ""
    data_year: int | None = DEFAULT_YEAR
    app_version: str = __version__
    created: datetime | None = None
    updated: datetime | None = None

    __hash__ = None  # type: ignore[assignment]  # holds dicts

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "name", clean_text(self.name, "naam", MAX_NAME, required=True))
        setattr_(self, "author", clean_text(self.author, "auteur", MAX_AUTHOR))
        setattr_(self, "note", clean_text(self.note, "toelichting", MAX_NOTE))
        setattr_(self, "app_version", clean_text(self.app_version, "appversie", MAX_VERSION))
        if not isinstance(self.problem_config, Mapping):
            raise ValidationError("weging: moet een object zijn")
        if not isinstance(self.overstap, Mapping):
            raise ValidationError("overstap: moet een object zijn")
        config = _json_copy(dict(self.problem_config), "weging")
        problem_from_mapping(config)  # raises a Dutch ValidationError naming the field
        setattr_(self, "problem_config", config)
        overstap = _json_copy(dict(self.overstap), "overstap")
        OverstapSettings.checked(overstap)  # the same rules as share links and the pages
        setattr_(self, "overstap", overstap)
        if self.data_year is not None and (
            isinstance(self.data_year, bool)
            or not isinstance(self.data_year, int)
            or not 1900 <= self.data_year <= 2200
        ):
            raise ValidationError(f"gegevensjaar: {self.data_year!r} is geen jaartal")
        for attr in ("created", "updated"):
            value = getattr(self, attr)
            if value is not None:
                if not isinstance(value, datetime):
                    raise ValidationError(f"{attr}: moet een tijdstip zijn")
                setattr_(
                    self,
                    attr,
                    value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC),
                )

    # --- views ---------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return name_key(self.name)

    def problem(self, matrix: Matrix | None = None) -> DecisionProblem:
        """The validated decision problem of this scenario's weighting."""
        return problem_from_mapping(self.config(), matrix)

    def config(self) -> dict[str, Any]:
        """A fresh copy of :attr:`problem_config`."""
        return copy.deepcopy(dict(self.problem_config))

    def overstap_settings(self) -> dict[str, Any]:
        """A fresh copy of :attr:`overstap`."""
        return copy.deepcopy(dict(self.overstap))

    def replace(self, **changes: Any) -> Scenario:
        """A validated copy with some fields changed."""
        return dataclasses.replace(self, **changes)

"""The saved scenario: a named weighting with its overstap settings and provenance."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dashboard import __version__
from dashboard.core.config import DEFAULT_YEAR
from dashboard.core.errors import ValidationError
from dashboard.core.limits import AUTHOR, NAME, NOTE
from dashboard.core.usertext import clean_text, name_key
from dashboard.mcda.criteria import Matrix
from dashboard.mcda.scoring import DecisionProblem, problem_from_mapping
from dashboard.region.settings import OverstapSettings

#: Lengths shared by the store, the JSON schema and the page (from the one table of limits).
MAX_NAME = int(NAME.high)
MAX_AUTHOR = int(AUTHOR.high)
MAX_NOTE = int(NOTE.high)
MAX_VERSION = 40


#: The period a saved timestamp must fall in (UTC). Outside it a date cannot be real here, and
#: some (year 1 or 9999 with an offset) cannot even be converted to UTC.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)


def check_timestamp(value: Any, what: str) -> datetime:
    """``value`` in UTC (a naive time counts as UTC); a Dutch error outside 1900–2200."""
    if not isinstance(value, datetime):
        raise ValidationError(f"{what}: moet een tijdstip zijn")
    try:
        utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise ValidationError(
            f"{what}: {value.isoformat()} ligt buiten de toegestane periode "
            f"({EARLIEST.year} tot en met {LATEST.year})"
        )
    return utc


def _json_copy(value: Any, what: str) -> Any:
    """A deep copy through JSON: proves the value is plain JSON with finite numbers."""
    try:
        return json.loads(json.dumps(value, allow_nan=False, ensure_ascii=False))
    except RecursionError:
        raise ValidationError(f"{what}: is te diep genest") from None
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
        The weights-file mapping of :func:`dashboard.mcda.scoring.problem_from_mapping`
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
        Set by the store (UTC, between 1900 and 2200); ``None`` for a scenario never saved.
    revision
        How many times the store saved it (set by the store; ``None`` when unknown). A save
        that names an older revision is refused, so nobody overwrites a newer version unseen.

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
    revision: int | None = field(default=None, compare=False)

    __hash__ = None  # type: ignore[assignment]  # holds dicts

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "name", clean_text(self.name, "naam", MAX_NAME, required=True, name=True))
        setattr_(self, "author", clean_text(self.author, "auteur", MAX_AUTHOR, name=True))
        setattr_(self, "note", clean_text(self.note, "toelichting", MAX_NOTE, multiline=True))
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
                setattr_(self, attr, check_timestamp(value, attr))

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

"""Share links: the weighting and overstap settings as short URL query parameters.

Parameters (only what differs from the defaults is written)

======  ======================================  ===========================================
name    meaning                                 example
======  ======================================  ===========================================
``gw``  group weights (short group id)          ``gu:1,wg:2.5,wz:1``
``cw``  criterion weights                       ``gu01:0.5,wz04:0``
``sc``  scale (``pp p n m mm`` = ++ + +/- - -/-)  ``mm:-1``
``ov``  rating overrides                        ``gu08.V3:n,wg02.V1:pp``
``rd.<criterion>.<variant>``  reason of an override  ``rd.gu08.V3=Eigen oordeel``
``og``  overstap: gemeente                      ``GM0626``
``on``  overstap: to region                     ``AM19``
``ob``  overstap: budgets per region (euro)     ``AM19:1200000,AM34:800000``
``ok``  overstap: distribution key              ``inw`` (per inwoner) or ``gelijk``
``of``  overstap: frictiekosten (euro)          ``250000``
``ovr`` overstap: variant per region            ``AM19:V2``
======  ======================================  ===========================================

Numbers are written with :func:`repr`, the shortest text that reads back as the same float,
so :func:`decode` of :func:`encode` gives back exactly the same values (and types). Invalid
parts are ignored one by one; each one gives a Dutch notice; unknown parameters are ignored
silently (they may belong to something else).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from dashboard.core.errors import DashboardError
from dashboard.mcda.criteria import Matrix, Rating, load_matrix
from dashboard.mcda.scoring import check_reason, check_weight, problem_from_mapping
from dashboard.region.settings import OverstapSettings

#: Parameter names this module owns.
PARAMS = ("gw", "cw", "sc", "ov", "og", "on", "ob", "ok", "of", "ovr")
REASON_PREFIX = "rd."
RATING_CODES: dict[str, str] = {"++": "pp", "+": "p", "+/-": "n", "-": "m", "-/-": "mm"}
_CODE_RATINGS = {code: symbol for symbol, code in RATING_CODES.items()}
KEY_CODES = {"per_inwoner": "inw", "gelijk": "gelijk"}
_CODE_KEYS = {code: key for key, code in KEY_CODES.items()}
OVERSTAP_KEYS = ("gemeente", "naar", "budgets", "key", "frictiekosten", "variant_for_region")
#: A real link sets each parameter once, with at most a few hundred characters (every criterion
#: and variant of the handreiking); a link far beyond these limits is refused as a whole, before
#: any per-item work.
MAX_PARAMS = 200
MAX_VALUE = 4000
_INT = re.compile(r"^-?\d{1,15}$")
_FLOAT = re.compile(r"^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class SharedView:
    """What a link asked for.

    ``problem_config`` is a weights-file mapping (only the sections the link had);
    ``overstap`` holds only the overstap keys the link set (merge with the defaults);
    ``notices`` are Dutch sentences about ignored parts; ``present`` is False when the URL had
    none of our parameters (then nothing should change).
    """

    problem_config: dict[str, Any] = field(default_factory=dict)
    overstap: dict[str, Any] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    present: bool = False

    @property
    def taken(self) -> bool:
        """Whether the link brought anything valid (a weight, a rating, an overstap setting)."""
        return bool(self.overstap) or any(bool(v) for v in self.problem_config.values())


# --- encoding -----------------------------------------------------------------------------------
def group_codes(matrix: Matrix) -> dict[str, str]:
    """Group id -> short code: the letter prefix its criteria share (``gu``, ``wg``, ``wz``)."""
    codes: dict[str, str] = {}
    for group in matrix.groups:
        prefixes = {re.sub(r"\d+$", "", c.id) for c in matrix.criteria_in(group.id)}
        code = prefixes.pop() if len(prefixes) == 1 else group.id
        codes[group.id] = group.id if code in codes.values() or not code else code
    return codes


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DashboardError(f"{value!r} is geen getal")
    return repr(value) if isinstance(value, float) else str(int(value))


def _amount(value: Any) -> str:
    """A euro amount as a link writes it: whole euros without ``.0`` (``1000000``, as typed),
    cents as the float they are (``800000.5``); it reads back as an equal amount."""
    if isinstance(value, float) and value.is_integer():  # amounts stay far below 2**53
        return str(int(value))
    return _num(value)


def _pairs(items: Mapping[str, Any]) -> str:
    return ",".join(f"{k}:{v}" for k, v in items.items())


def encode(
    problem_config: Mapping[str, Any],
    overstap: Mapping[str, Any] | None = None,
    overstap_defaults: Mapping[str, Any] | None = None,
    matrix: Matrix | None = None,
) -> dict[str, str]:
    """Query parameters for a weighting and overstap settings (only non-default parts)."""
    matrix = matrix or load_matrix()
    gcodes = group_codes(matrix)
    params: dict[str, str] = {}
    groups = problem_config.get("groups") or {}
    if groups:
        params["gw"] = _pairs({gcodes.get(g, g): _num(w) for g, w in groups.items()})
    criteria = problem_config.get("criteria") or {}
    if criteria:
        params["cw"] = _pairs({c: _num(w) for c, w in criteria.items()})
    scale = problem_config.get("scale") or {}
    if scale:
        params["sc"] = _pairs(
            {RATING_CODES[Rating.parse(s).value]: _num(v) for s, v in scale.items()}
        )
    ratings = problem_config.get("ratings") or {}
    reasons = problem_config.get("reasons") or {}
    overrides = []
    for cid, per_variant in ratings.items():
        for vid, symbol in per_variant.items():
            overrides.append(f"{cid}.{vid}:{RATING_CODES[Rating.parse(symbol).value]}")
            reason = (reasons.get(cid) or {}).get(vid)
            if reason:
                params[f"{REASON_PREFIX}{cid}.{vid}"] = str(reason)
    if overrides:
        params["ov"] = ",".join(overrides)
    if overstap:
        defaults = overstap_defaults or {}
        changed = {k: v for k, v in overstap.items() if k not in defaults or defaults[k] != v}
        if changed.get("gemeente"):
            params["og"] = str(changed["gemeente"])
        if changed.get("naar"):
            params["on"] = str(changed["naar"])
        if "budgets" in changed:
            params["ob"] = _pairs({r: _amount(v) for r, v in (changed["budgets"] or {}).items()})
        if "key" in changed:
            params["ok"] = KEY_CODES.get(str(changed["key"]), str(changed["key"]))
        if "frictiekosten" in changed:
            value = changed["frictiekosten"]
            params["of"] = "" if value is None else _amount(value)
        if "variant_for_region" in changed:
            params["ovr"] = _pairs(dict(changed["variant_for_region"] or {}))
    return params


def query_string(params: Mapping[str, str]) -> str:
    """``?gw=...`` with the separators left readable (shorter links)."""
    return "?" + urlencode(params, safe=":,.") if params else ""


# --- decoding -------------------------------------------------------------------------------------
def _parse_number(text: str) -> int | float:
    """A number from a link; ``ValueError`` says why not ("geen getal", or too large)."""
    text = text.strip()
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        value = float(text)
        if math.isfinite(value):
            return value  # each value's own limit (dashboard.core.limits) says whether it fits
        raise ValueError("is te groot")
    raise ValueError("is geen getal")


def _split_pairs(raw: str) -> list[tuple[str, str]]:
    out = []
    for item in raw.split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition(":")
        out.append((key.strip(), value.strip() if sep else "\0"))
    return out


def _single(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value)


def check_size(params: Mapping[str, Any]) -> None:
    """Refuse an oversized link cheaply: too many parameters, or a value that is too long.

    Raises
    ------
    DashboardError
        Naming the limit; nothing of the link is used then.
    """
    if len(params) > MAX_PARAMS:
        raise DashboardError(
            f"de link heeft {len(params)} onderdelen; hoogstens {MAX_PARAMS} zijn toegestaan"
        )
    for key, value in params.items():
        values = value if isinstance(value, list | tuple) else [value]
        size = len(key) + sum(len(str(v)) for v in values)
        if size > MAX_VALUE:
            raise DashboardError(
                f"het onderdeel {key[:20]!r} van de link is {size} tekens lang; "
                f"hoogstens {MAX_VALUE} zijn toegestaan"
            )


def decode(params: Mapping[str, Any], matrix: Matrix | None = None) -> SharedView:
    """Read a shared view from query parameters; invalid parts are skipped with a notice.

    Raises :class:`DashboardError` (see :func:`check_size`) for a link that is far too long.
    """
    check_size(params)
    matrix = matrix or load_matrix()
    p = {k: _single(v) for k, v in params.items()}
    present = any(k in p for k in PARAMS) or any(k.startswith(REASON_PREFIX) for k in p)
    notices: list[str] = []

    def note(text: str) -> None:
        notices.append(f"Uit de gedeelde link is een ongeldige instelling genegeerd: {text}.")

    def weight(raw: str, what: str) -> float | int | None:
        try:
            value = _parse_number(raw)
        except ValueError as err:
            if not (_FLOAT.match(raw.strip()) and math.isfinite(float(raw))):
                note(f"{what} {raw[:30]!r} {err}")
                return None
            value = float(raw)  # a number, only large: check_weight names the weights' limit
        try:
            check_weight(value, what)
        except DashboardError as err:
            note(str(err))
            return None
        return value

    code_groups = {code: gid for gid, code in group_codes(matrix).items()}
    group_labels = {g.id: f"de groep {g.label}" for g in matrix.groups}
    sections: dict[str, dict[str, Any]] = {}
    if "gw" in p:
        groups: dict[str, Any] = {}
        for key, raw in _split_pairs(p["gw"]):
            gid = code_groups.get(key, key if key in matrix.group_ids else None)
            if gid is None:
                note(f"onbekende groep {key[:30]!r}")
            elif (w := weight(raw, f"gewicht van {group_labels[gid]}")) is not None:
                groups[gid] = w
        sections["groups"] = groups
    if "cw" in p:
        crits: dict[str, Any] = {}
        for key, raw in _split_pairs(p["cw"]):
            if key not in matrix.criterion_ids:
                note(f"onbekend criterium {key[:30]!r}")
            elif (w := weight(raw, f"gewicht van criterium {key}")) is not None:
                crits[key] = w
        sections["criteria"] = crits
    if "sc" in p:
        scale: dict[str, Any] = {}
        for key, raw in _split_pairs(p["sc"]):
            symbol = _CODE_RATINGS.get(key, key if key in RATING_CODES else None)
            if symbol is None:
                note(f"onbekend oordeel {key[:30]!r} in de schaal")
                continue
            try:
                scale[symbol] = _parse_number(raw)
            except ValueError as err:
                note(f"schaalwaarde {raw[:30]!r} voor '{symbol}' {err}")
        sections["scale"] = scale
    ratings: dict[str, dict[str, str]] = {}
    if "ov" in p:
        for key, raw in _split_pairs(p["ov"]):
            cid, _, vid = key.partition(".")
            symbol = _CODE_RATINGS.get(raw, raw if raw in RATING_CODES else None)
            if cid not in matrix.criterion_ids or vid not in matrix.variant_ids:
                note(f"afwijkend oordeel voor onbekend criterium of variant {key[:30]!r}")
            elif symbol is None:
                note(f"onbekend oordeel {raw[:30]!r} voor {cid}/{vid}")
            else:
                ratings.setdefault(cid, {})[vid] = symbol
        sections["ratings"] = ratings
    reasons: dict[str, dict[str, str]] = {}
    for key, raw in p.items():
        if not key.startswith(REASON_PREFIX):
            continue
        cid, _, vid = key[len(REASON_PREFIX) :].partition(".")
        if vid not in ratings.get(cid, {}):
            note(f"een toelichting hoort bij geen afwijkend oordeel ({key[:30]!r})")
            continue
        try:
            reasons.setdefault(cid, {})[vid] = check_reason(raw, f"toelichting bij {cid}/{vid}")
        except DashboardError as err:
            note(str(err))
    if reasons:
        sections["reasons"] = reasons
    config = _valid_config(sections, note)
    overstap = _decode_overstap(p, matrix, note)
    return SharedView(config, overstap, tuple(notices), present)


def _valid_config(sections: dict[str, dict[str, Any]], note: Any) -> dict[str, Any]:
    """Keep the sections that together form a valid problem; drop the ones that break it."""
    config: dict[str, Any] = {}
    order = ["groups", "criteria", "scale", "ratings"]
    for name in order:
        if not sections.get(name):
            continue
        trial = {**config, name: sections[name]}
        if name == "ratings" and "reasons" in sections:
            trial["reasons"] = sections["reasons"]
        try:
            problem_from_mapping(trial)
        except DashboardError as err:
            label = {"groups": "groepsgewichten", "criteria": "criteriumgewichten"}.get(
                name, {"scale": "schaal", "ratings": "afwijkende oordelen"}.get(name, name)
            )
            note(f"de {label} ({err})")
            continue
        config = trial
    return config


#: The link's parameter of each overstap mapping.
_MAPPING_PARAMS = {"budgets": "ob", "variant_for_region": "ovr"}


def _decode_overstap(p: Mapping[str, str], matrix: Matrix, note: Any) -> dict[str, Any]:
    """The overstap keys the link set: text parsed here, values checked by
    :class:`~dashboard.region.settings.OverstapSettings` (as for session state and scenario
    files)."""
    raw: dict[str, Any] = {}
    if "og" in p:
        raw["gemeente"] = p["og"]
    if "on" in p:
        raw["naar"] = p["on"]
    if "ob" in p:
        budgets: dict[str, Any] = {}
        for key, text in _split_pairs(p["ob"]):
            try:
                budgets[key] = _parse_number(text)
            except ValueError as err:
                note(f"budget {text[:30]!r} voor {key[:30]} {err}")
        raw["budgets"] = budgets
    if "ok" in p:
        if p["ok"] in _CODE_KEYS:
            raw["key"] = _CODE_KEYS[p["ok"]]
        else:
            note(f"verdeelsleutel {p['ok'][:30]!r} (toegestaan: inw, gelijk)")
    if "of" in p and p["of"] != "":
        try:
            raw["frictiekosten"] = _parse_number(p["of"])
        except ValueError:
            note(f"frictiekosten {p['of'][:30]!r} is geen bedrag van 0 of meer")
    elif "of" in p:
        raw["frictiekosten"] = None  # an empty value clears the amount
    if "ovr" in p:
        chosen: dict[str, str] = {}
        for key, variant in _split_pairs(p["ovr"]):
            if variant not in matrix.variant_ids:
                note(f"variantkeuze {key[:12]!r}:{variant[:12]!r}")
            else:
                chosen[key] = variant
        raw["variant_for_region"] = chosen
    checked, problems = OverstapSettings.from_mapping(raw)
    for problem in problems:
        note(problem)
    values = checked.as_dict()

    def kept(key: str) -> bool:
        if key in ("budgets", "variant_for_region"):
            # their invalid items were dropped one by one; an empty result is taken only when
            # the link emptied it ("ob="), not when every item it gave was invalid
            return bool(values[key]) or not _split_pairs(p[_MAPPING_PARAMS[key]])
        given = raw[key].upper() if key in ("gemeente", "naar") else raw[key]
        return bool(values[key] == given)

    return {k: values[k] for k in raw if kept(k)}


__all__ = ["PARAMS", "SharedView", "decode", "encode", "query_string"]

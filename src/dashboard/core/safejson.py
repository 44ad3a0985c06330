"""Reading JSON a user supplied (an upload, a weights file, standard input) safely.

At most :data:`MAX_BYTES`, UTF-8, no NaN or Infinity, no duplicate keys, at most
:data:`MAX_DEPTH` levels; every problem is one Dutch :class:`ValidationError`, never Python's
English parser message.
"""

from __future__ import annotations

import json
from typing import Any

from dashboard.core.errors import ValidationError
from dashboard.core.limits import FILE

#: The most bytes read from a file a user supplies (:data:`dashboard.core.limits.FILE`).
MAX_BYTES = int(FILE.high)
MAX_DEPTH = 8


def load_json(data: bytes | str, what: str = "bestand") -> Any:
    """Parse an uploaded JSON document safely: ≤ 1 MB, UTF-8, no NaN, no duplicate keys,
    at most :data:`MAX_DEPTH` levels. Raises only :class:`ValidationError`."""
    if isinstance(data, str):
        size = len(data.encode("utf-8", errors="surrogatepass"))
    elif isinstance(data, bytes | bytearray):
        size = len(data)
    else:
        raise ValidationError(f"{what}: de inhoud moet tekst of bytes zijn")
    FILE.check_size(size, f"{what}:")
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ValidationError(
                f"{what}: is geen UTF-8-tekst (onleesbare byte op positie {err.start})"
            ) from err
    else:
        text = data
    try:
        parsed = _parse_json(text)
        _check_depth(parsed)
    except ValidationError as err:
        raise ValidationError(str(err).replace("bestand:", f"{what}:", 1)) from None
    return parsed


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is geen geldig getal")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"het veld {key!r} staat er twee keer in")
        out[key] = value
    return out


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except RecursionError:
        raise ValidationError(
            f"bestand: is te diep genest (hoogstens {MAX_DEPTH} niveaus)"
        ) from None
    except json.JSONDecodeError as err:
        raise ValidationError(
            f"bestand: geen geldige JSON (fout op regel {err.lineno}, kolom {err.colno})"
        ) from None
    except ValueError as err:  # our hooks, or an integer with too many digits
        detail = (
            str(err)
            if "geen geldig" in str(err) or "twee keer" in str(err)
            else ("een getal heeft te veel cijfers")
        )
        raise ValidationError(f"bestand: geen geldige JSON ({detail})") from None


def _check_depth(value: Any) -> None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValidationError(f"bestand: is te diep genest (hoogstens {MAX_DEPTH} niveaus)")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)

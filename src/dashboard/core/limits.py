"""Every limit on what a user may enter, declared once with a Dutch help text.

Each validator (the settings types, the scenario schema, share links, the CLI's flags, the
amount fields on the pages and the computing kernels) reads its bounds from :data:`LIMITS`,
and every refusal quotes :meth:`Limit.allowed`, so a limit changed here changes everywhere, in
the same words. Nothing else in the project writes these numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from dashboard.core.errors import ValidationError
from dashboard.core.formatting import fmt_eur_input, fmt_int, fmt_plain, fmt_size, parse_amount

LimitKind = Literal["money", "whole", "number", "length", "bytes"]


@dataclass(frozen=True)
class Limit:
    """One limit: the range a value must lie in, and why (Dutch, for help and messages)."""

    key: str
    kind: LimitKind
    low: float
    high: float
    help: str

    def show(self, value: float) -> str:
        """A bound or a value in the notation of this limit (``€ 10.000.000.000``, ``1.000``)."""
        if self.kind == "money":
            return fmt_eur_input(value)
        if self.kind == "bytes":
            return fmt_size(int(value))
        return fmt_plain(value)

    def allowed(self) -> str:
        """What is allowed, as a phrase: ``van € 0 tot en met € 10.000.000.000``."""
        if self.kind == "length":
            return f"hoogstens {self.show(self.high)} tekens"
        if self.kind == "bytes":
            return f"hoogstens {self.show(self.high)}"
        return f"van {self.show(self.low)} tot en met {self.show(self.high)}"

    def contains(self, value: Any) -> bool:
        """True for a finite number (not a bool) within the range; whole where required."""
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return False
        try:
            number = float(value)
        except OverflowError:
            return False
        if not math.isfinite(number) or not self.low <= number <= self.high:
            return False
        return not (self.kind == "whole" and not number.is_integer())

    def check(self, value: Any, what: str) -> float:
        """``value`` as a number within the range, or a Dutch :class:`ValidationError`
        naming ``what``, the value and what is allowed. ``-0`` becomes ``0``."""
        if not self.contains(value):
            raise ValidationError(self.refusal(value, what))
        number = float(value)
        return 0.0 if number == 0 else number

    def check_whole(self, value: Any, what: str) -> int:
        """As :meth:`check`, for a whole number."""
        return int(self.check(value, what))

    def check_length(self, text: str, what: str) -> str:
        """``text`` when it is at most :attr:`high` characters long; else a Dutch error."""
        if len(text) > self.high:
            raise ValidationError(
                f"{what}: de tekst is langer dan {self.show(self.high)} tekens "
                f"({fmt_int(len(text))} tekens)"
            )
        return text

    def check_size(self, size: int, what: str, *, whole: bool = True) -> int:
        """``size`` (bytes) when it is at most :attr:`high`; else a Dutch error naming ``what``
        (``het bestand groot.json``), the limit and, when ``size`` is the ``whole`` file's
        (not only what was read of it, as from standard input), its size."""
        if size > self.high:
            shown = f" ({fmt_size(size)})" if whole else ""
            raise ValidationError(
                f"{what} is groter dan {self.show(self.high)}{shown}; "
                f"{self.help[0].lower()}{self.help[1:].rstrip('.')}"
            )
        return size

    def refusal(self, value: Any, what: str) -> str:
        """The one Dutch sentence that refuses ``value`` for this limit (no closing full stop:
        callers quote it inside a sentence of their own)."""
        shown = self._shown(value)
        why = "kan niet"
        if self._finite(value):
            number = float(value)
            if number < self.low:
                why = "is negatief" if self.low == 0 else f"is kleiner dan {self.show(self.low)}"
            elif number > self.high:
                why = f"is groter dan {self.show(self.high)}"
            elif self.kind == "whole":
                why = "is geen geheel getal"
        elif isinstance(value, int) and not isinstance(value, bool):
            why = "is te groot"
        elif not isinstance(value, bool) and isinstance(value, float | Decimal):
            why = "is geen eindig getal"
        else:
            why = "is geen getal"
        return (
            f"{what}: {shown} {why}; kies {self._noun()} {self.allowed()}. {self.help.rstrip('.')}"
        )

    @staticmethod
    def _finite(value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return False
        try:
            return math.isfinite(float(value))
        except OverflowError:
            return False

    def _noun(self) -> str:
        return {
            "money": "een bedrag",
            "whole": "een geheel getal",
            "number": "een getal",
            "length": "een tekst van",
            "bytes": "een bestand van",
        }[self.kind]

    def _shown(self, value: Any) -> str:
        if self._finite(value):
            if abs(float(value)) >= 1e15:  # a typing accident: name its size, not its digits
                return f"een getal van {len(str(int(abs(float(value)))))} cijfers"
            return self.show(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return "dit getal"  # too large for a float
        text = repr(value)
        return text if len(text) <= 30 else text[:29] + "…"


def _table(*limits: Limit) -> dict[str, Limit]:
    return {limit.key: limit for limit in limits}


#: The one table. Each row's help text says why the bound is where it is.
LIMITS: dict[str, Limit] = _table(
    Limit(
        "money",
        "money",
        0,
        10_000_000_000,
        "Een regiobudget of frictiekosten per jaar in euro; meer dan tien miljard is vrijwel "
        "zeker een tikfout.",
    ),
    Limit(
        "samples",
        "whole",
        1_000,
        1_000_000,
        "Het aantal willekeurige wegingen voor de robuustheid: minder dan duizend geeft "
        "toevalsruis, meer dan een miljoen voegt niets toe en maakt het wachten lang.",
    ),
    Limit(
        "seed",
        "whole",
        0,
        2**31 - 1,
        "De startwaarde van de toevalsgenerator: dezelfde startwaarde geeft dezelfde uitkomst.",
    ),
    Limit(
        "weight",
        "number",
        0,
        1_000_000_000,
        "Een gewicht is 0 of meer. Alleen de verhoudingen tussen de gewichten tellen, dus "
        "kleinere getallen geven dezelfde uitkomst.",
    ),
    Limit(
        "scale",
        "number",
        -100,
        100,
        "De waarde van een beoordeling (++ … -/-). Alleen de verhoudingen tussen de waarden "
        "tellen, dus elke omrekening past in dit bereik.",
    ),
    Limit(
        "reason",
        "length",
        0,
        500,
        "De toelichting bij een eigen beoordeling: een paar zinnen.",
    ),
    Limit(
        "file",
        "bytes",
        0,
        1_000_000,
        "Een scenario- of wegingsbestand is een paar kilobyte groot; een groter bestand is "
        "vrijwel zeker een ander bestand.",
    ),
    Limit("name", "length", 0, 100, "De naam van een scenario."),
    Limit("author", "length", 0, 100, "De naam van wie het scenario maakte."),
    Limit("note", "length", 0, 2_000, "De toelichting bij een scenario."),
)

MONEY = LIMITS["money"]
SAMPLES = LIMITS["samples"]
SEED = LIMITS["seed"]
WEIGHT = LIMITS["weight"]
SCALE = LIMITS["scale"]
REASON = LIMITS["reason"]
NAME = LIMITS["name"]
AUTHOR = LIMITS["author"]
NOTE = LIMITS["note"]
FILE = LIMITS["file"]

#: A regional budget below this many euro is accepted but called implausible: "2,5" is read
#: as € 2,50, which is almost certainly meant as € 2,5 miljoen.
PLAUSIBLE_BUDGET = 1_000


def read_amount(text: str, what: str) -> float | None:
    """An amount typed in Dutch notation (``€ 1.000.000,50``) within :data:`MONEY`; ``None``
    for an empty field; else a Dutch :class:`ValidationError`."""
    number = parse_amount(text, what)
    return None if number is None else MONEY.check(number, what)


def budget_warning(amount: float | None, what: str) -> str | None:
    """A Dutch caution for an accepted budget that is implausibly low, or None."""
    if amount is None or amount == 0 or amount >= PLAUSIBLE_BUDGET:
        return None
    return (
        f"{what}: {fmt_eur_input(amount)} is erg weinig voor een budget per jaar. Bedoelde u "
        f"{fmt_eur_input(Decimal(str(amount)) * 1_000_000)}? Typ dan "
        f"{fmt_eur_input(Decimal(str(amount)) * 1_000_000)}; er wordt nu gerekend met "
        f"{fmt_eur_input(amount)}."
    )


__all__ = [
    "AUTHOR",
    "LIMITS",
    "MONEY",
    "NAME",
    "NOTE",
    "PLAUSIBLE_BUDGET",
    "REASON",
    "SAMPLES",
    "SCALE",
    "SEED",
    "WEIGHT",
    "Limit",
    "budget_warning",
    "read_amount",
]

"""The flags that say how the robustness analysis draws its random weightings.

``--aantal``, ``--startwaarde``, ``--rond`` and ``--groepsvolgorde``, shared by ``sensitivity``
and ``report``, read as text and checked here, so a bad value gives one Dutch line. Kept light
(no numpy at import): ``report`` builds its parser before its helper process starts.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
from typing import TYPE_CHECKING

from dashboard.core.errors import ValidationError
from dashboard.core.formatting import fmt_int
from dashboard.core.limits import SAMPLES, SEED
from dashboard.mcda.sampling import DEFAULT_SAMPLES, DEFAULT_SEED, SamplingSettings

if TYPE_CHECKING:
    from dashboard.mcda.scoring import DecisionProblem


def add_sampling_arguments(parser: argparse.ArgumentParser) -> None:
    """``--aantal``, ``--startwaarde``, ``--rond`` and ``--groepsvolgorde``: how the random
    weightings are drawn (``sensitivity`` and ``report``)."""
    # Numbers are read as text and checked in run(), so a bad value gives a Dutch message.
    parser.add_argument(
        "--aantal",
        dest="samples",
        metavar="N",
        default=str(DEFAULT_SAMPLES),
        help=f"aantal willekeurige wegingen, {SAMPLES.allowed()} (standaard "
        f"{fmt_int(DEFAULT_SAMPLES)})",
    )
    parser.add_argument(
        "--startwaarde",
        dest="seed",
        metavar="S",
        default=str(DEFAULT_SEED),
        help=f"startwaarde van de toevalsgenerator, {SEED.allowed()} (standaard {DEFAULT_SEED}; "
        "zelfde S geeft dezelfde uitkomst)",
    )
    parser.add_argument(
        "--rond",
        dest="near",
        metavar="PCT",
        default=None,
        help="alleen wegingen rond de huidige: elk gewicht hoogstens PCT procent hoger of lager",
    )
    parser.add_argument(
        "--groepsvolgorde",
        dest="group_order",
        metavar="G1,G2,G3",
        default=None,
        help="alleen wegingen die deze volgorde van de groepen aanhouden (belangrijkste eerst), "
        "bijv. werkgevers,gemeenten_uwv,werkzoekenden",
    )


def sampling_settings(args: argparse.Namespace, problem: DecisionProblem) -> SamplingSettings:
    """The flags of :func:`add_sampling_arguments` as checked settings (Dutch errors)."""
    drawn = SamplingSettings(samples=parse_samples(args.samples), seed=parse_seed(args.seed))
    return _with_mode(drawn, args.near, args.group_order).checked(problem)


def parse_samples(text: str) -> int:
    try:
        number = int(str(text).strip().replace("_", ""))
    except ValueError:
        raise ValidationError(
            f"--aantal {text!r} is geen geheel getal; gebruik bijvoorbeeld --aantal 100000"
        ) from None
    return SAMPLES.check_whole(number, "--aantal")


def parse_seed(text: str) -> int:
    try:
        number = int(str(text).strip())
    except ValueError:
        raise ValidationError(
            f"--startwaarde {text!r} is geen geheel getal; gebruik bijvoorbeeld --startwaarde 2012"
        ) from None
    return SEED.check_whole(number, "--startwaarde")


def _with_mode(
    settings: SamplingSettings, near: str | None, group_order: str | None
) -> SamplingSettings:
    """``settings`` with the mode of ``--rond`` or ``--groepsvolgorde`` (all when neither)."""
    if near is not None and group_order is not None:
        raise ValidationError("kies --rond of --groepsvolgorde, niet allebei")
    if near is not None:
        try:
            pct = float(str(near).strip().rstrip("%").replace(",", "."))
        except ValueError:
            raise ValidationError(
                f"--rond {near!r} is geen getal; bijvoorbeeld --rond 20"
            ) from None
        if not math.isfinite(pct) or not 0 < pct <= 100:
            raise ValidationError(
                f"--rond {near}: kies een percentage groter dan 0 en hoogstens 100"
            )
        return dataclasses.replace(settings, mode="near", near_pct=pct)
    if group_order is not None:
        ranking = tuple(part.strip() for part in group_order.split(",") if part.strip())
        return dataclasses.replace(settings, mode="ranking", group_ranking=ranking)
    return settings

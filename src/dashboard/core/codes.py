"""The shapes of CBS's codes, written once: gemeente ``GM0626``, arbeidsmarktregio ``AM19``,
and the handreiking's variant ids ``V1`` … ``V3``."""

from __future__ import annotations

import re

#: Patterns without anchors, for ``re.fullmatch``, pandas' ``str.fullmatch`` and pydantic.
GEMEENTE_PATTERN = r"GM\d{4}"
REGION_PATTERN = r"AM\d{2}"
VARIANT_PATTERN = r"V\d{1,2}"

_GEMEENTE = re.compile(GEMEENTE_PATTERN, re.ASCII)
_REGION = re.compile(REGION_PATTERN, re.ASCII)
_VARIANT = re.compile(VARIANT_PATTERN, re.ASCII)


def is_gemeente_code(value: object) -> bool:
    """True for text shaped like a CBS gemeente code (``GM0626``; case as given)."""
    return isinstance(value, str) and _GEMEENTE.fullmatch(value) is not None


def is_region_code(value: object) -> bool:
    """True for text shaped like a CBS arbeidsmarktregio code (``AM19``; case as given)."""
    return isinstance(value, str) and _REGION.fullmatch(value) is not None


def is_variant_id(value: object) -> bool:
    """True for text shaped like a variant id of the handreiking (``V1``)."""
    return isinstance(value, str) and _VARIANT.fullmatch(value) is not None

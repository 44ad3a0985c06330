"""YAML for the data files, parsed by libyaml when PyYAML was built with it.

The seeds' fact files are read on the way to every report and page; PyYAML's pure-Python parser
spends most of that time. libyaml's ``CSafeLoader`` builds the same Python values from the same
safe subset of YAML, about ten times faster; without libyaml the pure-Python loader is used.
"""

from __future__ import annotations

from typing import Any

import yaml

YAMLError = yaml.YAMLError

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like :func:`yaml.safe_load`, with libyaml when available."""
    return yaml.load(text, Loader=_Loader)

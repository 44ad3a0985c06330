"""Helpers that the tests and the benchmarks share: the app as a real server process with
Chromium (``server``), driving its pages in Playwright (``browser``) and a throw-away PostgreSQL
(``postgres``). Free of pytest and of ``tests/``, so ``python benchmarks/x.py`` can import them."""

from __future__ import annotations

import os


def in_ci() -> bool:
    """Whether this runs in CI (``CI=true``, as ``.ci/run`` is started there): what must be
    present fails there instead of being skipped, and nothing is made only for a person to see."""
    return os.environ.get("CI", "").lower() == "true"

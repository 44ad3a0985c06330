"""What a test needs from the machine: skipped on a workstation without it, a failure in CI."""

from __future__ import annotations

from typing import NoReturn

import pytest

from support import in_ci


def unavailable(reason: str) -> NoReturn:
    """Stop the test: it cannot run here. In CI that is a failure (CI installs everything)."""
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)

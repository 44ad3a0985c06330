"""What a user reads when the PDF or the slides cannot be made: one Dutch line.

The libraries' own errors (reportlab's layout, python-pptx's XML) are English and name their
internals: the log keeps them for the administrator, the user reads what failed and what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from dashboard.core.errors import DashboardError

log = logging.getLogger(__name__)


def made(make: Callable[[], bytes], what: str, advice: str) -> bytes:
    """``make()``, with a library's failure as one Dutch line: "``what``; ``advice``"."""
    try:
        return make()
    except DashboardError:
        raise
    except (ValueError, OSError) as err:
        log.warning("%s: %s", what, err)
        raise DashboardError(f"{what}; {advice}") from err

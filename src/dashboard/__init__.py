"""Dashboard arbeidsmarktregio's en werkgeversservicepunten: the domain core.

Nothing in this package imports Streamlit except :mod:`dashboard.ui`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dashboard")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

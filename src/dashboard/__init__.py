"""Dashboard arbeidsmarktregio's en werkgeversservicepunten: the domain core.

Nothing in this package imports Streamlit except :mod:`dashboard.ui`.
"""

#: The one place the version is written; ``pyproject.toml`` reads it from here (see CHANGELOG.md).
__version__ = "0.1.0"

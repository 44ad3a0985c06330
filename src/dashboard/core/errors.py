"""One small error hierarchy. Pages and the CLI catch only these and show their Dutch message."""

from __future__ import annotations


class DashboardError(ValueError):
    """Base class: a problem the user can fix; ``str(err)`` is a Dutch sentence for the user."""


class MissingPackageError(DashboardError):
    """A Python package the dashboard needs is not installed (an install step was skipped)."""

    def __init__(self, module: str | None) -> None:
        super().__init__(
            f"{_package(module)} ontbreekt; installeer de pakketten uit requirements.txt "
            "(python3 -m pip install -r requirements.txt)"
        )


def _package(module: str | None) -> str:
    """``het pakket vl-convert-python`` for the module ``vl_convert``: the name pip installs it
    under, else the module's own top-level name."""
    top = (module or "").split(".")[0]
    if not top:
        return "een pakket dat het dashboard nodig heeft"
    from importlib.metadata import packages_distributions

    names = packages_distributions().get(top, [])
    return f"het pakket {names[0] if names else top}"


class DataMissingError(DashboardError):
    """A data file or folder is missing or unreadable.

    Parameters
    ----------
    message
        Dutch explanation.
    path
        The file or folder concerned, shown to the user.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ValidationError(DashboardError):
    """User input (weights, scale, upload, CLI argument) is not acceptable."""


class UnknownCodeError(ValidationError):
    """An unknown gemeente, region, criterion or variant code."""


class StorageError(DashboardError):
    """The scenario database cannot be read or written."""


class DownloadError(DashboardError):
    """Downloading data from the publisher failed."""


class ScenarioNotFoundError(ValidationError):
    """No scenario with that name."""


class ScenarioExistsError(ValidationError):
    """A scenario with that name (ignoring case) already exists."""


class ScenarioChangedError(ValidationError):
    """Someone saved the scenario after the revision a save, an import that replaces it, or a
    delete started from; ``action`` ("save", "import", "delete") picks the sentence."""

    def __init__(self, name: str, current: int, expected: int, action: str = "save") -> None:
        if action == "delete":
            message = (
                f"scenario ‘{name}’ is intussen gewijzigd (nu versie {current}, u koos versie "
                f"{expected}) en is niet verwijderd. Bekijk de nieuwe versie en verwijder het "
                "daarna opnieuw als dat nog steeds de bedoeling is."
            )
        elif action == "import":
            message = (
                f"scenario ‘{name}’ is intussen gewijzigd (nu versie {current}, het bestand is "
                f"versie {expected}) en is niet vervangen; er is niets verloren."
            )
        else:
            message = (
                f"scenario ‘{name}’ is intussen door iemand anders opgeslagen (nu versie "
                f"{current}, u ging uit van versie {expected}); uw wijziging is niet opgeslagen. "
                "Bewaar haar als kopie, dan gaat er niets verloren."
            )
        super().__init__(message)
        self.name = name
        self.current = current
        self.expected = expected


class NotNativeError(DashboardError):
    """A chart specification holds something the exports' native drawers do not draw (an
    unknown mark, channel or expression); the chart is then drawn by vl-convert instead."""

"""CLI command `regions` (not built yet)."""

from __future__ import annotations

import argparse

from dashboard.errors import DashboardError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise DashboardError("deze opdracht is nog niet beschikbaar")

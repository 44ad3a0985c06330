"""Typed settings: built from a mapping, invalid parts replaced by the default with a notice."""

from __future__ import annotations

import pytest

from dashboard.core.errors import ValidationError
from dashboard.mcda.sampling import SamplingSettings
from dashboard.mcda.scoring import default_problem
from dashboard.region.settings import CASE, OverstapSettings

GROUPS = ("gemeenten_uwv", "werkgevers", "werkzoekenden")


def test_overstap_defaults_are_the_case() -> None:
    settings = OverstapSettings()
    assert (settings.gemeente, settings.naar) == (CASE.gemeente, CASE.naar)
    assert OverstapSettings.from_mapping({}) == (settings, [])
    assert OverstapSettings.from_mapping(None) == (settings, [])


def test_overstap_keeps_what_is_valid_and_names_what_is_not() -> None:
    settings, notices = OverstapSettings.from_mapping(
        {
            "gemeente": "gm0603",
            "naar": "AM99x",
            "budgets": {"AM34": 1_000_000, "AM19": -5, "XX": 3},
            "key": "gelijk",
            "frictiekosten": 1e13,
            "variant_for_region": {"AM19": "V2", "AM34": "<b>"},
            "onbekend": 1,
        }
    )
    assert settings.gemeente == "GM0603" and settings.naar == CASE.naar
    assert dict(settings.budgets) == {"AM34": 1_000_000}
    assert settings.key == "gelijk" and settings.frictiekosten is None
    assert dict(settings.variant_for_region) == {"AM19": "V2"}
    assert len(notices) == 6
    assert any("regiocode" in n for n in notices)


def test_overstap_checked_refuses() -> None:
    with pytest.raises(ValidationError, match="overstap: verdeelsleutel"):
        OverstapSettings.checked({"key": "x"})
    assert OverstapSettings.checked({"frictiekosten": None}) == OverstapSettings()


def test_overstap_round_trips_through_a_dict() -> None:
    settings = OverstapSettings(budgets={"AM19": 2.5}, variant_for_region={"AM19": "V1"})
    assert OverstapSettings.from_mapping(settings.as_dict()) == (settings, [])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"samples": -5}, "aantal wegingen"),
        ({"samples": 2_000_000}, "1.000.000"),
        ({"seed": 2**40}, "startwaarde"),
        ({"mode": "alles"}, "steekproefsoort"),
        ({"mode": "near", "near_pct": 0}, "bandbreedte"),
        ({"mode": "ranking", "group_ranking": ["werkgevers", "werkgevers", "x"]}, "volgorde"),
    ],
)
def test_sampling_settings_name_what_is_invalid(data: dict, words: str) -> None:
    settings, notices = SamplingSettings.from_mapping(data, GROUPS)
    assert any(words in n for n in notices), notices
    assert settings.mode in ("all", "near", "ranking")
    settings.checked(default_problem())  # what from_mapping keeps, the analysis accepts


def test_sampling_settings_give_the_options() -> None:
    ranking = ["werkzoekenden", "werkgevers", "gemeenten_uwv"]
    settings, notices = SamplingSettings.from_mapping(
        {"samples": 5000, "seed": 3, "mode": "ranking", "group_ranking": ranking}, GROUPS
    )
    assert notices == []
    assert settings.group_ranking == tuple(ranking)
    assert SamplingSettings.from_mapping(settings.as_dict(), GROUPS) == (settings, [])

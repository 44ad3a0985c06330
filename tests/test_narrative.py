"""The wording helpers every conclusion shares."""

from __future__ import annotations

import pytest

from dashboard.narrative import count, lower_first, own_ratings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemeenten & UWV", "gemeenten & UWV"),
        ("UWV-loket in de regio", "UWV-loket in de regio"),  # an acronym keeps its case
        ("WSP", "WSP"),
        ("1 (publiek) contactpersoon", "1 (publiek) contactpersoon"),
        ("Werkzoekenden", "werkzoekenden"),
        ("", ""),
    ],
)
def test_lower_first_keeps_acronyms(text: str, expected: str) -> None:
    assert lower_first(text) == expected


def test_counts_agree_in_number() -> None:
    assert count(1, "criterium", "criteria") == "1 criterium"
    assert count(3, "criterium", "criteria") == "3 criteria"
    assert own_ratings(1) == "1 eigen oordeel dat afwijkt van de handreiking"
    assert own_ratings(2) == "2 eigen oordelen die afwijken van de handreiking"

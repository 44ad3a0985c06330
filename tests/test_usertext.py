"""The rules for user text: invisible and look-alike names, control and direction characters
and OOXML ``_x0000_`` codes in reasons, from every way in (file, link, CLI, page state)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from dashboard import cli
from dashboard.core.errors import ValidationError
from dashboard.mcda.scoring import check_reason, problem_from_mapping
from dashboard.scenarios import Scenario, ScenarioExistsError, ScenarioStore
from dashboard.scenarios.schema import scenario_from_json
from dashboard.scenarios.sharelink import decode

# --- names -----------------------------------------------------------------------------------
INVISIBLE_NAMES = {
    "variation selector appended": "Raad maart\ufe0f",
    "variation selector inside": "Raad\ufe00 maart",
    "variation selector alone": "\ufe0f",
    "ideographic variation selector": "Raad\U000e0100",
    "combining grapheme joiner appended": "Raad maart\u034f",
    "combining grapheme joiner alone": "\u034f",
    "hangul filler appended": "Raad maart\u3164",
    "hangul filler alone": "\u3164",
    "hangul choseong filler": "Raad\u115f",
    "hangul jungseong filler": "\u1160",
    "halfwidth hangul filler": "Raad maart\uffa0",
    "braille blank appended": "Raad maart\u2800",
    "braille blank alone": "\u2800",
    "ogham space mark": "Raad\u1680maart",
    "mongolian variation selector": "Raad\u180b",
    "khmer inherent vowel": "Raad\u17b4",
}


@pytest.mark.parametrize("name", INVISIBLE_NAMES.values(), ids=INVISIBLE_NAMES.keys())
def test_invisible_characters_are_refused_in_names(name: str) -> None:
    with pytest.raises(ValidationError, match=r"^naam: .*onzichtbaar teken"):
        Scenario(name)
    with pytest.raises(ValidationError, match=r"^auteur: .*onzichtbaar teken"):
        Scenario("Raad", author=name)


MIXED_SCRIPT = {
    "cyrillic a in a latin word": "R\u0430\u0430d maart",
    "cyrillic o": "Basisv\u043erstel",
    "cyrillic capital": "\u0420aad",
    "greek omicron": "Rotterd\u03bfm",
    "greek capital alpha": "\u0391msterdam",
    "second word": "Raad m\u0430art",
}


@pytest.mark.parametrize("name", MIXED_SCRIPT.values(), ids=MIXED_SCRIPT.keys())
def test_a_word_mixing_latin_with_cyrillic_or_greek_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match=r"^naam: het woord .* mengt Latijnse en"):
        Scenario(name)


@pytest.mark.parametrize(
    "name", ["\u0420\u0430\u0440\u0430", "Raad \u0421\u0421\u0420", "\u039a\u0391\u0399"]
)
def test_a_cyrillic_or_greek_word_that_passes_for_latin_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match=r"^naam: het woord .* eruitzien als Latijnse"):
        Scenario(name)


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("Hélène", "Hélène"),
        ("Ĳsselstein", "IJsselstein"),  # NFKC: the ligature becomes two letters
        ("Zuid-Holland Centraal", "Zuid-Holland Centraal"),
        ("Raad maart ’26", "Raad maart ’26"),
        ("Ærø Ångström Øresund ß", "Ærø Ångström Øresund ß"),
        ("Москва", "Москва"),  # one script per word is fine
        ("Отчёт о работе", "Отчёт о работе"),
        ("Ελλάδα en Nederland", "Ελλάδα en Nederland"),
        ("α-variant", "α-variant"),
        ("Plan 2026 – variant B", "Plan 2026 – variant B"),
    ],
)
def test_legitimate_names_are_kept(name: str, stored: str) -> None:
    assert Scenario(name).name == stored


def test_a_look_alike_of_an_existing_name_cannot_be_saved(tmp_path: Path) -> None:
    with ScenarioStore(f"sqlite:///{tmp_path / 's.sqlite'}") as store:
        store.save(Scenario("Raad maart"))
        for look_alike in ("R\u0430\u0430d maart", "Raad maart\u3164", "Raad maart\ufe0f"):
            with pytest.raises(ValidationError):
                store.save(Scenario(look_alike), replace=False)
            with pytest.raises(ValidationError):
                store.rename("Raad maart", look_alike)
        with pytest.raises(ScenarioExistsError):
            store.save(Scenario("RAAD  MAART"), replace=False)
        assert store.names() == ["Raad maart"]


def test_an_upload_with_a_look_alike_name_is_refused_in_dutch() -> None:
    doc = {"format": "dashboard-scenario", "schema_version": 1, "scenario": {"name": "R\u0430ad"}}
    with pytest.raises(ValidationError, match=r"^scenario: naam: het woord"):
        scenario_from_json(json.dumps(doc))


# --- reasons ---------------------------------------------------------------------------------
BAD_REASONS = {
    "right-to-left override": "prijs \u202e04,3 €",
    "isolate": "\u2066verborgen\u2069",
    "line break": "eerste regel\nFout: nagemaakte regel",
    "carriage return": "tekst\roverschreven",
    "line separator": "eerste regel\u2028tweede regel",
    "escape sequence": "\x1b]0;titel\x07\x1b[2J",
    "nul": "a\x00b",
    "tab": "a\tb",
    "C1 control": "a\x9bb",
    "ooxml code": "_x0000_ verborgen",
    "ooxml code upper case": "zie _X001B_ hier",
    "ooxml code and override": "_x0000_…\u202e",
}


@pytest.mark.parametrize("reason", BAD_REASONS.values(), ids=BAD_REASONS.keys())
def test_a_reason_with_control_direction_or_ooxml_characters_is_refused(reason: str) -> None:
    with pytest.raises(ValidationError, match=r"^toelichting"):
        check_reason(reason, "toelichting")
    config = {"ratings": {"gu08": {"V3": "+/-"}}, "reasons": {"gu08": {"V3": reason}}}
    with pytest.raises(ValidationError, match=r"^reasons\.gu08\.V3: "):
        problem_from_mapping(config)


@pytest.mark.parametrize("reason", BAD_REASONS.values(), ids=BAD_REASONS.keys())
def test_a_bad_reason_in_a_scenario_file_is_refused(reason: str) -> None:
    weights = {"ratings": {"gu08": {"V3": "+/-"}}, "reasons": {"gu08": {"V3": reason}}}
    doc = {
        "format": "dashboard-scenario",
        "schema_version": 1,
        "scenario": {"name": "Met reden", "weights": weights},
    }
    with pytest.raises(ValidationError, match=r"^scenario\.weights: .*reasons\.gu08\.V3"):
        scenario_from_json(json.dumps(doc))


@pytest.mark.parametrize("reason", BAD_REASONS.values(), ids=BAD_REASONS.keys())
def test_a_bad_reason_in_a_link_is_dropped_with_a_notice(reason: str) -> None:
    view = decode({"ov": "gu08.V3:n", "rd.gu08.V3": reason})
    assert "reasons" not in view.problem_config
    assert any("toelichting bij gu08/V3" in n for n in view.notices)


def test_a_bad_reason_through_the_cli_exits_2_with_one_line(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    weights = tmp_path / "w.json"
    reason = "regel\nFout: nagemaakt \u202e"
    weights.write_text(
        json.dumps({"ratings": {"gu08": {"V3": "+/-"}}, "reasons": {"gu08": {"V3": reason}}}),
        "utf-8",
    )
    assert cli.main(["scenario", "save", "Met reden", "--weging", str(weights)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: reasons.gu08.V3: bevat een onzichtbaar stuurteken (U+000A)")
    assert err.count("\n") == 1


def test_ordinary_reasons_are_accepted() -> None:
    for reason in ("In onze regio werkt één loket al goed (zie notitie 3).", "", "x" * 500):
        assert check_reason(reason, "toelichting") == reason
    config = {"ratings": {"gu08": {"V3": "+/-"}}, "reasons": {"gu08": {"V3": "Goed € 5"}}}
    assert problem_from_mapping(config)


@given(st.text(max_size=60))
def test_whatever_a_name_becomes_it_has_nothing_hidden(text: str) -> None:
    """A name that passes has only visible characters and ordinary spaces."""
    try:
        name = Scenario(text).name
    except ValidationError:
        reject()  # a name that is refused says nothing about one that passes
    assert name == name.strip() and "  " not in name
    assert all(char == " " or char.isprintable() for char in name)
    assert Scenario(name).name == name

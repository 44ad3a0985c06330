"""CLI flags are Dutch; the old English spellings still work but are not shown in the help."""

from __future__ import annotations

import argparse
import json

import pytest

from dashboard.cli import OLD_SPELLINGS, build_parser, main


def parsers(
    parser: argparse.ArgumentParser, path: str = ""
) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += parsers(sub, f"{path} {name}".strip())
    return found


ALL = parsers(build_parser())


@pytest.mark.parametrize(("path", "parser"), ALL, ids=[p for p, _ in ALL])
def test_every_flag_is_dutch(path: str, parser: argparse.ArgumentParser) -> None:
    flags = {o for a in parser._actions for o in a.option_strings if o.startswith("--")}
    assert not flags & set(OLD_SPELLINGS), f"{path}: old English flag still registered"
    shown = parser.format_help()
    for old in OLD_SPELLINGS:
        assert f"{old} " not in shown and f"{old}\n" not in shown


def test_every_old_spelling_has_a_new_flag_somewhere() -> None:
    flags = {o for _, p in ALL for a in p._actions for o in a.option_strings}
    assert set(OLD_SPELLINGS.values()) <= flags


@pytest.mark.parametrize(
    "args",
    [
        ["score", "--format", "json"],
        ["score", "--formaat", "json"],
        ["score", "--formaat=json"],
        ["score", "--format=json"],
    ],
)
def test_old_and_new_spellings_give_the_same_output(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [v["id"] for v in doc["variants"]] == ["V1", "V2", "V3"]


def test_dutch_format_values_and_the_old_english_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--formaat", "tabel"]) == 0
    dutch = capsys.readouterr().out
    assert main(["score", "--format", "table"]) == 0
    assert capsys.readouterr().out == dutch and dutch.startswith("Plaats")


def test_bad_value_names_the_dutch_flag_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["score", "--format", "xml"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--formaat" in err and "tabel" in err and err.count("\n") == 1


def test_a_value_after_the_separator_is_left_alone() -> None:
    ns = build_parser().parse_args(["scenario", "show", "--", "--format"])
    assert ns.name == "--format"


@pytest.mark.parametrize("flag", ["--versie", "--version"])
def test_version_comes_from_the_package(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    from dashboard import __version__

    with pytest.raises(SystemExit) as exit_:
        main([flag])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"dashboard {__version__}"

"""CLI ``pendel`` and the pendel part of ``overstap``: JSON, Dutch table, one-line errors.

The shares are checked against the hand-derived figures in ``tests/test_pendel.py``
(Voorschoten, December 2014: Holland Rijnland 34.3 %, Zuid-Holland Centraal 30.3 %,
Haaglanden 22.2 % of 9.9 thousand jobs in published cells).
"""

from __future__ import annotations

import json

import pytest

from dashboard.cli import main


@pytest.fixture(autouse=True)
def _data(cbs_dir):
    return cbs_dir


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_pendel_json(capsys):
    code, out, err = run(
        capsys, "pendel", "--gemeente", "GM0626", "--naar", "AM19", "--formaat", "json"
    )
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["bron"]["tabel"] == "81251NED" and doc["bron"]["periode"] == "december 2014"
    assert doc["banen_inwoners_x1000"] == 9.9
    shares = {r["code"]: round(100 * r["aandeel"], 1) for r in doc["regios"]}
    assert (shares["AM19"], shares["AM34"], shares["AM21"]) == (34.3, 30.3, 22.2)
    assert [w["naam"] for w in doc["werkgemeenten"][:3]] == [
        "Leiden",
        "Voorschoten",
        "'s-Gravenhage",
    ]
    assert [t["jaar"] for t in doc["trend"]] == list(range(2006, 2015))


def test_pendel_table_by_name_and_year(capsys):
    code, out, err = run(capsys, "pendel", "--gemeente", "voorschoten", "--jaar", "2014")
    assert code == 0 and err == ""
    assert "december 2014, CBS 81251NED, indeling 2014 omgerekend naar 2025" in out
    assert "9,9 duizend" in out and "34,3%" in out and "Leiden" in out
    assert "minder dan 50 banen" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--gemeente", "GM9999"], "onbekende gemeente"),
        (["--gemeente", "GM0626", "--jaar", "2020"], "geen pendelcijfers"),
        (["--gemeente", "GM0626", "--jaar", "x"], "--jaar"),
        (["--gemeente", "GM0626", "--naar", "AM34"], "hoort al bij"),
        ([], "--gemeente"),
    ],
)
def test_pendel_bad_input_one_dutch_line(capsys, argv, words):
    code, out, err = run(capsys, "pendel", *argv)
    assert code == 2 and out == ""
    assert words in err and err.count("\n") == 1 and err.startswith("Fout")


def test_overstap_json_has_pendel_before_after(capsys):
    code, out, err = run(
        capsys, "overstap", "--gemeente", "GM0626", "--naar", "AM19", "--formaat", "json"
    )
    assert code == 0 and err == ""
    pendel = json.loads(out)["pendel"]
    assert pendel["bron"]["periode"] == "december 2014"
    assert round(100 * pendel["gemeente_aandeel_binnen_regio_voor"], 1) == 30.3
    assert round(100 * pendel["gemeente_aandeel_binnen_regio_na"], 1) == 34.3
    assert set(pendel["voor"]) == set(pendel["na"]) == {"AM34", "AM19"}
    assert pendel["na"]["AM34"]["banen_totaal_x1000"] == pytest.approx(
        pendel["voor"]["AM34"]["banen_totaal_x1000"] - 9.9
    )


def test_overstap_table_says_the_pendel(capsys):
    code, out, _ = run(capsys, "overstap", "--gemeente", "GM0626", "--naar", "AM19")
    assert code == 0
    assert "Pendel: Nu ligt 30,3%" in out and "december 2014" in out


def test_every_pendel_answer_names_its_source_the_same_way(capsys) -> None:
    """The ``bron`` block of ``pendel`` and of the pendel part of ``overstap`` were written
    twice; the overstap's lacked the unit. Now one block (PendelSource.as_json)."""

    def answer(*words: str) -> dict:
        code, out, err = run(capsys, *words, "--formaat", "json")
        assert code == 0 and err == ""
        return json.loads(out)

    alone = answer("pendel", "--gemeente", "GM0626")["bron"]
    in_overstap = answer("overstap", "--gemeente", "GM0626", "--naar", "AM19")["pendel"]["bron"]
    assert in_overstap == alone
    assert alone["eenheid"] == "banen van werknemers × 1 000"

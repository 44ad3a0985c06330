"""CLI ``profile`` and ``overstap``: JSON shapes, Dutch one-line errors, exit codes."""

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
    except SystemExit as exit_:  # argparse errors leave through the parser's exit(2)
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_profile_json(capsys):
    code, out, err = run(capsys, "profile", "AM34", "AM19", "--formaat", "json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    a, b = doc["regions"]
    assert (a["code"], b["code"]) == ("AM34", "AM19")
    assert len(a["gemeenten"]) == 6 and len(b["gemeenten"]) == 12
    assert a["centrumgemeente"] == {"name": "Zoetermeer", "source": "seed_000"}
    assert b["centrumgemeente"] == {"name": "Leiden", "source": "seed_000"}
    assert a["indicators"]["inwoners"]["value"] == sum(g["inwoners"] for g in a["gemeenten"])
    assert a["indicators"]["inwoners"]["year"] == 2024
    assert a["indicators"]["inwoners"]["sources"] == ["cbs_kerncijfers_2024"]


def test_profile_table_names_the_kennemerland_difference(capsys):
    code, out, _ = run(capsys, "profile", "AM37")
    assert code == 0
    # the document is named, never its internal id
    assert "Haarlem (bron: Intentieverklaring Zuid- en Midden-Kennemerland (2013))" in out
    assert "seed_" not in out
    assert "Uitgeest" in out and "AM15" in out
    # every figure with its period, the labour figures with CBS's provisional status
    assert "(31 december 2024, voorlopig)" in out and "(inkomen over 2023, voorlopig)" in out


def test_profile_region_without_seed_facts(capsys):
    code, out, _ = run(capsys, "profile", "AM01", "--formaat", "json")
    assert code == 0
    region = json.loads(out)["regions"][0]
    assert region["centrumgemeente"] == {"name": None, "source": None}
    assert region["facts"] == []


def test_overstap_json_shape(capsys):
    code, out, err = run(
        capsys, "overstap", "--gemeente", "GM0626", "--naar", "AM19", "--formaat", "json"
    )
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["gemeente"] == {"code": "GM0626", "name": "Voorschoten"}
    assert (doc["van"], doc["naar"]) == ("AM34", "AM19")
    bijstand = doc["arbeidsmarkt"]["indicatoren"]["bijstand"]
    assert bijstand["voor"]["AM34"] - bijstand["na"]["AM34"] == 340  # Voorschoten's 340
    assert bijstand["na"]["AM19"] - bijstand["voor"]["AM19"] == 340
    assert bijstand["bron"] == "cbs_kwb_2024_bijstand"
    before, after = doc["before"], doc["after"]
    assert len(before["AM34"]["gemeenten"]) == 6 and len(after["AM34"]["gemeenten"]) == 5
    assert len(before["AM19"]["gemeenten"]) == 12 and len(after["AM19"]["gemeenten"]) == 13
    assert set(before["AM34"]["gemeenten"]) - set(after["AM34"]["gemeenten"]) == {"GM0626"}
    assert set(after["AM19"]["gemeenten"]) - set(before["AM19"]["gemeenten"]) == {"GM0626"}
    total_before = before["AM34"]["inwoners"] + before["AM19"]["inwoners"]
    total_after = after["AM34"]["inwoners"] + after["AM19"]["inwoners"]
    assert total_before == total_after
    assert isinstance(before["AM34"]["inwoners"], int)
    assert "kosten" not in doc  # no budget entered: nothing guessed
    assert [s["stap"] for s in doc["procedure"]] == list(range(1, 9))


def test_overstap_with_budget(capsys):
    code, out, _ = run(
        capsys,
        "overstap",
        "--gemeente",
        "Voorschoten",
        "--naar",
        "am19",
        "--budget",
        "AM34=100000",
        "--sleutel",
        "gelijk",
        "--formaat",
        "json",
    )
    assert code == 0
    kosten = json.loads(out)["kosten"]
    assert kosten["sleutel"] == "gelijk"
    assert kosten["overhead_stijging_pct"] == pytest.approx(6 / 5 - 1)
    assert kosten["overhead_stijging_euro"] == pytest.approx(100_000 / 6)
    assert kosten["frictiekosten"] is None


def test_overstap_table(capsys):
    code, out, _ = run(capsys, "overstap", "--gemeente", "GM0626", "--naar", "AM19")
    assert code == 0
    assert "Voorschoten" in out and "6 → 5" in out and "Besluit Werkgebieden UWV" in out


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (("overstap", "--gemeente", "GM9999", "--naar", "AM19"), "onbekende gemeente"),
        (("overstap", "--gemeente", "GM0626", "--naar", "AM99"), "onbekende arbeidsmarktregio"),
        (("overstap", "--gemeente", "GM0626", "--naar", "AM34"), "hoort al bij"),
        (("overstap", "--gemeente", "GM0626", "--naar", "AM19", "--budget", "AM19=-5"), "negatief"),
        (("overstap", "--gemeente", "GM0626", "--naar", "AM19", "--budget", "AM01=5"), "doen mee"),
        (("overstap", "--gemeente", "GM0626", "--naar", "AM19", "--budget", "5"), "REGIO=EURO"),
        (("overstap", "--gemeente", "GM0626"), "ongeldige invoer"),
        (("profile", "AM34", "AM99"), "onbekende arbeidsmarktregio"),
        (("profile",), "ongeldige invoer"),
    ],
)
def test_bad_input_exits_2_with_one_dutch_line(capsys, argv, text):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("Fout: ") and text in err and err.count("\n") == 1

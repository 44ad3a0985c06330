"""The one table of limits: every way in accepts and refuses the same values, in the same words."""

from __future__ import annotations

import re
from pathlib import Path

import pydantic
import pytest

from dashboard.core.errors import ValidationError
from dashboard.core.limits import LIMITS, MONEY, SAMPLES, SEED, WEIGHT, read_amount
from dashboard.mcda.sampling import SamplingSettings
from dashboard.mcda.scoring import problem_from_mapping
from dashboard.region.overstap import check_amount
from dashboard.region.settings import OverstapSettings
from dashboard.scenarios.schema import OverstapModel, WeightsModel

SRC = Path(__file__).resolve().parents[1] / "src" / "dashboard"
PAGES = Path(__file__).resolve().parents[1] / "pages"


def test_every_limit_has_a_dutch_help_text_and_a_sane_range():
    for limit in LIMITS.values():
        assert limit.low <= limit.high
        assert len(limit.help) > 20 and limit.help[0].isupper(), limit.key
        assert " tot en met " in limit.allowed() or "hoogstens" in limit.allowed()


@pytest.mark.parametrize("amount", [MONEY.high, MONEY.high + 1, 50_000_000_000, 0, -0.0, -1])
def test_money_is_accepted_or_refused_alike_everywhere(amount):
    inside = MONEY.contains(amount)
    settings, notices = OverstapSettings.from_mapping({"budgets": {"AM19": amount}})
    assert ("AM19" in settings.budgets) is inside and (not notices) is inside
    try:
        OverstapModel.model_validate({"budgets": {"AM19": amount}})
        schema_ok = True
    except pydantic.ValidationError:
        schema_ok = False
    assert schema_ok is inside
    try:
        check_amount(amount, "budget")
        model_ok = True
    except ValidationError:
        model_ok = False
    assert model_ok is inside


@pytest.mark.parametrize("weight", [WEIGHT.high, WEIGHT.high * 2, 0, -1])
def test_weights_are_accepted_or_refused_alike_everywhere(weight):
    inside = WEIGHT.contains(weight)
    try:
        problem_from_mapping({"groups": {"werkgevers": weight, "werkzoekenden": 1}})
        core_ok = True
    except ValidationError:
        core_ok = False
    try:
        WeightsModel.model_validate({"groups": {"werkgevers": weight}})
        schema_ok = True
    except pydantic.ValidationError:
        schema_ok = False
    assert core_ok is inside and schema_ok is inside


@pytest.mark.parametrize(("limit", "key"), [(SAMPLES, "samples"), (SEED, "seed")])
def test_sampling_bounds_are_the_table_bounds(limit, key):
    for value, ok in ((limit.low, True), (limit.high, True), (limit.high + 1, False)):
        _settings, notices = SamplingSettings.from_mapping({key: int(value)}, ())
        assert (not notices) is ok, notices
        if not ok:
            assert limit.allowed() in notices[0]


def test_amounts_are_whole_cents_and_never_minus_zero():
    assert read_amount("-0", "bedrag") == 0.0
    assert str(read_amount("0,00", "bedrag")) == "0.0"
    with pytest.raises(ValidationError, match="hele centen"):
        read_amount("1,005", "bedrag")
    assert read_amount("1,500", "bedrag") == 1.5


def test_no_module_writes_a_limit_of_its_own():
    """The numbers live in dashboard.core.limits; a second MAX_MONEY is how drift started."""
    pattern = re.compile(
        r"^(MAX_(MONEY|EUR|SEED|SAMPLES|WEIGHT|SCALE|REASON|FILE_BYTES|BYTES)|MIN_SAMPLES)\s*=\s*\d",
        re.M,
    )
    offenders = [
        str(path)
        for path in [*SRC.rglob("*.py"), *PAGES.glob("*.py")]
        if path.name != "limits.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_a_file_over_the_limit_is_refused_in_the_same_words_everywhere(tmp_path, capsys):
    """The 1 MB limit was written in two modules and refused in four wordings, two of them with
    an English decimal point ("10.5 MB"); the scenario import, the CLI's weights and scenario
    files and the upload now all read :data:`FILE` and say its sentence."""
    from dashboard.cli import main
    from dashboard.core.limits import FILE
    from dashboard.scenarios.schema import scenario_from_json

    big = tmp_path / "groot.json"
    big.write_bytes(b" " * 10_500_000)
    said = "is groter dan 1 MB (10,5 MB); een scenario- of wegingsbestand is een paar kilobyte"
    with pytest.raises(ValidationError, match=re.escape(said)):
        scenario_from_json(big.read_bytes())
    for command in (["score", "--weging", str(big)], ["scenario", "import", str(big)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"{big} {said}" in err and "10.5" not in err, err
    assert FILE.allowed() == "hoogstens 1 MB"

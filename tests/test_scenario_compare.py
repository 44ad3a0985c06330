"""Comparing scenarios, group weighting, and the CSV/Excel downloads."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.core.errors import ValidationError
from dashboard.mcda.scoring import score
from dashboard.presentation.narrative.scenarios import comparison_summary, group_summary
from dashboard.scenarios import Scenario
from dashboard.scenarios.compare import compare, group_weighting
from dashboard.scenarios.tables import sheet_title, to_csv_bytes, to_excel_bytes

A = Scenario("A", {"groups": {"werkgevers": 4}})
B = Scenario("B", {"groups": {"werkzoekenden": 4}, "ratings": {"gu08": {"V3": "++"}}})
C = Scenario("C", {"criteria": {"gu01": 3}, "scale": {"-/-": -4}})


def test_compare_with_itself_changes_nothing() -> None:
    result = compare(A, A.replace(name="A2"))
    assert result.changed_weights() == ()
    assert result.ratings == ()
    assert result.same_ranking
    assert "dezelfde volgorde" in comparison_summary(result)


def test_compare_weights_and_results() -> None:
    """Worked example: A gives werkgevers 4 of 6 (2/3), B gives them 1 of 6 (1/6)."""
    result = compare(A, B)
    rows = {r.id: r for r in result.weights}
    assert rows["werkgevers"].share_a == pytest.approx(4 / 6)
    assert rows["werkgevers"].share_b == pytest.approx(1 / 6)
    assert rows["werkgevers"].difference == pytest.approx(1 / 6 - 4 / 6)
    # both weightings are complete: differences of groups and of criteria each sum to zero
    assert sum(r.difference for r in result.weights if r.kind == "groep") == pytest.approx(0)
    assert sum(r.difference for r in result.weights if r.kind == "criterium") == pytest.approx(0)
    ((crit, variant, hand, a, b),) = [
        (r.criterion, r.variant, r.handreiking, r.a, r.b) for r in result.ratings
    ]
    assert (crit, variant, a, b) == ("gu08", "V3", hand, "++")
    for row in result.results:
        assert row.score_a == pytest.approx(score(A.problem()).scores[row.variant])
        assert row.score_b == pytest.approx(score(B.problem()).scores[row.variant])
    tables = result.tables()
    assert set(tables) == {"Uitkomst", "Gewichten", "Oordelen", "Schaal"}
    assert list(tables["Uitkomst"]["Variant"]) == ["Variant 1", "Variant 2", "Variant 3"]


def test_mean_weighting_has_the_mean_effective_weights() -> None:
    group = group_weighting([A, B, C])
    results = [score(s.problem()) for s in (A, B, C)]
    for cid, mean_share in group.mean_result.effective_weights.items():
        expected = sum(r.effective_weights[cid] for r in results) / 3
        assert mean_share == pytest.approx(expected)
    assert group.mixed_judgements  # B has an own rating, C its own scale
    assert any("Let op" in s for s in group_summary(group))
    spreads = [s.range for s in group.criteria]
    assert spreads == sorted(spreads, reverse=True)
    assert set(group.tables()) == {"Rangorde", "Onenigheid"}


def test_mean_of_identical_judgements_keeps_them() -> None:
    one = Scenario("een", {"groups": {"werkgevers": 2}, "ratings": {"gu08": {"V3": "++"}}})
    two = Scenario("twee", {"groups": {"werkgevers": 5}, "ratings": {"gu08": {"V3": "++"}}})
    group = group_weighting([one, two])
    assert not group.mixed_judgements
    assert group.mean_config["ratings"] == {"gu08": {"V3": "++"}}
    Scenario("gemiddeld", group.mean_config).problem()  # usable as a scenario


@pytest.mark.parametrize("members", [[A], [A, A]])
def test_group_weighting_needs_two_different(members: list[Scenario]) -> None:
    with pytest.raises(ValidationError):
        group_weighting(members)


def test_csv_is_for_dutch_excel_and_defuses_formulas() -> None:
    table = pd.DataFrame(
        {
            "Naam": ['=HYPERLINK("http://x")', "+31 6", "@SUM(A1)", "gewoon", "-/-", "-2"],
            "Score": [1.5, -0.25, 0.0, 2.0, 1.0, 3.0],
        }
    )
    text = to_csv_bytes(table).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Naam;Score"
    assert lines[1].startswith("\"'=HYPERLINK")  # quoted because of the inner quotes
    assert lines[2] == "'+31 6;-0,25"
    assert lines[3].startswith("'@SUM")
    assert lines[4] == "gewoon;2,0"
    assert lines[5] == "-/-;1,0"  # a rating symbol stays readable
    assert lines[6] == "-2;3,0"


def test_excel_keeps_text_as_text() -> None:
    data = to_excel_bytes(
        {
            "Uitkomst: A/B?": pd.DataFrame({"Naam": ["=1+1", "x"], "Score": [1.25, None]}),
            "Uitkomst: A/B*": pd.DataFrame({"a": [1]}),
        }
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Uitkomst_ A_B_", "Uitkomst_ A_B_ (2)"]
    ws = wb["Uitkomst_ A_B_"]
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws["B2"].value == 1.25 and ws["B3"].value is None


def test_sheet_titles_are_valid() -> None:
    taken: set[str] = set()
    title = sheet_title("x" * 40, taken)
    assert len(title) == 31
    assert len(sheet_title("x" * 40, taken)) == 31 and len(taken) == 2

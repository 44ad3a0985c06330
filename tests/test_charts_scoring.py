"""Chart builders of the variant scoring: figures, markings and text alternatives."""

from __future__ import annotations

import pytest

from dashboard.mcda.criteria import load_matrix
from dashboard.mcda.scoring import default_problem, score
from dashboard.mcda.weighting import set_override
from dashboard.presentation.charts.scoring import (
    MATRIX_COLOURS,
    OVERRIDE_MARK,
    contributions_spec,
    contributions_table,
    group_contributions,
    group_scores_spec,
    markdown_table,
    matrix_spec,
    matrix_table,
    ranking_spec,
    results_table,
)
from dashboard.presentation.charts.specs import title_of
from dashboard.presentation.narrative.chart_texts import (
    contributions_text,
    group_scores_text,
    matrix_text,
    ranking_text,
)

MATRIX = load_matrix()


@pytest.fixture(scope="module")
def overridden():
    problem = set_override(default_problem(), "gu08", "V3", "+", "eigen ervaring")
    return problem, score(problem)


def _values(spec: dict, layer: int | None = None) -> list[dict]:
    """The rows a spec (or one of its layers) draws."""
    part = spec["layer"][layer] if layer is not None and "data" in spec["layer"][layer] else spec
    return part["data"]["values"]


def test_ranking_spec_and_text() -> None:
    problem = default_problem()
    result = score(problem)
    spec = ranking_spec(result, MATRIX)
    rows = _values(spec)
    assert rows[0]["variant"] == "Variant 1 (plaats 1)"  # best on top
    assert [r["label"] for r in rows] == ["86", "74", "45"]
    assert spec["encoding"]["y"]["sort"] == [r["variant"] for r in rows]
    assert ranking_text(result, MATRIX) == (
        "Rangorde: Variant 1: plaats 1, 86 van 100; Variant 2: plaats 2, 74 van 100; "
        "Variant 3: plaats 3, 45 van 100."
    )


def test_contributions_stack_to_the_score() -> None:
    problem = default_problem()
    result = score(problem)
    parts = group_contributions(result, MATRIX)
    for v in MATRIX.variant_ids:
        assert sum(parts[g][v] for g in MATRIX.group_ids) == pytest.approx(result.scores[v])
    spec = contributions_spec(result, MATRIX)
    bars = spec["layer"][0]
    assert bars["encoding"]["y"]["stack"] == "zero"  # negative parts below zero
    assert bars["encoding"]["color"]["scale"]["domain"] == [
        "Gemeenten & UWV",
        "Werkgevers",
        "Werkzoekenden",
    ]
    totals = _values(spec, 2)
    assert totals[0]["label"] == "1,43"
    assert "Variant 1: totaal 1,43" in contributions_text(result, MATRIX)
    table = contributions_table(result, MATRIX)
    assert len(table) == 21 and table.iloc[0]["Gewicht"] == "3,3%"


def test_matrix_heatmap_prints_ratings_and_marks_own_judgements(overridden) -> None:
    problem, _ = overridden
    spec = matrix_spec(problem)
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"] == {"domain": [0, 1, 2, 3, 4], "range": list(MATRIX_COLOURS)}
    cells = _values(spec)
    row = MATRIX.criterion_ids.index("gu08")
    crit = spec["encoding"]["y"]["sort"][row]
    signs = [c["teken"] for c in cells if c["criterium"] == crit]
    assert signs == ["++", "+", f"+ {OVERRIDE_MARK}"]
    assert "handreiking: -" in [c["oordeel"] for c in cells if c["criterium"] == crit][2]
    assert OVERRIDE_MARK in title_of(spec)
    assert matrix_table(problem).iloc[row]["Variant 3"] == "+ * (handreiking: -)"
    assert "1 oordeel is een eigen oordeel" in matrix_text(problem)
    clean = matrix_spec(default_problem())
    assert not any(OVERRIDE_MARK in c["teken"] for c in _values(clean))


def test_matrix_colours_go_from_orange_to_blue() -> None:
    """Colour-blind safe: no red–green pair; black text readable on every cell colour."""

    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for colour in MATRIX_COLOURS:
        assert (luminance(colour) + 0.05) / 0.05 >= 4.5, colour


def test_group_scores(overridden) -> None:
    problem, result = overridden
    spec = group_scores_spec(result, problem)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "Variant 1",
        "Variant 2",
        "Variant 3",
    ]
    assert "xOffset" in spec["encoding"]  # grouped, side by side
    text = group_scores_text(result, MATRIX)
    assert "Werkzoekenden: Variant 1 0,50, Variant 2 0,50 en Variant 3 0,00" in text
    assert "(hoogst: Variant 1 en Variant 2, gelijk)" in text


def test_results_table_and_markdown() -> None:
    result = score(default_problem())
    table = results_table(result, MATRIX)
    assert list(table["Variant"]) == ["Variant 1", "Variant 2", "Variant 3"]
    assert table.iloc[0]["Score (0–100)"] == "85,8"
    md = markdown_table(table)
    assert md.splitlines()[0].startswith("| Plaats | Variant |")
    assert md.splitlines()[2] == r"| 1 | Variant 1 | 85\,8 | 1\,433 | 1\,80 | 2\,00 | 0\,50 |"


def test_markdown_table_escapes_pipes() -> None:
    import pandas as pd

    md = markdown_table(pd.DataFrame([{"a": "x|y", "b": "regel\nnieuw", "c": "[a](//e.vil)"}]))
    assert md.splitlines()[2] == r"| x\|y | regel nieuw | \[a\]\(\/\/e\.vil\) |"


def test_contribution_labels_do_not_cover_each_other() -> None:
    """The total's label stood next to its diamond in the middle of the bar, where a part's own
    label can be too (Variant 3 by default: "-0,29" under "-0,19"). Now the total is written
    beside the bar and the parts' labels left of the bar's middle, where the diamond stands."""
    import re

    from dashboard.presentation.charts import render

    problem = default_problem()
    svg = render.svg(contributions_spec(score(problem), problem.matrix, width=610, height=272))
    bars = re.findall(r'aria-label="variant: ([^;]+);[^"]*" role="graphics-symbol" '
                      r'aria-roledescription="bar" d="M([\d.]+),[\d.]+h([\d.]+)', svg)  # fmt: skip
    spans = {}
    for variant, left, width in bars:
        spans[variant] = (float(left), float(left) + float(width))
    labels = re.findall(r'aria-label="variant: ([^;]+);([^"]*)" role="graphics-symbol" '
                        r'aria-roledescription="text mark" text-anchor="(\w+)" '
                        r'transform="translate\(([\d.]+),', svg)  # fmt: skip
    assert len(spans) == 3 and labels
    for variant, fields, anchor, x in labels:
        left, right = spans[variant]
        if "totaal" in fields:
            assert anchor == "start" and float(x) > right, (variant, fields)
        else:  # a part's label ends left of the middle
            assert anchor == "end" and float(x) < (left + right) / 2, (variant, fields)

"""Chart builders of the variant scoring: figures, markings and text alternatives."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.charts.scoring import (
    MATRIX_COLOURSCALE,
    OVERRIDE_MARK,
    contributions_figure,
    contributions_table,
    contributions_text,
    group_contributions,
    group_scores_figure,
    group_scores_text,
    markdown_table,
    matrix_figure,
    matrix_table,
    matrix_text,
    ranking_figure,
    ranking_text,
    results_table,
)
from dashboard.criteria import load_matrix
from dashboard.scoring import default_problem, score
from dashboard.weighting import set_override

MATRIX = load_matrix()


@pytest.fixture(scope="module")
def overridden():
    problem = set_override(default_problem(), "gu08", "V3", "+", "eigen ervaring")
    return problem, score(problem)


def test_ranking_figure_and_text() -> None:
    problem = default_problem()
    result = score(problem)
    fig = ranking_figure(result, MATRIX)
    assert isinstance(fig, go.Figure)
    bar = fig.data[0]
    assert list(bar.y)[-1] == "Variant 1 (plaats 1)"  # best on top (plotly draws bottom-up)
    assert list(bar.text) == ["45", "74", "86"]
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
    fig = contributions_figure(result, MATRIX)
    assert fig.layout.barmode == "relative"
    assert [t.name for t in fig.data] == [
        "Gemeenten & UWV",
        "Werkgevers",
        "Werkzoekenden",
        "Totaal",
    ]
    assert "Variant 1: totaal 1,43" in contributions_text(result, MATRIX)
    table = contributions_table(result, MATRIX)
    assert len(table) == 21 and table.iloc[0]["Gewicht"] == "3,3%"


def test_matrix_heatmap_prints_ratings_and_marks_own_judgements(overridden) -> None:
    problem, _ = overridden
    fig = matrix_figure(problem)
    heat = fig.data[0]
    assert heat.zmin == 0 and heat.zmax == 4
    assert [c[1] for c in MATRIX_COLOURSCALE] == [c[1] for c in heat.colorscale]
    text = [list(row) for row in heat.text]
    row = MATRIX.criterion_ids.index("gu08")
    assert text[row] == ["++", "+", f"+ {OVERRIDE_MARK}"]
    assert "handreiking: -" in heat.customdata[row][2]
    assert OVERRIDE_MARK in fig.layout.title.text
    assert matrix_table(problem).iloc[row]["Variant 3"] == "+ * (handreiking: -)"
    assert "1 oordeel is een eigen oordeel" in matrix_text(problem)
    clean = matrix_figure(default_problem())
    assert not any(OVERRIDE_MARK in cell for row in clean.data[0].text for cell in row)


def test_matrix_colours_go_from_orange_to_blue() -> None:
    """Colour-blind safe: no red–green pair; black text readable on every cell colour."""

    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for _, colour in MATRIX_COLOURSCALE:
        assert (luminance(colour) + 0.05) / 0.05 >= 4.5, colour


def test_group_scores(overridden) -> None:
    problem, result = overridden
    fig = group_scores_figure(result, problem)
    assert [t.name for t in fig.data] == ["Variant 1", "Variant 2", "Variant 3"]
    assert fig.layout.barmode == "group"
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

    from dashboard.charts import render
    from dashboard.charts.specs import contributions_spec

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

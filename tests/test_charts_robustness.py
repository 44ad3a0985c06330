"""Chart builders of the robustness page: figures carry the right data, texts say the same."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from dashboard.charts import robustness as charts
from dashboard.scoring import default_problem, problem_from_mapping
from dashboard.sensitivity import one_way, smaa

PROBLEM = problem_from_mapping({"groups": {"werkzoekenden": 8}})
ONE_WAY = one_way(PROBLEM)
WZ04 = next(ow for ow in ONE_WAY if ow.id == "wz04")


def test_score_lines_figure() -> None:
    fig = charts.score_lines_figure(WZ04, PROBLEM)
    assert isinstance(fig, go.Figure)
    lines = [t for t in fig.data if t.mode == "lines"]
    assert [t.name for t in lines] == ["Variant 1", "Variant 2", "Variant 3"]
    assert lines[0].y[0] == pytest.approx(WZ04.score_at("V1", 0.0))
    assert lines[0].y[1] == pytest.approx(WZ04.score_at("V1", 1.0))
    dots = next(t for t in fig.data if t.mode == "markers")
    assert any(x == pytest.approx(743 / 1568 * 100) for x in dots.x)
    # the winner's interval is shaded and the current share marked
    shapes = fig.layout.shapes
    assert any(s.x0 == 0 and s.x1 == pytest.approx(WZ04.high * 100) for s in shapes)
    assert any(s.x0 == pytest.approx(25.0) == s.x1 for s in shapes)


def test_score_lines_text_and_table() -> None:
    text = charts.score_lines_text(WZ04, PROBLEM)
    assert "Variant 3 wint alleen als concurrerend aanbod" in text
    assert "snijden elkaar bij" in text and "47,4%" in text
    table = charts.score_lines_table(WZ04, PROBLEM)
    assert list(table.columns) == ["Variant", "bij 0%", "nu (25,0%)", "bij 100%"]
    assert len(table) == 3


def test_tornado_narrowest_on_top_and_text() -> None:
    fig = charts.tornado_figure(ONE_WAY, PROBLEM)
    bars = fig.data[0]
    # plotly draws the first category at the bottom, so the last label is the top row
    assert bars.y[-1].startswith("Concurrerend aanbod") and bars.y[-1].endswith("(werkzoekenden)")
    assert not any(re.match(r"^[a-z]{2}\d\d", label) for label in bars.y)  # no internal ids
    assert bars.base[-1] == 0 and bars.x[-1] == pytest.approx(WZ04.high * 100)
    text = charts.tornado_text(ONE_WAY, PROBLEM)
    assert text.startswith("Van de 24 gewichten die meetellen")
    assert "Concurrerend aanbod" in text
    table = charts.tornado_table(ONE_WAY, PROBLEM)
    assert len(table) == 24 and "Daarboven wint" in table.columns


def test_tornado_leaves_out_weights_without_effect() -> None:
    problem = problem_from_mapping({"groups": {"werkzoekenden": 0}})
    results = one_way(problem)
    fig = charts.tornado_figure(results, problem)
    assert not any(label.startswith("wz") for label in fig.data[0].y)
    assert "nee (geen effect)" in set(charts.tornado_table(results, problem)["Telt mee"])


def test_acceptability_figure_text_tables() -> None:
    problem = default_problem()
    result = smaa(problem, samples=5_000, seed=1)
    fig = charts.acceptability_figure(result, problem)
    assert [t.name for t in fig.data] == ["1e plaats", "2e plaats", "3e plaats"]
    first = fig.data[0]
    v1 = list(first.y).index("Variant 1")
    assert first.x[v1] == pytest.approx(result.acceptability["V1"][0] * 100)
    assert charts.acceptability_text(result, problem).startswith("Over 5.000 willekeurige")
    table = charts.acceptability_table(result, problem)
    assert list(table["Variant"]) == ["Variant 1", "Variant 2", "Variant 3"]
    central = charts.central_weights_table(result, problem)
    assert len(central) == 3 + 21
    assert set(central["als Variant 2 wint"]) == {"–"}  # V2 never wins


def test_tornado_limit_keeps_the_most_sensitive_and_says_so() -> None:
    fig = charts.tornado_figure(ONE_WAY, PROBLEM, limit=8)
    assert len(fig.data[0].y) == 8
    assert "(de 8 gevoeligste van 24 gewichten)" in fig.layout.title.text
    assert fig.data[0].textposition == "outside" and fig.data[0].cliponaxis is False
    assert fig.layout.xaxis.tickfont.size >= 15 and fig.layout.yaxis.tickfont.size >= 15

"""Chart builders of the robustness page: figures carry the right data, texts say the same."""

from __future__ import annotations

import re

import pytest

from dashboard.mcda.scoring import default_problem, problem_from_mapping
from dashboard.mcda.sensitivity import one_way, smaa
from dashboard.presentation import tables
from dashboard.presentation.charts import robustness as charts
from dashboard.presentation.charts.specs import title_of
from dashboard.presentation.narrative import chart_texts

PROBLEM = problem_from_mapping({"groups": {"werkzoekenden": 8}})
ONE_WAY = one_way(PROBLEM)
WZ04 = next(ow for ow in ONE_WAY if ow.id == "wz04")


def _rows(spec: dict, layer: int | None = None) -> list[dict]:
    part = spec["layer"][layer] if layer is not None and "data" in spec["layer"][layer] else spec
    return part["data"]["values"]


def test_score_lines_spec() -> None:
    spec = charts.score_lines_spec(WZ04, PROBLEM)
    lines = _rows(spec, 1)
    assert [r["variant"] for r in lines[::2]] == ["Variant 1", "Variant 2", "Variant 3"]
    assert lines[0]["score"] == pytest.approx(WZ04.score_at("V1", 0.0), abs=1e-4)
    assert lines[1]["score"] == pytest.approx(WZ04.score_at("V1", 1.0), abs=1e-4)
    dots = _rows(spec, 4)
    assert any(d["aandeel"] == pytest.approx(743 / 1568 * 100) for d in dots)
    # the winner's interval is shaded and the current share marked
    shade = _rows(spec, 0)[0]
    assert shade["van"] == 0 and shade["tot"] == pytest.approx(WZ04.high * 100)
    assert _rows(spec, 2)[0]["aandeel"] == pytest.approx(25.0)


def test_score_lines_text_and_table() -> None:
    text = chart_texts.score_lines_text(WZ04, PROBLEM)
    assert "Variant 3 wint alleen als concurrerend aanbod" in text
    assert "snijden elkaar bij" in text and "47,4%" in text
    table = tables.score_lines_figures(WZ04, PROBLEM)
    assert table.header == ("Variant", "bij 0%", "nu (25,0%)", "bij 100%")
    assert len(table.cells) == 3


def test_tornado_narrowest_on_top_and_text() -> None:
    spec, _ = charts.tornado_spec(ONE_WAY, PROBLEM)
    rows = _rows(spec)
    top = rows[0]["gewicht"].replace("\n", " ")
    assert top.startswith("Concurrerend aanbod") and top.endswith("(werkzoekenden)")
    assert not any(re.match(r"^[a-z]{2}\d\d", r["gewicht"]) for r in rows)  # no internal ids
    assert rows[0]["van"] == 0 and rows[0]["tot"] == pytest.approx(WZ04.high * 100, abs=1e-3)
    text = chart_texts.tornado_text(ONE_WAY, PROBLEM)
    assert text.startswith("Van de 24 gewichten die meetellen")
    assert "Concurrerend aanbod" in text
    table = tables.tornado_figures(ONE_WAY, PROBLEM)
    assert len(table.cells) == 24 and "Daarboven wint" in table.header


def test_tornado_leaves_out_weights_without_effect() -> None:
    problem = problem_from_mapping({"groups": {"werkzoekenden": 0}})
    results = one_way(problem)
    spec, _ = charts.tornado_spec(results, problem)
    assert not any(r["gewicht"].startswith("wz") for r in _rows(spec))
    assert "nee (geen effect)" in set(tables.tornado_figures(results, problem).frame()["Telt mee"])


def test_acceptability_spec_text_tables() -> None:
    problem = default_problem()
    result = smaa(problem, samples=5_000, seed=1)
    spec = charts.acceptability_spec(result, problem)
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["1e plaats", "2e plaats", "3e plaats"]
    first = next(
        r for r in _rows(spec) if r["variant"] == "Variant 1" and r["plaats"] == "1e plaats"
    )
    assert first["aandeel"] == pytest.approx(result.acceptability["V1"][0] * 100, abs=1e-3)
    assert chart_texts.acceptability_text(result, problem).startswith("Over 5.000 willekeurige")
    table = tables.acceptability_figures(result, problem).frame()
    assert list(table["Variant"]) == ["Variant 1", "Variant 2", "Variant 3"]
    central = tables.central_weights_figures(result, problem).frame()
    assert len(central) == 3 + 21
    assert central["als Variant 2 wint"].isna().all()  # V2 never wins


def test_tornado_limit_keeps_the_most_sensitive_and_says_so() -> None:
    spec, _ = charts.tornado_spec(ONE_WAY, PROBLEM, limit=8)
    assert len(_rows(spec)) == 8
    assert "(de 8 gevoeligste van 24 gewichten)" in title_of(spec)
    # the interval is printed right of its bar, with room for it beyond 100 %
    assert "132" in spec["layer"][0]["encoding"]["x"]["scale"]["domainMax"]["expr"]
    assert spec["config"]["axis"]["labelFontSize"] >= 15

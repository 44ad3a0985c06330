"""The Varianten page: weights, presets, rank order, scale, own ratings, shared state."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.page_text import page_text, plain
from tests.session import set_weighting, weighting

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "varianten.py")


def run_page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception, at.exception
    return at


def summary(at: AppTest) -> str:
    return at.success[0].value


def test_page_shows_key_dutch_texts() -> None:
    at = run_page()
    text = page_text(at)
    assert "Varianten voor de dienstverlening aan werkgevers" in text
    assert summary(at).startswith("Met deze weging scoort Variant 1 het hoogst (86 van 100)")
    assert "Gewicht per perspectief: gemeenten & UWV 33%" in text
    assert "geen weging en geen andere schaal kan dat veranderen" in text
    assert "Aanname: de handreiking geeft alleen tekens" in text
    assert "Bron: " in text and "Handreiking" in text
    assert not at.error
    # building blocks side by side and the examples
    blocks = at.table[0].value
    assert list(blocks.columns) == ["Bouwsteen", "Variant 1", "Variant 2", "Variant 3"]
    examples = at.table[1].value
    assert list(examples["Voorbeeld"]) == ["Groot-Amsterdam", "Fryslân", "Drechtsteden"]
    assert examples.iloc[0]["Ligt het dichtst bij"] == "tussen Variant 1 en Variant 2"


def test_slider_changes_sentence_and_ranking_and_shared_state() -> None:
    at = run_page()
    before = summary(at)
    at.slider(key="var_g_werkzoekenden").set_value(10.0).run()
    assert not at.exception
    after = summary(at)
    assert after != before and after.startswith("Met deze weging scoort Variant 1")
    assert weighting(at)["groups"] == {"werkzoekenden": 10.0}
    assert at.selectbox(key="var_preset").value == "eigen"
    # werkzoekenden only: V1 and V2 tie
    at.slider(key="var_g_gemeenten_uwv").set_value(0.0).run()
    at.slider(key="var_g_werkgevers").set_value(0.0).run()
    assert "scoren Variant 1 en Variant 2 gelijk het hoogst" in summary(at)
    assert any("delen plaats 1" in i.value for i in at.info)
    results = next(m.value for m in at.markdown if m.value.startswith("**Resultaten**"))
    rows = [r for r in results.splitlines() if r.startswith("| ")][2:]
    assert [row.split(" | ")[0] for row in rows] == ["| 1", "| 1", "| 3"]


def test_all_zero_weights_show_dutch_error_and_keep_previous_weighting() -> None:
    at = run_page()
    for g in ("gemeenten_uwv", "werkgevers"):
        at.slider(key=f"var_g_{g}").set_value(0.0).run()
    kept = summary(at)
    at.slider(key="var_g_werkzoekenden").set_value(0.0).run()
    assert not at.exception
    assert at.error and "alle groepsgewichten zijn 0" in at.error[0].value
    assert "vorige geldige weging" in at.error[0].value
    assert summary(at) == kept
    assert weighting(at)["groups"].get("werkzoekenden", 1.0) == 1.0
    # a valid change clears the error
    at.slider(key="var_g_werkgevers").set_value(2.0).run()
    assert not at.error


def test_presets_and_reset() -> None:
    at = run_page()
    at.selectbox(key="var_preset").set_value("criteria_gelijk").run()
    assert not at.exception
    text = page_text(at)
    assert "gemeenten & UWV 10/21 (48%)" in text
    assert "Gewicht per perspectief: gemeenten & UWV 48%" in text
    assert at.slider(key="var_g_gemeenten_uwv").value == 10.0
    at.selectbox(key="var_preset").set_value("alleen_werkgevers").run()
    assert "Gewicht per perspectief: gemeenten & UWV 0%, werkgevers 100%" in page_text(at)
    at.button(key="var_reset").click().run()
    assert at.selectbox(key="var_preset").value == "perspectieven_gelijk"
    assert at.slider(key="var_g_werkgevers").value == 1.0
    assert weighting(at) == {}


def test_rank_order_of_groups() -> None:
    at = run_page()
    at.multiselect(key="var_rank_groups").set_value(
        ["werkzoekenden", "werkgevers", "gemeenten_uwv"]
    ).run()
    at.button(key="var_rank_groups_apply").click().run()
    assert not at.exception
    assert "werkzoekenden 61%" in page_text(at)
    assert at.slider(key="var_g_werkzoekenden").value == pytest.approx(10.0)


def test_rank_order_without_choice_is_a_dutch_error() -> None:
    at = run_page()
    at.button(key="var_rank_criteria_apply").click().run()
    assert not at.exception
    assert at.error and "rangorde" in at.error[0].value


def test_non_monotone_scale_is_rejected_in_dutch() -> None:
    at = run_page()
    at.text_input(key="var_scale_1").input("3")  # '+' above '++'
    at.button[[b.label for b in at.button].index("Schaal toepassen")].click().run()
    assert not at.exception
    assert any("volgorde ++ ≥ + ≥ +/- ≥ - ≥ -/-" in plain(e.value) for e in at.error)
    assert "scale" not in weighting(at)


def test_scale_change_is_applied() -> None:
    at = run_page()
    at.text_input(key="var_scale_4").input("-1,0")  # read the Dutch way
    at.button[[b.label for b in at.button].index("Schaal toepassen")].click().run()
    assert not at.exception and not at.error
    assert weighting(at)["scale"]["-/-"] == -1.0
    assert "U gebruikt een eigen schaal" in page_text(at)


def test_own_rating_needs_reason_is_marked_and_can_be_reset() -> None:
    at = run_page()
    at.selectbox(key="var_ov_criterion").set_value("gu08").run()
    at.selectbox(key="var_ov_variant").set_value("V3").run()
    at.selectbox(key="var_ov_rating_gu08_V3").set_value("+").run()
    at.button(key="var_ov_save").click().run()
    assert any("reden" in e.value for e in at.error)
    assert "ratings" not in weighting(at)
    at.text_input(key="var_ov_reason").input("eigen ervaring in de regio").run()
    at.button(key="var_ov_save").click().run()
    assert not at.exception
    assert weighting(at)["ratings"] == {"gu08": {"V3": "+"}}
    text = page_text(at)
    assert "1 eigen oordeel verwerkt dat afwijkt van de handreiking" in text
    # one own rating: "dat afwijkt", not "die afwijken"
    assert any("1 eigen oordeel dat afwijkt van de handreiking" in w.value for w in at.warning)
    at.button(key="var_ov_del_gu08_V3").click().run()
    assert "ratings" not in weighting(at)


def test_each_chart_choice_runs_and_has_text() -> None:
    at = run_page()
    for choice, words in (
        ("bijdragen", "Bijdrage per perspectief aan de score"),
        ("perspectief", "Score per perspectief:"),
        ("matrix", "De matrix beoordeelt 21 criteria"),
    ):
        at.button_group(key="var_chart").set_value(choice).run()
        assert not at.exception, choice
        assert words in page_text(at), choice
    at.button_group(key="var_chart").set_value("rangorde").run()
    labels = [bar.proto.text for bar in at.get("progress")]
    assert labels == [
        "Variant 1: plaats 1, 86 van 100",
        "Variant 2: plaats 2, 74 van 100",
        "Variant 3: plaats 3, 45 van 100",
    ]


def test_weighting_from_elsewhere_fills_the_sliders() -> None:
    """A scenario or share link sets problem_config; the sliders follow on the next run."""
    at = AppTest.from_file(PAGE, default_timeout=60)
    set_weighting(at, {"groups": {"werkgevers": 4.0}, "criteria": {"wz04": 0.5}})
    at.run()
    assert not at.exception
    assert at.slider(key="var_g_werkgevers").value == 4.0
    assert "werkgevers 67%" in page_text(at)
    at.selectbox(key="var_criteria_group").set_value("werkzoekenden").run()
    assert at.slider(key="var_c_wz04").value == 0.5


def test_criterion_slider_of_another_perspective_keeps_hidden_weights() -> None:
    at = run_page()
    at.slider(key="var_c_gu01").set_value(5.0).run()
    at.selectbox(key="var_criteria_group").set_value("werkzoekenden").run()
    at.slider(key="var_c_wz04").set_value(0.0).run()
    assert not at.exception
    assert weighting(at)["criteria"] == {"gu01": 5.0, "wz04": 0.0}
    at.selectbox(key="var_criteria_group").set_value("gemeenten_uwv").run()
    assert at.slider(key="var_c_gu01").value == 5.0


def test_one_reset_returns_scale_ratings_and_overstap_too() -> None:
    at = run_page()
    set_weighting(
        at,
        {
            "groups": {"werkgevers": 3.0},
            "scale": {"++": 4, "+": 1, "+/-": 0, "-": -1, "-/-": -2},
            "ratings": {"gu01": {"V3": "++"}},
            "reasons": {"gu01": {"V3": "eigen oordeel"}},
        },
    )
    at.session_state["overstap"] = {**at.session_state["overstap"], "budgets": {"AM34": 5.0}}
    at.run()
    at.button(key="var_reset").click().run()
    assert not at.exception
    assert weighting(at) == {}
    assert at.session_state["overstap"]["budgets"] == {}
    # app.py shows the notice (this page runs here without it)
    assert any("Alles staat weer op de standaard" in n for n in at.session_state["notices"])


# --- weights beyond the slider, typed text in the scale form ----------------------------------
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_varianten(at: AppTest) -> AppTest:
    """Run ``at`` (app.py, whose first run reads the share link) and switch to Varianten."""
    at.run()
    assert not at.exception, at.exception
    at.switch_page("pages/varianten.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize(
    ("param", "value", "key", "weight", "section"),
    [
        ("gw", "wg:12", "var_g_werkgevers", 12.0, "groups"),
        ("cw", "gu01:11", "var_c_gu01", 11.0, "criteria"),
        ("gw", "wg:1000000000", "var_g_werkgevers", 1e9, "groups"),
    ],
)
def test_a_weight_above_the_slider_from_a_link_is_shown_unchanged(
    cbs_dir: Path, param: str, value: str, key: str, weight: float, section: str
) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params[param] = value
    open_varianten(at)
    assert at.slider(key=key).value == weight
    assert at.slider(key=key).max >= weight
    stored = weighting(at)[section]
    assert stored[key.removeprefix("var_g_").removeprefix("var_c_")] == weight
    assert "groter dan 10" in page_text(at)
    # moving another slider keeps the large weight as it is
    at.slider(key="var_g_werkzoekenden").set_value(2.0).run()
    assert not at.exception and not at.error
    assert weighting(at)[section] == stored | (
        {"werkzoekenden": 2.0} if section == "groups" else {}
    )
    assert at.slider(key=key).value == weight


def test_a_weight_above_the_slider_from_a_saved_scenario_is_shown_unchanged(db_url: str) -> None:
    """The weighting a saved scenario holds, as opening it on the Scenario's page stores it."""
    from dashboard.scenarios import Scenario, ScenarioStore

    with ScenarioStore(db_url) as store:
        store.save(Scenario("Groot gewicht", {"groups": {"werkgevers": 12}}))
        opened = store.get("Groot gewicht").problem_config
    at = AppTest.from_file(PAGE, default_timeout=60)
    set_weighting(at, opened)
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.slider(key="var_g_werkgevers").value == 12.0
    assert weighting(at) == {"groups": {"werkgevers": 12}}
    assert "groter dan 10" in page_text(at)
    # lowering it below 10 gives the usual slider back
    at.slider(key="var_g_werkgevers").set_value(3.0).run()
    assert not at.exception and not at.error
    assert at.slider(key="var_g_werkgevers").max == 10.0
    assert weighting(at)["groups"]["werkgevers"] == 3.0


def test_typed_markup_in_the_scale_form_is_shown_as_text() -> None:
    at = run_page()
    at.text_input(key="var_scale_0").input("![x](//e.vil/p.png) [a](https://e.vil)")
    at.button[[b.label for b in at.button].index("Schaal toepassen")].click().run()
    assert not at.exception
    assert at.error, "de schaal had geweigerd moeten worden"
    for error in at.error:
        assert "![x](" not in error.value and "[a](" not in error.value, error.value
        assert "](//" not in error.value and "](https" not in error.value, error.value
    assert "‘![x](//e.vil/p.png) [a](https://e.vil)’" in plain(at.error[0].value)
    assert "scale" not in weighting(at)


def _without_data(spec: dict) -> dict:
    """A spec without its inline data (Streamlit sends that beside the spec) and the sizing
    Streamlit adds."""
    out = {k: v for k, v in spec.items() if k not in ("data", "autosize", "datasets")}
    if "layer" in out:
        out["layer"] = [_without_data(layer) for layer in out["layer"]]
    return out


def test_the_page_shows_the_spec_the_report_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """One specification per chart: the page shows the dict the builder returns, the one the
    Presentatie page, the PDF and the slides draw (tests/test_reports.py checks that side)."""
    import json

    from dashboard.presentation.charts import scoring

    built: list[dict] = []
    builder = scoring.contributions_spec

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(builder(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(scoring, "contributions_spec", recording)
    at = run_page()
    at.button_group(key="var_chart").set_value("bijdragen").run()
    assert not at.exception
    assert len(built) == 1
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1 and not at.get("plotly_chart")
    shown = json.loads(charts[0].proto.spec)
    assert _without_data(shown) == json.loads(json.dumps(_without_data(built[0])))
    assert charts[0].proto.alt.startswith("Bijdrage per perspectief aan de score")
    # the title above the chart, where it wraps on a phone
    title = "**Waar de score vandaan komt, per perspectief**"
    assert title in [plain(m.value) for m in at.markdown]

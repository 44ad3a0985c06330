"""Share links: exact round trip, invalid parameters ignored with Dutch notices."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from dashboard.core.errors import DashboardError
from dashboard.core.markup import escape_markdown
from dashboard.mcda.criteria import load_matrix
from dashboard.mcda.scoring import problem_from_mapping
from dashboard.scenarios.sharelink import decode, encode, query_string
from tests.session import set_weighting, weighting

DEFAULT_OVERSTAP = {
    "gemeente": "GM0626",
    "naar": "AM19",
    "budgets": {},
    "key": "per_inwoner",
    "frictiekosten": None,
    "variant_for_region": {},
}
FULL = {
    "groups": {"gemeenten_uwv": 1, "werkgevers": 2.5, "werkzoekenden": 0.1 + 0.2},
    "criteria": {"gu01": 0, "wg03": 1e-7, "wz04": 123456.789},
    "scale": {"++": 3.0, "+": 1, "+/-": 0.0, "-": -1.5, "-/-": -3},
    "ratings": {"gu08": {"V3": "+/-", "V1": "-/-"}, "wz02": {"V2": "++"}},
    "reasons": {"gu08": {"V3": "Eigen oordeel: zie raadsbrief 12, & bijlage #2 (100%)"}},
}


def test_round_trip_is_exact_values_and_types() -> None:
    overstap = {
        **DEFAULT_OVERSTAP,
        "gemeente": "GM0599",
        "budgets": {"AM19": 1_200_000, "AM34": 800_000.5},
        "key": "gelijk",
        "frictiekosten": 250_000.0,
        "variant_for_region": {"AM19": "V2", "AM34": "V1"},
    }
    params = encode(FULL, overstap, DEFAULT_OVERSTAP)
    view = decode(params)
    assert view.present and view.notices == ()
    assert view.problem_config == FULL
    assert {**DEFAULT_OVERSTAP, **view.overstap} == overstap
    for section in ("groups", "criteria", "scale"):
        for key, value in FULL[section].items():
            assert type(view.problem_config[section][key]) is type(value)


def test_amounts_typed_in_whole_euros_read_as_typed_in_the_link() -> None:
    """An amount typed as "1.000.000" (a float after reading) is written ``1000000``, not
    ``1000000.0``; cents stay; the link reads back equal amounts."""
    overstap = {
        **DEFAULT_OVERSTAP,
        "budgets": {"AM19": 1_000_000.0, "AM34": 800_000.5},
        "frictiekosten": 250_000.0,
    }
    params = encode({}, overstap, DEFAULT_OVERSTAP)
    assert params["ob"] == "AM19:1000000,AM34:800000.5"
    assert params["of"] == "250000"
    assert {**DEFAULT_OVERSTAP, **decode(params).overstap} == overstap


def test_defaults_give_an_empty_link() -> None:
    assert encode({}, DEFAULT_OVERSTAP, DEFAULT_OVERSTAP) == {}
    assert query_string({}) == ""
    view = decode({})
    assert not view.present and view.problem_config == {} and view.overstap == {}


def test_links_stay_short() -> None:
    every_criterion = {c: 0.5 for c in load_matrix().criterion_ids}
    config = {**FULL, "criteria": every_criterion}
    url = query_string(encode(config, DEFAULT_OVERSTAP, DEFAULT_OVERSTAP))
    # 21 criteria, 3 groups, a full scale, 3 overrides and a reason
    assert len(url) < 600, url
    assert "%3A" not in url and "%2C" not in url  # separators stay readable


def test_unknown_parameters_are_ignored_silently() -> None:
    view = decode({"utm_source": "mail", "embed": "true", "gw": "wg:2"})
    assert view.notices == () and view.problem_config == {"groups": {"werkgevers": 2}}


@pytest.mark.parametrize(
    ("params", "expected_config", "notice"),
    [
        ({"gw": "wg:abc"}, {}, "gewicht van de groep Werkgevers 'abc' is geen getal"),
        # a number that is only too large is not called "geen getal", and the group is named
        # as the page names it, not by its internal id (gemeenten_uwv)
        (
            {"gw": "gu:1e300"},
            {},
            "gewicht van de groep Gemeenten en UWV: een getal van 301 cijfers is groter dan",
        ),
        ({"gw": "wg:-1,wz:2"}, {"groups": {"werkzoekenden": 2}}, "is negatief"),
        ({"gw": "wg:nan"}, {}, "geen getal"),
        ({"gw": "wg:inf"}, {}, "geen getal"),
        ({"gw": "wg:1e400"}, {}, "'1e400' is te groot"),
        ({"gw": "bestuur:1"}, {}, "onbekende groep 'bestuur'"),
        ({"gw": "gu:0,wg:0,wz:0"}, {}, "groepsgewichten (alle groepsgewichten zijn 0"),
        ({"cw": "zz01:1,gu01:2"}, {"criteria": {"gu01": 2}}, "onbekend criterium 'zz01'"),
        ({"sc": "pp:-9"}, {}, "de schaal (schaal: de volgorde"),
        ({"sc": "xx:1"}, {}, "onbekend oordeel 'xx' in de schaal"),
        ({"ov": "gu08.V9:n"}, {}, "onbekend criterium of variant 'gu08.V9'"),
        ({"ov": "gu08.V3:zzz"}, {}, "onbekend oordeel 'zzz' voor gu08/V3"),
        ({"rd.gu08.V3": "waarom"}, {}, "hoort bij geen afwijkend oordeel"),
        (
            {"ov": "gu08.V3:n", "rd.gu08.V3": "x" * 501},
            {"ratings": {"gu08": {"V3": "+/-"}}},
            "langer dan 500 tekens",
        ),
    ],
)
def test_invalid_weight_parameters_ignored_with_notice(
    params: dict, expected_config: dict, notice: str
) -> None:
    view = decode(params)
    assert view.present
    assert view.problem_config == expected_config
    assert any(notice in n for n in view.notices), view.notices
    assert all(
        n.startswith("Uit de gedeelde link is een ongeldige instelling genegeerd")
        for n in view.notices
    )
    problem_from_mapping(view.problem_config)  # what is kept is always valid


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"og": "<script>alert(1)</script>"}, "gemeentecode"),
        ({"on": "Holland Rijnland"}, "regiocode"),
        ({"ob": "AM19:veel"}, "budget 'veel' voor AM19 is geen getal"),
        ({"ob": "XX:5"}, "budget voor onbekende regiocode"),
        ({"ob": "AM19:-5"}, "budget voor AM19: -€ 5 is negatief; kies een bedrag van € 0 tot"),
        # accepted as a setting and refused by the cost model before: dropped without a word
        ({"ob": "AM19:50000000000"}, "budget voor AM19: € 50.000.000.000 is groter dan"),
        ({"of": "500000000000"}, "frictiekosten: € 500.000.000.000 is groter dan"),
        ({"ok": "willekeurig"}, "verdeelsleutel"),
        ({"of": "-1"}, "frictiekosten"),
        ({"ovr": "AM19:V7"}, "variantkeuze"),
    ],
)
def test_invalid_overstap_parameters_ignored_with_notice(params: dict, notice: str) -> None:
    view = decode({**params, "gw": "wg:2"})
    assert any(notice in n for n in view.notices), view.notices
    assert view.problem_config == {"groups": {"werkgevers": 2}}  # the valid rest is kept
    for key in ("gemeente", "naar", "key", "frictiekosten"):
        assert key not in view.overstap


def test_list_values_use_the_last() -> None:
    assert decode({"gw": ["wg:1", "wg:3"]}).problem_config == {"groups": {"werkgevers": 3}}


# --- hypothesis -------------------------------------------------------------------------------
MATRIX = load_matrix()
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
)
configs = st.fixed_dictionaries(
    {},
    optional={
        "groups": st.dictionaries(st.sampled_from(MATRIX.group_ids), numbers, min_size=1),
        "criteria": st.dictionaries(st.sampled_from(MATRIX.criterion_ids), numbers, min_size=1),
        "scale": st.dictionaries(
            st.sampled_from(["++", "+", "+/-", "-", "-/-"]),
            st.one_of(st.integers(-5, 5), st.floats(-5, 5, allow_nan=False)),
            min_size=1,
        ),
        "ratings": st.dictionaries(
            st.sampled_from(MATRIX.criterion_ids),
            st.dictionaries(
                st.sampled_from(MATRIX.variant_ids),
                st.sampled_from(["++", "+", "+/-", "-", "-/-"]),
                min_size=1,
            ),
            min_size=1,
        ),
    },
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(config=configs, reason=st.text(min_size=1, max_size=40))
def test_round_trip_of_any_valid_config(config: dict, reason: str) -> None:
    config = copy.deepcopy(config)
    if config.get("ratings"):
        cid, per = next(iter(config["ratings"].items()))
        config["reasons"] = {cid: {next(iter(per)): reason}}
    try:
        problem_from_mapping(config)
    except DashboardError:
        reject()
    view = decode(encode(config))
    assert view.notices == ()
    assert view.problem_config == config


@settings(max_examples=150, deadline=None)
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["gw", "cw", "sc", "ov", "og", "on", "ob", "ok", "of", "ovr", "rd.gu08.V3", "x"]
        ),
        st.one_of(
            st.text(max_size=40),
            st.lists(
                st.sampled_from(["wg:2", "gu01:0", "mm:-1", "gu08.V3:n", "AM19:5", ",", ":"])
            ).map(",".join),
        ),
    )
)
def test_decode_never_raises_and_keeps_only_valid_parts(params: dict) -> None:
    view = decode(params)
    problem_from_mapping(view.problem_config)
    assert all(isinstance(n, str) and n for n in view.notices)


def test_app_applies_a_share_link_once_with_notices() -> None:
    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "app.py"
    at = AppTest.from_file(str(app), default_timeout=120)
    at.query_params["gw"] = "wg:2"
    at.query_params["cw"] = "gu01:abc"
    at.query_params["ob"] = "AM19:1000"
    at.run()
    assert not at.exception
    assert weighting(at) == {"groups": {"werkgevers": 2}}
    assert at.session_state["overstap"]["budgets"] == {"AM19": 1000}
    infos = [i.value for i in at.info]
    assert any(escape_markdown("gu01 'abc' is geen getal") in i for i in infos)
    assert any(escape_markdown("uit de link (het webadres) zijn overgenomen") in i for i in infos)
    # a later change in the session is not undone by the (unchanged) URL on the next run
    set_weighting(at, {"groups": {"werkgevers": 5}})
    at.run()
    assert weighting(at) == {"groups": {"werkgevers": 5}}


@pytest.mark.parametrize(
    ("params", "first"),
    [
        ({"og": "![x](//e.vil/p.png)"}, "Uit de link (het webadres) is niets overgenomen."),
        ({"ob": "AM19:1.000.000.000.000"}, "Uit de link (het webadres) is niets overgenomen."),
        ({"gw": "wg:2", "og": "x"}, "De geldige instellingen uit de link (het webadres) zijn"),
        ({"gw": "wg:2"}, "De instellingen uit de link (het webadres) zijn overgenomen."),
    ],
)
def test_the_confirmation_claims_only_what_the_link_brought(params: dict, first: str) -> None:
    """A link whose only part was invalid said "De instellingen … zijn overgenomen" above the
    notice that it was ignored."""
    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "app.py"
    at = AppTest.from_file(str(app), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert infos[0].startswith(escape_markdown(first)), infos


def test_a_huge_link_is_refused_before_any_per_item_work(monkeypatch) -> None:
    """``?cw=z0,z1,…,z69999`` (479 KB) cost 80 s of server time: now one cheap refusal."""
    from dashboard.scenarios import sharelink

    def per_item_work(*_args: object) -> None:
        raise AssertionError("the link was split into items before its size was checked")

    monkeypatch.setattr(sharelink, "_split_pairs", per_item_work)
    monkeypatch.setattr(sharelink, "load_matrix", per_item_work)
    huge = ",".join(f"z{i}" for i in range(70_000))
    assert len(huge) > 470_000
    with pytest.raises(DashboardError, match="hoogstens"):
        decode({"cw": huge})
    many = {f"rd.gu{i:02d}.V1": "x" for i in range(70_000)}
    with pytest.raises(DashboardError, match="onderdelen"):
        decode(many)


def test_a_link_just_under_the_limits_gives_bounded_notices() -> None:
    value = ",".join(f"z{i}" for i in range(5000))[:3000]
    view = decode({"cw": value})
    assert 0 < len(view.notices) <= value.count(",") + 1


def test_app_summarises_many_notices_and_shows_link_text_literally() -> None:
    """Hundreds of ignored parts: the confirmation, a few notices and "en nog N"; no markup."""
    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "app.py"
    at = AppTest.from_file(str(app), default_timeout=120)
    at.query_params["cw"] = ",".join(f"z{i}" for i in range(400))
    at.query_params["gw"] = "![a](//e.vil/p.png)"
    at.query_params["rd.[klik](https://e.vil/)"] = "1"
    at.run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert len(infos) <= 4, infos
    assert "overgenomen" in infos[0]
    assert "en nog" in infos[-1] and "meldingen" in infos[-1]
    for text in infos:
        assert "](" not in text and "//e.vil" not in text and "https:" not in text, text


def test_app_refuses_a_very_long_link_with_one_notice() -> None:
    """40,000 unknown criteria (under Streamlit's own 512 KB limit for a query string)."""
    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "app.py"
    at = AppTest.from_file(str(app), default_timeout=60)
    at.query_params["cw"] = ",".join(f"z{i}" for i in range(40_000))
    at.run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert len(infos) == 1 and "niet worden gelezen" in infos[0], infos[:5]
    assert weighting(at) == {}


def test_a_link_whose_every_budget_is_invalid_leaves_the_budgets_alone() -> None:
    """``?ob=AM19:1.000.000.000.000`` (every item invalid) was taken as "no budgets": the
    entered amounts were wiped and the page said the link's settings were taken. An empty
    ``ob=`` still clears them, as a link made after clearing them says."""
    from dashboard.scenarios.sharelink import decode

    invalid = decode({"ob": "AM19:1.000.000.000.000"})
    assert "budgets" not in invalid.overstap and not invalid.taken and invalid.notices
    cleared = decode({"ob": ""})
    assert cleared.overstap == {"budgets": {}} and cleared.taken
    mixed = decode({"ob": "AM19:1000,AM34:x"})
    assert mixed.overstap == {"budgets": {"AM19": 1000}} and mixed.notices

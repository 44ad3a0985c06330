"""The overstap scenario: membership, figures, cost shares, route and variant link."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core.errors import UnknownCodeError, ValidationError
from dashboard.data.regions import Gemeente, Region, RegionIndex
from dashboard.mcda.scoring import Weights, default_problem
from dashboard.region.overstap import (
    DistributionKey,
    check_amount,
    consequences,
    cost_model,
    moved_membership,
    procedure_timeline,
    shares,
    simulate,
    variant_links,
)


# --- tiny synthetic country: two regions A (3 gemeenten) and B (2), one region C ---------------
@pytest.fixture
def tiny():
    index = RegionIndex(
        year=2025,
        regions=(Region("AM01", "Alfa"), Region("AM02", "Beta"), Region("AM05", "Gamma")),
        gemeenten=(
            Gemeente("GM0001", "Aa", "AM01"),
            Gemeente("GM0002", "Ab", "AM01"),
            Gemeente("GM0003", "Ac", "AM01"),
            Gemeente("GM0004", "Ba", "AM02"),
            Gemeente("GM0005", "Bb", "AM02"),
            Gemeente("GM0006", "Ca", "AM05"),
        ),
    )
    inw = {
        "GM0001": 100,
        "GM0002": 300,
        "GM0003": 600,
        "GM0004": 500,
        "GM0005": 500,
        "GM0006": 1000,
    }
    area = {
        "GM0001": 1.0,
        "GM0002": 2.0,
        "GM0003": 7.0,
        "GM0004": 5.0,
        "GM0005": 5.0,
        "GM0006": 10.0,
    }
    kc = pd.DataFrame(
        [
            {
                "gemeente_code": g,
                "gemeente_naam": g,
                "jaar": 2024,
                "inwoners": inw[g],
                "oppervlakte_land_km2": area[g],
                "bron": "CBS 85984NED test",
            }
            for g in inw
        ]
    )
    return index, kc


def test_move_changes_exactly_that_gemeente(tiny):
    index, kc = tiny
    result = simulate(index, kc, "GM0001", "AM02")
    assert (result.van, result.naar, result.year) == ("AM01", "AM02", 2024)
    before_a = set(result.before["AM01"].member_codes)
    after_a = set(result.after["AM01"].member_codes)
    before_b = set(result.before["AM02"].member_codes)
    after_b = set(result.after["AM02"].member_codes)
    assert before_a - after_a == {"GM0001"} and after_a - before_a == set()
    assert after_b - before_b == {"GM0001"} and before_b - after_b == set()
    assert result.before["AM01"].inwoners == 1000 and result.after["AM01"].inwoners == 900
    assert result.before["AM02"].inwoners == 1000 and result.after["AM02"].inwoners == 1100
    assert result.national_before == result.national_after == 3000
    # density = total inwoners / total land area, recomputed after the move
    assert result.after["AM01"].bevolkingsdichtheid == pytest.approx(900 / 9.0)


def test_moved_membership_is_a_copy(tiny):
    index, _ = tiny
    original = index.membership()
    moved = moved_membership(original, "GM0002", "AM05")
    assert original["GM0002"] == "AM01" and moved["GM0002"] == "AM05"
    assert {k for k in original if original[k] != moved[k]} == {"GM0002"}


@pytest.mark.parametrize(
    ("gemeente", "naar", "error", "text"),
    [
        ("GM9999", "AM02", UnknownCodeError, "onbekende gemeente"),
        ("GM0001", "AM99", UnknownCodeError, "onbekende arbeidsmarktregio"),
        ("GM0001", "AM01", ValidationError, "hoort al bij Alfa"),
    ],
)
def test_bad_moves_are_refused_in_dutch(tiny, gemeente, naar, error, text):
    index, kc = tiny
    with pytest.raises(error, match=text):
        simulate(index, kc, gemeente, naar)


@pytest.mark.parametrize("key", list(DistributionKey))
def test_cost_shares_sum_to_the_budget_before_and_after(tiny, key):
    index, kc = tiny
    result = simulate(index, kc, "GM0001", "AM02")
    model = cost_model(result, {"AM01": 90_000, "AM02": 50_000}, key)
    for region, budget in (("AM01", 90_000), ("AM02", 50_000)):
        for when in ("before", "after"):
            assert model.total(region, when) == pytest.approx(budget)
            assert sum(
                r.share_before if when == "before" else r.share_after
                for r in model.region_rows(region, when)
            ) == pytest.approx(1.0)


def test_per_inwoner_worked_example(tiny):
    """Region A budget 90.000 over 100/300/600 inwoners; Aa (100) leaves.

    Before: Aa 9.000, Ab 27.000, Ac 54.000. After: Ab 300/900 → 30.000, Ac 600/900 → 60.000.
    The remaining members pay 9.000 more together; each share rises by 1000/900 − 1 = 11,1 %.
    """
    index, kc = tiny
    model = cost_model(simulate(index, kc, "GM0001", "AM02"), {"AM01": 90_000})
    rows = {r.gemeente_code: r for r in model.rows}
    assert rows["GM0001"].eur_before == pytest.approx(9_000)
    assert rows["GM0002"].eur_after == pytest.approx(30_000)
    assert rows["GM0003"].eur_after == pytest.approx(60_000)
    assert model.overhead_rise_eur == pytest.approx(9_000)
    assert model.overhead_rise_pct == pytest.approx(1000 / 900 - 1)
    assert rows["GM0002"].change_pct == pytest.approx(1 / 9)
    # no budget for AM02 entered: shares known, euros not
    assert rows["GM0004"].share_after == pytest.approx(500 / 1100)
    assert rows["GM0004"].eur_after is None
    assert model.total("AM02", "after") is None


def test_equal_shares_worked_example(tiny):
    """Gelijke delen: 3 → 2 members, each remaining share rises from 1/3 to 1/2 (+50 %)."""
    index, kc = tiny
    model = cost_model(simulate(index, kc, "GM0001", "AM02"), {"AM01": 90_000}, "gelijk")
    assert model.overhead_rise_pct == pytest.approx(0.5)
    assert model.overhead_rise_eur == pytest.approx(30_000)


def test_missing_inwoners_gives_no_per_inwoner_shares():
    assert shares(["a", "b"], {"a": 10.0, "b": None}, DistributionKey.PER_INWONER) == {
        "a": None,
        "b": None,
    }
    assert shares(["a", "b"], {"a": 10.0, "b": None}, DistributionKey.GELIJK) == {
        "a": 0.5,
        "b": 0.5,
    }


@given(
    st.lists(st.integers(min_value=1, max_value=1_000_000), min_size=1, max_size=40),
    st.sampled_from(list(DistributionKey)),
)
def test_shares_always_sum_to_one(values, key):
    members = [f"g{i}" for i in range(len(values))]
    result = shares(members, dict(zip(members, map(float, values), strict=True)), key)
    assert math.isclose(sum(v for v in result.values() if v is not None), 1.0, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        (0, 0.0),
        ("15000", 15000.0),
        ("€ 2000", 2000.0),
        (1.5, 1.5),
        ("1.000.000", 1_000_000.0),
        ("2,5", 2.5),
        ("-0", 0.0),
        (-0.0, 0.0),
        ("€ 10.000.000.000", 1e10),
    ],
)
def test_check_amount_accepts(value, expected):
    amount = check_amount(value, "budget")
    assert amount == expected
    assert amount is None or str(amount) != "-0.0"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (-1, "-€ 1 is negatief; kies een bedrag van € 0 tot en met € 10.000.000.000"),
        ("-1", "negatief"),
        ("abc", "geen getal"),
        (float("nan"), "kies een bedrag"),
        (1e12, "€ 1.000.000.000.000 is groter dan € 10.000.000.000; kies een bedrag"),
        ("€ 50.000.000.000", "€ 50.000.000.000 is groter dan € 10.000.000.000"),
        (True, "True is geen getal"),
        ("2,555", "hele centen"),
    ],
)
def test_check_amount_refuses(value, text):
    with pytest.raises(ValidationError, match=text):
        check_amount(value, "budget")


def test_frictiekosten_never_defaulted(tiny):
    index, kc = tiny
    result = simulate(index, kc, "GM0001", "AM02")
    assert cost_model(result, {}).frictiekosten is None
    assert cost_model(result, {}, frictiekosten="12500").frictiekosten == 12_500


def test_unknown_key_is_refused(tiny):
    index, kc = tiny
    with pytest.raises(ValidationError, match="verdeelsleutel"):
        cost_model(simulate(index, kc, "GM0001", "AM02"), {}, "per_hoofd")


# --- procedure, consequences, variants (data/regions) ------------------------------------------
def test_timeline_from_zhc_to_holland_rijnland():
    """seed 000, § 'Wat is de route…': seven steps, both centrumgemeenten named; then the
    college decision with a raadsinformatiebrief (seed 001, § 7)."""
    steps = procedure_timeline(
        "AM34", "AM19", {"AM34": "Zuid-Holland Centraal", "AM19": "Holland Rijnland"}
    )
    assert [s.number for s in steps] == list(range(1, 9))
    assert steps[0].title.startswith("Bespreken in het Hoofdenoverleg")
    assert "4 van de 7" in steps[1].rule
    assert "Zuid-Holland Centraal en Holland Rijnland" in steps[2].title
    assert "Zoetermeer en Leiden" in steps[4].who
    assert "Alle gemeenten" in steps[4].rule
    assert steps[5].title == "Afstemming met de VNG"
    assert "Besluit Werkgebieden UWV" in steps[6].result
    assert all(s.citation is not None and s.citation.source == "seed_000" for s in steps[:7])
    assert steps[7].citation is not None and steps[7].citation.source == "seed_001"


def test_timeline_from_a_region_the_seeds_do_not_describe():
    steps = procedure_timeline("AM01", "AM19", {"AM01": "Groningen", "AM19": "Holland Rijnland"})
    assert steps[0].citation is None and "niet vastgelegd" in steps[0].who
    assert not any("Hoofdenoverleg" in s.title for s in steps)
    assert "niet vastgelegd" in steps[3].who and "Leiden" in steps[3].who


def test_uwv_office_consequence_only_for_voorschoten_to_holland_rijnland():
    flags = {c.id: ok for c, ok in consequences("GM0626", "AM19")}
    assert flags["uwv_kantoor"] and flags["frictiekosten"] and flags["overhead"]
    other = {c.id: ok for c, ok in consequences("GM0629", "AM19")}
    assert not other["uwv_kantoor"] and other["uwv_beslissend"]


def test_variant_links_default_assumption_and_user_choice():
    problem = default_problem()
    links = variant_links([("AM34", "ZHC"), ("AM19", "HR"), ("AM01", "Groningen")], {}, problem)
    by = {link.region: link for link in links}
    assert by["AM34"].variant == "V2" and by["AM34"].origin == "aanname"
    assert by["AM34"].citation.source == "seed_000"
    assert by["AM01"].variant is None and by["AM01"].origin == "geen"
    chosen = variant_links([("AM19", "HR")], {"AM19": "V3"}, problem)[0]
    assert chosen.variant == "V3" and chosen.origin == "gekozen" and chosen.citation is None
    # the score follows the current weights
    heavy = problem.with_changes(weights=Weights({"werkgevers": 5}))
    assert variant_links([("AM34", "ZHC")], {}, heavy)[0].score_0_100 is not None
    with pytest.raises(ValidationError, match="onbekende variant"):
        variant_links([("AM34", "ZHC")], {"AM34": "V9"}, problem)


def test_centrumgemeente_note():
    from dashboard.region.overstap import centrumgemeente_note

    assert "centrumgemeente" in centrumgemeente_note("Zoetermeer", "AM34")
    assert centrumgemeente_note("Voorschoten", "AM34") is None
    assert centrumgemeente_note("Groningen", "AM01") is None


def test_the_assumed_variants_come_from_the_documents():
    """Without a choice, ZHC and Holland Rijnland get the variant the documents support (V2);
    a region the documents say nothing about gets none."""
    from dashboard.mcda.scoring import default_problem
    from dashboard.region.overstap import variant_links

    regions = [("AM34", "ZHC"), ("AM19", "HR"), ("AM01", "Groningen")]
    links = variant_links(regions, {}, default_problem())
    assert [(link.variant, link.origin) for link in links] == [
        ("V2", "aanname"),
        ("V2", "aanname"),
        (None, "geen"),
    ]


# --- the real data: Voorschoten → Holland Rijnland ------------------------------------------------
@pytest.fixture(scope="module")
def real(cbs_dir):
    from dashboard.data.kerncijfers import load_kerncijfers
    from dashboard.data.regions import load_region_index

    return load_region_index(folder=cbs_dir), load_kerncijfers(cbs_dir)


def test_voorschoten_to_holland_rijnland(real, census):
    index, kc = real
    result = simulate(index, kc, "GM0626", "AM19")
    assert len(result.after["AM34"].members) == 5
    assert len(result.after["AM19"].members) == 13
    assert "GM0626" in result.after["AM19"].member_codes
    assert result.national_before == result.national_after
    voorschoten = census.gemeente("GM0626")
    assert result.before["AM34"].inwoners - result.after["AM34"].inwoners == voorschoten
    assert result.after["AM19"].inwoners - result.before["AM19"].inwoners == voorschoten
    model = cost_model(result, {"AM34": 100_000, "AM19": 100_000})
    for region in ("AM34", "AM19"):
        for when in ("before", "after"):
            assert model.total(region, when) == pytest.approx(100_000)


def test_possible_move_falls_back_to_the_case_with_a_notice(tiny):
    from dashboard.region.overstap import possible_move
    from dashboard.region.settings import CASE, OverstapSettings

    index, _ = tiny
    fine = OverstapSettings(gemeente="GM0001", naar="AM02", key="gelijk")
    assert possible_move(index, fine) == (fine, "")
    for gemeente, naar in (("GM9999", "AM02"), ("GM0001", "AM99"), ("GM0001", "AM01")):
        settings, notice = possible_move(index, OverstapSettings(gemeente, naar, key="gelijk"))
        assert (settings.gemeente, settings.naar) == (CASE.gemeente, CASE.naar)
        assert settings.key == "gelijk"  # the rest of the settings is kept
        assert notice.endswith("Gekozen is: Voorschoten naar Holland Rijnland.")

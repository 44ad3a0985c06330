"""'Wat verandert er voor <gemeente>' (overstap_summary.py), on the seed's own move."""

from __future__ import annotations

import pytest

from dashboard.core.formatting import fmt_number, fmt_pct
from dashboard.data.facts import load_facts
from dashboard.data.kerncijfers import load_kerncijfers
from dashboard.data.regions import load_region_index
from dashboard.presentation.narrative.costs import cost_sentence
from dashboard.presentation.overstap_summary import overstap_summary
from dashboard.region.overstap import consequences, cost_model, procedure_timeline, simulate


@pytest.fixture(scope="module")
def voorschoten(cbs_dir):  # type: ignore[no-untyped-def]
    index = load_region_index(folder=cbs_dir)
    names = {r.code: r.name for r in index.regions}
    result = simulate(index, load_kerncijfers(cbs_dir), "GM0626", "AM19")
    return result, names


def summary_for(voorschoten, budgets):  # type: ignore[no-untyped-def]
    result, names = voorschoten
    facts = load_facts()
    model = cost_model(result, budgets)
    return overstap_summary(
        result,
        model,
        procedure_timeline(result.van, result.naar, names, facts),
        consequences("GM0626", "AM19", facts),
        names,
    )


def test_summary_names_office_costs_and_route(voorschoten) -> None:  # type: ignore[no-untyped-def]
    summary = summary_for(voorschoten, {})
    assert summary.title == "Wat verandert er voor Voorschoten"
    assert [line.label for line in summary.lines] == ["Regio", "UWV", "Kosten", "Route"]
    text = " ".join(summary.as_bullets())
    assert "Leiden in plaats van Zoetermeer" in text
    steps = procedure_timeline("AM34", "AM19", voorschoten[1], load_facts())
    assert f"{len(steps)} stappen, van ‘{steps[0].title}’ tot ‘{steps[-1].title}’." in text
    # without budgets: two shares of two budgets, said as such, no euro amounts
    assert "twee verschillende budgetten" in text
    assert "€" not in text


def test_summary_with_budgets_compares_euros(voorschoten) -> None:  # type: ignore[no-untyped-def]
    result, names = voorschoten
    model = cost_model(result, {"AM34": 1_000_000, "AM19": 2_000_000})
    sentence = cost_sentence(model, names)
    assert sentence.startswith("nu € 66.921 per jaar (6,7% van het budget van Zuid-Holland")
    # a percentage says what it is a percentage of
    assert (
        "daarna € 86.832 per jaar (4,3% van het budget van Holland Rijnland): "
        "€ 19.911 per jaar meer (29,8% meer dan nu)." in sentence
    )


def test_without_budgets_the_summary_states_the_fact(voorschoten) -> None:  # type: ignore[no-untyped-def]
    """A handout says that no amounts were entered; it does not send the reader to a page."""
    text = " ".join(summary_for(voorschoten, {}).as_bullets())
    assert "Er zijn geen bedragen ingevoerd; de kosten in euro zijn daarom niet berekend." in text
    assert "pagina" not in text and "vul " not in text.lower()


@pytest.mark.parametrize("key", ["per_inwoner", "gelijk"])
def test_shares_of_those_who_stay_are_said_in_points(voorschoten, key) -> None:  # type: ignore[no-untyped-def]
    """ "stijgt met 7,2%" beside a table of 17,1% → 18,4% misleads: say both shares and the
    difference in percentage points."""
    result, names = voorschoten
    model = cost_model(result, {}, key)
    text = " ".join(summary_for(voorschoten, {}).as_bullets()) if key == "per_inwoner" else ""
    from dashboard.presentation.narrative.costs import remaining_sentence

    sentence = remaining_sentence(model, names)
    assert "stijgt met" not in sentence and "stijgt met" not in text
    row = max(model.remaining, key=lambda r: r.share_after or 0.0)
    before, after = fmt_pct(row.share_before, 1), fmt_pct(row.share_after, 1)
    points = fmt_number(abs(round((row.share_after - row.share_before) * 100, 1)), 1)
    assert f"van {before} naar {after} ({points} procentpunt)" in sentence


def test_other_moves_do_not_borrow_voorschotens_uwv_office(cbs_dir) -> None:  # type: ignore[no-untyped-def]
    index = load_region_index(folder=cbs_dir)
    names = {r.code: r.name for r in index.regions}
    result = simulate(index, load_kerncijfers(cbs_dir), "GM0626", "AM20")
    facts = load_facts()
    summary = overstap_summary(
        result,
        cost_model(result, {}),
        procedure_timeline(result.van, result.naar, names, facts),
        consequences("GM0626", result.naar, facts),
        names,
    )
    uwv = next(line for line in summary.lines if line.label == "UWV")
    assert "niet vastgelegd" in uwv.text


def test_an_entered_amount_reads_back_as_typed(voorschoten) -> None:  # type: ignore[no-untyped-def]
    """A budget typed as "2,5" shows as "€ 2,50" in its field; the sentences that quote it said
    "€ 2" (rounded to whole euros like the amounts worked out from it)."""
    from dashboard.presentation.narrative.chart_texts import cost_text
    from dashboard.presentation.narrative.costs import frictiekosten_sentence

    result, _ = voorschoten
    model = cost_model(result, {"AM34": 2.5}, frictiekosten=1_000_000.5)
    assert "Budget Zuid-Holland Centraal: € 2,50," in cost_text(
        model, "AM34", "Zuid-Holland Centraal"
    )
    assert "€ 1.000.000,50;" in frictiekosten_sentence(model)
    whole = cost_model(result, {"AM34": 100_000}, frictiekosten=250_000)
    assert "Budget Zuid-Holland Centraal: € 100.000," in cost_text(
        whole, "AM34", "Zuid-Holland Centraal"
    )
    assert "€ 250.000;" in frictiekosten_sentence(whole)

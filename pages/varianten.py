"""Varianten: weigh the criteria of the handreiking (seed 004, §8) and see how the three
ontwikkelvarianten for werkgeversdienstverlening score, and why.

The weighting lives in ``dashboard.ui.state`` (problem_config), so Robuustheid, Scenario's and
Presentatie use the same weights. Weights and results sit in one ``st.fragment``: moving a slider
reruns only that part of the page. Widget keys start with ``var_``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.core.errors import DashboardError, ValidationError
from dashboard.core.formatting import fmt_number, fmt_plain, parse_number
from dashboard.core.limits import SCALE, WEIGHT
from dashboard.mcda.criteria import (
    RATINGS,
    load_building_blocks,
    load_examples,
    load_matrix,
    load_variant_descriptions,
)
from dashboard.mcda.scoring import DEFAULT_SCALE, DecisionProblem, Weights, score
from dashboard.mcda.weighting import (
    DEFAULT_PRESET,
    apply_preset,
    clear_overrides,
    matching_preset,
    presets,
    rank_order_criteria,
    rank_order_groups,
    remove_override,
    set_override,
    with_scale,
    with_weights,
)
from dashboard.presentation.charts import scoring as charts
from dashboard.presentation.narrative import (
    SCALE_SOURCE_NOTE,
    chart_texts,
    explanation,
    group_shares_sentence,
    overrides_sentence,
    preset_note,
    scale_coding,
    scale_note,
    summary_sentence,
    tie_policy_sentence,
    tie_sentence,
)
from dashboard.ui import cache, context
from dashboard.ui.choices import choice
from dashboard.ui.figures import show_chart
from dashboard.ui.layout import expander, page_guard, source_caption
from dashboard.ui.state import (
    RESET_SCOPE,
    current_problem,
    edit_problem,
    reset_all,
    reset_was_requested,
    sync_url,
)
from dashboard.ui.text import show_error

page_guard()

MATRIX = load_matrix()
PRESETS = {p.id: p for p in presets(MATRIX)}
OWN = "eigen"  # the preset box shows this when the sliders match no preset
SLIDER_MAX = 10.0
CHARTS = {
    "rangorde": "Rangorde",
    "bijdragen": "Bijdrage per perspectief",
    "perspectief": "Score per perspectief",
    "matrix": "Matrix",
}
SOURCE_EXTRA = SCALE_SOURCE_NOTE

ERROR_KEY = "var_error"  # Dutch message of the last rejected change, shown until a valid one
SYNCED_KEY = "var_synced"  # JSON of the weights the sliders were last filled from


def g_key(group_id: str) -> str:
    return f"var_g_{group_id}"


def c_key(criterion_id: str) -> str:
    return f"var_c_{criterion_id}"


# --- state <-> widgets ----------------------------------------------------------------------
def _weights_json(weights: Weights) -> str:
    return json.dumps(
        {"groups": dict(weights.groups), "criteria": dict(weights.criteria)}, sort_keys=True
    )


def _fill_sliders(weights: Weights) -> None:
    """Put the stored weights into the sliders (before they are drawn)."""
    ss = st.session_state
    for g in MATRIX.group_ids:
        ss[g_key(g)] = weights.group(g)
    for c in MATRIX.criterion_ids:
        ss[c_key(c)] = weights.criterion(c)
    ss[SYNCED_KEY] = _weights_json(weights)


def _sync_sliders(weights: Weights) -> None:
    """Refill the sliders when the weighting changed elsewhere (scenario, share link, preset);
    fill sliders Streamlit forgot (not drawn in the last run) from the stored weighting."""
    ss = st.session_state
    if ss.get(SYNCED_KEY) != _weights_json(weights):
        _fill_sliders(weights)
        return
    for g in MATRIX.group_ids:
        ss.setdefault(g_key(g), weights.group(g))
    for c in MATRIX.criterion_ids:
        ss.setdefault(c_key(c), weights.criterion(c))


def _store(change: Callable[[DecisionProblem], DecisionProblem], *, refill: bool = False) -> None:
    """Change the weighting; on a Dutch error keep the previous valid one."""
    try:
        problem = edit_problem(change)
    except DashboardError as err:
        st.session_state[ERROR_KEY] = f"Deze wijziging is niet overgenomen: {err}."
        _fill_sliders(current_problem().weights)  # the sliders show the weighting still in use
        return
    st.session_state.pop(ERROR_KEY, None)
    if refill:
        _fill_sliders(problem.weights)
    else:
        st.session_state[SYNCED_KEY] = _weights_json(problem.weights)


def _slider_weights(problem: DecisionProblem) -> DecisionProblem:
    ss, weights = st.session_state, problem.weights
    # sliders not drawn in this run (another perspective chosen) keep their stored weight
    return with_weights(
        problem,
        {g: ss.get(g_key(g), weights.group(g)) for g in MATRIX.group_ids},
        {c: ss.get(c_key(c), weights.criterion(c)) for c in MATRIX.criterion_ids},
    )


def _on_slider() -> None:
    _store(_slider_weights)


def _on_preset() -> None:
    chosen = st.session_state.get("var_preset")
    if chosen and chosen != OWN:
        _store(lambda problem: apply_preset(problem, chosen), refill=True)


def _scaled(weights: dict[str, float]) -> dict[str, float]:
    """Scale so the largest weight is the slider maximum (scaling changes nothing)."""
    top = max(weights.values(), default=0.0)
    return {k: (v * SLIDER_MAX / top if top > 0 else 0.0) for k, v in weights.items()}


def _on_rank_groups() -> None:
    try:
        groups = rank_order_groups(MATRIX, st.session_state.get("var_rank_groups") or [])
    except DashboardError as err:
        st.session_state[ERROR_KEY] = f"Deze rangorde is niet overgenomen: {err}."
        return
    _store(lambda problem: with_weights(problem, _scaled(groups)), refill=True)


def _on_rank_criteria() -> None:
    try:
        groups, criteria = rank_order_criteria(
            MATRIX, st.session_state.get("var_rank_criteria") or []
        )
    except DashboardError as err:
        st.session_state[ERROR_KEY] = f"Deze rangorde is niet overgenomen: {err}."
        return
    _store(lambda problem: with_weights(problem, _scaled(groups), _scaled(criteria)), refill=True)


def _group_label(group_id: str) -> str:
    return MATRIX.group(group_id).short


def _criterion_label(criterion_id: str) -> str:
    crit = MATRIX.criterion(criterion_id)
    return f"{MATRIX.group(crit.group).short}: {crit.label}"


def _weight_slider(label: str, key: str) -> None:
    """A weight from 0 to 10 as a slider. A link or scenario may hold a larger weight (any up
    to ``limits.WEIGHT`` is valid): the slider then reaches that weight, which is shown
    and kept as it is, with a note; it is never cut down to 10."""
    value = float(st.session_state.get(key, 1.0))
    top = max(SLIDER_MAX, value)
    st.slider(
        label,
        0.0,
        top,
        step=0.5,
        format="localized",  # the browser's notation: 1,5 for a Dutch browser
        key=key,
        on_change=_on_slider,
    )
    if top > SLIDER_MAX:
        shown = WEIGHT.show(value)
        st.caption(
            f"Dit gewicht ({shown}, uit een link of scenario) is groter dan "
            f"{WEIGHT.show(SLIDER_MAX)}, het einde van de gewone schuif. Het geldt zoals het "
            f"is; de schuif loopt daarom tot {shown}. Alleen de verhouding tussen de gewichten "
            "telt."
        )


# --- the fragment: weights and results --------------------------------------------------------
@st.fragment
def weights_and_results() -> None:
    if reset_was_requested():
        st.rerun(scope="app")  # the reset also changed the scale, own ratings and overstap
    problem = current_problem()
    _sync_sliders(problem.weights)
    result = score(problem)
    matched = matching_preset(problem)
    st.session_state["var_preset"] = matched or OWN  # what the weighting is, whatever came in

    left, right = st.columns([2, 3], gap="large")
    with left:
        st.subheader("Weging")
        choice(
            st,
            "Voorinstelling",
            [*PRESETS, OWN],
            key="var_preset",
            default=matched or OWN,
            format_func=lambda p: PRESETS[p].label if p in PRESETS else "Eigen weging",
            on_change=_on_preset,
            placeholder="Kies…",
        )
        if matched:
            note = preset_note(MATRIX, matched)
            if matched == DEFAULT_PRESET:
                st.caption(note)
            else:
                st.info(note, icon=":material/info:")
        st.markdown("**Hoe zwaar telt elk perspectief?** (0 = telt niet mee)")
        for g in MATRIX.groups:
            _weight_slider(g.label, g_key(g.id))
        st.markdown(f"**{group_shares_sentence(problem)}**")
        st.button(
            "Alles terugzetten naar de standaard",
            on_click=reset_all,
            key="var_reset",
            icon=":material/restart_alt:",
        )
        st.caption(f"Zet terug: {RESET_SCOPE}.")

    with right:
        st.subheader("Uitkomst")
        rejected = st.session_state.pop(ERROR_KEY, None)  # shown once, after the change
        if rejected:
            show_error(
                rejected + " De schuiven en de uitkomst hieronder horen bij de vorige "
                "geldige weging."
            )
        st.success(summary_sentence(result, problem), icon=":material/emoji_events:")
        ties = tie_sentence(result, MATRIX)
        if ties:
            st.info(ties, icon=":material/drag_handle:")
        # one element for all explanations: fewer elements to redraw per slider move
        st.markdown("\n\n".join(explanation(result, problem)))
        if problem.overrides:
            st.warning(
                overrides_sentence(problem).removesuffix(".")
                + " (gemarkeerd met *). Zie 'Eigen oordelen' hieronder.",
                icon=":material/edit_note:",
            )
        chart = st.segmented_control(
            "Grafiek",
            list(CHARTS),
            format_func=lambda key: CHARTS[key],
            default="rangorde",
            required=True,
            key="var_chart",
        )
        with st.container():
            if chart == "bijdragen":
                spec = charts.contributions_spec(result, MATRIX)
                text = chart_texts.contributions_text(result, MATRIX)
                table = charts.contributions_table(result, MATRIX)
            elif chart == "perspectief":
                spec = charts.group_scores_spec(result, problem)
                text = chart_texts.group_scores_text(result, MATRIX)
                table = None  # the results table below has the same numbers
            elif chart == "matrix":
                spec = charts.matrix_spec(problem)
                text = chart_texts.matrix_text(problem)
                table = charts.matrix_table(problem)
            else:
                # The ranking as native bars (each with its number in the label): lighter to
                # redraw after every slider move than a chart. The same ranking as a chart
                # (charts.ranking_spec) serves the Presentatie page, the PDF and the slides.
                spec = None
                text = chart_texts.ranking_text(result, MATRIX)
                table = None
                st.markdown("**Rangorde van de varianten** (score van 0 tot 100)")
                for v in result.ranking:
                    st.progress(
                        min(1.0, max(0.0, result.scores_0_100[v] / 100)),
                        text=f"{MATRIX.variant(v).name}: plaats {result.ranks[v]}, "
                        f"{fmt_number(result.scores_0_100[v], 0)} van 100",
                    )
            if spec is not None:
                show_chart(
                    spec,
                    key="var_fig",
                    sources=("seed_004",),
                    extra=SOURCE_EXTRA,
                    alt=text,
                )
                st.markdown(text)  # the text alternative beside the chart
            if table is not None:
                with expander("Tabel bij de grafiek", key="var_tabel"):
                    st.markdown(charts.markdown_table(table))
            if spec is not None:
                source_caption("seed_004", extra=SOURCE_EXTRA)

    st.markdown("**Resultaten**\n\n" + charts.markdown_table(charts.results_table(result, MATRIX)))
    source_caption(
        "seed_004",
        extra=SOURCE_EXTRA
        + " Score (schaalpunten): gewogen gemiddelde van de oordelen op de schaal; 0–100: "
        "dezelfde score, waarbij 0 = overal -/- en 100 = overal ++; per perspectief: de score "
        f"binnen dat perspectief. {tie_policy_sentence()}",
    )
    sync_url()  # a slider move reruns only this fragment: keep the address in step here too


# --- refining the weighting (outside the fragment: rarer changes, a full rerun is fine) --------
def refine_section() -> None:
    """Criterion weights and rank-order weighting. Kept out of the fragment so that moving a
    perspective slider redraws less; their changes rerun the whole page."""
    c1, c2 = st.columns(2, gap="large")
    with c1, expander("Verfijnen: gewicht per criterium binnen een perspectief", key="var_fijn"):
        st.caption(
            "Binnen een perspectief worden de gewichten omgerekend naar aandelen; "
            "1 voor alle criteria betekent: elk criterium telt even zwaar."
        )
        shown = choice(
            st,
            "Perspectief",
            MATRIX.group_ids,
            key="var_criteria_group",
            default=MATRIX.group_ids[0],
            format_func=_group_label,
            placeholder="Kies…",
        )
        for g in (MATRIX.group(shown),):
            for crit in MATRIX.criteria_in(g.id):
                _weight_slider(crit.label, c_key(crit.id))
    with c2, expander("Snel wegen met een rangorde", key="var_rangorde"):
        st.caption(
            "Kies de onderdelen in volgorde van belang, het belangrijkste eerst. Het "
            "dashboard rekent dat om naar gewichten (rank-order-centroid: bij drie "
            "perspectieven 61%, 28% en 11%). Wat u niet kiest, telt niet mee."
        )
        st.multiselect(
            "Perspectieven in volgorde van belang",
            MATRIX.group_ids,
            format_func=_group_label,
            key="var_rank_groups",
            placeholder="Kies de perspectieven, belangrijkste eerst",
        )
        st.button(
            "Rangorde van perspectieven toepassen",
            on_click=_on_rank_groups,
            key="var_rank_groups_apply",
        )
        st.multiselect(
            "Criteria in volgorde van belang",
            MATRIX.criterion_ids,
            format_func=_criterion_label,
            key="var_rank_criteria",
            placeholder="Kies de criteria, belangrijkste eerst",
        )
        st.button(
            "Rangorde van criteria toepassen",
            on_click=_on_rank_criteria,
            key="var_rank_criteria_apply",
        )


# --- scale --------------------------------------------------------------------------------------
def _scale_value(symbol: str, text: str) -> float:
    number = parse_number(text, f"waarde van {symbol}")
    if number is None:
        raise ValidationError(f"waarde van {symbol}: vul een getal in")
    return float(number)


def scale_section(problem: DecisionProblem) -> None:
    st.subheader("Schaal: van teken naar getal")
    st.info(scale_note(), icon=":material/help:")
    with st.form("var_scale_form", border=False):
        cols = st.columns(len(RATINGS))
        texts = {}
        for col, rating in zip(cols, RATINGS, strict=True):
            # text read the Dutch way (1,5), not a number field that shows and reads 1.50
            texts[rating.value] = col.text_input(
                f"Waarde van {rating.value}",
                value=fmt_plain(problem.scale.value(rating), 2),
                key=f"var_scale_{RATINGS.index(rating)}",
            )
        submitted = st.form_submit_button("Schaal toepassen")
    values: dict[str, float] | None = None
    if submitted:
        try:
            values = {s: _scale_value(s, text) for s, text in texts.items()}
        except DashboardError as err:  # the message quotes the typed text
            show_error(
                f"Deze schaal is niet overgenomen: {err}. Kies per oordeel een getal "
                f"{SCALE.allowed()}, bijvoorbeeld 2 of 1,5. De vorige schaal blijft gelden."
            )
    if values is not None:
        try:
            edit_problem(lambda problem: with_scale(problem, values))
        except DashboardError as err:
            show_error(f"Deze schaal is niet overgenomen: {err}. De vorige schaal blijft gelden.")
        else:
            st.rerun()
    default = {r.value: v for r, v in DEFAULT_SCALE.items()}
    if problem.scale.as_symbols() != default:
        st.caption("U gebruikt een eigen schaal: " + scale_coding(problem.scale))
        if st.button("Standaardschaal terugzetten (++ = 2 … -/- = -2)", key="var_scale_reset"):
            edit_problem(lambda problem: with_scale(problem, None))
            for i in range(len(RATINGS)):
                st.session_state.pop(f"var_scale_{i}", None)
            st.rerun()


# --- overrides ----------------------------------------------------------------------------------
def overrides_section(problem: DecisionProblem) -> None:
    st.subheader("Eigen oordelen")
    st.markdown(
        "Ziet uw gemeente een criterium anders dan de handreiking? Vervang dan één oordeel door "
        "uw eigen oordeel, met een korte reden. Eigen oordelen zijn overal gemarkeerd als "
        "afwijking van de handreiking (*) en u kunt ze altijd terugzetten."
    )
    c1, c2, c3 = st.columns([3, 1, 1])
    cid = choice(
        c1,
        "Criterium",
        MATRIX.criterion_ids,
        key="var_ov_criterion",
        default=MATRIX.criterion_ids[0],
        format_func=_criterion_label,
        placeholder="Kies…",
    )
    vid = choice(
        c2,
        "Variant",
        MATRIX.variant_ids,
        key="var_ov_variant",
        default=MATRIX.variant_ids[0],
        format_func=lambda v: MATRIX.variant(v).name,
        placeholder="Kies…",
    )
    original = MATRIX.rating(cid, vid).value
    current = problem.rating(cid, vid).value
    symbols = [r.value for r in RATINGS]
    rating = choice(
        c3,
        "Eigen oordeel",
        symbols,
        key=f"var_ov_rating_{cid}_{vid}",
        default=current,
        placeholder="Kies…",
    )
    st.caption(f"De handreiking geeft hier: {original}.")
    reason = st.text_input(
        "Reden (verplicht)",
        max_chars=500,
        key="var_ov_reason",
        placeholder="bijvoorbeeld: in onze regio werkt één loket al goed",
    )
    if st.button("Eigen oordeel opslaan", key="var_ov_save"):
        try:
            edit_problem(lambda problem: set_override(problem, cid, vid, rating, reason))
        except DashboardError as err:
            show_error(f"Dit eigen oordeel is niet opgeslagen: {err}.")
        else:
            st.rerun()
    if problem.overrides:
        rows = [
            {
                "Criterium": _criterion_label(o.criterion),
                "Variant": MATRIX.variant(o.variant).name,
                "Handreiking": MATRIX.rating(o.criterion, o.variant).value,
                "Eigen oordeel *": o.rating.value,
                "Reden": o.reason,
            }
            for o in problem.overrides
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True)
        source_caption("seed_004", extra="Kolom 'Handreiking': §8. Eigen oordelen: uw invoer.")
        for o in problem.overrides:
            label = (
                f"Terugzetten: {MATRIX.criterion(o.criterion).label} / "
                f"{MATRIX.variant(o.variant).name}"
            )
            if st.button(label, key=f"var_ov_del_{o.criterion}_{o.variant}"):
                edit_problem(
                    functools.partial(
                        remove_override, criterion_id=o.criterion, variant_id=o.variant
                    )
                )
                st.rerun()
        if st.button("Alle eigen oordelen terugzetten", key="var_ov_clear"):
            edit_problem(clear_overrides)
            st.rerun()
    else:
        st.caption("U gebruikt nu alleen de oordelen van de handreiking.")


# --- building blocks and examples ---------------------------------------------------------------
def variants_section() -> None:
    st.subheader("De drie varianten")
    descriptions = load_variant_descriptions()
    cols = st.columns(len(descriptions))
    for col, d in zip(cols, descriptions, strict=True):
        with col:
            st.markdown(f"**{MATRIX.variant(d.id).name}: {d.title_full}**")
            st.markdown(d.description)
            if d.shortened:
                st.caption(d.note)
    source_caption("seed_004", extra="§5 (ontwikkelvarianten).")

    st.markdown("**Bouwstenen naast elkaar**")
    rows = []
    for block in load_building_blocks():
        name = block.block if not block.level else f"{block.block} ({block.level})"
        rows.append({"Bouwsteen": name, **{MATRIX.variant(v).name: t for v, t in block.texts}})
    st.table(pd.DataFrame(rows), hide_index=True)
    source_caption(
        "seed_004",
        extra="Bijlage 1, schema's per ontwikkelvariant (korte omschrijving per bouwsteen).",
    )

    st.markdown("**Voorbeelden uit de praktijk (2012)**")
    rows = []
    for example in load_examples():
        closest = " en ".join(MATRIX.variant(v).name for v in example.closest)
        if len(example.closest) > 1:
            closest = f"tussen {closest}"
        rows.append(
            {
                "Voorbeeld": example.name,
                "Ligt het dichtst bij": closest,
                "Zegt de tekst dit zelf?": "ja" if example.stated_in_text else "nee, afgeleid",
                "Onderbouwing": example.basis,
                "Citaat": f"‘{example.quote}’ ({example.speaker})",
            }
        )
    st.table(pd.DataFrame(rows), hide_index=True)
    source_caption("seed_004", extra="§5, voorbeelden 1 tot en met 3.")


# --- page -----------------------------------------------------------------------------------------
st.title("Varianten voor de dienstverlening aan werkgevers")
st.markdown(
    "De handreiking uit 2012 beschrijft drie manieren waarop gemeenten en UWV samen werkgevers "
    "kunnen bedienen, van **maximale samenwerking** (variant 1) tot **naast elkaar werken** "
    "(variant 3), en beoordeelt ze op 21 criteria vanuit drie perspectieven: gemeenten & UWV, "
    "werkgevers en werkzoekenden. Hier bepaalt u hoe zwaar elk criterium telt; de uitkomst "
    "verandert direct mee. Dezelfde weging geldt op de pagina's Robuustheid, Scenario's en "
    "Presentatie."
)

weights_and_results()
refine_section()
PROBLEM = current_problem()
with expander("Schaal aanpassen (aanname)", key="var_schaal"):
    scale_section(PROBLEM)
with expander("Eigen oordelen", key="var_oordelen", expanded=bool(PROBLEM.overrides)):
    overrides_section(PROBLEM)
st.divider()
variants_section()
context.show_notes(
    cache.region_facts().context_for("varianten"),
    "Achtergrond uit de handreiking: wettelijke taak, sw-bedrijf, landelijke afspraken, "
    "dienstenpakket",
)

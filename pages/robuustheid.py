"""Page: Robuustheid — how firm is the outcome of the weighting on the Varianten page?

Verdict sentences first (for an alderman), the plots behind them for analysts. Wiring only: the
computations live in :mod:`dashboard.mcda.sensitivity`, the figures in
:mod:`dashboard.presentation.charts.robustness`, the cached SMAA in :mod:`dashboard.ui.cache`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.core.errors import DashboardError
from dashboard.core.formatting import fmt_int, fmt_number
from dashboard.core.limits import SAMPLES, SEED
from dashboard.mcda.sensitivity import analyse
from dashboard.presentation.charts import robustness as charts
from dashboard.presentation.narrative import (
    FIRMNESS_NOTE,
    FIRST_ON_TIES,
    basis_of_verdict,
    chart_texts,
    random_codings_sentence,
    scale_assumption,
    verdict,
    why_sentence,
)
from dashboard.presentation.tables import (
    acceptability_figures,
    central_weights_figures,
    figure_table,
    number,
    score_lines_figures,
    tornado_figures,
)
from dashboard.ui.cache import smaa_result
from dashboard.ui.choices import choice
from dashboard.ui.figures import show_chart, show_table
from dashboard.ui.layout import expander, page_guard, show_notices, source_caption
from dashboard.ui.state import (
    current_problem,
    pop_notices,
    robustness_settings,
    set_robustness_settings,
)
from dashboard.ui.text import show_error

MODES = {
    "all": "alle denkbare wegingen",
    "near": "alleen wegingen rond de huidige",
    "ranking": "alleen wegingen die mijn volgorde van de groepen aanhouden",
}
SOURCE_EXTRA = "Gevoeligheid: eigen berekening van dit dashboard."

page_guard()

st.title("Robuustheid")
st.markdown(
    "Hoe stevig is de uitkomst van de weging op de pagina **Varianten**? Hieronder staat eerst "
    "het antwoord in gewone zinnen, daarna de grafieken waarop die zinnen rusten."
)

problem = current_problem()
m = problem.matrix


settings = robustness_settings(problem)
show_notices(pop_notices())  # e.g. invalid stored settings that were reset
verdict_box = st.container()

# --- sampling options (a form: nothing recomputes until the analyst presses the button) ------
with expander("Instellingen van de steekproef (voor analisten)", key="robuust_instellingen"):
    with st.form("robuustheid_steekproef"):
        samples = st.number_input(
            "Aantal willekeurige wegingen",
            min_value=int(SAMPLES.low),
            max_value=int(SAMPLES.high),
            value=settings.samples,
            step=10_000,
        )
        st.caption(SAMPLES.help)
        seed = st.number_input(
            "Startwaarde van het toeval",
            min_value=int(SEED.low),
            max_value=int(SEED.high),
            value=settings.seed,
            step=1,
        )
        st.caption(SEED.help)
        mode = st.radio(
            "Welke wegingen tellen mee?",
            options=list(MODES),
            format_func=MODES.__getitem__,
            index=list(MODES).index(settings.mode),
        )
        near_pct = st.slider(
            "Rond de huidige: elk gewicht hoogstens zoveel procent hoger of lager",
            min_value=1,
            max_value=100,
            value=round(settings.near_pct),
        )
        st.markdown("Volgorde van de groepen (alleen bij ‘mijn volgorde’), belangrijkste eerst:")
        current_order = list(settings.group_ranking) or sorted(
            m.group_ids, key=lambda g: -problem.group_shares()[g]
        )
        order_cols = st.columns(len(m.group_ids))
        chosen = [
            choice(
                col,
                f"{i + 1}e plaats",
                list(m.group_ids),
                key=f"robuustheid_volgorde_{i}",
                default=current_order[i],
                format_func=lambda g: m.group(g).label,
                placeholder="Kies…",
            )
            for i, col in enumerate(order_cols)
        ]
        submitted = st.form_submit_button("Opnieuw doorrekenen", type="primary")
    if submitted:
        new: dict[str, Any] = {
            "samples": int(samples),
            "seed": int(seed),
            "mode": mode,
            "near_pct": float(near_pct),
            "group_ranking": chosen if mode == "ranking" else [],
        }
        try:
            settings = set_robustness_settings(new, problem)
        except DashboardError as err:
            show_error(
                f"Deze instellingen zijn niet gebruikt: {err}. De vorige instellingen blijven "
                "staan."
            )

smaa = smaa_result(problem, settings)
rob = analyse(problem, settings, smaa_result=smaa)
winner_name = m.variant(rob.winner).name

# --- the verdict, for an alderman ------------------------------------------------------------
with verdict_box:
    st.subheader("Hoe stevig is de uitkomst?")
    sentences = verdict(problem, rob)
    st.markdown(f"**{sentences[0]}**")
    st.markdown("\n".join(f"- {s}" for s in sentences[1:]))
    st.caption(basis_of_verdict(problem))
    st.info(
        scale_assumption(problem.scale)
        + " Het tabblad ‘Andere codering’ laat zien of een andere keuze de winnaar verandert. "
        + FIRMNESS_NOTE,
        icon=":material/info:",
    )
    source_caption("seed_004", extra=SOURCE_EXTRA)

# --- the plots, for analysts -----------------------------------------------------------------
st.header("Voor analisten: de berekeningen achter deze zinnen")
tab_one, tab_all, tab_smaa, tab_scale, tab_why = st.tabs(
    [
        "Eén gewicht tegelijk",
        "Alle gewichten",
        "Willekeurige wegingen",
        "Andere codering",
        f"Waarom wint {winner_name}?",
    ],
    key="rob_tabs",
)

with tab_one:
    st.markdown(
        "Verschuif één gewicht van 0% tot 100% van zijn niveau (een groep tegenover de andere "
        "groepen, een criterium binnen zijn groep); de andere gewichten van dat niveau houden "
        "hun onderlinge verhouding. De scores zijn dan rechte lijnen; de snijpunten zijn exact "
        "berekend."
    )
    choices = list(rob.one_way)
    default = min(
        range(len(choices)), key=lambda i: (not choices[i].has_effect, choices[i].width, i)
    )
    picked = choice(
        st,
        "Welk gewicht?",
        range(len(choices)),
        key=f"robuustheid_gewicht_{default}",  # a new most telling weight: shown afresh
        default=default,
        format_func=lambda i: charts.weight_label(problem, choices[i]),
        placeholder="Kies…",
    )
    ow = choices[picked]
    lines_text = chart_texts.score_lines_text(ow, problem)
    show_chart(
        charts.score_lines_spec(ow, problem), key="robuust_lijnen", alt=lines_text, download=False
    )
    st.markdown(lines_text)
    with expander("Tabel bij deze grafiek", key="robuust_lijnen"):
        show_table(
            score_lines_figures(ow, problem),
            key="robuust_lijnen_tabel",
            sources=("seed_004",),
            extra=SOURCE_EXTRA,
            caption=False,
        )
    source_caption("seed_004", extra=SOURCE_EXTRA)

with tab_all:
    tornado_text = chart_texts.tornado_text(rob.one_way, problem)
    # page type: the chart is shown at its own size here, not shrunk as on a slide
    tornado, _ = charts.tornado_spec(rob.one_way, problem, font=14, label_chars=26)
    show_chart(tornado, key="robuust_tornado", alt=tornado_text, download=False)
    st.markdown(tornado_text)
    with expander("Tabel bij deze grafiek: alle gewichten", key="robuust_tornado"):
        show_table(
            tornado_figures(rob.one_way, problem),
            key="robuust_tornado_tabel",
            sources=("seed_004",),
            extra=SOURCE_EXTRA,
            caption=False,
        )
    st.caption(
        "Gewichten die nu niets kunnen veranderen (bijvoorbeeld criteria van een groep met "
        "gewicht 0) staan alleen in de tabel."
    )
    source_caption("seed_004", extra=SOURCE_EXTRA)

with tab_smaa:
    st.markdown(
        f"Het dashboard trok {fmt_int(rob.smaa.samples)} willekeurige wegingen "
        f"({MODES[settings.mode]}; startwaarde {rob.smaa.seed}) en telde hoe vaak elke variant "
        f"op welke plaats eindigt; {FIRST_ON_TIES}."
    )
    places_text = chart_texts.acceptability_text(rob.smaa, problem)
    show_chart(
        charts.acceptability_spec(rob.smaa, problem),
        key="robuust_plaatsen",
        alt=places_text,
        download=False,
    )
    st.markdown(places_text)
    with expander("Tabel bij deze grafiek", key="robuust_plaatsen"):
        show_table(
            acceptability_figures(rob.smaa, problem),
            key="robuust_plaatsen_tabel",
            sources=("seed_004",),
            extra=SOURCE_EXTRA,
            caption=False,
        )
    st.markdown("**Gemiddelde weging waarbij elke variant wint** (de ‘centrale weging’):")
    show_table(
        central_weights_figures(rob.smaa, problem),
        key="robuust_centraal",
        sources=("seed_004",),
        extra=SOURCE_EXTRA,
        caption=False,
    )
    source_caption("seed_004", extra=SOURCE_EXTRA)

with tab_scale:
    st.markdown(
        "Hieronder staat wie er wint met andere "
        "coderingen die de volgorde ++ ≥ + ≥ +/- ≥ - ≥ -/- aanhouden, met de huidige weging "
        "en eigen oordelen."
    )
    show_table(
        figure_table(
            "Winnaar bij andere coderingen",
            [
                {
                    "Codering": s.name,
                    "++ / + / +/- / - / -/-": " / ".join(
                        fmt_number(v, 0) for v in s.scale.as_symbols().values()
                    ),
                    "Winnaar": " en ".join(m.variant(v).name for v in s.tied)
                    + (" (gelijk)" if len(s.tied) > 1 else ""),
                }
                for s in rob.scales.variants
            ],
        ),
        key="robuust_schaal",
        sources=("seed_004",),
        extra=SOURCE_EXTRA,
        caption=False,
    )
    st.markdown(random_codings_sentence(problem, rob.scales))
    st.caption(
        "‘1 tot en met 5’ is de standaardcodering plus 3: dat verandert nooit de volgorde. "
        "Willekeurige coderingen: -/- = 0, ++ = 1 en de drie tekens ertussen willekeurig, "
        "oplopend."
    )
    source_caption("seed_004", extra=SOURCE_EXTRA)

with tab_why:
    st.markdown(why_sentence(problem, rob.reason))
    runner = m.variant(rob.reason.runner_up).name
    gap_column = f"Verschil in bijdrage ({winner_name} − {runner})"
    show_table(
        figure_table(
            f"Waarom {winner_name} voor {runner} staat",
            [
                {
                    "Criterium": m.criterion(c).label,
                    gap_column: number(d, 3),
                    "Wie scoort beter": f"{name} beter",
                }
                for items, name in (
                    (rob.reason.for_winner, winner_name),
                    (rob.reason.for_runner_up, runner),
                )
                for c, d in items
            ],
            columns=("Criterium", gap_column, "Wie scoort beter"),
        ),
        key="robuust_waarom",
        sources=("seed_004",),
        extra=SOURCE_EXTRA,
        caption=False,
    )
    st.caption(
        f"Bijdrage = effectief gewicht × waarde van het oordeel. Totale voorsprong van "
        f"{winner_name} op {runner}: {fmt_number(rob.reason.gap, 3)}."
    )
    source_caption("seed_004", extra=SOURCE_EXTRA)

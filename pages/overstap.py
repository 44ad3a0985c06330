"""Overstap: what changes when a gemeente moves to another arbeidsmarktregio."""

from __future__ import annotations

import streamlit as st

from dashboard.core.errors import DashboardError
from dashboard.core.formatting import (
    NIET_BESCHIKBAAR,
    fmt_eur,
    fmt_eur_input,
    fmt_int,
    fmt_number,
    fmt_pct,
)
from dashboard.core.markup import escape_label, escape_markdown
from dashboard.data.indicators import indicator_period
from dashboard.data.sources import source_line
from dashboard.presentation.charts import profiles as charts
from dashboard.presentation.narrative import chart_texts
from dashboard.presentation.narrative.costs import FRICTIEKOSTEN_CAVEAT, KEY_CAVEAT
from dashboard.presentation.narrative.pendel import overstap_sentence
from dashboard.presentation.overstap_summary import overstap_summary
from dashboard.presentation.tables import amounts_figures, cost_figures, count, figure_table, number
from dashboard.region.overstap import (
    DistributionKey,
    centrumgemeente_note,
    check_move,
    consequences,
    cost_model,
    possible_move,
    procedure_timeline,
    variant_links,
)
from dashboard.ui import cache, context, labour_block, pendel_block
from dashboard.ui.choices import choice
from dashboard.ui.figures import show_chart, show_table
from dashboard.ui.inputs import amount_input
from dashboard.ui.layout import expander, page_guard, show_notices, source_caption
from dashboard.ui.picture import svg_picture
from dashboard.ui.state import (
    add_notice,
    current_problem,
    overstap,
    pop_notices,
    set_overstap_settings,
)
from dashboard.ui.text import md_name_code, name_code, show_error, show_warning

page_guard()

st.title("Overstap naar een andere arbeidsmarktregio")
st.markdown(
    "Wat verandert er als een gemeente overstapt naar een andere arbeidsmarktregio? Op de kaart, "
    "in de cijfers van beide regio's, in de verdeling van de regionale kosten en in de formele "
    "route. Standaard: **Voorschoten** van Zuid-Holland Centraal naar **Holland Rijnland**, "
    "zoals in de notitie van Voorschoten."
)

index = cache.region_index()
facts = cache.region_facts()
region_names = {r.code: r.name for r in index.regions}
gemeente_names = {g.code: g.name for g in index.gemeenten}
matrix_variants = current_problem().matrix


# Region and gemeente names come from the data folder (or a mirror): user text. ``rlabel`` is
# the plain "Naam (code)" for selectbox options and dataframes; ``md`` and ``md_rlabel`` are for
# everything that renders Markdown (headers, widget labels, captions, sentences).
md = escape_markdown


def rlabel(code: str) -> str:
    return name_code(region_names.get(code, code), code)


def md_rlabel(code: str) -> str:
    return md_name_code(region_names.get(code, code), code)


# --- settings: validated on read (a share link may carry anything) ---------------------------
possible, notice = possible_move(index, overstap())
if notice:
    add_notice(notice)
settings = possible.as_dict()
show_notices(pop_notices())

with st.container(border=True):
    c1, c2 = st.columns(2)
    gemeente = choice(
        c1,
        "Welke gemeente stapt over?",
        sorted(gemeente_names, key=gemeente_names.__getitem__),
        key="overstap_gemeente",
        default=settings["gemeente"],
        format_func=lambda g: f"{gemeente_names[g]} (nu: {region_names[index.region_of(g)]})",
        placeholder="Kies…",
    )
    naar = choice(
        c2,
        "Naar welke arbeidsmarktregio?",
        list(region_names),
        key="overstap_naar",
        default=settings["naar"],
        format_func=rlabel,
        placeholder="Kies…",
    )

try:
    gemeente, van, naar = check_move(index, gemeente, naar)
except DashboardError as err:
    show_error(
        f"{err}. Hieronder staat nog de vorige keuze: {gemeente_names[settings['gemeente']]} "
        f"naar {rlabel(settings['naar'])}."
    )
    gemeente, naar = settings["gemeente"], settings["naar"]
    van = index.region_of(gemeente)
else:
    if (gemeente, naar) != (settings["gemeente"], settings["naar"]):
        settings.update(gemeente=gemeente, naar=naar)
        set_overstap_settings(settings)

result = cache.overstap_result(gemeente, naar)
inwoners_period = indicator_period("inwoners", result.year).text
name = result.gemeente_naam
figure_sources = result.source_ids
# filled in once the costs are known (below), but read first
summary_box = st.container(border=True)

# --- before / after ---------------------------------------------------------------------------
st.header(md(f"{name}: van {region_names[van]} naar {region_names[naar]}"))
warning = centrumgemeente_note(name, van, facts)
if warning:
    show_warning(warning)
cols = st.columns(2)
for col, code in zip(cols, (van, naar), strict=True):
    before, after = result.before[code], result.after[code]
    with col, st.container(border=True):
        st.subheader(md_rlabel(code))
        # a row that wraps: each figure keeps its full width instead of being cut ("357.…")
        m1 = m2 = m3 = st.container(horizontal=True, gap="medium")
        m1.metric(
            "Gemeenten",
            len(after.members),
            delta=len(after.members) - len(before.members),
            delta_color="off",
            width="content",
        )
        delta = (
            None
            if before.inwoners is None or after.inwoners is None
            else fmt_int(after.inwoners - before.inwoners)
        )
        m2.metric(
            f"Inwoners ({inwoners_period})",
            fmt_int(after.inwoners),
            delta=delta,
            delta_color="off",
            width="content",
        )
        m3.metric(
            "Land (km²)",
            fmt_number(after.oppervlakte_land_km2, 1),
            delta=(
                None
                if before.oppervlakte_land_km2 is None or after.oppervlakte_land_km2 is None
                else fmt_number(after.oppervlakte_land_km2 - before.oppervlakte_land_km2, 1)
            ),
            delta_color="off",
            width="content",
        )
        st.caption(
            md(
                f"Voor: {len(before.members)} gemeenten, {fmt_int(before.inwoners)} inwoners. "
                f"Na: {', '.join(n for _, n in after.members)}."
            )
        )
st.markdown(
    f"Nederland telt voor en na de overstap **{fmt_int(result.national_after)}** inwoners: "
    "alleen de indeling verandert."
    if result.national_before == result.national_after
    else "Het landelijk totaal is niet beschikbaar (een gemeente mist cijfers)."
)
before_after_text = chart_texts.before_after_text(result)
show_chart(
    charts.before_after_spec(result),
    key="overstap_voor_na",
    alt=before_after_text,
    sources=figure_sources,
    extra=f"Inwoners op {inwoners_period}.",
)
st.caption("Tekstversie: " + md(before_after_text))
source_caption(*figure_sources, extra=f"Inwoners op {inwoners_period}.")

st.subheader("Arbeidsmarkt, inkomen en bedrijven: voor en na")
labour_block.overstap_block(*cache.labour_overstap(gemeente, naar))

st.subheader("Op de kaart")
when = st.radio(
    "Indeling", ["Na de overstap", "Voor de overstap"], horizontal=True, key="overstap_kaart"
)
after_move = when == "Na de overstap"
svg_picture(
    cache.membership_map(
        (van, naar),
        moves=((gemeente, naar),) if after_move else (),
        marked_gemeente=gemeente,
        region_labels=tuple((c, rlabel(c)) for c in (van, naar)),
    ),
    alt=f"Kaart van de gemeenten van {rlabel(van)} en {rlabel(naar)} {when.lower()}, gekleurd "
    f"naar regio; {name} is zwart omlijnd.",
)
target_now = naar if after_move else van
members_now = result.after if after_move else result.before
st.caption(
    md(
        f"Tekstversie van de kaart: de gemeenten van {rlabel(van)} en {rlabel(naar)}, gekleurd "
        f"naar hun regio ({when.lower()}). {name} is zwart omlijnd en hoort hier bij "
        f"{rlabel(target_now)}. "
        + " ".join(
            f"{rlabel(c)}: {', '.join(n for _, n in members_now[c].members)}." for c in (van, naar)
        )
    )
)
source_caption("cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025")

# --- commuting (pendel) --------------------------------------------------------------------------
st.header(f"Waar werken de inwoners van {escape_markdown(name)}?")
st.markdown(
    "Waar de werkende inwoners hun baan hebben, is het feit waar de regiovraag om draait: de "
    "notitie van Voorschoten noemt regio's 'waar sprake is van relatief hoge pendel'. Hieronder "
    "de banen van werknemers die in deze gemeente wonen, naar de gemeente en regio waar ze werken."
)
try:
    pendel_result = cache.pendel_gemeente(gemeente, candidate=naar)
    pendel_trend = cache.pendel_trend(gemeente, candidate=naar)
    pendel_move = cache.pendel_overstap(gemeente, naar)
except DashboardError as err:
    st.warning(
        f"De pendelcijfers zijn niet beschikbaar: {escape_markdown(err)}", icon=":material/warning:"
    )
else:
    pendel_block.gemeente_section(pendel_result, pendel_trend, region_names, key="overstap_pendel")
    st.subheader("Banen binnen de eigen regio: voor en na")
    st.markdown(escape_markdown(overstap_sentence(pendel_move, region_names)))
    pendel_block.move_block(pendel_move, key="overstap_pendel_binnen")

# --- costs -------------------------------------------------------------------------------------
st.header("Kosten: wie betaalt welk deel?")
st.markdown(
    "Vul per regio het jaarlijkse regionale budget in (bijvoorbeeld de kosten van het regionale "
    "platform en het WSP). Het dashboard verdeelt dat over de gemeenten, voor en na de overstap. "
    "De notitie zegt: *de overheadkosten stijgen voor de deelnemende gemeenten op het moment dat "
    "één gemeente vertrekt*. Dat ziet u hieronder in euro's en procenten."
)
st.caption(KEY_CAVEAT)
budgets_stored = dict(settings.get("budgets") or {})
with st.container(border=True):
    k1, k2, k3 = st.columns(3)
    key_labels = {"per_inwoner": "Naar inwonertal (standaard)", "gelijk": "Gelijke delen"}
    key_options = [k.value for k in DistributionKey]
    stored_key = settings["key"]
    key_value = k1.radio(
        "Verdeelsleutel",
        key_options,
        index=key_options.index(
            stored_key if stored_key in key_options else DistributionKey.PER_INWONER.value
        ),
        format_func=key_labels.__getitem__,
        key="overstap_sleutel",
    )
    entered: dict[str, float | None] = {}
    refused = False
    for col, code in ((k2, van), (k3, naar)):
        stored_value = budgets_stored.get(code)  # validated by OverstapSettings
        field = amount_input(
            col,
            f"Regiobudget {escape_label(region_names[code])} (euro per jaar)",
            key=f"overstap_budget_{code}",
            stored=stored_value,
            what=f"Regiobudget {region_names[code]}",
            help="Schrijf bedragen zoals gewoonlijk: 1.000.000 of € 1.250.000,50. Geen "
            "standaardbedrag: de bronnen geven geen regiobudget. Leeg laten mag; dan ziet u "
            "alleen de aandelen in procenten.",
        )
        entered[code] = field.value
        refused = refused or field.error is not None
    friction_stored = settings.get("frictiekosten")  # validated by OverstapSettings
    friction_field = amount_input(
        st,
        "Frictiekosten bij uittreding, eenmalig (euro) — optioneel, uw eigen schatting",
        key="overstap_frictie",
        stored=friction_stored,
        what="Frictiekosten",
    )
    frictie = friction_field.value
    refused = refused or friction_field.error is not None
    st.caption(FRICTIEKOSTEN_CAVEAT)

try:
    model = cost_model(result, entered, key_value, frictie)
except DashboardError as err:
    show_error(f"Deze invoer kan niet: {err}. De vorige invoer is bewaard.")
    model = cost_model(result, {}, DistributionKey.PER_INWONER, None)
else:
    new_budgets = {**budgets_stored, **{c: v for c, v in entered.items() if v is not None}}
    for code, value in entered.items():
        if value is None:
            new_budgets.pop(code, None)
    changed = {"budgets": new_budgets, "key": key_value, "frictiekosten": frictie}
    if any(settings.get(k) != v for k, v in changed.items()):
        settings.update(changed)
        set_overstap_settings(settings)
    for caution in model.cautions(region_names):
        show_warning(caution)  # it names regions from data

summary = overstap_summary(
    result,
    model,
    procedure_timeline(van, naar, region_names, facts),
    consequences(gemeente, naar, facts),
    region_names,
)
with summary_box:
    st.subheader(md(summary.title), anchor=False)
    st.markdown("\n".join(f"- **{md(line.label)}.** {md(line.text)}" for line in summary.lines))
    st.caption(
        source_line(*dict.fromkeys(line.source for line in summary.lines if line.source))
        + " Bedragen: uw eigen invoer bij 'Kosten' hieronder."
    )
if refused:
    st.warning(
        "Niet alle ingevulde bedragen zijn overgenomen (zie de melding bij het veld). De cijfers "
        "hieronder gebruiken de bedragen die wel gelden.",
        icon=":material/warning:",
    )
rise_eur, rise_pct = model.overhead_rise_eur, model.overhead_rise_pct
o1 = o2 = o3 = st.container(horizontal=True, gap="large")
o1.metric(
    "Extra voor de blijvers, samen",
    fmt_eur(rise_eur) if rise_eur is not None else "vul een budget in",
    width="content",
)
o2.metric(
    # relative to its own share now (17,1% of the budget becomes 18,4%: 7,2% more), said so,
    # because beside a table of shares a bare "7,2%" reads as percentage points
    "Deel van elke blijvende gemeente",
    f"{fmt_pct(rise_pct, 1)} groter dan nu" if rise_pct is not None else NIET_BESCHIKBAAR,
    width="content",
)
o3.metric(
    "Frictiekosten (eigen invoer)",
    fmt_eur_input(model.frictiekosten) if model.frictiekosten is not None else "niet ingevuld",
    width="content",
)
st.caption(
    md(
        f"De blijvers zijn de gemeenten die in {region_names[van]} blijven. "
        f"Het budget van {region_names[van]} blijft gelijk en wordt na de overstap over "
        f"{len(result.after[van].members)} in plaats van {len(result.before[van].members)} "
        f"gemeenten verdeeld ({DistributionKey(model.key).label}). Frictiekosten worden niet "
        "verdeeld: wie ze betaalt, is niet vastgelegd."
    )
)


cost_note = f"Budget en verdeelsleutel: uw eigen invoer (geen bron). Inwonertal: {inwoners_period}."
show_table(
    cost_figures(model, region_names),
    key="overstap_kosten",
    sources=figure_sources,
    extra=cost_note,
    caption=False,
)
st.caption(
    md(
        f"{name} stapt over: het aandeel voor is een deel van het budget van "
        f"{region_names[van]}, het aandeel na een deel van het budget van {region_names[naar]}. "
        "Die aandelen zijn niet met elkaar te vergelijken; het verschil in euro wel (vul "
        "daarvoor beide budgetten in)."
    )
)
source_caption(*figure_sources, extra=cost_note)
cc1, cc2 = st.columns(2)
for col, code in ((cc1, van), (cc2, naar)):
    with col:
        cost_text = chart_texts.cost_text(model, code, region_names[code])
        show_chart(
            charts.cost_spec(model, code, region_names[code]),
            key=f"overstap_kosten_{code}",
            alt=cost_text,
            sources=figure_sources,
            extra="Budget: uw eigen invoer.",
        )
        st.caption("Tekstversie: " + md(cost_text))
source_caption(*figure_sources, extra="Budget: uw eigen invoer.")

amounts = facts.amounts_for(van) + tuple(a for a in facts.amounts_for(naar) if naar != van)
if amounts:
    with expander("Bedragen die de notitie noemt (ter vergelijking)", key="overstap_bedragen"):
        show_table(
            amounts_figures(amounts, "Bedragen die de notitie noemt"),
            key="overstap_bedragen",
            sources=tuple(dict.fromkeys(a.citation.source for a in amounts)),
            caption=False,
        )
        by_id = {a.id: a for a in amounts}
        parts = ("pow_leidschendam_voorburg", "pow_wassenaar", "pow_voorschoten")
        if "pow_regio_b_totaal" in by_id and all(p in by_id for p in parts):
            total = sum(by_id[p].amount_eur for p in parts)
            if total != by_id["pow_regio_b_totaal"].amount_eur:
                st.caption(
                    f"Let op: de drie budgetten tellen op tot {fmt_eur(total)}; de notitie noemt "
                    f"als totaal {fmt_eur(by_id['pow_regio_b_totaal'].amount_eur)}. Beide bedragen "
                    "staan hier zoals in de bron."
                )
        source_caption(*dict.fromkeys(a.citation.source for a in amounts))

context.show_notes(
    facts.context_for("kosten", (van, naar)), "Naast de kostenverdeling", expanded=True
)

# --- procedure ---------------------------------------------------------------------------------
st.header("De route: wie beslist wat?")
st.markdown(
    "De stappen volgens de notitie van Voorschoten (die de procedure van samenvoordeklant.nl "
    "aanhaalt). Waar de notitie iets niet zegt, staat 'niet vastgelegd'."
)
steps = procedure_timeline(van, naar, region_names, facts)
for step in steps:
    with st.container(border=True):
        st.markdown(f"**Stap {step.number}. {md(step.title)}**")
        st.markdown(
            f"- **Wie:** {md(step.who)}\n- **Beslisregel:** {md(step.rule)}\n"
            f"- **Resultaat:** {md(step.result)}"
        )
        st.caption(
            md(step.citation.document())
            if step.citation
            else "Geen bron: niet vastgelegd in de bronnen."
        )
cited_steps = [s.citation.source for s in steps if s.citation]
if cited_steps:
    source_caption(*dict.fromkeys(cited_steps))

st.subheader("Gevolgen en open vragen uit de notitie")
gevolgen = consequences(gemeente, naar, facts)
g1, g2 = st.columns(2)
for col, kind, title in (
    (g1, "gevolg", "Gevolgen"),
    (g2, "open_vraag", "Open vragen (niet geregeld)"),
):
    with col:
        st.markdown(f"**{title}**")
        for consequence, applies in gevolgen:
            if consequence.kind != kind:
                continue
            text = md(consequence.text)
            if not applies:
                text += (
                    " *(De notitie noemt dit alleen voor Voorschoten → Holland Rijnland; voor "
                    "deze overstap is het niet vastgelegd.)*"
                )
            st.markdown(f"- **{md(consequence.title)}.** {text}")
source_caption(*dict.fromkeys(c.citation.source for c, _ in gevolgen))

context.show_notes(
    facts.context_for("overstap", (van, naar)),
    "Wat de bronnen verder zeggen over deze twee regio's",
)

# --- link to the variants ------------------------------------------------------------------------
st.header("Welke ontwikkelvariant lijkt het meest op elk WSP?")
st.markdown(
    "De handreiking (2012) beschrijft drie ontwikkelvarianten voor de werkgeversdienstverlening. "
    "Geen document zegt welke variant een regio volgt; de standaardkeuze hieronder is een "
    "**aanname** van dit dashboard op basis van de beschrijvingen in de bronnen. Pas die aan als "
    "u het anders ziet; de scores volgen de weging op de pagina Varianten."
)
chosen = dict(settings.get("variant_for_region") or {})
chosen = {r: v for r, v in chosen.items() if v in matrix_variants.variant_ids}
v_cols = st.columns(2)
new_chosen = dict(chosen)
for col, code in zip(v_cols, (van, naar), strict=True):
    assumption = facts.variant_assumption(code)
    options = ["", *matrix_variants.variant_ids]
    default = chosen.get(code) or (assumption.variant if assumption else "")
    picked = choice(
        col,
        f"WSP van {escape_label(region_names[code])} lijkt het meest op",
        options,
        key=f"overstap_variant_{code}",
        default=default,
        format_func=lambda v: (
            "— niet gekozen (niet vastgelegd) —"
            if not v
            else f"{matrix_variants.variant(v).name}: {matrix_variants.variant(v).title}"
        ),
        placeholder="Kies…",
    )
    if picked and (assumption is None or picked != assumption.variant):
        new_chosen[code] = picked
    else:
        new_chosen.pop(code, None)
    if assumption and picked == assumption.variant:
        col.caption(
            md(
                f"Aanname: {assumption.reason} Bron van de beschrijving: "
                f"{assumption.citation.document()}; variant: "
                f"{assumption.variant_citation.document()}."
            )
        )
    elif picked:
        col.caption("Uw eigen keuze.")
    else:
        col.caption("De bronnen beschrijven het WSP van deze regio niet: geen standaardkeuze.")
if new_chosen != chosen:
    settings["variant_for_region"] = new_chosen
    set_overstap_settings(settings)

problem = current_problem()
links = variant_links(
    [(van, region_names[van]), (naar, region_names[naar])], new_chosen, problem, facts
)
show_table(
    figure_table(
        "Welke variant lijkt op elk WSP",
        [
            {
                "Regio": rlabel(link.region),
                "Lijkt op": (
                    matrix_variants.variant(link.variant).name
                    if link.variant
                    else "niet vastgelegd"
                ),
                "Herkomst": {
                    "aanname": "aanname (bronbeschrijving)",
                    "gekozen": "uw keuze",
                    "geen": "—",
                }[link.origin],
                "Score (0–100)": number(link.score_0_100, 0),
                "Rang van 3": count(link.rank or None),
            }
            for link in links
        ],
    ),
    key="overstap_varianten",
)
if all(link.variant for link in links) and links[0].variant == links[1].variant:
    st.caption(
        "Beide WSP's lijken op dezelfde variant: voor de werkgeversdienstverlening verandert de "
        "overstap dan in deze vergelijking niets."
    )
variant_sources = ["seed_004"] + [
    link.citation.source for link in links if link.citation is not None
]
st.caption(
    source_line(*dict.fromkeys(variant_sources))
    + " Scores: huidige weging van de pagina Varianten."
)

"""Regio's vergelijken: two arbeidsmarktregio's side by side (figures, charts, facts, map)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core.errors import DashboardError
from dashboard.core.formatting import fmt_int
from dashboard.core.markup import escape_markdown
from dashboard.data.indicators import indicator_period
from dashboard.data.sources import source_tables
from dashboard.presentation.charts import profiles as charts
from dashboard.presentation.narrative import chart_texts
from dashboard.presentation.narrative.regions import centrumgemeente_source
from dashboard.presentation.tables import (
    Cell,
    amounts_figures,
    figure_table,
    kerncijfers_figures,
    number,
)
from dashboard.region.profiles import MEMBER_INDICATORS, qualitative_table
from dashboard.region.settings import CASE
from dashboard.ui import cache, labour_block, pendel_block
from dashboard.ui.choices import choice
from dashboard.ui.figures import show_chart, show_table
from dashboard.ui.layout import expander, page_guard, source_caption
from dashboard.ui.picture import svg_picture
from dashboard.ui.state import DEFAULT_COMPARE, compare_regions, set_compare_regions
from dashboard.ui.text import literal_table, md_name_code, name_code, show_error

page_guard()

st.title("Regio's vergelijken")
st.markdown(
    "Zet twee arbeidsmarktregio's naast elkaar: hun gemeenten, de CBS-kerncijfers en wat de "
    "documenten zeggen over centrumgemeente, werkgeversservicepunt, Werkcentrum en bestuur. "
    "Standaard: **Zuid-Holland Centraal** en **Holland Rijnland**, de twee regio's uit de "
    "notitie van Voorschoten."
)

index = cache.region_index()
region_names = {r.code: r.name for r in index.regions}
facts = cache.region_facts()


# Region and gemeente names come from the data folder (or a mirror): user text. ``label`` is the
# plain "Naam (code)" for selectbox options and dataframes, ``md_label`` the same for everything
# that renders Markdown (headers, captions, sentences, st.table).
def label(code: str) -> str:
    return name_code(region_names[code], code)


def md_label(code: str) -> str:
    return md_name_code(region_names[code], code)


# --- choice of regions (state: ui.state.compare_regions) -------------------------------------
stored = compare_regions()
if len(stored) != 2 or any(c not in region_names for c in stored) or stored[0] == stored[1]:
    stored = list(DEFAULT_COMPARE)
    set_compare_regions(stored)

described = set(facts.described_regions())
with st.container(border=True):
    c1, c2 = st.columns(2)
    choice_a = choice(
        c1,
        "Eerste regio",
        list(region_names),
        key="regios_a",
        default=stored[0],
        format_func=label,
        placeholder="Kies…",
    )
    choice_b = choice(
        c2,
        "Tweede regio",
        list(region_names),
        key="regios_b",
        default=stored[1],
        format_func=label,
        placeholder="Kies…",
    )
    st.caption(
        "Over "
        + ", ".join(md_label(c) for c in sorted(described))
        + " zeggen de brondocumenten iets; voor de andere regio's toont deze pagina alleen "
        "CBS-cijfers en staat bij de feiten 'niet vastgelegd'."
    )
if choice_a == choice_b:
    show_error(
        f"U koos twee keer {label(choice_a)}. Kies twee verschillende regio's; hieronder staat "
        f"nog de vorige vergelijking ({label(stored[0])} en {label(stored[1])})."
    )
    codes = stored
else:
    codes = [choice_a, choice_b]
    if codes != stored:
        set_compare_regions(codes)

profiles = [cache.region_profile(c) for c in codes]

# --- at a glance ----------------------------------------------------------------------------
cols = st.columns(2)
for col, profile in zip(cols, profiles, strict=True):
    with col, st.container(border=True):
        st.subheader(md_label(profile.code))
        inw = profile.indicator("inwoners")
        m1 = m2 = st.container(horizontal=True, gap="medium")  # wraps instead of cutting
        m1.metric("Gemeenten", profile.n_gemeenten, width="content")
        m2.metric(f"Inwoners ({inw.period})", fmt_int(inw.value), width="content")
        name, source_id = profile.centrumgemeente
        st.markdown(f"**Centrumgemeente:** {escape_markdown(name or 'niet vastgelegd')}")
        st.caption(centrumgemeente_source(source_id if name else None))

# --- kerncijfers table ----------------------------------------------------------------------
st.subheader("Kerncijfers")
figures = kerncijfers_figures(profiles)
headers = {p.name: label(p.code) for p in profiles}
kerncijfers = figure_table(
    figures.caption,
    [
        {headers.get(k, k): v for k, v in zip(figures.header, row, strict=True)}
        | {"Bron": source_tables(*ids)}  # in full under the table
        for row, ids in zip(figures.cells, figures.row_sources, strict=True)
    ],
)
sources = [i for ids in figures.row_sources for i in ids]
show_table(
    kerncijfers,
    key="regios_kerncijfers",
    sources=(*dict.fromkeys(sources), "indeling_afgeleid_2025"),
    extra=(
        "Regiocijfers zijn sommen van de gemeenten; de dichtheid is totaal inwoners gedeeld door "
        "totale landoppervlakte, de leeftijdsopbouw is berekend uit de afgeronde percentages per "
        "gemeente. Huishoudens en leeftijdsopbouw zijn alleen voor 2023 beschikbaar."
    ),
)

# --- charts ---------------------------------------------------------------------------------
st.subheader("In grafieken")
totals_sources = (*profiles[0].indicator("inwoners").source_ids, "indeling_afgeleid_2025")
totals_text = chart_texts.totals_text(profiles)
show_chart(
    charts.totals_spec(profiles), key="regios_totalen", alt=totals_text, sources=totals_sources
)
st.caption("Tekstversie: " + escape_markdown(totals_text))
source_caption(*totals_sources)

member_choice = st.radio(
    "Gemeenten vergelijken op",
    ["inwoners", "bevolkingsdichtheid", "oppervlakte_land_km2"],
    format_func=lambda i: profiles[0].indicator(i).label,
    horizontal=True,
    key="regios_member_indicator",
)
member_sources = (*profiles[0].indicator(member_choice).source_ids, "indeling_afgeleid_2025")
members_text = chart_texts.members_text(profiles, member_choice)
show_chart(
    charts.members_spec(profiles, member_choice),
    key="regios_gemeenten",
    alt=members_text,
    sources=member_sources,
)
st.caption("Tekstversie: " + escape_markdown(members_text))
source_caption(*member_sources)

age_note = "Berekend uit de afgeronde percentages per gemeente; telt daardoor niet altijd tot 100."
age_text = chart_texts.age_text(profiles)
show_chart(
    charts.age_spec(profiles),
    key="regios_leeftijd",
    alt=age_text,
    sources=profiles[0].age[0].source_ids,
    extra=age_note,
)
st.caption("Tekstversie: " + escape_markdown(age_text))
source_caption(*profiles[0].age[0].source_ids, extra=age_note)

# --- member tables --------------------------------------------------------------------------
st.subheader("Gemeenten met hun cijfers")
cols = st.columns(2)
member_labels = {
    "inwoners": "Inwoners",
    "oppervlakte_land_km2": "Land (km²)",
    "bevolkingsdichtheid": "Inwoners per km²",
    "huishoudens": "Huishoudens",
    "pct_65_plus": "65+ (%)",
}
member_sources = ("cbs_kerncijfers_2024", "cbs_wijkbuurtkaart_2023", "indeling_afgeleid_2025")
for col, profile in zip(cols, profiles, strict=True):
    with col:
        st.markdown(f"**{md_label(profile.code)}**")
        member_rows: list[dict[str, Cell]] = []
        for _, member in profile.members.iterrows():
            row: dict[str, Cell] = {"Gemeente": str(member["gemeente_naam"])}
            for indicator_id in MEMBER_INDICATORS:
                year = profile.member_years.get(indicator_id)
                decimals = 1 if indicator_id == "oppervlakte_land_km2" else 0
                period = indicator_period(indicator_id, year).text
                row[f"{member_labels[indicator_id]} ({period})"] = number(
                    member[indicator_id], decimals
                )
            member_rows.append(row)
        show_table(
            figure_table(f"Gemeenten van {label(profile.code)}", member_rows),
            key=f"regios_leden_{profile.code}",
            sources=member_sources,
            extra="De peildatum staat in de kolomkop.",
            caption=False,
        )
source_caption(*member_sources, extra="De peildatum staat in de kolomkop.")

# --- labour market -----------------------------------------------------------------------------
st.subheader("Arbeidsmarkt, inkomen en bedrijven")
st.markdown(
    "De twee regio's naast elkaar en naast Nederland: uitkeringen, werk, inkomen en "
    "bedrijfsvestigingen (CBS, Kerncijfers wijken en buurten)."
)
labour_block.comparison_block(
    cache.labour_comparison(tuple((p.code, p.name) for p in profiles)), key="regios_labour"
)

# --- commuting (pendel) ------------------------------------------------------------------------
st.subheader("Pendel: waar werken de inwoners?")
st.markdown(
    "Hoe goed past een regio bij haar arbeidsmarkt? Het aandeel van de banen van haar inwoners dat "
    "in de regio zelf ligt, en per gemeente waar de inwoners werken."
)
try:
    pendel_shares = cache.pendel_inside()
    pendel_regions = cache.pendel_region_trend(tuple(codes))
    pendel_outward = cache.pendel_elsewhere()
except DashboardError as err:
    st.warning(
        f"De pendelcijfers zijn niet beschikbaar: {escape_markdown(err)}", icon=":material/warning:"
    )
else:
    pendel_block.inside_block(pendel_shares, codes, pendel_regions, key="regios_pendel_binnen")
    member_names = {g.code: g.name for c in codes for g in index.members(c)}
    pendel_gemeente = choice(
        st,
        "Van welke gemeente wilt u zien waar de inwoners werken?",
        sorted(member_names, key=member_names.__getitem__),
        key="regios_pendel_gemeente",
        default=CASE.gemeente if CASE.gemeente in member_names else next(iter(member_names)),
        format_func=lambda g: f"{member_names[g]} ({region_names[index.region_of(g)]})",
        placeholder="Kies een gemeente",
    )
    own_region = index.region_of(pendel_gemeente)
    other_region = codes[1] if own_region == codes[0] else codes[0]
    st.markdown(
        f"**Waar werken de inwoners van {escape_markdown(member_names[pendel_gemeente])}?**"
    )
    pendel_block.gemeente_section(
        cache.pendel_gemeente(pendel_gemeente, candidate=other_region),
        cache.pendel_trend(pendel_gemeente, candidate=other_region),
        region_names,
        key="regios_pendel",
    )
    st.markdown(
        "**Gemeenten van deze twee regio's waarvan de inwoners meer in een andere regio werken "
        "dan in de eigen regio**"
    )
    pendel_block.outward_list(
        [o for o in pendel_outward if o.region_code in codes], pendel_shares.source
    )

# --- qualitative table ----------------------------------------------------------------------
st.subheader("Wat de documenten zeggen")
st.markdown(
    "Elke cel noemt haar bron: het document en de paragraaf. Staat er 'niet vastgelegd in de "
    "bronnen', dan zegt geen van de documenten er iets over; het dashboard vult niets aan."
)
table_rows = []
cited: list[str] = []
for topic in qualitative_table(profiles, facts):
    entry = {"Onderwerp": topic.label}
    for profile in profiles:
        cell = topic.cells[profile.code]
        entry[label(profile.code)] = cell.text
        entry[f"Bron {profile.code}"] = cell.source_text
        cited.extend(c.source for c in cell.citations)
    table_rows.append(entry)
# st.table wraps long text (a dataframe would cut it off) and is read row by row
st.table(literal_table(pd.DataFrame(table_rows).set_index("Onderwerp")))
if cited:
    source_caption(*dict.fromkeys(cited))
amount_profiles = [p for p in profiles if p.amounts]
if amount_profiles:
    with expander("Bedragen die de documenten noemen", key="regios_bedragen"):
        for profile in amount_profiles:
            st.markdown(f"**{md_label(profile.code)}**")
            show_table(
                amounts_figures(profile.amounts, f"Bedragen voor {label(profile.code)}"),
                key=f"regios_bedragen_{profile.code}",
                sources=tuple(dict.fromkeys(a.citation.source for a in profile.amounts)),
                caption=False,
            )
        source_caption(
            *dict.fromkeys(a.citation.source for p in amount_profiles for a in p.amounts)
        )
with expander("Letterlijke citaten uit de documenten", key="regios_citaten"):
    for profile in profiles:
        if not profile.facts:
            st.markdown(f"**{md_label(profile.code)}**: geen feiten in de brondocumenten.")
            continue
        st.markdown(f"**{md_label(profile.code)}**")
        for fact in profile.facts:
            # plain text: a quoted web address would otherwise become a link that ends in ”
            quotes = " … ".join(f"“{escape_markdown(q)}”" for q in fact.citation.quotes)
            st.markdown(
                f"- {escape_markdown(fact.value)}  \n  {quotes or '(geen citaat)'}  \n  "
                f"*{escape_markdown(fact.citation.document())}*"
            )

for profile in profiles:
    if profile.composition_differs():
        in_source = profile.name_in_source
        with st.container(border=True):
            st.markdown(
                f"**Samenstelling van {md_label(profile.code)}: bron en CBS-indeling 2025 "
                "verschillen**"
            )
            if in_source:
                st.markdown(
                    f"In de bron heet de regio **{escape_markdown(in_source[0])}**; CBS noemt "
                    f"haar in 2025 **{escape_markdown(profile.name)}**."
                )
            comp = pd.DataFrame(
                {
                    "Gemeente": [r.gemeente_naam for r in profile.composition],
                    "In de bron": ["ja" if r.in_seed else "nee" for r in profile.composition],
                    "Subregio in de bron": [
                        (r.subregio + (" (afgeleid)" if r.subregio_afgeleid else ""))
                        if r.in_seed
                        else ""
                        for r in profile.composition
                    ],
                    "Regio in 2025 (CBS)": [
                        label(r.region_2025) if r.region_2025 else "bestaat niet meer als gemeente"
                        for r in profile.composition
                    ],
                }
            )
            st.dataframe(comp, hide_index=True, width="stretch")
            notes = [f for f in profile.facts if f.topic == "indeling"]
            for note in notes:
                st.markdown(
                    f"- {escape_markdown(note.value)} "
                    f"*({escape_markdown(note.citation.document())})*"
                )
            source_caption(
                *dict.fromkeys(
                    [r.citation.source for r in profile.composition if r.citation]
                    + [n.citation.source for n in notes]
                    + ["cbs_gebiedsindelingen_2025"]
                )
            )

# --- map ------------------------------------------------------------------------------------
st.subheader("Op de kaart")
svg_picture(
    cache.membership_map(tuple(codes), region_labels=tuple((c, label(c)) for c in codes)),
    alt=f"Kaart van de gemeenten van {label(codes[0])} en {label(codes[1])}, gekleurd naar regio.",
)
st.caption(
    "Tekstversie van de kaart: "
    + escape_markdown(
        " ".join(
            f"{label(p.code)} ({p.n_gemeenten} gemeenten): "
            + ", ".join(p.members["gemeente_naam"])
            + "."
            for p in profiles
        )
    )
)
source_caption("cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025")

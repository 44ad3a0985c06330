"""Kaart: the 35 arbeidsmarktregio's coloured by a CBS figure, with their gemeenten."""

from __future__ import annotations

import streamlit as st

from dashboard.data.indicators import INDICATORS, indicator_period
from dashboard.region.settings import CASE
from dashboard.ui import first_look
from dashboard.ui.choices import choice, settled_choice
from dashboard.ui.layout import expander, page_guard, source_caption
from dashboard.ui.svg_map import map_picture

page_guard()


st.title("Kaart van de arbeidsmarktregio's")
st.markdown(
    "Nederland is verdeeld in **35 arbeidsmarktregio's**. In elke regio werken gemeenten en UWV "
    "samen, onder meer in het werkgeversservicepunt (WSP). Zuid-Holland Centraal, Holland "
    "Rijnland en Voorschoten zijn uitgelicht."
)

# What the controls offer, and the default map itself, come with the data (``ui/first_look``):
# a new server process sends the map without loading pandas, and loads the figures after.
choices = first_look.choices()
available_years = choices.years
# Grouped by subject (Bevolking, Arbeidsmarkt, ...): typing a subject in the box filters on it.
indicator_ids = list(choices.indicator_ids)
region_names = dict(choices.region_names)
gemeente_names = dict(choices.gemeente_names)

# The map stands at the top of its column, with nothing above it but the title and the
# introduction: the controls, whose code the browser loads later, stand beside it (below it on a
# phone), so they cannot push it down when they come. It is one element, a picture the server
# drew (``ui/svg_map``): on screen as fast as text. Only "Vrij zoomen" replaces it, with pydeck.
# The map reads the controls' values from the session (the defaults on a first visit); the
# widgets further down keep them.
map_column, side_column = st.columns([3, 2], gap="medium")

indicator_id = settled_choice("kaart_indicator", indicator_ids, indicator_ids[0])
indicator = INDICATORS[indicator_id]
years = available_years[indicator_id]
year = settled_choice(f"kaart_jaar_{indicator_id}", list(reversed(years)), years[-1])
# the figure's own reference period ("31 december 2024, voorlopig"), not the table's year
period = indicator_period(indicator_id, year).text
view = settled_choice("kaart_weergave", ["Vaste kaart", "Vrij zoomen"], "Vaste kaart")
show_gemeenten = bool(st.session_state.get("kaart_gemeenten", False))
zoomed = bool(st.session_state.get("kaart_inzoomen", False))
highlight_regions = [
    c for c in st.session_state.get("kaart_uitgelicht", list(CASE.regions)) if c in region_names
]
highlight_gemeenten = [
    c for c in st.session_state.get("kaart_gemeente", [CASE.gemeente]) if c in gemeente_names
]
zoom_to = tuple(highlight_regions) + tuple(highlight_gemeenten) if zoomed else ()
settled_choice("kaart_regio", list(region_names), CASE.van)

if view == "Vaste kaart":
    with map_column:
        map_picture(
            first_look.region_map(
                year,
                indicator_id,
                show_gemeenten=show_gemeenten,
                highlight_regions=tuple(highlight_regions),
                highlight_gemeenten=tuple(highlight_gemeenten),
                zoom_to=zoom_to,
            ),
            label=f"Kaart van de arbeidsmarktregio's: {indicator.label.lower()}, {period}",
            selected=st.session_state.get("kaart_regio"),
        )

# Everything below needs the figures; on a new server process these imports load pandas and the
# CBS files while the browser already draws the map sent above.
import pandas as pd  # noqa: E402

from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_indicator, fmt_int  # noqa: E402
from dashboard.core.markup import escape_markdown  # noqa: E402
from dashboard.data import kerncijfers as kc_mod  # noqa: E402
from dashboard.data.facts import centrumgemeente  # noqa: E402
from dashboard.data.sources import source_line  # noqa: E402
from dashboard.presentation.charts.scoring import markdown_table  # noqa: E402
from dashboard.presentation.maps import REGION_LAYER_ID, map_text_alternative, region_deck  # noqa: E402
from dashboard.presentation.narrative.regions import centrumgemeente_source  # noqa: E402
from dashboard.presentation.tables import count, figure_table, number  # noqa: E402
from dashboard.ui import cache  # noqa: E402
from dashboard.ui.figures import download_figures  # noqa: E402
from dashboard.ui.text import md_name_code  # noqa: E402

kc = cache.kerncijfers()
figures = cache.region_figures(year)
values = figures[indicator_id]
unit = indicator.unit
sources = kc_mod.source_ids(kc, year)
# KWB topics (labour market, income, businesses) have their own reference period per indicator
period_text = f"{indicator.label}: {period}."
inwoners_period = indicator_period("inwoners", year).text
if indicator.source_id:
    sources = (indicator.source_id, *sources)


def choose_region_from_deck() -> None:
    """A region clicked on the free-zoom map becomes the region shown beside it."""
    state = st.session_state.get("kaart_vrij_zoomen") or {}
    objects = (state.get("selection") or {}).get("objects") or {}
    for picked in objects.get(REGION_LAYER_ID) or []:
        code = picked.get("id") if isinstance(picked, dict) else None
        if code in region_names:
            st.session_state["kaart_regio"] = code


with map_column:
    if view == "Vaste kaart":
        st.caption(
            "Zwart omrand: de gekozen regio, met haar cijfers bij de kaart. In ‘Vrij zoomen’ "
            "ziet u de cijfers van een regio als u haar aanwijst, en kiest u haar door te klikken."
        )
    else:
        st.pydeck_chart(
            region_deck(
                cache.map_layers(),
                values,
                indicator_label=indicator.label,
                unit=indicator.unit,
                decimals=indicator.decimals,
                details=cache.map_details(year, indicator_id),
                show_gemeenten=show_gemeenten,
                highlight_regions=tuple(highlight_regions),
                highlight_gemeenten=tuple(highlight_gemeenten),
                zoom_to=zoom_to,
            ),
            height=620,
            selection_mode="single-object",
            on_select=choose_region_from_deck,
            key="kaart_vrij_zoomen",
        )
        st.image(
            cache.map_legend(
                year, indicator_id, tuple(highlight_regions), tuple(highlight_gemeenten)
            ),
            caption="Legenda",
            alt=(
                f"Legenda: lichtblauw is weinig, donkerblauw is veel {unit}; grijs is "
                f"{NIET_BESCHIKBAAR}. Dikke lijnen omranden de uitgelichte regio's en gemeente."
            ),
        )
    source_caption(
        *sources,
        "cbs_gebiedsindelingen_2025",
        "indeling_afgeleid_2025",
        extra=(period_text + (f" {indicator.note.capitalize()}." if indicator.note else "")),
    )
    st.caption(
        "Tekstversie van de kaart: "
        + escape_markdown(  # region names come from the data folder: user text
            map_text_alternative(
                values,
                region_names,
                indicator_label=indicator.label,
                unit=unit,
                decimals=indicator.decimals,
                highlight_regions=tuple(highlight_regions),
            )
        )
    )

# --- beside the map: the controls, then one region in detail ----------------------------------
with side_column, st.container(border=True, key="kaart_keuzes"):
    # the same keys and defaults as read above; the values were taken from the session
    choice(
        st,
        "Wat wilt u op de kaart zien?",
        indicator_ids,
        key="kaart_indicator",
        default=indicator_id,
        format_func=lambda i: f"{INDICATORS[i].group}: {INDICATORS[i].label}",
        placeholder="Kies…",
    )
    c1, c2 = st.columns(2)
    choice(
        c1,
        "Tabeljaar (CBS)" if INDICATORS[indicator_id].source_id else "Peiljaar (1 januari)",
        list(reversed(years)),
        key=f"kaart_jaar_{indicator_id}",
        default=year,
        placeholder="Kies…",
    )
    c2.radio("Weergave", ["Vaste kaart", "Vrij zoomen"], key="kaart_weergave")
    # The less used settings fold away, so the region's figures stand in view beside the map.
    with expander("Uitlichten, inzoomen en gemeentegrenzen", key="kaart_uitlichten"):
        st.toggle("Gemeentegrenzen tonen", value=False, key="kaart_gemeenten")
        st.toggle("Inzoomen op de uitgelichte gebieden", value=False, key="kaart_inzoomen")
        # an explanation as text: a help icon would be read out as English "Help for …"
        st.caption(
            "Inzoomen toont alleen de omgeving van de uitgelichte regio's en gemeente. "
            "‘Vrij zoomen’ is een kaartweergave waarin u zelf kunt in- en uitzoomen."
        )
        st.multiselect(
            "Uitgelichte regio's",
            list(region_names),
            default=list(CASE.regions),
            format_func=lambda c: f"{region_names[c]} ({c})",
            key="kaart_uitgelicht",
            placeholder="Kies een of meer regio's",
        )
        st.multiselect(
            "Uitgelichte gemeente",
            sorted(gemeente_names, key=gemeente_names.__getitem__),
            default=[CASE.gemeente],
            format_func=lambda c: gemeente_names[c],
            key="kaart_gemeente",
            placeholder="Kies een gemeente",
        )

with side_column:
    region_code = choice(
        st,
        "Kies een regio",
        list(region_names),
        key="kaart_regio",
        default=CASE.van,
        format_func=lambda c: f"{region_names[c]} ({c})",
        placeholder="Kies…",
    )
    st.subheader(md_name_code(region_names[region_code], region_code))
    gem = kc_mod.gemeente_figures(kc, year)
    members = cache.region_index().members(region_code)
    rows = []
    for g in members:
        fig_row = gem.loc[g.code] if g.code in gem.index else pd.Series(dtype=float)
        row = {
            "Gemeente": g.name,
            f"Inwoners ({inwoners_period})": fmt_int(fig_row.get("inwoners")),
        }
        if indicator_id != "inwoners":  # else the same column twice
            row[f"{indicator.label} ({period})"] = fmt_indicator(
                fig_row.get(indicator_id), indicator.unit, indicator.decimals
            )
        rows.append(row)
    total = figures.loc[region_code]
    st.markdown(
        f"**Gemeenten:** {len(members)}  \n"
        f"**Inwoners ({inwoners_period}):** {fmt_int(total.get('inwoners'))}"
    )
    region_value = values.get(region_code)
    if indicator_id != "inwoners":  # the metric above already shows it
        shown = fmt_indicator(region_value, indicator.unit, indicator.decimals, with_unit=True)
        st.markdown(f"**{indicator.label} ({period}):** {shown}")
    centrum, centrum_source = centrumgemeente(region_code)
    st.markdown(f"**Centrumgemeente:** {escape_markdown(centrum or 'niet vastgelegd')}")
    st.caption(centrumgemeente_source(centrum_source if centrum else None))
    # Markdown tables: drawn with the text, no table grid to download on the first visit
    st.markdown(markdown_table(pd.DataFrame(rows)))
    source_caption(*sources, "indeling_afgeleid_2025", extra=period_text)

with expander("Alle 35 regio's als tabel", key="kaart_tabel"):
    order = values.reindex(figures.index).sort_values(ascending=False, na_position="last").index
    table = pd.DataFrame(
        {
            "Regio": [region_names[c] for c in order],
            "Code": order,
            "Gemeenten": [int(figures.at[c, "n_gemeenten"]) for c in order],
            "Inwoners": [fmt_int(figures.at[c, "inwoners"]) for c in order],
            f"{indicator.label} ({period})": [
                fmt_indicator(v, indicator.unit, indicator.decimals) for v in values.reindex(order)
            ],
        }
    )
    st.caption(f"Van hoog naar laag op {indicator.label.lower()}.")
    st.markdown(markdown_table(table))
    source_caption(*sources, "indeling_afgeleid_2025", extra=period_text)
    if values.isna().any():
        st.caption(f"Een lege waarde betekent: {NIET_BESCHIKBAAR} voor {year}.")
    download_figures(
        figure_table(
            f"Arbeidsmarktregio's: {indicator.label.lower()} ({period})",
            [
                {
                    "Regio": region_names[c],
                    "Code": c,
                    "Gemeenten": count(figures.at[c, "n_gemeenten"]),
                    "Inwoners": count(figures.at[c, "inwoners"]),
                    f"{indicator.label} ({period})": number(v, indicator.decimals),
                }
                for c, v in values.reindex(order).items()
            ],
            source=source_line(*sources, "indeling_afgeleid_2025", extra=period_text),
        ),
        key="kaart_tabel",
    )

# --- commuting (pendel): how well each region matches its labour market -------------------------
from dashboard.core.errors import DashboardError  # noqa: E402
from dashboard.core.markup import escape_markdown  # noqa: E402
from dashboard.presentation.narrative.pendel import jobs, pct  # noqa: E402
from dashboard.region.pendel import split_placements  # noqa: E402
from dashboard.ui import pendel_block  # noqa: E402
from dashboard.ui.picture import svg_picture  # noqa: E402

st.header("Pendel: hoeveel banen liggen in de eigen regio?")
st.markdown(
    "Per regio het aandeel van de banen van haar inwoners dat in de regio zelf ligt: hoe beter "
    "een regio bij haar arbeidsmarkt past, hoe hoger. Daaronder de gemeenten waarvan de inwoners "
    "meer in één andere regio werken dan in de eigen regio: daar speelt de vraag van Voorschoten "
    "ook."
)
try:
    pendel_years = cache.pendel_data().years
    pendel_year = st.select_slider(
        "December van welk jaar?",
        options=list(pendel_years),
        value=pendel_years[-1],
        key="kaart_pendel_jaar",
    )
    pendel_shares = cache.pendel_inside(pendel_year)
    pendel_outward = cache.pendel_elsewhere(pendel_year)
    pendel_svg = cache.pendel_map(pendel_year)
except DashboardError as err:
    st.warning(
        f"De pendelcijfers zijn niet beschikbaar: {escape_markdown(err)}", icon=":material/warning:"
    )
else:
    pendel_values = pd.Series(
        {c: (None if s is None else 100 * s) for c, s in pendel_shares.values().items()},
        dtype=float,
    )
    pendel_label = f"Banen van inwoners binnen de eigen regio ({pendel_shares.source.period})"
    svg_picture(pendel_svg, alt=f"Kaart van de arbeidsmarktregio's: {pendel_label.lower()}")
    st.caption(
        "Tekstversie van de kaart: "
        + escape_markdown(
            map_text_alternative(
                pendel_values,
                region_names,
                indicator_label=pendel_label,
                unit="% binnen de regio",
                decimals=1,
                highlight_regions=tuple(highlight_regions),
            )
        )
    )
    pendel_block.pendel_caption(pendel_shares.source)
    with expander("Alle 35 regio's: aandeel banen binnen de eigen regio", key="kaart_pendel"):
        ranked = sorted(pendel_shares.regions, key=lambda r: -(r.share or 0))
        st.markdown(
            markdown_table(
                pd.DataFrame(
                    {
                        "Regio": [r.name for r in ranked],
                        "Code": [r.code for r in ranked],
                        "Binnen de regio": [pct(r.share) for r in ranked],
                        "Banen binnen (× 1.000)": [jobs(r.inside_jobs) for r in ranked],
                        "Banen van inwoners (× 1.000)": [jobs(r.total_jobs) for r in ranked],
                    }
                )
            )
        )
        pendel_block.pendel_caption(pendel_shares.source)
    st.subheader("Gemeenten die meer in een andere regio werken")
    pendel_block.outward_list(pendel_outward, pendel_shares.source)
    with expander("Hoe de gemeenten van 2014 zijn omgerekend naar 2025", key="kaart_omrekening"):
        pendel_block.method_note(split_placements(cache.pendel_data()), gemeente_names)

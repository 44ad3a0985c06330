"""Bronnen en methode: every source with its licence, and how the figures are made."""

from __future__ import annotations

import streamlit as st

from dashboard import __version__
from dashboard.core.config import cbs_cache_dir, data_source
from dashboard.core.formatting import fmt_date
from dashboard.core.markup import escape_markdown
from dashboard.data.embedded import snapshot_info
from dashboard.data.sources import load_sources
from dashboard.presentation.narrative import scale_assumption
from dashboard.presentation.narrative.regions import METHOD_NOTE
from dashboard.presentation.narrative.sources import period_entries, source_entries
from dashboard.ui.layout import page_guard

page_guard()


def entries_markdown(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """Entries and their details as a Markdown list (their text escaped: it comes from a file)."""
    lines = []
    for entry, details in entries:
        lines.append(f"- {escape_markdown(entry)}")
        lines.extend(f"    - {escape_markdown(detail)}" for detail in details)
    return "\n".join(lines)


st.title("Bronnen en methode")
st.markdown(
    "Elk getal in dit dashboard heeft een bron. Staat er **niet beschikbaar**, dan is er geen "
    "bron voor gevonden en is er niets geschat of aangevuld."
)

st.subheader("Bronnen")
# one entry per source, the same words as the report's list; a list wraps, a grid cut them off
st.markdown(entries_markdown(source_entries()))
st.caption(f"De bronnenlijst van dit dashboard (versie {__version__}).")

st.subheader("De documenten zelf")
st.markdown(
    "De gemeentelijke stukken waarop het dashboard steunt, zijn openbaar. U kunt de tekst van "
    "elk document hier openen (zoals die uit de pdf is overgenomen); de verwijzingen in het "
    "dashboard noemen de paragraaf."
)
for s in load_sources().values():
    path = s.document_file()
    if path is None:
        continue
    st.download_button(
        f"{s.short} — {s.publisher}",
        data=path.read_bytes(),
        file_name=path.name,
        mime="text/plain",
        icon=":material/description:",
        on_click="ignore",
        key=f"bron_document_{s.id}",
    )

st.subheader("Hoe de cijfers tot stand komen")
st.markdown(
    """
**Indeling in arbeidsmarktregio's.** Het dashboard leidt zelf af in welke arbeidsmarktregio elke
gemeente ligt: van elke gemeente wordt een punt binnen haar grens genomen en bekeken in welke
regiogrens dat punt valt (grenzen van CBS/PDOK 2025, eerst gerepareerd waar de vereenvoudigde
grens zichzelf snijdt). Alle 342 gemeenten vallen zo in precies één van de 35 regio's.

**Cijfers per regio.** Aantallen (inwoners, huishoudens, woningen, oppervlakte) zijn opgeteld
over de gemeenten. Verhoudingen worden opnieuw berekend uit die totalen: de bevolkingsdichtheid
van een regio is het totaal aantal inwoners gedeeld door de totale landoppervlakte, niet het
gemiddelde van de gemeentelijke dichtheden. Ontbreekt een cijfer voor één gemeente, dan is het
regiototaal *niet beschikbaar* (een gedeeltelijke som zou er volledig uitzien, maar is dat niet).

**Peildata.** Inwoners, mannen/vrouwen, woningvoorraad en oppervlakte zijn er voor 1 januari
2024 (CBS-tabel 85984NED); huishoudens, huishoudensgrootte en leeftijdsopbouw voor 1 januari 2023
(CBS Wijk- en buurtkaart 2023). Naast elk cijfer en onder elke kaart en tabel staat welke periode
en welke bron.

**Arbeidsmarkt, inkomen en bedrijven.** Uit CBS-tabel 85984NED (Kerncijfers wijken en buurten
2024): personen met bijstand, WW en een arbeidsongeschiktheidsuitkering, werkzame beroepsbevolking,
netto arbeidsparticipatie, % werknemers en zelfstandigen, gemiddeld inkomen per inwoner, % personen
in armoede en bedrijfsvestigingen (totaal en 8 sectoren). Deze onderwerpen hebben niet allemaal
dezelfde periode: de uitkeringen zijn een stand op 31 december 2024, de arbeidscijfers gaan over
2024, het inkomen en de armoede over 2023 en de bedrijfsvestigingen over 1 januari 2024. CBS noemt
al deze cijfers voorlopig. Per cijfer staat hieronder of CBS de periode vermeldt of waaruit die is
afgeleid. Werkloosheid en banen per gemeente zitten niet in die tabel; die toont het dashboard
niet.

**Hoe de regiocijfers voor arbeidsmarkt en inkomen tot stand komen.** {labour_method}

**Kaart.** De kaart gebruikt vereenvoudigde grenzen en geen achtergrondkaart van internet, zodat
hij ook zonder internet werkt (bijvoorbeeld in een vergaderzaal).

**Ontwikkelvarianten.** De beoordelingen ++ tot en met -/- komen uit paragraaf 8 van de
handreiking uit 2012. {scale_assumption} Op de pagina's *Varianten* en *Robuustheid* kunt u zien
wat een andere omrekening of weging doet.
""".replace("{labour_method}", METHOD_NOTE).replace(
        "{scale_assumption}", escape_markdown(scale_assumption())
    )
)

st.subheader("Periode per cijfer (arbeidsmarkt, inkomen, bedrijven)")
st.markdown(entries_markdown(period_entries()))
st.caption(
    "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED), tabeltoelichting en omschrijving "
    "per onderwerp."
)

st.subheader("Gegevensmap")
in_use = data_source()
# the folder names come from the environment and the snapshot's fields from a file: user text
st.markdown(
    f"In gebruik: **{escape_markdown(in_use.description)}**. De volgorde is: eerst de map uit de "
    "omgevingsvariabele `DASHBOARD_DATA_DIR`, dan de eigen download "
    f"(`python -m dashboard data download --jaar 2025`, in {escape_markdown(cbs_cache_dir())}), "
    "en anders de momentopname die in het dashboard is ingebouwd."
)
snapshot = snapshot_info()
if snapshot:
    st.markdown(
        "**Ingebouwde momentopname.** "
        + escape_markdown(
            f"{snapshot.get('attribution', 'Bron: CBS')}. Licentie: "
            f"{snapshot.get('licence', 'CC BY 4.0')}. Gegevens van "
            f"{fmt_date(snapshot.get('data_date'))}. {snapshot.get('description', '')}"
        )
    )

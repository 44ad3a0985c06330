"""The figures the dashboard can show per gemeente and per region: definitions only.

Kept apart from the computations (``kerncijfers``), which need pandas: a page can list and name
the indicators before the data and its libraries are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """A figure that can be shown per gemeente and per region."""

    id: str
    label: str
    unit: str
    #: "som" (sum of counts), "verhouding" (numerator sum / denominator sum),
    #: "aandeel" (percentage of inwoners, via counts), "gewogen" (mean weighted by ``weight``)
    kind: str
    numerator: str = ""
    denominator: str = ""
    weight: str = ""
    decimals: int = 0
    note: str = ""
    #: one of GROUPS; the Kaart lists indicators under these headings
    group: str = "Bevolking"
    #: "verhouding" only: numerator / denominator × scale (e.g. 1000 for "per 1.000")
    scale: float = 1.0
    #: own entry in data/SOURCES.yaml (table, column, period); "" = the rows' table source
    source_id: str = ""
    #: how the region value is made, said on the page where it is shown
    method: str = ""


#: Indicator groups in the order they are shown.
GROUPS: tuple[str, ...] = ("Bevolking", "Arbeidsmarkt", "Inkomen", "Bedrijven")


def grouped(indicator_ids: Iterable[str]) -> dict[str, list[str]]:
    """``indicator_ids`` per group, groups in ``GROUPS`` order, empty groups left out."""
    ids = list(indicator_ids)
    out: dict[str, list[str]] = {}
    for group in GROUPS:
        members = [i for i in ids if INDICATORS[i].group == group]
        if members:
            out[group] = members
    return out


#: Benefit kinds in the CBS table: our column → label.
BENEFITS: tuple[tuple[str, str], ...] = (
    ("bijstand", "Personen met bijstand"),
    ("ww", "Personen met WW"),
    ("ao", "Personen met een arbeidsongeschiktheidsuitkering"),
)
#: The 8 sectors (SBI 2008 sections) of the business counts: our column → label.
SECTORS: tuple[tuple[str, str], ...] = (
    ("vestigingen_a", "landbouw, bosbouw en visserij (A)"),
    ("vestigingen_bf", "nijverheid en energie (B–F)"),
    ("vestigingen_gi", "handel en horeca (G–I)"),
    ("vestigingen_hj", "vervoer, informatie en communicatie (H–J)"),
    ("vestigingen_kl", "financiële diensten, onroerend goed (K–L)"),
    ("vestigingen_mn", "zakelijke dienstverlening (M–N)"),
    ("vestigingen_oq", "overheid, onderwijs en zorg (O–Q)"),
    ("vestigingen_ru", "cultuur, recreatie, overige diensten (R–U)"),
)

INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in (
        Indicator("inwoners", "Inwoners", "inwoners", "som"),
        Indicator(
            "bevolkingsdichtheid",
            "Bevolkingsdichtheid",
            "inwoners per km² land",
            "verhouding",
            numerator="inwoners",
            denominator="oppervlakte_land_km2",
            note="voor regio's berekend als totaal inwoners gedeeld door totale landoppervlakte",
        ),
        Indicator("huishoudens", "Huishoudens", "particuliere huishoudens", "som"),
        Indicator("woningvoorraad", "Woningvoorraad", "woningen", "som"),
        Indicator("oppervlakte_land_km2", "Landoppervlakte", "km²", "som", decimals=1),
        Indicator(
            "gemiddelde_huishoudensgrootte",
            "Gemiddelde huishoudensgrootte",
            "personen per huishouden",
            "gewogen",
            weight="huishoudens",
            decimals=2,
            note=(
                "voor regio's gewogen met het aantal huishoudens (gemeentecijfers op 0,1 afgerond)"
            ),
        ),
        Indicator(
            "pct_0_14_jaar",
            "Aandeel 0–14 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_15_24_jaar",
            "Aandeel 15–24 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_25_44_jaar",
            "Aandeel 25–44 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_45_64_jaar",
            "Aandeel 45–64 jaar",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        Indicator(
            "pct_65_plus",
            "Aandeel 65 jaar en ouder",
            "% van de inwoners",
            "aandeel",
            decimals=1,
            note="voor regio's uit de afgeronde gemeentepercentages en het aantal inwoners",
        ),
        *(
            Indicator(
                f"{kind}",
                label,
                "personen",
                "som",
                group="Arbeidsmarkt",
                source_id=f"cbs_kwb_2024_{kind}",
                method="som van de gemeenten (gemeentecijfers door CBS op tientallen afgerond)",
            )
            for kind, label in BENEFITS
        ),
        *(
            Indicator(
                f"{kind}_per_1000",
                f"{label} per 1.000 inwoners van 15 tot 65 jaar",
                "per 1.000 inwoners van 15 tot 65 jaar",
                "verhouding",
                numerator=kind,
                denominator="inwoners_15_64",
                scale=1000.0,
                decimals=1,
                group="Arbeidsmarkt",
                source_id=f"cbs_kwb_2024_{kind}",
                method=(
                    "totaal aantal personen met de uitkering gedeeld door het totaal aantal "
                    "inwoners van 15 tot 65 jaar (1 januari 2024, zelfde CBS-tabel), maal 1.000"
                ),
            )
            for kind, label in BENEFITS
        ),
        Indicator(
            "werkzame_beroepsbevolking",
            "Werkzame beroepsbevolking",
            "personen",
            "som",
            group="Arbeidsmarkt",
            source_id="cbs_kwb_2024_werkzame_beroepsbevolking",
            method="som van de gemeenten",
        ),
        Indicator(
            "netto_arbeidsparticipatie",
            "Netto arbeidsparticipatie",
            "% van de bevolking van 15 tot 75 jaar",
            "gewogen",
            weight="bevolking_15_74_afgeleid",
            decimals=1,
            group="Arbeidsmarkt",
            source_id="cbs_kwb_2024_netto_arbeidsparticipatie",
            note="regio: herberekend via een afgeleide noemer; bij benadering",
            method=(
                "herberekend: per gemeente wordt de bevolking van 15 tot 75 jaar afgeleid als "
                "werkzame beroepsbevolking ÷ participatie; de regio is de totale werkzame "
                "beroepsbevolking gedeeld door die afgeleide totale bevolking. CBS rondt de "
                "gemeentepercentages af op hele procenten, dus de regiowaarde is bij benadering"
            ),
        ),
        *(
            Indicator(
                column,
                label,
                "% van de werkzame beroepsbevolking",
                "gewogen",
                weight="werkzame_beroepsbevolking",
                decimals=1,
                group="Arbeidsmarkt",
                source_id=f"cbs_kwb_2024_{column}",
                note="regio: gewogen met de werkzame beroepsbevolking; bij benadering",
                method=(
                    "herberekend: gemeentepercentages gewogen met de werkzame beroepsbevolking "
                    "(de noemer van het percentage); CBS rondt de gemeentepercentages af op "
                    "hele procenten, dus de regiowaarde is bij benadering"
                ),
            )
            for column, label in (
                ("pct_werknemers", "Werknemers"),
                ("pct_zelfstandigen", "Zelfstandigen"),
            )
        ),
        Indicator(
            "inkomen_per_inwoner",
            "Gemiddeld inkomen per inwoner",
            "× 1.000 euro",
            "gewogen",
            weight="inkomen_populatie",
            decimals=1,
            group="Inkomen",
            source_id="cbs_kwb_2024_inkomen_per_inwoner",
            note="regio: herberekend via een afgeleide noemer; bij benadering",
            method=(
                "herberekend: per gemeente is het totale inkomen = inkomensontvangers × "
                "gemiddeld inkomen per ontvanger, en het aantal inwoners in de inkomensstatistiek "
                "= dat totaal ÷ inkomen per inwoner; de regio is totaal inkomen gedeeld door "
                "totaal aantal inwoners. Ontbreekt het inkomen van één gemeente, dan is de "
                "regiowaarde niet beschikbaar"
            ),
        ),
        Indicator(
            "pct_armoede",
            "Personen in armoede",
            "% van de personen in particuliere huishoudens",
            "gewogen",
            weight="inkomen_populatie",
            decimals=1,
            group="Inkomen",
            source_id="cbs_kwb_2024_pct_armoede",
            note="regio: herberekend via een afgeleide noemer; bij benadering",
            method=(
                "herberekend: gemeentepercentages gewogen met het afgeleide aantal inwoners in "
                "de inkomensstatistiek (zie gemiddeld inkomen); bij benadering"
            ),
        ),
        Indicator(
            "bedrijfsvestigingen",
            "Bedrijfsvestigingen",
            "vestigingen",
            "som",
            group="Bedrijven",
            source_id="cbs_kwb_2024_bedrijfsvestigingen",
            method="som van de gemeenten",
        ),
        Indicator(
            "bedrijfsvestigingen_per_1000",
            "Bedrijfsvestigingen per 1.000 inwoners",
            "per 1.000 inwoners",
            "verhouding",
            numerator="bedrijfsvestigingen",
            denominator="inwoners",
            scale=1000.0,
            decimals=1,
            group="Bedrijven",
            source_id="cbs_kwb_2024_bedrijfsvestigingen",
            method=(
                "totaal aantal vestigingen gedeeld door het totaal aantal inwoners "
                "(1 januari 2024, zelfde CBS-tabel), maal 1.000"
            ),
        ),
        *(
            Indicator(
                column,
                f"Vestigingen {label}",
                "vestigingen",
                "som",
                group="Bedrijven",
                source_id="cbs_kwb_2024_bedrijfsvestigingen_sector",
                method="som van de gemeenten",
            )
            for column, label in SECTORS
        ),
    )
}

"""The figures the dashboard can show per gemeente and per region: definitions only.

Kept apart from the computations (``kerncijfers``), which need pandas: a page can list and name
the indicators before the data and its libraries are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.data.sources import Period, source

#: Said where a period cannot be given (no data for the year).
NO_PERIOD = "niet beschikbaar"


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
    #: reference period when the indicator has no own source entry (``{jaar}``: the data year);
    #: an indicator with a ``source_id`` takes the period of that entry in data/SOURCES.yaml
    period: str = "1 januari {jaar}"
    #: said with the period: who is counted when that differs from the unit (rates)
    period_note: str = ""


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
#: The 8 sectors of the business counts: our column → CBS's own title of the topic (85984NED,
#: DataProperties). "G+I" is G and I (handel, horeca), not the range G–I, which includes H.
SECTORS: tuple[tuple[str, str], ...] = (
    ("vestigingen_a", "A Landbouw, bosbouw en visserij"),
    ("vestigingen_bf", "B-F Nijverheid en energie"),
    ("vestigingen_gi", "G+I Handel en horeca"),
    ("vestigingen_hj", "H+J Vervoer, informatie en communicatie"),
    ("vestigingen_kl", "K-L Financiële diensten, onroerend goed"),
    ("vestigingen_mn", "M-N Zakelijke dienstverlening"),
    ("vestigingen_oq", "O-Q Overheid, onderwijs en zorg"),
    ("vestigingen_ru", "R-U Cultuur, recreatie, overige diensten"),
)
#: Prefix of the sector indicators' labels (a table of sectors leaves it out).
SECTOR_PREFIX = "Vestigingen: "

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
        Indicator(
            "oppervlakte_land_km2",
            "Landoppervlakte",
            "km²",
            "som",
            decimals=1,
            period="gemeentegrenzen {jaar}",
        ),
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
                period_note="uitkeringen tot de AOW-leeftijd van 67",
                method=(
                    "totaal aantal personen met de uitkering gedeeld door het totaal aantal "
                    "inwoners van 15 tot 65 jaar (1 januari 2024, zelfde CBS-tabel), maal 1.000. "
                    "De uitkeringen zijn geteld op 31 december en lopen tot de AOW-leeftijd (67 "
                    "jaar in 2024); de tabel heeft geen leeftijdsgroep tot 67 jaar, dus de rate "
                    "is iets hoger dan per inwoner van 15 tot de AOW-leeftijd"
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
            "% van de bevolking van 15 tot 75 jaar; regio: met afgeleide noemer",
            "gewogen",
            weight="bevolking_15_74_afgeleid",
            decimals=1,
            group="Arbeidsmarkt",
            source_id="cbs_kwb_2024_netto_arbeidsparticipatie",
            note="regio: herberekend met een afgeleide noemer; bij benadering",
            method=(
                "herberekend met een afgeleide noemer: CBS publiceert de bevolking van 15 tot 75 "
                "jaar (de noemer) in tabel 86258NED 'Arbeidsdeelname; wijken en buurten, 2024', "
                "maar die tabel zit niet in de gegevens van dit dashboard. Per gemeente wordt die "
                "bevolking daarom afgeleid als werkzame beroepsbevolking ÷ participatie; de regio "
                "is de totale werkzame beroepsbevolking gedeeld door die afgeleide bevolking. "
                "CBS rondt de gemeentepercentages af op hele procenten, dus de regiowaarde is "
                "bij benadering"
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
            # what the share is a share of: the people of the gemeente. The table gives the
            # count in particuliere huishoudens only through the income figures, which CBS
            # does not publish for three small gemeenten while it does publish their armoede.
            weight="inwoners",
            decimals=1,
            group="Inkomen",
            source_id="cbs_kwb_2024_pct_armoede",
            note="regio: gemeentepercentages gewogen met het aantal inwoners; bij benadering",
            method=(
                "herberekend: gemeentepercentages gewogen met het aantal inwoners (1 januari "
                "2024), het aantal mensen waar het percentage een deel van is. CBS rekent het "
                "percentage over de personen in particuliere huishoudens; dat aantal staat niet "
                "voor elke gemeente in de tabel (zonder bewoners van instellingen is het zo'n 2% "
                "kleiner), dus de regiowaarde is bij benadering. Zo bestaat er ook een waarde "
                "voor Nederland en voor regio's met een gemeente waarvan CBS het inkomen niet "
                "publiceert"
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
                f"{SECTOR_PREFIX}{label}",
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


def indicator_period(indicator_id: str, year: int | None) -> Period:
    """The reference period of an indicator's figures from the data of ``year``.

    Defined once per indicator: its own entry in data/SOURCES.yaml (labour market, income,
    businesses), else its ``period`` template; a ratio whose numerator has another period than
    its denominator says both (``31 december 2024 (…); inwoners 1 januari 2024``).
    """
    ind = INDICATORS[indicator_id]
    if year is None:
        return Period(NO_PERIOD)
    if not ind.source_id:
        return Period(ind.period.format(jaar=year), "vermeld door CBS")
    entry = source(ind.source_id)
    if entry.edition is not None and entry.edition != year:
        return Period(f"tabeljaar {year}, periode niet vastgesteld", "niet vastgesteld")
    notes = [ind.period_note] if ind.period_note else []
    if ind.kind == "verhouding":
        denominator = ind.period.format(jaar=year)
        if denominator != entry.period_label:
            name = _DENOMINATOR_NAMES.get(ind.denominator, ind.denominator)
            notes.append(f"{name}: {denominator}")
    label = entry.period_label + (f" ({'; '.join(notes)})" if notes else "")
    return Period(label, entry.period_basis, entry.provisional, date=entry.period_label)


#: How a ratio's period names its denominator.
_DENOMINATOR_NAMES = {"inwoners_15_64": "inwoners 15 tot 65 jaar", "inwoners": "inwoners"}

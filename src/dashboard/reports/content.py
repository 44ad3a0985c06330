"""What a report says: one function, :func:`build_report_content`, from a scenario-like input.

The result is a plain, renderer-neutral structure (:class:`ReportContent`): sections with a title,
a one-sentence lead, paragraphs, bullets, tables, plotly figures (each with a text alternative and
a source line) and source lines. The PDF, the PowerPoint deck and the Presentatie page all render
this same structure, so they never disagree.

Every section is built on its own. When the data a section needs is missing or unusable (data
folder not set, a file damaged), the section is kept with ``available=False`` and says "niet
beschikbaar" instead of failing the whole report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from dashboard import kerncijfers, labour, maps, overstap, pendel_report, profiles
from dashboard.charts import profiles as profile_charts
from dashboard.charts import robustness as robustness_charts
from dashboard.charts import scoring as scoring_charts
from dashboard.charts import specs as chart_specs
from dashboard.criteria import RATINGS
from dashboard.errors import DashboardError, DataMissingError
from dashboard.formatting import (
    NIET_BESCHIKBAAR,
    fmt_date,
    fmt_int,
    fmt_number,
    fmt_pct,
    fmt_plain,
    is_missing,
)
from dashboard.indicators import indicator_period
from dashboard.narrative import (
    explanation,
    group_shares_sentence,
    overrides_sentence,
    scale_assumption,
    summary_sentence,
    verdict,
)
from dashboard.narrative.costs import cost_sentence, frictiekosten_sentence, remaining_sentence
from dashboard.overstap_summary import OverstapSummary, overstap_summary
from dashboard.regions import RegionIndex, load_region_index
from dashboard.reports.images import shared_renderer
from dashboard.sampling import SamplingSettings
from dashboard.scoring import (
    DEFAULT_SCALE,
    DecisionProblem,
    ScoreResult,
    problem_from_mapping,
    score,
)
from dashboard.sensitivity import Robustness, analyse
from dashboard.settings import CASE, OverstapSettings
from dashboard.sources import Period, load_sources, source_line
from dashboard.tables import Table, cost_table, kerncijfers_table

REPORT_TITLE = "Arbeidsmarktregio en werkgeversdienstverlening"

#: Section keys in report order. The first seven are the steps of the Presentatie page.
SECTION_KEYS = (
    "vraag",
    "kaart",
    "regios",
    "arbeidsmarkt",
    "overstap",
    "varianten",
    "robuustheid",
    "conclusie",
    "aannames",
    "methoden",
    "bronnen",
)
PRESENTATION_STEPS = SECTION_KEYS[: SECTION_KEYS.index("conclusie") + 1]

SECTION_TITLES = {
    "vraag": "De vraag",
    "kaart": "Kaart van de arbeidsmarktregio's",
    "regios": "De twee regio's naast elkaar",
    "arbeidsmarkt": "Arbeidsmarkt, inkomen en bedrijven",
    "overstap": "Overstap: voor en na",
    "varianten": "Ontwikkelvarianten van het WSP: scores",
    "robuustheid": "Hoe stevig is de uitkomst?",
    "conclusie": "Conclusie",
    "aannames": "Aannames",
    "methoden": "Bijlage: methoden",
    "bronnen": "Bronnen",
}


# --- the structure --------------------------------------------------------------------------
@dataclass(frozen=True)
class Chart:
    """A Vega-Lite chart specification with the text alternative shown or embedded next to it.

    The same specification is drawn for the Presentatie page and the PDF (SVG) and the slides
    (PNG) by :mod:`dashboard.reports.images`; ``width`` and ``height`` are its size in pixels.
    """

    key: str
    title: str
    spec: dict
    alt_text: str
    source: str
    width: int = 1000
    height: int = 560


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lead: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    sources: tuple[str, ...] = ()
    available: bool = True
    #: Shorter bullets for a slide, when the full ones are too long to read from a screen.
    slide_bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportContent:
    title: str
    subtitle: str
    date_text: str
    scenario_name: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(c for s in self.sections for c in s.charts)


@dataclass(frozen=True)
class ReportInput:
    """What a report is about: a scenario or the current view.

    Parameters
    ----------
    problem_config
        The weights-file mapping (groups, criteria, scale, ratings, reasons).
    overstap
        Overstap settings, the keys of :class:`dashboard.settings.OverstapSettings` (each
        optional; invalid parts fall back to the default).
    sampling
        How the robustness analysis draws its random weightings (the Robuustheid page's
        settings of the session, a scenario's or the CLI's), so the report shows the same
        percentages as the page.
    data_year
        Year of the kerncijfers; ``None`` = the latest available.
    scenario_name, author, note
        Shown on the title page; empty = "huidige weergave".
    date
        Report date; ``None`` = today.
    """

    problem_config: Mapping[str, Any] = field(default_factory=dict)
    overstap: Mapping[str, Any] = field(default_factory=dict)
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    data_year: int | None = None
    scenario_name: str = ""
    author: str = ""
    note: str = ""
    date: dt.date | None = None


# --- the data a report draws on, loaded lazily ----------------------------------------------
class _Context:
    def __init__(self, spec: ReportInput) -> None:
        self.spec = spec
        self.overstap, _ = OverstapSettings.from_mapping(spec.overstap)

    @cached_property
    def problem(self) -> DecisionProblem:
        return problem_from_mapping(dict(self.spec.problem_config or {}))

    @cached_property
    def result(self) -> ScoreResult:
        return score(self.problem)

    @cached_property
    def index(self) -> RegionIndex:
        return load_region_index()

    @cached_property
    def kc(self) -> pd.DataFrame:
        return kerncijfers.load_kerncijfers()

    @cached_property
    def year(self) -> int:
        """Kerncijfers year: the latest with inwoners, not after the scenario's data year.

        A scenario's data year is that of the indeling (2025); CBS publishes kerncijfers later,
        so the figures of an earlier year are the most recent that fit.
        """
        latest = int(kerncijfers.latest_year(self.kc))
        if self.spec.data_year is None:
            return latest
        wanted = int(self.spec.data_year)
        candidates = [y for y in kerncijfers.indicator_years(self.kc, "inwoners") if y <= wanted]
        if not candidates:
            raise DashboardError(
                f"geen kerncijfers voor {wanted} of eerder; beschikbaar: "
                f"{', '.join(str(y) for y in kerncijfers.years(self.kc))}"
            )
        return max(candidates)

    @cached_property
    def kc_sources(self) -> tuple[str, ...]:
        ids = kerncijfers.source_ids(self.kc, self.year)
        return tuple(ids) or ("cbs_kerncijfers_2024",)

    @cached_property
    def before(self) -> pd.DataFrame:
        return kerncijfers.aggregate(self.kc, self.index.membership(), self.year)

    @property
    def gemeente_code(self) -> str:
        return self.overstap.gemeente

    @property
    def naar(self) -> str:
        return self.overstap.naar

    @cached_property
    def van(self) -> str:
        return self.index.region_of(self.gemeente_code)

    def region_name(self, code: str) -> str:
        try:
            return self.index.region(code).name
        except DashboardError:  # no data or an unknown code: the code still identifies it
            return code

    def gemeente_name(self, code: str) -> str:
        try:
            return self.index.gemeente(code).name
        except DashboardError:
            return code

    def variant_label(self, vid: str) -> str:
        return self.problem.matrix.variant(vid).name

    def after_membership(self) -> dict[str, str]:
        membership = dict(self.index.membership())
        membership[self.gemeente_code] = self.naar
        return membership


def _unavailable(key: str, reason: str) -> Section:
    return Section(
        key=key,
        title=SECTION_TITLES[key],
        lead=f"Dit onderdeel is {NIET_BESCHIKBAAR}.",
        paragraphs=(f"Reden: {reason}",),
        available=False,
    )


# --- sections -------------------------------------------------------------------------------
def _section_vraag(ctx: _Context) -> Section:
    gemeente = ctx.gemeente_name(ctx.gemeente_code)
    naar = ctx.region_name(ctx.naar)
    try:
        van = ctx.region_name(ctx.van)
    except DashboardError:
        van = "de huidige arbeidsmarktregio"
    paragraphs = [
        f"Wat verandert er als {gemeente} overstapt van {van} naar {naar}: voor de kaart, voor "
        "de cijfers van beide regio's, voor de verdeling van de regionale kosten en in de "
        "formele route?",
        "En welke ontwikkelvariant van het werkgeversservicepunt (WSP) past het best bij de "
        "weging van de doelen van gemeenten en UWV, werkgevers en werkzoekenden?",
    ]
    sources = [source_line("seed_004")]
    if ctx.gemeente_code == CASE.gemeente:
        paragraphs.append(
            "Aanleiding: de notitie van Voorschoten vraagt wat het elders onderbrengen van beleid "
            "en uitvoering W&I betekent voor de deelname aan de arbeidsmarktregio en het WSP, en "
            "wat de voor- en nadelen van een overstap zijn."
        )
        sources.insert(0, source_line("seed_000"))
    if ctx.spec.note.strip():
        paragraphs.append(f"Toelichting bij dit scenario: {ctx.spec.note.strip()}")
    return Section(
        key="vraag",
        title=SECTION_TITLES["vraag"],
        lead=f"Wat betekent een overstap van {gemeente} naar {naar}, en welke WSP-variant past?",
        paragraphs=tuple(paragraphs),
        sources=tuple(sources),
    )


def _section_kaart_chart(ctx: _Context) -> Chart:
    layers = maps.build_map_layers(ctx.index.year)
    agg = ctx.before
    regions = (ctx.van, ctx.naar)
    hover = agg.copy()
    hover["name"] = [ctx.region_name(c) for c in hover.index]
    spec = maps.region_map_spec(
        layers,
        agg["inwoners"],
        indicator_label="Inwoners",
        unit="inwoners",
        hover=hover,
        highlight_regions=regions,
        highlight_gemeenten=(ctx.gemeente_code,),
    )
    alt = maps.map_text_alternative(
        agg["inwoners"],
        {c: ctx.region_name(c) for c in agg.index},
        indicator_label="Inwoners",
        unit="inwoners",
        highlight_regions=regions,
    )
    return Chart(
        key="kaart",
        title=(
            "Arbeidsmarktregio's naar aantal inwoners "
            f"({indicator_period('inwoners', ctx.year).text})"
        ),
        # drawn at about the size a presentation step shows it, legends beside the map: their
        # type stays readable on a projector, a slide and paper (drawn large and shown small,
        # it came out at 5 px)
        spec=maps.legends_beside(spec),
        alt_text=alt,
        source=source_line("cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025", *ctx.kc_sources),
        width=310,
        height=340,
    )


def _overstap_map_chart(ctx: _Context) -> Chart:
    layers = maps.build_map_layers(ctx.index.year)
    regions = (ctx.van, ctx.naar)
    spec = maps.membership_map_spec(
        layers,
        ctx.after_membership(),
        regions,
        marked_gemeente=ctx.gemeente_code,
        region_labels={r: ctx.region_name(r) for r in regions},
    )
    gemeente = ctx.gemeente_name(ctx.gemeente_code)
    alt = (
        f"Kaart van de gemeenten van {ctx.region_name(ctx.van)} en {ctx.region_name(ctx.naar)} "
        f"na de overstap, gekleurd naar regio; {gemeente} (dik omlijnd) hoort dan bij "
        f"{ctx.region_name(ctx.naar)}."
    )
    return Chart(
        key="overstap",
        title=f"Na de overstap: {gemeente} in {ctx.region_name(ctx.naar)}",
        spec=maps.legends_beside(spec),  # as the Kaart step: drawn at about its shown size
        alt_text=alt,
        source=source_line("cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025"),
        width=420,
        height=320,
    )


def _section_kaart(ctx: _Context) -> Section:
    n_regions = len(ctx.index.regions)
    n_gemeenten = len(ctx.index.gemeenten)
    chart = _section_kaart_chart(ctx)
    return Section(
        key="kaart",
        title=SECTION_TITLES["kaart"],
        lead=(
            f"Nederland telt {n_regions} arbeidsmarktregio's met samen {n_gemeenten} gemeenten "
            f"(indeling {ctx.index.year})."
        ),
        paragraphs=(
            f"{ctx.gemeente_name(ctx.gemeente_code)} hoort nu bij {ctx.region_name(ctx.van)}; "
            f"de overstap gaat naar {ctx.region_name(ctx.naar)}.",
        ),
        charts=(chart,),
        sources=(chart.source,),
    )


def _fmt(value: Any, kind: str) -> str:
    if is_missing(value):
        return NIET_BESCHIKBAAR
    if kind == "int":
        return fmt_int(value)
    if kind == "num1":
        return fmt_number(value, 1)
    if kind == "pct1":
        return fmt_pct(float(value) / 100.0, 1)
    return str(value)


def _known_sources(ids: Iterable[Any]) -> list[str]:
    known = load_sources()
    return [i for i in dict.fromkeys(str(x) for x in ids) if i in known]


def _section_regios(ctx: _Context) -> Section:
    """The Regio's vergelijken page's own profiles and kerncijfers table, with sources."""
    regions = (ctx.van, ctx.naar)
    region_profiles = [profiles.build_profile(code, ctx.index, ctx.kc) for code in regions]
    figures = kerncijfers_table(region_profiles)
    source_ids = ["indeling_afgeleid_2025", *(i for ids in figures.row_sources for i in ids)]
    kc_source = source_line(*_known_sources(source_ids))
    count_row = (
        "Aantal gemeenten",
        *(fmt_int(p.n_gemeenten) for p in region_profiles),
        str(ctx.index.year),
    )
    tables = [
        Table(
            caption=figures.caption,
            header=figures.header,
            rows=(count_row, *figures.rows),
            source=kc_source,
        )
    ]
    sources = [kc_source]
    qual = profiles.qualitative_table(region_profiles)
    if qual:
        cite_ids = [c.source for row in qual for cell in row.cells.values() for c in cell.citations]
        q_source = source_line(*(_known_sources(cite_ids) or ["seed_000"]))
        tables.append(
            Table(
                caption="Organisatie van de regio's (uit de brondocumenten)",
                header=("", *(p.name for p in region_profiles)),
                rows=tuple(
                    (row.label, *(row.cells[p.code].text for p in region_profiles)) for row in qual
                ),
                source=q_source,
            )
        )
        sources.append(q_source)
    members = [
        f"{p.name} ({p.code}, {p.n_gemeenten} gemeenten): "
        + ", ".join(str(n) for n in p.members["gemeente_naam"])
        for p in region_profiles
    ]
    inw = [p.indicator("inwoners").value for p in region_profiles]
    one, other = region_profiles
    lead = (
        f"{one.name} telt {fmt_int(inw[0])} inwoners in {one.n_gemeenten} "
        f"gemeenten, {other.name} {fmt_int(inw[1])} in {other.n_gemeenten} "
        f"({one.indicator('inwoners').period})."
    )
    return Section(
        key="regios",
        title=SECTION_TITLES["regios"],
        lead=lead,
        bullets=tuple(members),
        tables=tuple(tables),
        sources=tuple(dict.fromkeys(sources)),
    )


def _labour_table(caption: str, frame: pd.DataFrame, source: str) -> Table:
    return Table(
        caption=caption,
        header=tuple(str(c) for c in frame.columns),
        rows=tuple(tuple(str(v) for v in row) for row in frame.itertuples(index=False)),
        source=source,
    )


def _section_arbeidsmarkt(ctx: _Context) -> Section:
    """The Arbeidsmarkt block of Regio's vergelijken and Overstap: both regions, Nederland,
    the rates chart, the gemeenten behind the values, and before/after the overstap."""
    regions = [(code, ctx.region_name(code)) for code in (ctx.van, ctx.naar)]
    comparison = labour.labour_comparison(
        ctx.kc,
        ctx.index.membership(),
        regions,
        names={g.code: g.name for g in ctx.index.gemeenten},
    )
    if not comparison.available:
        raise DataMissingError("de gegevensmap bevat geen arbeidsmarktcijfers")
    source = source_line(*_known_sources(comparison.source_ids()), "indeling_afgeleid_2025")
    table = comparison.table()
    units = table.pop("Eenheid")
    table["Indicator"] = [
        label if unit in label else f"{label} ({unit})"
        for label, unit in zip(table["Indicator"], units, strict=True)
    ]
    tables = [_labour_table("De regio's en Nederland", table, source)]
    before, after = overstap.labour_before_after(ctx.index, ctx.kc, ctx.gemeente_code, ctx.naar)
    shift = labour.before_after_table(before, after).drop(columns=["Eenheid"])
    tables.append(
        _labour_table(
            f"Voor en na de overstap van {ctx.gemeente_name(ctx.gemeente_code)}", shift, source
        )
    )
    for code, name in regions:
        tables.append(
            _labour_table(
                f"Gemeenten van {name}: de cijfers achter de regiowaarden",
                comparison.member_table(code),
                source,
            )
        )
    rates = [comparison.row(i) for i in labour.RATE_INDICATORS]
    bijstand = rates[0]
    lead = f"{bijstand.label} ({bijstand.period_short}): " + ", ".join(
        f"{name} {bijstand.text(code)}" for code, name in comparison.areas
    )
    chart = Chart(
        key="arbeidsmarkt_rates",
        title=f"Uitkeringen per 1.000 inwoners van 15 tot 65 jaar ({bijstand.period_short})",
        spec=_labour_rates_spec(comparison),
        # every chart is drawn at about the size a presentation step shows it (at most 340 px
        # high, about 670 px wide at 1280x720), so its type is shown at the size it is set in
        width=620,
        height=272,
        alt_text=labour.rates_text(comparison),
        source=source_line(*_known_sources(r.source_id for r in rates)),
    )
    return Section(
        key="arbeidsmarkt",
        title=SECTION_TITLES["arbeidsmarkt"],
        lead=lead + ".",
        paragraphs=(
            "Hoe de regiowaarden zijn berekend: " + labour.METHOD_NOTE,
            labour.PERIOD_NOTE,
        ),
        tables=tuple(tables),
        charts=(chart,),
        sources=(source,),
        slide_bullets=(
            "Nederland: alle 342 gemeenten, volgens dezelfde regels.",
            "Participatie en inkomen: per regio herberekend, bij benadering.",
        ),
    )


def _section_overstap(ctx: _Context) -> Section:
    """Before/after, costs, route and consequences from the Overstap page's core."""
    ov = overstap
    res = ov.simulate(ctx.index, ctx.kc, ctx.gemeente_code, ctx.naar, ctx.year)
    gemeente, van, naar = res.gemeente_naam, res.van, res.naar
    name = {van: res.before[van].name, naar: res.before[naar].name}
    rows = []
    for label, attr, kind in (
        ("Aantal gemeenten", None, "int"),
        ("Inwoners", "inwoners", "int"),
        ("Landoppervlakte (km²)", "oppervlakte_land_km2", "num1"),
        ("Inwoners per km² land", "bevolkingsdichtheid", "int"),
    ):
        for region in (van, naar):
            b, a = res.before[region], res.after[region]
            vb = len(b.members) if attr is None else getattr(b, attr)
            va = len(a.members) if attr is None else getattr(a, attr)
            rows.append((f"{label}, {name[region]}", _fmt(vb, kind), _fmt(va, kind)))
    fig_source = source_line(*_known_sources(res.source_ids))
    tables = [
        Table(
            caption=(
                f"Beide regio's voor en na de overstap van {gemeente} "
                f"(inwoners {indicator_period('inwoners', res.year).text})"
            ),
            header=("", "Voor", "Na"),
            rows=tuple(rows),
            source=fig_source,
        )
    ]
    paragraphs: list[str] = []
    if res.national_before is not None and res.national_before == res.national_after:
        paragraphs.append(
            f"Het landelijke totaal blijft {fmt_int(res.national_before)} inwoners: er verschuift "
            "alleen een gemeente tussen twee regio's."
        )
    settings = ctx.overstap
    cm = ov.cost_model(res, dict(settings.budgets), settings.key, settings.frictiekosten)
    key_text = "gelijke delen" if cm.key is ov.DistributionKey.GELIJK else "naar inwoners"
    names = {r.code: r.name for r in ctx.index.regions}
    cost_lines = [
        f"Kosten ({key_text}): {res.gemeente_naam} betaalt {cost_sentence(cm, names)}",
        remaining_sentence(cm, names),
        frictiekosten_sentence(cm),
    ]
    cost_lines = [line for line in cost_lines if line]
    paragraphs.extend(cost_lines)
    if any(v is not None for v in cm.budgets.values()):
        mover = [x for x in cm.rows if x.gemeente_code == res.gemeente_code]
        costs = cost_table(
            cm,
            name,
            (*cm.remaining, *mover),
            caption=f"Bijdrage per gemeente aan het regionale budget ({key_text})",
        )
        # the columns that fit a printed page; the Overstap page shows all of them
        costs = costs.columns("Gemeente", "Regio na", "Bedrag voor", "Bedrag na", "Verschil")
        tables.append(
            dataclasses.replace(
                costs,
                source=source_line(
                    *_known_sources(res.source_ids), extra="Budgetten: eigen invoer."
                ),
            )
        )
    paragraphs.append(ov.KEY_CAVEAT)
    paragraphs.append(ov.FRICTIEKOSTEN_CAVEAT)
    cite_ids: list[str] = ["seed_000"]
    steps = ov.procedure_timeline(van, naar, name)
    tables.append(
        Table(
            caption="De formele route",
            header=("Stap", "Wat", "Wie", "Besluitregel", "Resultaat"),
            rows=tuple((str(st.number), st.title, st.who, st.rule, st.result) for st in steps),
            source=source_line(
                *(_known_sources(st.citation.source for st in steps if st.citation) or ["seed_000"])
            ),
        )
    )
    bullets: list[str] = []
    pendel_sources: list[str] = []
    try:
        pendel = pendel_report.overstap_part(ctx.index, res.gemeente_code, naar)
    except DashboardError as err:
        paragraphs.append(f"De pendelcijfers zijn {NIET_BESCHIKBAAR}: {err}")
    else:
        bullets.append(pendel.bullet)
        tables.insert(1, pendel.table)
        pendel_sources.append(pendel.source)
    for cons, applies in ov.consequences(res.gemeente_code, naar):
        if applies:
            bullets.append(f"{cons.title}: {cons.text}")
            cite_ids.append(cons.citation.source)
    links = ov.variant_links(
        [(van, name[van]), (naar, name[naar])], dict(settings.variant_for_region), ctx.problem
    )
    for link in links:
        if link.variant is None:
            continue
        origin = "aanname" if link.origin == "aanname" else "keuze van de gebruiker"
        paragraphs.append(
            f"Het WSP van {link.region_name} lijkt het meest op "
            f"{ctx.variant_label(link.variant)} ({origin}); met deze weging scoort die "
            f"variant {fmt_number(link.score_0_100, 0)} van 100 (plaats {link.rank})."
        )
        if link.citation is not None:
            cite_ids.append(link.citation.source)
    charts: tuple[Chart, ...] = ()
    try:
        charts = (_overstap_map_chart(ctx),)
    except DashboardError as err:
        paragraphs.append(f"De kaart van de overstap is {NIET_BESCHIKBAAR}: {err}")
    after_van, now_van = len(res.after[van].members), len(res.before[van].members)
    lead = (
        f"Na de overstap telt {name[van]} {after_van} gemeenten (nu {now_van}) "
        f"en {name[naar]} {len(res.after[naar].members)}."
    )
    return Section(
        key="overstap",
        title=SECTION_TITLES["overstap"],
        lead=lead,
        paragraphs=tuple(p for p in paragraphs if p),
        bullets=tuple(bullets),
        # the slide and the presentation step lead with the costs: the amounts that were entered
        slide_bullets=(*cost_lines, *bullets),
        tables=tuple(tables),
        charts=charts,
        sources=tuple(
            dict.fromkeys([fig_source, *pendel_sources, source_line(*_known_sources(cite_ids))])
        ),
    )


def _labour_rates_spec(comparison: labour.LabourComparison) -> dict:
    """Bijstand, WW and AO per 1.000 inwoners of 15–65 per area: the Arbeidsmarkt chart."""
    short = {"bijstand_per_1000": "Bijstand", "ww_per_1000": "WW", "ao_per_1000": "AO"}
    rows = [comparison.row(i) for i in labour.RATE_INDICATORS] if comparison.available else []
    areas = list(comparison.areas)
    values = [
        {
            "categorie": short.get(row.id, row.label),
            "reeks": name,
            "waarde": row.values.get(code),
            "label": row.text(code),
        }
        for row in rows
        for code, name in areas
    ]
    colours = [
        profile_charts.NEDERLAND_COLOUR if code == kerncijfers.NATIONAL_CODE
        else maps.HIGHLIGHT_COLOURS[i % len(maps.HIGHLIGHT_COLOURS)]
        for i, (code, _) in enumerate(areas)
    ]  # fmt: skip
    return chart_specs.grouped_bars_spec(
        values,
        categories=[short.get(r.id, r.label) for r in rows],
        series=[name for _, name in areas],
        colours=colours,
        y_title="per 1.000 inwoners van 15 tot 65 jaar",
    )


def _scores_charts(ctx: _Context) -> tuple[Chart, ...]:
    """The Varianten page's ranking and contributions charts, with their text alternatives."""
    m = ctx.problem.matrix
    source = source_line("seed_004", extra="Weging en codering: aannames, zie Aannames.")
    out = (
        Chart(
            key="varianten",
            title="Score per ontwikkelvariant (0–100)",
            spec=chart_specs.ranking_spec(ctx.result, m),
            alt_text=scoring_charts.ranking_text(ctx.result, m),
            source=source,
            width=530,
            height=290,
        ),
        Chart(
            key="varianten_bijdragen",
            title="Waar de score vandaan komt: bijdrage per perspectief",
            spec=chart_specs.contributions_spec(ctx.result, m),
            alt_text=scoring_charts.contributions_text(ctx.result, m),
            source=source,
            width=610,
            height=272,
        ),
    )
    return out


def _override_lines(problem: DecisionProblem, reason_chars: int = 120) -> list[str]:
    """One line per own rating: criterion, variant, the handreiking's and the own rating, why."""
    m = problem.matrix
    lines = []
    for o in problem.overrides:
        reason = o.reason if len(o.reason) <= reason_chars else o.reason[: reason_chars - 1] + "…"
        lines.append(
            f"Eigen oordeel (*): {m.criterion(o.criterion).label}, {m.variant(o.variant).name}: "
            f"{o.rating.value} in plaats van {m.rating(o.criterion, o.variant).value} "
            f"(handreiking). Reden: {reason}"
        )
    return lines


def _section_varianten(ctx: _Context) -> Section:
    m = ctx.problem.matrix
    result = ctx.result
    paragraphs = [
        *explanation(result, ctx.problem),
        group_shares_sentence(ctx.problem),
    ]
    rows = tuple(
        (
            str(result.ranks[v]),
            f"{m.variant(v).name}: {m.variant(v).title}",
            fmt_number(result.scores_0_100[v], 0),
            *(fmt_number(result.group_scores[v][g], 2) for g in m.group_ids),
        )
        for v in result.ranking
    )
    table = Table(
        caption="Scores per variant (0–100) en per perspectief (op de schaal van de codering)",
        header=("Rang", "Variant", "Score", *(g.short for g in m.groups)),
        rows=rows,
        source=source_line("seed_004"),
    )
    if result.ties():
        paragraphs.append("Gelijke scores delen dezelfde rang.")
    slide_bullets: tuple[str, ...] = ()
    if ctx.problem.overrides:
        paragraphs.append(
            f"{overrides_sentence(ctx.problem).removesuffix('.')}; die staan bij Aannames."
        )
        # the slide and the presentation step that show the result show what changed it
        slide_bullets = (*_override_lines(ctx.problem), *paragraphs[:2])
    return Section(
        key="varianten",
        title=SECTION_TITLES["varianten"],
        lead=summary_sentence(result, ctx.problem),
        paragraphs=tuple(paragraphs),
        slide_bullets=slide_bullets,
        tables=(table,),
        charts=_scores_charts(ctx),
        sources=(source_line("seed_004"),),
    )


def _section_robuustheid(ctx: _Context) -> Section:
    # the sampling of the Robuustheid page (or scenario, or CLI): the same figures as there
    sampling = ctx.spec.sampling
    rob = analyse(ctx.problem, sampling)
    sentences = verdict(ctx.problem, rob)
    m = ctx.problem.matrix
    acceptability = Table(
        caption=(
            f"Hoe vaak staat elke variant op welke plaats, over {fmt_int(rob.smaa.samples)} "
            "willekeurige wegingen"
        ),
        header=("Variant", "1e plaats", "2e plaats", "3e plaats"),
        rows=tuple(
            (m.variant(v).name, *(fmt_pct(p, 0) for p in rob.smaa.acceptability[v]))
            for v in m.variant_ids
        ),
        source=source_line(
            "seed_004", extra=f"Eigen berekening (SMAA, startwaarde {sampling.seed})."
        ),
    )
    return Section(
        key="robuustheid",
        title=SECTION_TITLES["robuustheid"],
        lead=sentences[0],
        bullets=tuple(sentences[1:]),
        tables=(acceptability,),
        charts=(_robustness_chart(rob, ctx),),
        sources=(source_line("seed_004", extra="Gevoeligheid: eigen berekening."),),
    )


def _robustness_chart(rob: Robustness, ctx: _Context) -> Chart:
    """The Robuustheid page's tornado overview with its own text alternative."""
    counted = [ow for ow in rob.one_way if ow.has_effect]
    limited = [ow for ow in counted if not (ow.low <= 0 and ow.high >= 1)]
    winner = ctx.variant_label(rob.winner)
    if limited:
        # the most sensitive weights: readable on a slide; the text covers all of them
        limit = min(len(counted), 6)
        title = f"Tussen welke aandelen blijft {winner} de beste?"
        if len(counted) > limit:
            title += f" (de {limit} gevoeligste van {len(counted)} gewichten)"
    else:
        # no weight can cost the winner its place: the perspectives say it, 24 equal bars do not
        limit = len(ctx.problem.matrix.group_ids)
        title = (
            f"{winner} blijft de beste bij elk aandeel van elk van de {len(counted)} gewichten; "
            "hier de perspectieven"
        )
    spec, height = chart_specs.tornado_spec(rob.one_way, ctx.problem, width=380, limit=limit)
    return Chart(
        key="robuustheid",
        title=title,
        spec=spec,
        alt_text=robustness_charts.tornado_text(rob.one_way, ctx.problem),
        source=source_line("seed_004", extra="Eigen berekening."),
        width=560,  # drawn narrow, so its large type stays large when shown in a column
        height=height,
    )


def _what_changes(ctx: _Context) -> OverstapSummary:
    """'Wat verandert er voor <gemeente>', as the Overstap page opens with it."""
    res = overstap.simulate(ctx.index, ctx.kc, ctx.gemeente_code, ctx.naar, ctx.year)
    names = {r.code: r.name for r in ctx.index.regions}
    settings = ctx.overstap
    cm = overstap.cost_model(res, dict(settings.budgets), settings.key, settings.frictiekosten)
    return overstap_summary(
        res,
        cm,
        overstap.procedure_timeline(res.van, res.naar, names),
        overstap.consequences(res.gemeente_code, res.naar),
        names,
    )


def _section_conclusie(ctx: _Context, sections: Mapping[str, Section]) -> Section:
    bullets = []
    for key in ("varianten", "robuustheid", "overstap"):
        section = sections.get(key)
        if section is not None and section.available and section.lead:
            bullets.append(section.lead)
    if not bullets:
        raise DashboardError("geen van de onderdelen is beschikbaar")
    lead, first = bullets[0], bullets[1:]
    sources = [source_line("seed_004")]
    if sections.get("overstap") is not None and sections["overstap"].available:
        # the gemeente's own change first, then what the weighting concludes
        summary = _what_changes(ctx)
        lead = f"{summary.title}?"
        first = [*summary.as_bullets(), *bullets]
        cited = [line.source for line in summary.lines if line.source]
        sources.insert(0, source_line(*_known_sources(cited)))
    return Section(
        key="conclusie",
        title=SECTION_TITLES["conclusie"],
        lead=lead,
        bullets=tuple(first),
        paragraphs=(
            "De scores volgen uit de oordelen van de handreiking (2012) en de gekozen weging. "
            + scale_assumption(ctx.problem.scale)
            + " Cijfers over regio's zijn CBS-cijfers; budgetten en frictiekosten zijn eigen "
            "invoer.",
        ),
        sources=tuple(sources),
    )


def _section_aannames(ctx: _Context) -> Section:
    problem = ctx.problem
    m = problem.matrix
    scale = problem.scale
    default = scale.as_symbols() == {r.value: DEFAULT_SCALE[r] for r in RATINGS}
    tables = [
        Table(
            caption="Codering van de oordelen (aanname)"
            + ("" if default else "; afwijkend van de standaard"),
            header=("Oordeel", *(r.value for r in RATINGS)),
            rows=(("Waarde", *(fmt_plain(scale.value(r), 2) for r in RATINGS)),),
            source=source_line("seed_004", extra="Codering: aanname."),
        )
    ]
    shares = problem.group_shares()
    tables.append(
        Table(
            caption="Weging van de perspectieven",
            header=("Perspectief", "Gewicht (ingevoerd)", "Aandeel"),
            rows=tuple(
                (g.label, fmt_number(problem.weights.group(g.id), 2), fmt_pct(shares[g.id], 1))
                for g in m.groups
            ),
            source="Weging: keuze van de gebruiker.",
        )
    )
    changed = [c for c in m.criteria if problem.weights.criterion(c.id) != 1.0]
    paragraphs = [scale_assumption(scale)]
    if changed:
        tables.append(
            Table(
                caption="Criteria met een ander gewicht dan 1",
                header=("Criterium", "Gewicht", "Effectief aandeel"),
                rows=tuple(
                    (
                        f"{c.id} {c.label}",
                        fmt_number(problem.weights.criterion(c.id), 2),
                        fmt_pct(ctx.result.effective_weights[c.id], 1),
                    )
                    for c in changed
                ),
                source="Weging: keuze van de gebruiker.",
            )
        )
    else:
        paragraphs.append("Alle criteria wegen binnen hun perspectief even zwaar (gewicht 1).")
    if problem.overrides:
        tables.append(
            Table(
                caption="Eigen oordelen die afwijken van de handreiking",
                header=("Criterium", "Variant", "Handreiking", "Eigen oordeel", "Reden"),
                rows=tuple(
                    (
                        f"{o.criterion} {m.criterion(o.criterion).label}",
                        m.variant(o.variant).name,
                        m.rating(o.criterion, o.variant).value,
                        o.rating.value,
                        o.reason or "(geen reden opgegeven)",
                    )
                    for o in problem.overrides
                ),
                source="Afwijkingen: eigen oordeel van de gebruiker. Oorspronkelijke oordelen: "
                + source_line("seed_004").removeprefix("Bron: "),
            )
        )
    else:
        paragraphs.append("Alle oordelen zijn die van de handreiking; er zijn geen eigen oordelen.")
    paragraphs.append(
        "Kostenverdeling: "
        + (
            "gelijke delen per gemeente."
            if ctx.overstap.key == "gelijk"
            else "naar rato van het aantal inwoners."
        )
    )
    return Section(
        key="aannames",
        title=SECTION_TITLES["aannames"],
        lead=(
            "De codering ++ … -/- in getallen, de weging en eigen oordelen zijn keuzes, "
            "geen feiten."
        ),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        sources=(source_line("seed_004"),),
    )


def _section_methoden(ctx: _Context) -> Section:
    return Section(
        key="methoden",
        title=SECTION_TITLES["methoden"],
        lead="Hoe de cijfers en scores tot stand komen.",
        paragraphs=(
            "Criteria en oordelen. De 21 criteria en de oordelen (++, +, +/-, -, -/-) van de drie "
            "ontwikkelvarianten zijn overgenomen uit paragraaf 8 van de handreiking (2012), in "
            "drie perspectieven: gemeenten en UWV (10 criteria), werkgevers (7) en "
            "werkzoekenden (4).",
            "Gewogen som. Elk oordeel krijgt een getal volgens de codering. Het effectieve gewicht "
            "van een criterium is het aandeel van zijn perspectief maal zijn aandeel binnen het "
            "perspectief. De score van een variant is de som van effectief gewicht maal waarde; "
            "op 0–100 omgerekend met de laagste en hoogste waarde van de codering. Gelijke scores "
            "delen een rang.",
            "Dominantie. Een variant domineert een andere als hij op elk criterium minstens even "
            "goed en op één beter scoort; dat hangt niet af van de weging of de codering.",
            "Robuustheid. Per gewicht wordt exact berekend tussen welke aandelen de huidige "
            "winnaar de hoogste score houdt (de scores zijn lineair in dat aandeel). Daarnaast "
            "worden willekeurige wegingen getrokken (gelijkmatig over alle mogelijke verdelingen) "
            "en geteld hoe vaak elke variant de beste is.",
            "Regio's. De indeling gemeente → arbeidsmarktregio is afgeleid uit de CBS-grenzen: "
            "het representatieve punt van elke gemeente ligt binnen precies één regio. "
            "Regiocijfers zijn sommen van de gemeentecijfers; verhoudingen (zoals dichtheid) "
            "worden uit die sommen berekend. Ontbreekt een cijfer van een gemeente, dan is het "
            f"regiocijfer {NIET_BESCHIKBAAR}.",
            "Kosten. Budgetten en frictiekosten zijn invoer van de gebruiker; het dashboard "
            "verzint geen bedragen. De verdeling is naar inwoners of in gelijke delen.",
        ),
        sources=(source_line("seed_004", "cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025"),),
    )


def _period_text(source: Any) -> str:
    """``"Periode: 31 december 2024 (voorlopig) (dag vermeld door CBS; …)."``, or nothing."""
    if not source.period_label:
        return ""
    period = Period(source.period_label, provisional=source.provisional).text
    return f"Periode: {period}" + (f" ({source.period_basis})." if source.period_basis else ".")


def _section_bronnen(ctx: _Context) -> Section:
    sources = load_sources()
    # the topics of one CBS table share address, licence and date: one entry, each topic with
    # its own period, instead of the same address eleven times
    groups: dict[tuple[str, ...], list[Any]] = {}
    for s in sources.values():
        key = (s.publisher, s.location, s.licence, s.retrieved, s.table_id) if s.column else (s.id,)
        groups.setdefault(key, []).append(s)
    bullets = []
    for members in groups.values():
        s = members[0]
        title = s.title
        # "Personen met bijstand (Kerncijfers … 2024)": the table's name, then each topic
        table = s.title[s.title.rfind(" (") :] if s.title.endswith(")") else ""
        if len(members) > 1:
            title = f"{table.strip(' ()') or s.short}, met de onderwerpen hieronder"
        line = (
            f"{title}. {s.publisher}. {s.location}. Licentie: {s.licence}. "
            f"Opgehaald: {s.retrieved}."
        )
        if s.table_id:
            line += f" Tabel: {s.table_id}."
        if len(members) == 1 and (period := _period_text(s)):
            line += " " + period
        bullets.append(line)
        if len(members) > 1:
            for m in members:
                topic = m.title.removesuffix(table) if table else m.title
                code = f" ({m.table_id})" if m.table_id else ""
                bullets.append(f"{topic}{code}. {_period_text(m)}".strip())
    # one line per table: the indicators of one CBS table share its name
    short = tuple(dict.fromkeys(f"{s.short} ({s.licence})" for s in sources.values()))
    return Section(
        key="bronnen",
        title=SECTION_TITLES["bronnen"],
        slide_bullets=short,
        lead=f"{len(sources)} bronnen; elk cijfer en feit in dit rapport verwijst naar een ervan.",
        bullets=tuple(bullets),
    )


_BUILDERS: dict[str, Callable[[_Context], Section]] = {
    "vraag": _section_vraag,
    "kaart": _section_kaart,
    "regios": _section_regios,
    "arbeidsmarkt": _section_arbeidsmarkt,
    "overstap": _section_overstap,
    "varianten": _section_varianten,
    "robuustheid": _section_robuustheid,
    "aannames": _section_aannames,
    "methoden": _section_methoden,
    "bronnen": _section_bronnen,
}


def build_report_content(
    spec: ReportInput,
    *,
    skip: tuple[str, ...] = (),
) -> ReportContent:
    """Assemble a report's content.

    Parameters
    ----------
    spec
        Weights mapping, overstap settings, data year and scenario metadata.
    skip
        Section keys to leave out on purpose (shown as "niet beschikbaar").

    Returns
    -------
    ReportContent
        All sections of :data:`SECTION_KEYS`, in that order. Invalid weights raise
        :class:`~dashboard.errors.DashboardError` (the user must fix those); missing or
        unusable data only makes its own section unavailable.
    """
    ctx = _Context(spec)
    ctx.result  # noqa: B018 - invalid weights are the user's to fix: fail early, clearly
    sections: dict[str, Section] = {}
    for key in SECTION_KEYS:
        if key in skip:
            sections[key] = _unavailable(key, "weggelaten.")
            continue
        try:
            if key == "conclusie":
                sections[key] = _section_conclusie(ctx, sections)
            else:
                sections[key] = _BUILDERS[key](ctx)
            # a helper process that draws charts (a CLI report) starts on them at once
            shared_renderer().prefetch((c.spec, c.width, c.height) for c in sections[key].charts)
        # Missing data must not cost the whole report: a report with a section marked "niet
        # beschikbaar" is more useful in a meeting than an error.
        except DashboardError as err:
            sections[key] = _unavailable(key, str(err))
    date = spec.date or dt.date.today()
    name = spec.scenario_name.strip() or "huidige weergave"
    subtitle = f"Scenario: {name}"
    if spec.author.strip():
        subtitle += f" · opgesteld door {spec.author.strip()}"
    return ReportContent(
        title=REPORT_TITLE,
        subtitle=subtitle,
        date_text=fmt_date(date),
        scenario_name=name,
        sections=tuple(sections[k] for k in SECTION_KEYS),
    )

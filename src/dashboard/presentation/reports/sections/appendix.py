"""The appendix of a report: assumptions (aannames), methods (methoden) and sources (bronnen)."""

from __future__ import annotations

from dashboard.core.formatting import NIET_BESCHIKBAAR, fmt_number, fmt_pct, fmt_plain
from dashboard.data.sources import load_sources, source_line
from dashboard.mcda.criteria import RATINGS
from dashboard.mcda.scoring import DEFAULT_SCALE
from dashboard.presentation.narrative import scale_assumption
from dashboard.presentation.narrative.scores import (
    CHOICES_NOT_FACTS,
    EQUAL_CRITERIA,
    NO_OWN_RATINGS,
    NO_REASON,
    tie_policy_sentence,
)
from dashboard.presentation.narrative.sources import source_entries
from dashboard.presentation.reports.sections.context import ReportContext
from dashboard.presentation.reports.sections.model import SECTION_TITLES, Section
from dashboard.presentation.tables import Table
from dashboard.region.overstap import DistributionKey


def section_aannames(ctx: ReportContext) -> Section:
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
        paragraphs.append(EQUAL_CRITERIA)
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
                        o.reason or NO_REASON,
                    )
                    for o in problem.overrides
                ),
                source="Afwijkingen: eigen oordeel van de gebruiker. Oorspronkelijke oordelen: "
                + source_line("seed_004").removeprefix("Bron: "),
            )
        )
    else:
        paragraphs.append(NO_OWN_RATINGS)
    paragraphs.append(f"Kostenverdeling: {DistributionKey.parse(ctx.overstap.key).label}.")
    return Section(
        key="aannames",
        title=SECTION_TITLES["aannames"],
        lead=CHOICES_NOT_FACTS,
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        sources=(source_line("seed_004"),),
    )


def section_methoden(ctx: ReportContext) -> Section:
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
            "op 0–100 omgerekend met de laagste en hoogste waarde van de codering. "
            + tie_policy_sentence(),
            "Dominantie. Een variant domineert een andere als hij op elk criterium minstens even "
            "goed en op één beter scoort; dat hangt niet af van de weging of de codering.",
            "Robuustheid. Per gewicht wordt exact berekend tussen welke aandelen de huidige "
            "winnaar de hoogste score houdt (de scores zijn lineair in dat aandeel). Daarnaast "
            "worden willekeurige wegingen getrokken (gelijkmatig over alle mogelijke verdelingen) "
            "en geteld hoe vaak elke variant het hoogst scoort.",
            "Regio's. De indeling gemeente → arbeidsmarktregio is afgeleid uit de CBS-grenzen: "
            "het representatieve punt van elke gemeente ligt binnen precies één regio. "
            "Regiocijfers zijn sommen van de gemeentecijfers; verhoudingen (zoals dichtheid) "
            "worden uit die sommen berekend. Ontbreekt een cijfer van een gemeente, dan is het "
            f"regiocijfer {NIET_BESCHIKBAAR}.",
            "Kosten. Budgetten en frictiekosten zijn invoer van de gebruiker; het dashboard "
            "verzint geen bedragen. De verdeling is "
            f"{DistributionKey.PER_INWONER.label} of in {DistributionKey.GELIJK.label}.",
        ),
        sources=(source_line("seed_004", "cbs_gebiedsindelingen_2025", "indeling_afgeleid_2025"),),
    )


def section_bronnen(ctx: ReportContext) -> Section:
    sources = load_sources()
    bullets = [line for entry, topics in source_entries() for line in (entry, *topics)]
    # one line per table: the indicators of one CBS table share its name
    short = tuple(dict.fromkeys(f"{s.short} ({s.licence})" for s in sources.values()))
    return Section(
        key="bronnen",
        title=SECTION_TITLES["bronnen"],
        slide_bullets=short,
        lead=f"{len(sources)} bronnen; elk cijfer en feit in dit rapport verwijst naar een ervan.",
        bullets=tuple(bullets),
    )

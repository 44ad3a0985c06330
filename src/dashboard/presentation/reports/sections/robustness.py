"""How firm the outcome is (robuustheid)."""

from __future__ import annotations

from dashboard.core.formatting import fmt_pct
from dashboard.data.sources import source_line
from dashboard.mcda.sensitivity import Robustness, analyse
from dashboard.presentation.charts import robustness as robustness_charts
from dashboard.presentation.narrative import chart_texts, verdict
from dashboard.presentation.narrative.robustness import acceptability_caption, tornado_title
from dashboard.presentation.reports.sections import sizes
from dashboard.presentation.reports.sections.context import ReportContext
from dashboard.presentation.reports.sections.model import SECTION_TITLES, Chart, Section
from dashboard.presentation.tables import Table


def section_robuustheid(ctx: ReportContext) -> Section:
    # the sampling of the Robuustheid page (or scenario, or CLI): the same figures as there
    sampling = ctx.spec.sampling
    rob = analyse(ctx.problem, sampling)
    sentences = verdict(ctx.problem, rob)
    m = ctx.problem.matrix
    acceptability = Table(
        caption=acceptability_caption(rob.smaa.samples),
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


def _robustness_chart(rob: Robustness, ctx: ReportContext) -> Chart:
    """The Robuustheid page's tornado overview with its own text alternative."""
    counted = [ow for ow in rob.one_way if ow.has_effect]
    limited = [ow for ow in counted if not (ow.low <= 0 and ow.high >= 1)]
    winner = ctx.variant_label(rob.winner)
    # the most sensitive weights: readable on a slide; the text covers all of them. When no
    # weight can cost the winner its place, the perspectives say it: 24 equal bars do not
    limit = min(len(counted), 6) if limited else len(ctx.problem.matrix.group_ids)
    title = tornado_title(winner, len(counted), limit, bool(limited))
    spec, height = robustness_charts.tornado_spec(
        rob.one_way, ctx.problem, width=sizes.TORNADO_PLOT_WIDTH, limit=limit
    )
    return Chart(
        key="robuustheid",
        title=title,
        spec=spec,
        alt_text=chart_texts.tornado_text(rob.one_way, ctx.problem),
        source=source_line("seed_004", extra="Eigen berekening."),
        width=sizes.TORNADO_WIDTH,
        height=height,
    )

"""The scores of the three ontwikkelvarianten (varianten)."""

from __future__ import annotations

from dashboard.core.formatting import fmt_number
from dashboard.data.sources import source_line
from dashboard.presentation.charts import scoring as scoring_charts
from dashboard.presentation.narrative import (
    chart_texts,
    explanation,
    group_shares_sentence,
    overrides_sentence,
    summary_sentence,
)
from dashboard.presentation.narrative.scores import override_line, tie_policy_sentence
from dashboard.presentation.reports.sections import sizes
from dashboard.presentation.reports.sections.context import ReportContext
from dashboard.presentation.reports.sections.model import SECTION_TITLES, Chart, Section
from dashboard.presentation.tables import Table


def _scores_charts(ctx: ReportContext) -> tuple[Chart, ...]:
    """The Varianten page's ranking and contributions charts, with their text alternatives."""
    m = ctx.problem.matrix
    source = source_line("seed_004", extra="Weging en codering: aannames, zie Aannames.")
    out = (
        Chart(
            key="varianten",
            title="Score per ontwikkelvariant (0–100)",
            spec=scoring_charts.ranking_spec(ctx.result, m),
            alt_text=chart_texts.ranking_text(ctx.result, m),
            source=source,
            width=sizes.RANKING.width,
            height=sizes.RANKING.height,
        ),
        Chart(
            key="varianten_bijdragen",
            title="Waar de score vandaan komt: bijdrage per perspectief",
            spec=scoring_charts.contributions_spec(ctx.result, m),
            alt_text=chart_texts.contributions_text(ctx.result, m),
            source=source,
            width=sizes.CONTRIBUTIONS.width,
            height=sizes.CONTRIBUTIONS.height,
        ),
    )
    return out


def section_varianten(ctx: ReportContext) -> Section:
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
        paragraphs.append(tie_policy_sentence())
    slide_bullets: tuple[str, ...] = ()
    if ctx.problem.overrides:
        paragraphs.append(
            f"{overrides_sentence(ctx.problem).removesuffix('.')}; die staan bij Aannames."
        )
        # the slide and the presentation step that show the result show what changed it
        overrides = (
            override_line(ctx.problem, o, mark=" (*)", reason_chars=120)
            for o in ctx.problem.overrides
        )
        slide_bullets = (*overrides, *paragraphs[:2])
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

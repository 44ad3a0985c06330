"""The scores of the three ontwikkelvarianten (varianten)."""

from __future__ import annotations

from dashboard.charts import scoring as scoring_charts
from dashboard.charts import specs as chart_specs
from dashboard.formatting import fmt_number
from dashboard.narrative import (
    explanation,
    group_shares_sentence,
    overrides_sentence,
    summary_sentence,
)
from dashboard.reports.sections import sizes
from dashboard.reports.sections.context import ReportContext
from dashboard.reports.sections.model import SECTION_TITLES, Chart, Section
from dashboard.scoring import DecisionProblem
from dashboard.sources import source_line
from dashboard.tables import Table


def _scores_charts(ctx: ReportContext) -> tuple[Chart, ...]:
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
            width=sizes.RANKING.width,
            height=sizes.RANKING.height,
        ),
        Chart(
            key="varianten_bijdragen",
            title="Waar de score vandaan komt: bijdrage per perspectief",
            spec=chart_specs.contributions_spec(ctx.result, m),
            alt_text=scoring_charts.contributions_text(ctx.result, m),
            source=source,
            width=sizes.CONTRIBUTIONS.width,
            height=sizes.CONTRIBUTIONS.height,
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

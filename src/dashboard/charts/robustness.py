"""Charts of the robustness analysis: score lines against one weight, the tornado overview of all
intervals, and rank acceptability; each with a text alternative (a sentence and a table).

Colours are the Okabe–Ito palette of :mod:`dashboard.charts.scoring` (one per variant, table
order); lines also differ in dash style and every bar prints its number, so colour is never the
only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import apply_layout
from dashboard.formatting import fmt_number, fmt_pct
from dashboard.narrative import (
    interval_text,
    lower_first,
    stays_highest_sentence,
    wins_only_if_sentences,
)
from dashboard.scoring import DecisionProblem
from dashboard.sensitivity import OneWay, SmaaResult

#: Okabe–Ito, as in dashboard.charts.scoring (variants in table order).
VARIANT_COLOURS = ("#0072B2", "#D55E00", "#009E73")
DASHES = ("solid", "dash", "dot")
#: Rank 1, 2, 3: dark blue (white text, contrast 5.4:1), light blue and light grey (black text).
RANK_COLOURS = ("#0072B2", "#9ECAE9", "#E0E0E0")
RANK_TEXT = ("#FFFFFF", "#000000", "#000000")
INTERVAL_COLOUR = "#56B4E9"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    return apply_layout(fig, title, height)


def _short(label: str, width: int = 44) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def weight_label(
    problem: DecisionProblem, ow: OneWay, width: int = 34, compact: bool = False
) -> str:
    """``Groep: Werkgevers`` for a group, ``Concurrerend aanbod … (werkzoekenden)`` for a
    criterion: the names a reader knows, never the internal ids. The group is named after the
    criterion, so criteria that share a name stay apart (two groups have "Efficiency &
    effectiviteit bevorderend"). ``compact`` (a chart on a slide): the group only where the
    name alone is ambiguous, and no "Groep:" prefix."""
    if ow.kind == "group":
        return ow.label if compact else f"Groep: {ow.label}"
    label = _short(ow.label, width)
    if compact:
        names = [c.label for c in problem.matrix.criteria]
        if names.count(ow.label) < 2:
            return label
    group = problem.matrix.group(ow.group).short if ow.group else ""
    return f"{label} ({lower_first(group)})"


def _colour(problem: DecisionProblem, variant: str) -> str:
    return VARIANT_COLOURS[problem.matrix.variant_ids.index(variant) % len(VARIANT_COLOURS)]


# --- score lines -------------------------------------------------------------------------------
def score_lines_figure(ow: OneWay, problem: DecisionProblem) -> go.Figure:
    """Score of every variant against the share of one weight (straight lines), with the
    current share marked, the winner's interval shaded and the crossing points as dots."""
    m = problem.matrix
    fig = go.Figure()
    fig.add_vrect(
        x0=ow.low * 100,
        x1=ow.high * 100,
        fillcolor=INTERVAL_COLOUR,
        opacity=0.15,
        line_width=0,
        layer="below",
    )
    for k, vid in enumerate(m.variant_ids):
        ys = [ow.score_at(vid, 0.0), ow.score_at(vid, 1.0)]
        fig.add_trace(
            go.Scatter(
                x=[0, 100],
                y=ys,
                mode="lines",
                name=m.variant(vid).name,
                line={"color": _colour(problem, vid), "dash": DASHES[k % 3], "width": 3},
                hovertemplate=f"{m.variant(vid).name}: score %{{y:.3f}} bij %{{x:.1f}}%"
                "<extra></extra>",
            )
        )
    if ow.crossings:
        fig.add_trace(
            go.Scatter(
                x=[t * 100 for t, _, _ in ow.crossings],
                y=[ow.score_at(a, t) for t, a, _ in ow.crossings],
                mode="markers",
                name="snijpunt",
                marker={
                    "color": "#000000",
                    "size": 9,
                    "symbol": "circle-open",
                    "line": {"width": 2},
                },
                text=[
                    f"{m.variant(a).name} = {m.variant(b).name} bij {fmt_pct(t, 1)}"
                    for t, a, b in ow.crossings
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.add_vline(
        x=ow.baseline_share * 100,
        line={"color": "#000000", "dash": "dash", "width": 2},
        annotation_text=f"nu {fmt_pct(ow.baseline_share, 0)}",
        annotation_position="bottom right",
    )
    if ow.kind == "group":
        axis = f"aandeel van {ow.label} in het gewicht van alle groepen (%)"
    else:
        axis = f"aandeel binnen de groep {m.group(ow.group).label} (%)"
    fig.update_xaxes(range=[-1, 101], dtick=20, title=axis, ticksuffix="%")
    fig.update_yaxes(title="score")
    return _layout(fig, f"Scores bij een ander gewicht voor {_short(ow.label, 60)}", 420)


def score_lines_text(ow: OneWay, problem: DecisionProblem) -> str:
    """The same as the figure, in sentences."""
    m = problem.matrix
    parts = [stays_highest_sentence(problem, ow), *wins_only_if_sentences(problem, ow)]
    inside = [c for c in ow.crossings if 0 < c[0] < 1]
    if inside:
        parts.append(
            "De lijnen snijden elkaar bij "
            + "; ".join(
                f"{fmt_pct(t, 1)} ({m.variant(a).name} en {m.variant(b).name})"
                for t, a, b in inside
            )
            + "."
        )
    return " ".join(parts)


def score_lines_table(ow: OneWay, problem: DecisionProblem) -> pd.DataFrame:
    """Scores at share 0%, now and 100%."""
    m = problem.matrix
    points = [
        (0.0, "bij 0%"),
        (ow.baseline_share, f"nu ({fmt_pct(ow.baseline_share, 1)})"),
        (1.0, "bij 100%"),
    ]
    return pd.DataFrame(
        {
            "Variant": [m.variant(v).name for v in m.variant_ids],
            **{
                label: [fmt_number(ow.score_at(v, t), 3) for v in m.variant_ids]
                for t, label in points
            },
        }
    )


# --- tornado -----------------------------------------------------------------------------------
def _tornado_rows(one_way: Sequence[OneWay]) -> list[OneWay]:
    """Weights that can change a score, narrowest interval first."""
    rows = [ow for ow in one_way if ow.has_effect]
    return sorted(rows, key=lambda ow: (ow.width, ow.kind != "group", ow.id))


TICK_FONT = {"size": 16}


def tornado_figure(
    one_way: Sequence[OneWay], problem: DecisionProblem, limit: int | None = None
) -> go.Figure:
    """For every weight the interval of shares in which the winner stays on top (bar) and the
    current share (diamond); the narrowest intervals, the most sensitive weights, on top.

    ``limit`` keeps only that many of the most sensitive weights (a slide has room for about
    eight readable rows); the title then says how many of how many are shown. The interval is
    printed right of its bar, so it never collides with the diamond or gets clipped.
    """
    m = problem.matrix
    all_rows = _tornado_rows(one_way)
    shown = all_rows[:limit] if limit else all_rows
    rows = shown[::-1]  # plotly draws the first category at the bottom
    labels = [weight_label(problem, ow) for ow in rows]
    winner = rows[0].winner if rows else (one_way[0].winner if one_way else m.variant_ids[0])
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[(ow.high - ow.low) * 100 for ow in rows],
            base=[ow.low * 100 for ow in rows],
            orientation="h",
            marker={"color": INTERVAL_COLOUR, "line": {"color": "#1F4E79", "width": 1}},
            name=f"{m.variant(winner).name} blijft het hoogst",
            text=[interval_text(ow) for ow in rows],
            textposition="outside",
            cliponaxis=False,
            textfont={"color": "#000000", "size": 15},
            customdata=[
                [
                    m.variant(ow.below).name if ow.below else "geen",
                    m.variant(ow.above).name if ow.above else "geen",
                ]
                for ow in rows
            ],
            hovertemplate="%{y}<br>van %{base:.1f}% tot %{x:.1f}% breed"
            "<br>daaronder wint: %{customdata[0]}<br>daarboven wint: %{customdata[1]}"
            "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=[ow.baseline_share * 100 for ow in rows],
            mode="markers",
            name="huidig aandeel",
            marker={"symbol": "diamond", "size": 12, "color": "#000000"},
            hovertemplate="%{y}: nu %{x:.1f}%<extra></extra>",
        )
    )
    fig.update_xaxes(
        range=[0, 101],
        tickvals=[0, 20, 40, 60, 80, 100],
        title="aandeel van het gewicht (%)",
        ticksuffix="%",
        tickfont=TICK_FONT,
    )
    fig.update_yaxes(tickfont=TICK_FONT)
    fig.update_layout(barmode="overlay", bargap=0.25)
    height = 150 + 30 * max(len(rows), 1)
    title = f"Tussen welke aandelen blijft {m.variant(winner).name} het hoogst?"
    if limit and len(all_rows) > len(shown):
        title += f" (de {len(shown)} gevoeligste van {len(all_rows)} gewichten)"
    # room right of the plot for the interval text of a bar that reaches 100 %
    return apply_layout(fig, title, height, margin_right=85)


def tornado_text(one_way: Sequence[OneWay], problem: DecisionProblem) -> str:
    """A short text alternative for the tornado overview."""
    m = problem.matrix
    rows = _tornado_rows(one_way)
    if not rows:
        return "Geen enkel gewicht kan nu de scores veranderen."
    winner = m.variant(rows[0].winner).name
    full = [ow for ow in rows if ow.low <= 0 and ow.high >= 1]
    limited = [ow for ow in rows if not (ow.low <= 0 and ow.high >= 1)]
    text = (
        f"Van de {len(rows)} gewichten die meetellen, kunnen er {len(full)} elk aandeel van 0% tot "
        f"100% krijgen zonder dat {winner} zijn eerste plaats verliest."
    )
    if limited:
        text += " Grenzen gelden voor: " + "; ".join(
            f"{ow.label} ({interval_text(ow)}, nu {fmt_pct(ow.baseline_share, 0)})"
            for ow in limited[:5]
        )
        text += " en meer (zie de tabel)." if len(limited) > 5 else "."
    return text


def tornado_table(one_way: Sequence[OneWay], problem: DecisionProblem) -> pd.DataFrame:
    """All one-way results as a table (the text alternative in full)."""
    m = problem.matrix

    def name(v: str | None) -> str:
        return m.variant(v).name if v else "–"

    return pd.DataFrame(
        {
            "Gewicht": [weight_label(problem, ow) for ow in one_way],
            "Nu": [fmt_pct(ow.baseline_share, 1) for ow in one_way],
            "Van": [fmt_pct(ow.low, 1) for ow in one_way],
            "Tot": [fmt_pct(ow.high, 1) for ow in one_way],
            "Daaronder wint": [name(ow.below) for ow in one_way],
            "Daarboven wint": [name(ow.above) for ow in one_way],
            "Telt mee": ["ja" if ow.has_effect else "nee (geen effect)" for ow in one_way],
        }
    )


# --- acceptability -----------------------------------------------------------------------------
def acceptability_figure(result: SmaaResult, problem: DecisionProblem) -> go.Figure:
    """Stacked bars: per variant the share of sampled weightings in which it is 1st, 2nd, 3rd."""
    m = problem.matrix
    order = list(result.variant_ids)[::-1]
    fig = go.Figure()
    n_ranks = len(result.variant_ids)
    for r in range(n_ranks):
        shares = [result.acceptability[v][r] * 100 for v in order]
        fig.add_trace(
            go.Bar(
                y=[m.variant(v).name for v in order],
                x=shares,
                orientation="h",
                name=f"{r + 1}e plaats",
                marker={
                    "color": RANK_COLOURS[min(r, len(RANK_COLOURS) - 1)],
                    "line": {"color": "#404040", "width": 1},
                },
                text=[fmt_pct(s / 100, 0) if s >= 4 else "" for s in shares],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": RANK_TEXT[min(r, len(RANK_TEXT) - 1)]},
                hovertemplate=f"%{{y}}: {r + 1}e plaats in %{{x:.1f}}% van de wegingen"
                "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(range=[0, 101], dtick=20, title="aandeel van de wegingen (%)", ticksuffix="%")
    return _layout(fig, "Hoe vaak staat elke variant op welke plaats?", 280)


def acceptability_text(result: SmaaResult, problem: DecisionProblem) -> str:
    m = problem.matrix
    parts = []
    for v in result.variant_ids:
        shares = ", ".join(
            f"{fmt_pct(p, 1)} {r + 1}e" for r, p in enumerate(result.acceptability[v])
        )
        parts.append(f"{m.variant(v).name}: {shares}")
    return f"Over {fmt_number(result.samples, 0)} willekeurige wegingen: " + "; ".join(parts) + "."


def acceptability_table(result: SmaaResult, problem: DecisionProblem) -> pd.DataFrame:
    m = problem.matrix
    n_ranks = len(result.variant_ids)
    return pd.DataFrame(
        {
            "Variant": [m.variant(v).name for v in result.variant_ids],
            **{
                f"{r + 1}e plaats": [
                    fmt_pct(result.acceptability[v][r], 1) for v in result.variant_ids
                ]
                for r in range(n_ranks)
            },
            "Onzekerheid 1e plaats (±2 st.fout)": [
                f"± {fmt_number(2 * result.standard_error(v) * 100, 1)} procentpunt"
                for v in result.variant_ids
            ],
        }
    )


def central_weights_table(result: SmaaResult, problem: DecisionProblem) -> pd.DataFrame:
    """Mean group shares (and within-group criterion shares) of the weightings each variant wins."""
    m = problem.matrix
    rows = []
    for g in m.groups:
        rows.append(
            [f"Groep: {g.label}"]
            + [
                fmt_pct(cw["groups"][g.id], 1) if (cw := result.central_weights[v]) else "–"
                for v in result.variant_ids
            ]
        )
    for c in m.criteria:
        rows.append(
            [f"{_short(c.label)} ({m.group(c.group).short}, binnen de groep)"]
            + [
                fmt_pct(cw["criteria"][c.id], 1) if (cw := result.central_weights[v]) else "–"
                for v in result.variant_ids
            ]
        )
    columns = ["Gewicht"] + [f"als {m.variant(v).name} wint" for v in result.variant_ids]
    return pd.DataFrame(rows, columns=columns)

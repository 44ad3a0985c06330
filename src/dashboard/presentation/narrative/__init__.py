"""The dashboard's conclusions in plain Dutch: each computed once and worded once.

Pages, the CLI, the PDF and the PowerPoint deck call these functions instead of writing their
own sentences, so a conclusion reads the same everywhere (who wins and why, ties, dominance,
own ratings, how firm the outcome is).

* :mod:`dashboard.presentation.narrative.words`: small helpers (``join_nl``, ``lower_first``,
counts,
  percentages rounded so a sentence stays true).
* :mod:`dashboard.presentation.narrative.scores`: the scores of the Varianten page.
* :mod:`dashboard.presentation.narrative.robustness`: the verdict of the Robuustheid page.
* :mod:`dashboard.presentation.narrative.costs`: what an overstap costs the gemeente and those who
stay.
* :mod:`dashboard.presentation.narrative.overstap`: what the overstap does to the two regions.
* :mod:`dashboard.presentation.narrative.regions`: the regions' counts, members and rates in the
report.
* :mod:`dashboard.presentation.narrative.scenarios`: a comparison of two scenarios and a group
weighting.

The last four are imported by their module path (they read the overstap, labour and scenario
types, which this package's own imports do not need).
"""

from dashboard.presentation.narrative.robustness import (
    FIRMNESS_NOTE,
    FIRST_ON_TIES,
    acceptability_caption,
    acceptability_sentence,
    basis_of_verdict,
    challenger_sentence,
    firmness,
    interval_text,
    random_codings_sentence,
    scale_sentence,
    stays_highest_sentence,
    tornado_title,
    verdict,
    wins_only_if_sentences,
)
from dashboard.presentation.narrative.scores import (
    CHOICES_NOT_FACTS,
    EQUAL_CRITERIA,
    NO_OWN_RATINGS,
    NO_REASON,
    SCALE_SOURCE_NOTE,
    TIE_POLICY,
    basis_sentence,
    dominance_sentence,
    dominance_sentences,
    explanation,
    group_shares_sentence,
    override_line,
    overrides_sentence,
    preset_note,
    scale_assumption,
    scale_coding,
    scale_note,
    summary_sentence,
    tie_policy_sentence,
    tie_sentence,
    why_sentence,
)
from dashboard.presentation.narrative.words import (
    count,
    join_nl,
    lower_first,
    own_ratings,
    pct_interval,
)

__all__ = [
    "CHOICES_NOT_FACTS",
    "EQUAL_CRITERIA",
    "FIRMNESS_NOTE",
    "FIRST_ON_TIES",
    "NO_OWN_RATINGS",
    "NO_REASON",
    "SCALE_SOURCE_NOTE",
    "TIE_POLICY",
    "acceptability_caption",
    "acceptability_sentence",
    "basis_of_verdict",
    "basis_sentence",
    "challenger_sentence",
    "count",
    "dominance_sentence",
    "dominance_sentences",
    "explanation",
    "firmness",
    "group_shares_sentence",
    "interval_text",
    "join_nl",
    "lower_first",
    "override_line",
    "overrides_sentence",
    "own_ratings",
    "pct_interval",
    "preset_note",
    "random_codings_sentence",
    "scale_assumption",
    "scale_coding",
    "scale_note",
    "scale_sentence",
    "stays_highest_sentence",
    "summary_sentence",
    "tie_policy_sentence",
    "tie_sentence",
    "tornado_title",
    "verdict",
    "why_sentence",
    "wins_only_if_sentences",
]

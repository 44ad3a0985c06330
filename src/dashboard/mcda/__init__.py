"""The multi-criteria analysis of the WSP variants: the criteria matrix, scoring, weighting and
sensitivity."""

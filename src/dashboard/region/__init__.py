"""The region question: profiles, the overstap of a gemeente, commuting, and the settings of the
case."""

"""Pure chart builders (plotly figures) and their text alternatives; no Streamlit here.

Each builder returns a :class:`plotly.graph_objects.Figure` so the page, the PDF and the
PowerPoint export share one picture; each has a ``*_text`` companion that says the same in words
or as a table (WCAG 2.1 AA: a text alternative next to every chart).
"""

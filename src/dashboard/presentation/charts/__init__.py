"""Pure chart builders: one Vega-Lite specification per chart (a plain dict); no Streamlit here.

The page shows a spec with ``st.vega_lite_chart`` (:func:`dashboard.ui.figures.show_chart`);
the Presentatie page, the PDF and the slides draw the same spec without a browser
(:mod:`dashboard.presentation.charts.render`). The shared frame and the bar chart are in
:mod:`dashboard.presentation.charts.specs`; each chart's text alternative is in
:mod:`dashboard.presentation.narrative.chart_texts` (WCAG 2.1 AA: a text alternative next to every
chart).
"""

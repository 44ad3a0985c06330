"""Reports for the college meeting: one content builder, three renderers.

* :mod:`dashboard.presentation.reports.content` assembles everything a report says (sections with
text,
  tables, Vega-Lite chart specifications with text alternatives and source lines) from a
  scenario-like input; each section is built in its own module of
  :mod:`dashboard.presentation.reports.sections`.
  Sections whose data or module is missing are kept, marked "niet beschikbaar".
* :mod:`dashboard.presentation.reports.images` draws the charts without a browser: the bar
  charts natively (:mod:`dashboard.presentation.charts.native`: reportlab drawings for the PDF,
  PowerPoint's own charts for the slides), the others with vl-convert (SVG: vector graphics in
  the PDF, pictures on the Presentatie page; PNG for the slides).
* :mod:`dashboard.presentation.reports.pdf` writes an A4 PDF (reportlab),
:mod:`dashboard.presentation.reports.pptx` a
  16:9 PowerPoint deck (python-pptx). The Presentatie page shows the same content on screen.

Typical use::

    from dashboard.presentation.reports.content import ReportInput, build_report_content
    from dashboard.presentation.reports.images import shared_renderer
    from dashboard.presentation.reports.pdf import build_pdf

    content = build_report_content(ReportInput(problem_config={"groups": {"werkgevers": 2}}))
    pdf_bytes = build_pdf(content, shared_renderer())
"""

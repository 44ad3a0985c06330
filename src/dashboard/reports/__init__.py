"""Reports for the college meeting: one content builder, three renderers.

* :mod:`dashboard.reports.content` assembles everything a report says (sections with text,
  tables, plotly figures with text alternatives and source lines) from a scenario-like input.
  Sections whose data or module is missing are kept, marked "niet beschikbaar".
* :mod:`dashboard.reports.images` turns plotly figures into PNG (kaleido + Debian's Chromium).
* :mod:`dashboard.reports.pdf` writes an A4 PDF (reportlab), :mod:`dashboard.reports.pptx` a
  16:9 PowerPoint deck (python-pptx). The Presentatie page shows the same content on screen.

Typical use::

    from dashboard.reports.content import ReportInput, build_report_content
    from dashboard.reports.images import shared_renderer
    from dashboard.reports.pdf import build_pdf

    content = build_report_content(ReportInput(problem_config={"groups": {"werkgevers": 2}}))
    pdf_bytes = build_pdf(content, shared_renderer())
"""

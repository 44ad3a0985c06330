"""The sections of a report, each built on its own from a :class:`~.context.ReportContext`.

* :mod:`.model`: the structure (:class:`~.model.Section`, :class:`~.model.Chart`,
  :class:`~.model.ReportContent`), the section keys in report order and their titles.
* :mod:`.context`: what a report is about (:class:`~.context.ReportInput`) and the data it draws
  on, loaded lazily.
* :mod:`.sizes`: the size in pixels of every chart, in one place.
* one module per section or small family of sections: :mod:`.opening` (vraag, kaart),
  :mod:`.regions` (regio's, arbeidsmarkt), :mod:`.overstap`, :mod:`.variants` (varianten),
  :mod:`.robustness` (robuustheid), :mod:`.conclusion` (conclusie), :mod:`.appendix` (aannames,
  methoden, bronnen).

The sentences that state a conclusion come from :mod:`dashboard.presentation.narrative`; these
modules
arrange them with the tables and charts.
:func:`dashboard.presentation.reports.content.build_report_content`
assembles the sections into a report.
"""

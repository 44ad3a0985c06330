"""Helpers that the tests and the benchmarks share: the app as a real server process with
Chromium (``server``), driving its pages in Playwright (``browser``) and a throw-away PostgreSQL
(``postgres``). Free of pytest and of ``tests/``, so ``python benchmarks/x.py`` can import them."""

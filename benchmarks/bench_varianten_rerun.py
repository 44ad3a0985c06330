"""Benchmark: rerun time of the Varianten page after one slider change.

Target: at most 1.5× the rerun time of a minimal Streamlit app (``benchmarks/minimal_app.py``)
measured in the same run. Both are measured in a real browser (headless Debian chromium, see
``benchmarks/harness.py``): one group-weight slider moved by one keyboard step, from the script
starting to run until the new output is painted. For reference also in-process with AppTest
(script time only, full-page rerun even though the page's weights sit in an ``st.fragment``).

Usage: ``python benchmarks/bench_varianten_rerun.py [--repeats 20] [--no-apptest]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (
    AppSpec,
    apptest_compare,
    apptest_slider,
    browser_compare,
    click_button,
    machine,
    press_slider,
)

TARGET = 1.5


def apptest_slider_by_label(label: str):  # type: ignore[no-untyped-def]
    """The minimal app's slider has no key: find it by its label."""

    def action(at, i):  # type: ignore[no-untyped-def]
        slider = next(s for s in at.slider if s.label == label)
        slider.set_value(2.0 if i % 2 == 0 else 1.0)

    return action


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--no-apptest", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--chart",
        choices=("Rangorde", "Bijdrage per perspectief", "Score per perspectief", "Matrix"),
        default="Rangorde",
        help="which view of the results is open while the slider moves (default: Rangorde)",
    )
    args = parser.parse_args(argv)
    repeats = max(3, min(args.repeats, 200))

    print(machine())
    ok = True
    if not args.no_browser:
        result = browser_compare(
            AppSpec(
                "app.py",
                press_slider("Werkgevers"),
                path="varianten",
                label=f"Varianten ({args.chart})",
                setup=None if args.chart == "Rangorde" else click_button(args.chart),
            ),
            AppSpec(
                "benchmarks/minimal_app.py",
                press_slider("Gewicht werkgevers"),
                label="minimale app",
            ),
            repeats=repeats,
        )
        print("\n[browser: headless chromium, één toetsstap op een schuif, om en om gemeten]")
        print(result.text())
        ok = result.ratio <= TARGET
        print(f"doel: rerun ≤ {TARGET}× de minimale app → {'GEHAALD' if ok else 'NIET GEHAALD'}")
    if not args.no_apptest:
        result = apptest_compare(
            AppSpec(
                "pages/varianten.py",
                apptest_slider("var_g_werkgevers", (2.0, 1.0)),
                label="Varianten",
            ),
            AppSpec(
                "benchmarks/minimal_app.py",
                apptest_slider_by_label("Gewicht werkgevers"),
                label="minimale app",
            ),
            repeats=repeats,
        )
        print("\n[AppTest, in proces: alleen het script, volledige pagina, om en om gemeten]")
        print(result.text())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Rerun time of the Varianten page on servers that are already running, side by side.

For A/B tests of a server or page variant: each URL is a ``streamlit run`` (for example a copy of
the project before and after one change). A browser-less session per server
(``streamlit_client.py``) opens Varianten and moves one weight, alternating between the servers,
and the time from sending the changed weight to the server's "script finished" is printed per
server (median, p90) against the first, with a 90 % interval over paired rounds::

    python benchmarks/rerun_ab.py http://127.0.0.1:8611 http://127.0.0.1:8651 [rounds]

Start every server from the project folder, so that its ``.streamlit/config.toml`` applies to
each: elsewhere Streamlit's file watcher walks all loaded modules after every run, which added
120–160 ms to a one-sentence app here.
"""

import asyncio
import random
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import ratio_interval
from benchmarks.streamlit_client import StreamlitSession

WEIGHT = re.compile(r"Werkgevers|Gewicht", re.IGNORECASE)


async def measure(urls: list[str], rounds: int) -> dict[str, list[float]]:
    sessions = [StreamlitSession(url, "varianten", random.Random(13)) for url in urls]
    times: dict[str, list[float]] = {url: [] for url in urls}
    try:
        for session in sessions:
            await session.open()
            await session.change(WEIGHT)  # warm: the page's first change
        for r in range(rounds):
            order = list(zip(urls, sessions, strict=True))
            for url, session in order if r % 2 == 0 else order[::-1]:
                result = await session.change(WEIGHT)
                if not result.ok:
                    raise RuntimeError(f"{url}: {result.errors}")
                times[url].append(result.seconds * 1000)
    finally:
        for session in sessions:
            await session.close()
    return times


def main() -> None:
    args = sys.argv[1:]
    rounds = int(args.pop()) if args and args[-1].isdigit() else 40
    times = asyncio.run(measure(args, rounds))
    base = times[args[0]]
    for url, ms in times.items():
        low, high = ratio_interval(base, ms)
        p90 = sorted(ms)[round(0.9 * (len(ms) - 1))]
        print(
            f"{url}: mediaan {statistics.median(ms):6.1f} ms, p90 {p90:6.1f} ms; "
            f"{statistics.median(ms) / statistics.median(base):.2f}× (90 %: {low:.2f}–{high:.2f}×)"
        )


if __name__ == "__main__":
    main()

"""A data folder whose names attack: the real CBS folder with a few names rewritten.

A mirror or a colleague's data folder decides the region and gemeente names the pages, the CLI
and the exports show. Here Zuid-Holland Centraal and Holland Rijnland carry Markdown (an image,
a link, a colour directive, a formula), Voorschoten carries HTML and Markdown, and for the
terminal Leiden carries escape sequences that would retitle the window and clear the screen.
Codes, geometry and figures stay as they are, so every page still works.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

#: The image and link a browser must never contact.
OUTSIDE = "e.vil.example"
HOSTILE_REGION = (
    "Zuid-Holland Centraal ![x](http://e.vil.example/p.png) [klik](https://e.vil.example) "
    ":red[ROOD] $$x^2$$"
)
HOSTILE_TARGET = "Holland Rijnland ![y](//e.vil.example/q.png) **vet** <b>html</b>"
HOSTILE_GEMEENTE = "Voorschoten ![g](http://e.vil.example/g.png) <img src=x> _schuin_"
#: Terminal escapes: retitle the window, clear the screen, a right-to-left override.
TERMINAL_GEMEENTE = "Leiden\x1b]0;gehackt\x07\x1b[2J\u202e"
TERMINAL_REGION = "Holland Rijnland\x1b]0;gehackt\x07\x1b[2J"

#: code -> name with Markdown and HTML (regions AM.., gemeenten GM..)
NAMES = {
    "AM34": HOSTILE_REGION,
    "AM19": HOSTILE_TARGET,
    "GM0626": HOSTILE_GEMEENTE,
}
#: Names with terminal escapes (for a folder the CLI reads).
TERMINAL_NAMES = {"AM19": TERMINAL_REGION, "GM0546": TERMINAL_GEMEENTE, "GM0626": HOSTILE_GEMEENTE}


def _rewrite_topojson(path: Path, names: dict[str, str]) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    for layer in doc["objects"].values():
        for geometry in layer["geometries"]:
            props = geometry.get("properties") or {}
            if props.get("statcode") in names:
                props["statnaam"] = names[props["statcode"]]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _rewrite_csv(path: Path, code_column: str, name_column: str, names: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or code_column not in rows[0] or name_column not in rows[0]:
        return
    for row in rows:
        code = (row[code_column] or "").strip()
        if code in names:
            row[name_column] = names[code]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def make_hostile_data(source: Path, target: Path, names: dict[str, str] = NAMES) -> Path:
    """Copy the CBS folder ``source`` to ``target`` with ``names`` (code -> name) rewritten."""
    target.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.is_file():
            shutil.copyfile(item, target / item.name)
    for topojson in target.glob("*.topojson"):
        _rewrite_topojson(topojson, names)
    mapping = target / "gemeente_arbeidsmarktregio_2025.csv"
    if mapping.exists():
        _rewrite_csv(mapping, "gemeente_code", "gemeente_naam", names)
        _rewrite_csv(mapping, "arbeidsmarktregio_code", "arbeidsmarktregio_naam", names)
    _rewrite_csv(target / "gemeente_kerncijfers.csv", "gemeente_code", "gemeente_naam", names)
    for kwb in target.glob("kwb_*_gemeente.csv"):
        _rewrite_csv(kwb, "Codering_3", "Gemeentenaam_1", names)
    return target

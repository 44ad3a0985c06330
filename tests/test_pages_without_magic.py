"""The pages run without Streamlit's magic (``runner.magicEnabled = false``): nothing on them
relied on it, so switching it off changes nothing a user sees and spares every new session the
rewrite of the page's source."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def test_magic_is_off() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False


def _bare_values(source: str) -> list[int]:
    """Lines magic would have shown: a value or a string standing alone (a docstring and a call
    are never shown)."""
    shown = []
    for parent in ast.walk(ast.parse(source)):
        body = getattr(parent, "body", None)
        if not isinstance(body, list):
            continue
        for i, node in enumerate(body):
            if not isinstance(node, ast.Expr) or isinstance(node.value, ast.Call | ast.Await):
                continue
            docstring = (
                i == 0
                and isinstance(parent, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            )
            if not docstring and not isinstance(node.value, ast.Yield | ast.YieldFrom):
                shown.append(node.lineno)
    return shown


def test_no_page_writes_a_bare_value() -> None:
    shown = {
        script.name: lines
        for script in SCRIPTS
        if (lines := _bare_values(script.read_text(encoding="utf-8")))
    }
    assert not shown, shown
    assert _bare_values('"""doc"""\nx = 1\n"tekst"\nx\nf(x)\n') == [3, 4]  # the check sees them
